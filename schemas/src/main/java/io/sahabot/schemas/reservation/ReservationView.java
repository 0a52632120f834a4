package io.sahabot.schemas.reservation;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.ordered;
import static io.sahabot.schemas.Require.positive;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.regex.Pattern;

/**
 * A reservation as it is after the event that carries it.
 *
 * @param id reservation-service's id, positive
 * @param field the field's name
 * @param start start, inclusive
 * @param end end, exclusive, after {@code start}
 * @param status lower case: {@value #ACTIVE}, {@value #CANCELLED}, {@value #COMPLETED} or {@value
 *     #NO_SHOW} (more may be added: treat an unknown one as inactive)
 * @param price the price of the whole reservation, at least 0
 * @param currency ISO 4217 code
 */
public record ReservationView(
    long id,
    String field,
    CustomerRef customer,
    Instant start,
    Instant end,
    String status,
    BigDecimal price,
    String currency) {

  public static final String ACTIVE = "active";
  public static final String CANCELLED = "cancelled";
  public static final String COMPLETED = "completed";
  public static final String NO_SHOW = "no_show";

  private static final Pattern STATUS = Pattern.compile("[a-z][a-z_]*");

  public ReservationView {
    positive(id, "reservation.id");
    nonBlank(field, "reservation.field");
    nonNull(customer, "reservation.customer");
    ordered(start, end, "reservation.start", "reservation.end");
    nonNull(status, "reservation.status");
    if (!STATUS.matcher(status).matches()) {
      throw new IllegalArgumentException(
          "reservation.status: must be lower case like 'active', was '" + status + "'");
    }
    nonNull(price, "reservation.price");
    if (price.signum() < 0) {
      throw new IllegalArgumentException("reservation.price: must be at least 0, was " + price);
    }
    nonNull(currency, "reservation.currency");
    try {
      Currency.getInstance(currency);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "reservation.currency: unknown ISO 4217 currency '" + currency + "'");
    }
  }

  /** This reservation's field and time. */
  public Slot slot() {
    return new Slot(field, start, end);
  }
}
