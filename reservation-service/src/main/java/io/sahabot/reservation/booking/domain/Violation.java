package io.sahabot.reservation.booking.domain;

import io.sahabot.schemas.reservation.RejectionReason;
import java.util.Objects;

/** Why a command is refused, with a short explanation for logs and operators. */
public record Violation(RejectionReason reason, String detail) {

  public Violation {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }
}
