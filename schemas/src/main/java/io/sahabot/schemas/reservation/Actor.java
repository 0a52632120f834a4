package io.sahabot.schemas.reservation;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;

/**
 * Who asked for a command. reservation-service decides with it what the command may touch: a
 * customer only its own reservations.
 *
 * @param userId a customer's or staff member's WhatsApp user id; an operator's name or API key name
 */
public record Actor(Role role, String userId) {

  /** The roles of DESIGN.md. */
  public enum Role {
    /** Someone who books for themself. */
    CUSTOMER,
    /** The business's owner or staff (an admin number of the tenant). */
    OWNER,
    /** Someone running the deployment (admin API). */
    OPERATOR
  }

  public Actor {
    nonNull(role, "requestedBy.role");
    nonBlank(userId, "requestedBy.userId");
  }
}
