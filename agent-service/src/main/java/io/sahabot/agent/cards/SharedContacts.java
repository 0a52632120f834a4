package io.sahabot.agent.cards;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.sahabot.platform.db.TenantScope;
import io.sahabot.schemas.whatsapp.Contact;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The contact card an owner shared last ({@code shared_contacts}): the customer of their next
 * booking request ("bu kişiye yarın 9"). One pending card per owner number; a booking for it clears
 * it; a card older than {@link #VALID} is ignored.
 */
@Component
public class SharedContacts {

  /** How long a shared card waits for its booking. */
  public static final Duration VALID = Duration.ofHours(24);

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  /** A shared card's person: a name (may be absent) and a phone number, E.164 digits. */
  public record Card(String name, String phone) {}

  private final TenantScope tenantScope;

  public SharedContacts(TenantScope tenantScope) {
    this.tenantScope = tenantScope;
  }

  /**
   * The first card of {@code cards} with a phone number that reads as one, as a {@link Card}
   * (numbers without a country code are read as Turkish).
   */
  public static Optional<Card> card(Iterable<Contact> cards) {
    for (Contact contact : cards) {
      for (String phone : contact.phones()) {
        Optional<String> e164 = e164(phone);
        if (e164.isPresent()) {
          String name = contact.name() == null || contact.name().isBlank() ? null : contact.name();
          if (name != null && name.length() > 100) {
            name = name.substring(0, 100);
          }
          return Optional.of(new Card(name, e164.get()));
        }
      }
    }
    return Optional.empty();
  }

  static Optional<String> e164(String raw) {
    try {
      var number = PHONES.parse(raw, "TR");
      if (!PHONES.isPossibleNumber(number)) {
        return Optional.empty();
      }
      return Optional.of(
          PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164).substring(1));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  /** Keeps {@code card} as {@code owner}'s pending customer, replacing any earlier one. */
  public void share(UUID tenantId, String owner, Card card, Instant at) {
    tenantScope
        .one(
            tenantId,
            db -> {
              var insert =
                  db.sql(
                          "INSERT INTO shared_contacts (tenant_id, owner_id, name, phone, shared_at)"
                              + " VALUES (:tenant, :owner, :name, :phone, :at)"
                              + " ON CONFLICT (tenant_id, owner_id) DO UPDATE SET"
                              + " name = EXCLUDED.name, phone = EXCLUDED.phone,"
                              + " shared_at = EXCLUDED.shared_at")
                      .bind("tenant", tenantId)
                      .bind("owner", owner)
                      .bind("phone", card.phone())
                      .bind("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
              insert =
                  card.name() == null
                      ? insert.bindNull("name", String.class)
                      : insert.bind("name", card.name());
              return insert.fetch().rowsUpdated();
            })
        .block(TIMEOUT);
  }

  /** {@code owner}'s pending card at {@code now}, if any. */
  public Optional<Card> pending(UUID tenantId, String owner, Instant now) {
    return tenantScope
        .one(
            tenantId,
            db ->
                db.sql(
                        "SELECT name, phone FROM shared_contacts WHERE tenant_id = :tenant"
                            + " AND owner_id = :owner AND shared_at > :since")
                    .bind("tenant", tenantId)
                    .bind("owner", owner)
                    .bind("since", OffsetDateTime.ofInstant(now.minus(VALID), ZoneOffset.UTC))
                    .map(
                        row ->
                            new Card(row.get("name", String.class), row.get("phone", String.class)))
                    .one())
        .blockOptional(TIMEOUT);
  }

  /** Clears {@code owner}'s pending card once it has been booked for. */
  public void used(UUID tenantId, String owner) {
    tenantScope
        .one(
            tenantId,
            db ->
                db.sql(
                        "DELETE FROM shared_contacts WHERE tenant_id = :tenant AND owner_id = :owner")
                    .bind("tenant", tenantId)
                    .bind("owner", owner)
                    .fetch()
                    .rowsUpdated())
        .block(TIMEOUT);
  }
}
