package io.sahabot.schemas.reservation;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;

import java.util.UUID;

/**
 * Who asked for a command. reservation-service decides with it what the command may touch: a
 * customer only its own reservations.
 *
 * @param userId a customer's or staff member's WhatsApp user id; an operator's name or API key
 *     name; for {@code BUSINESS}, {@code api-key:<keyId>} or {@code operator}
 */
public record Actor(Role role, String userId) {

  /** The roles of DESIGN.md. */
  public enum Role {
    /** Someone who books for themself. */
    CUSTOMER,
    /** The business's owner or staff (an admin number of the tenant). */
    OWNER,
    /** Someone running the deployment (admin API). */
    OPERATOR,
    /**
     * The business acting through its tenant API, authenticated by tenant-service (an {@code sk_}
     * key of that tenant, or an operator acting for it): an owner's rights in its tenant, without
     * the admin-number check. Only tenant-service sends its commands; it has no WhatsApp address.
     */
    BUSINESS
  }

  /** The business through its tenant API with the API key {@code keyId}. */
  public static Actor businessKey(UUID keyId) {
    return new Actor(Role.BUSINESS, "api-key:" + keyId);
  }

  /** The business through its tenant API, an operator acting for it. */
  public static Actor businessOperator() {
    return new Actor(Role.BUSINESS, "operator");
  }

  public Actor {
    nonNull(role, "requestedBy.role");
    nonBlank(userId, "requestedBy.userId");
  }
}
