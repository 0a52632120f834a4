package io.sahabot.reservation.booking.domain;

import io.sahabot.schemas.reservation.Actor;
import io.sahabot.schemas.reservation.RejectionReason;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may touch what. A customer only its own reservations (its WhatsApp user id or phone is the
 * reservation's customer's); an owner any reservation of its tenant, if its number is one of the
 * tenant's admin numbers; the business through its tenant API ({@code BUSINESS}) any reservation of
 * its tenant, with no admin-number check: tenant-service authenticated it (an API key of that
 * tenant, or an operator acting for it) and addresses the command to that tenant only; an operator
 * anything of the tenant it addresses, but only on an operator's own path: on {@code
 * reservation.commands} an operator's command is refused whatever it asks ({@link
 * #mayCommandThroughTopic}).
 *
 * <p>Who writes {@code reservation.commands}: agent-service (customers' and owners' commands from
 * chat) and tenant-service (the tenant API's {@code BUSINESS} commands); the broker's ACLs ({@code
 * KafkaAccess}) let no one else write it.
 */
public final class Permissions {

  private Permissions() {}

  /** The identity of a reservation's customer. */
  public record CustomerIdentity(String phone, String userId) {}

  /**
   * May {@code actor}'s command be decided when it arrives on {@code reservation.commands}? Only
   * the agent (for customers and owners) and tenant-service (for the business, {@code BUSINESS})
   * write that topic; an operator's command would be a forgery (or a bug) that the rules below
   * would give every right. So an {@code OPERATOR} actor there is refused ({@code FORBIDDEN})
   * before anything else is looked at. An operator who acts for a tenant through the tenant API
   * sends a {@code BUSINESS} command of that tenant, never an {@code OPERATOR} one.
   */
  public static Optional<Violation> mayCommandThroughTopic(Actor actor) {
    return actor.role() == Actor.Role.OPERATOR
        ? Optional.of(
            new Violation(
                RejectionReason.FORBIDDEN,
                "an operator's command is not accepted on reservation.commands"))
        : Optional.empty();
  }

  /** May {@code actor} change a reservation of {@code owner}? */
  public static Optional<Violation> mayChange(
      Actor actor, CustomerIdentity owner, Collection<String> adminNumbers) {
    return switch (actor.role()) {
      case OPERATOR, BUSINESS -> Optional.empty();
      case OWNER -> isAdmin(actor, adminNumbers) ? Optional.empty() : notAdmin();
      case CUSTOMER ->
          isSame(actor.userId(), owner)
              ? Optional.empty()
              : Optional.of(
                  new Violation(
                      RejectionReason.FORBIDDEN,
                      "a customer may change only its own reservations"));
    };
  }

  /** May {@code actor} book for {@code customer}? Customers book only for themselves. */
  public static Optional<Violation> mayBookFor(
      Actor actor, CustomerIdentity customer, Collection<String> adminNumbers) {
    return switch (actor.role()) {
      case OPERATOR, BUSINESS -> Optional.empty();
      case OWNER -> isAdmin(actor, adminNumbers) ? Optional.empty() : notAdmin();
      case CUSTOMER ->
          isSame(actor.userId(), customer)
              ? Optional.empty()
              : Optional.of(
                  new Violation(RejectionReason.FORBIDDEN, "a customer may book only for itself"));
    };
  }

  /** Only the business (owners, its tenant API) and operators record no-shows. */
  public static Optional<Violation> mayMarkNoShow(Actor actor, Collection<String> adminNumbers) {
    return switch (actor.role()) {
      case OPERATOR, BUSINESS -> Optional.empty();
      case OWNER -> isAdmin(actor, adminNumbers) ? Optional.empty() : notAdmin();
      case CUSTOMER ->
          Optional.of(
              new Violation(RejectionReason.FORBIDDEN, "only the business records a no-show"));
    };
  }

  static boolean isAdmin(Actor actor, Collection<String> adminNumbers) {
    Optional<String> phone = PhoneNumbers.normalise(actor.userId());
    return phone.isPresent() && adminNumbers.contains(phone.get());
  }

  static boolean isSame(String actorUserId, CustomerIdentity customer) {
    if (customer.userId() != null && customer.userId().equals(actorUserId)) {
      return true;
    }
    if (customer.phone() == null || !actorUserId.matches("[0-9+ ()\\-]+")) {
      return false;
    }
    return PhoneNumbers.normalise(actorUserId)
        .map(p -> Objects.equals(p, customer.phone()))
        .orElse(false);
  }

  private static Optional<Violation> notAdmin() {
    return Optional.of(
        new Violation(RejectionReason.FORBIDDEN, "the sender is not an admin of this business"));
  }
}
