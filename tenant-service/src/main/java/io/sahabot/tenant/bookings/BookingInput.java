package io.sahabot.tenant.bookings;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.tenant.FieldSpec;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.tenant.problems.Problems;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * The tenant API's booking input read into what the commands take, or a 400 (malformed: a date that
 * is not one, a bad phone number, a missing value) or 422 (well formed but not possible for the
 * business: an unknown field, an end before the start) naming the field. Times are local date-times
 * of the business's time zone ({@code 2026-12-08T20:00}).
 */
final class BookingInput {

  /**
   * The longest booking the API passes on: a bound on input only; reservation-service refuses what
   * is longer than its own {@code max-length} (422, {@code INVALID}).
   */
  static final Duration MAX_LENGTH = Duration.ofHours(24);

  /** Where a number without a country code is read, as reservation-service reads it. */
  static final String DEFAULT_REGION = "TR";

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private BookingInput() {}

  /** A customer of a booking: a name (optional) and a phone number (required). */
  record Customer(String name, String phone) {}

  /** The field of this id or name, as the tenant names it now; null for the default field. */
  static String field(TenantSettings settings, String field, String name) {
    if (field == null) {
      return null;
    }
    if (field.isBlank()) {
      throw Problems.invalid(name, name + ": must not be blank");
    }
    return settings
        .field(field)
        .map(FieldSpec::id)
        .orElseThrow(
            () ->
                Problems.unprocessable(
                    name,
                    name
                        + ": the business has no field '"
                        + field
                        + "'; its fields: "
                        + settings.fieldDetails().stream().map(FieldSpec::name).toList()));
  }

  /** A local date-time of the business as an instant. */
  static Instant time(TenantSettings settings, String value, String name) {
    if (value == null || value.isBlank()) {
      throw Problems.invalid(name, name + ": required, a local date-time like 2026-12-08T20:00");
    }
    try {
      return LocalDateTime.parse(value.strip()).atZone(settings.zone()).toInstant();
    } catch (DateTimeParseException e) {
      throw Problems.invalid(
          name, name + ": must be a local date-time like 2026-12-08T20:00, was '" + value + "'");
    }
  }

  static LocalDate date(String value, String name) {
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw Problems.invalid(name, name + ": must be YYYY-MM-DD, was '" + value + "'");
    }
  }

  /** The end of a booking from {@code start}: {@code end}, else {@code hours} after the start. */
  static Instant end(TenantSettings settings, Instant start, String end, BigDecimal hours) {
    if (end != null && hours != null) {
      throw Problems.invalid("end", "end, hours: give one of them, not both");
    }
    Instant until;
    String name;
    if (end != null) {
      until = time(settings, end, "end");
      name = "end";
    } else if (hours != null) {
      if (hours.signum() <= 0 || hours.compareTo(BigDecimal.valueOf(MAX_LENGTH.toHours())) > 0) {
        throw Problems.invalid(
            "hours", "hours: must be more than 0 and at most " + MAX_LENGTH.toHours());
      }
      long minutes = hours.multiply(BigDecimal.valueOf(60)).longValue();
      until = start.plus(Duration.ofMinutes(minutes));
      name = "hours";
    } else {
      throw Problems.invalid("hours", "hours or end: one of them is required");
    }
    if (!until.isAfter(start)) {
      throw Problems.unprocessable(name, name + ": the end must be after the start");
    }
    if (Duration.between(start, until).compareTo(MAX_LENGTH) > 0) {
      throw Problems.unprocessable(name, name + ": at most " + MAX_LENGTH.toHours() + " hours");
    }
    return until;
  }

  /** The customer as the commands take them: their phone as E.164 digits. */
  static CustomerRef customer(Customer customer) {
    if (customer == null) {
      throw Problems.invalid("customer", "customer: required, {\"name\": …, \"phone\": …}");
    }
    String name = customer.name() == null ? null : customer.name().strip();
    if (name != null && (name.isEmpty() || name.length() > 100)) {
      throw Problems.invalid("customer.name", "customer.name: 1 to 100 characters");
    }
    return new CustomerRef(name, phone(customer.phone()), null);
  }

  /**
   * A phone number as E.164 digits without '+', read with libphonenumber: digits that start with a
   * country code ({@code 905454031918}, {@code +90 545 403 19 18}) as international, anything else
   * ({@code 0545 403 19 18}) in Turkey.
   */
  static String phone(String raw) {
    if (raw == null || raw.isBlank()) {
      throw Problems.invalid("customer.phone", "customer.phone: required");
    }
    String digits = raw.strip().replaceAll("[\\s().\\-]", "");
    if (digits.startsWith("00")) {
      digits = "+" + digits.substring(2);
    } else if (digits.matches("[1-9][0-9]{10,14}")) {
      digits = "+" + digits;
    }
    try {
      PhoneNumber number = PHONES.parse(digits, DEFAULT_REGION);
      if (PHONES.isValidNumber(number)) {
        return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164).substring(1);
      }
    } catch (NumberParseException e) {
      // not a number: refused below
    }
    throw Problems.invalid(
        "customer.phone", "customer.phone: not a valid phone number, was '" + raw + "'");
  }

  /**
   * The command id of a request: a stable hash of the tenant and its {@code Idempotency-Key}, so
   * that the same key gives the same command (and outcome); a random one without a key.
   */
  static String commandId(UUID tenantId, String idempotencyKey) {
    if (idempotencyKey == null) {
      return "api-" + UUID.randomUUID();
    }
    String key = idempotencyKey.strip();
    if (key.isEmpty() || key.length() > 255) {
      throw Problems.invalid("Idempotency-Key", "Idempotency-Key: 1 to 255 characters");
    }
    return "api-"
        + UUID.nameUUIDFromBytes(
            ("tenant-api|" + tenantId + "|" + key).getBytes(StandardCharsets.UTF_8));
  }
}
