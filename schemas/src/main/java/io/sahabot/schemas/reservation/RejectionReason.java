package io.sahabot.schemas.reservation;

/** Why a {@link ReservationCommand} was refused. */
public enum RejectionReason {
  /** The slot overlaps an active reservation of the same field. */
  OVERLAP,
  /** The slot is outside the opening hours. */
  CLOSED,
  /** The slot has already started. */
  PAST,
  /** The tenant has no field of that name. */
  UNKNOWN_FIELD,
  /** The command is not valid for the tenant's settings (e.g. not a whole number of slots). */
  INVALID,
  /** The tenant is deactivated. */
  TENANT_INACTIVE,
  /** The reservation does not exist for this tenant. */
  NOT_FOUND,
  /** The actor may not do this (e.g. a customer cancelling someone else's reservation). */
  FORBIDDEN,
  /**
   * A customer's cancellation within the business's {@code cancellationNoticeHours} of the start:
   * only the owner may cancel now.
   */
  TOO_LATE
}
