package io.sahabot.reservation.booking;

import io.r2dbc.spi.Readable;
import io.sahabot.reservation.booking.domain.Interval;
import io.sahabot.reservation.booking.domain.Permissions.CustomerIdentity;
import io.sahabot.reservation.booking.domain.Statuses;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.tenant.FieldSpec;
import io.sahabot.schemas.tenant.TenantSettings;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A reservation with its field's name and its customer, as read from the database. */
public record ReservationRow(
    long id,
    long fieldId,
    String fieldKey,
    String field,
    long customerId,
    String customerName,
    String customerPhone,
    String customerUserId,
    Instant start,
    Instant end,
    String status,
    BigDecimal price,
    String currency) {

  /**
   * The columns {@link #read} expects, for {@code reservations r JOIN fields f JOIN customers c}.
   */
  public static final String COLUMNS =
      "r.id, r.field_id, f.field_key, f.name AS field, r.customer_id, c.name AS customer_name,"
          + " c.phone AS customer_phone, c.user_id AS customer_user_id, r.start_time, r.end_time,"
          + " r.status, r.price, r.currency";

  public static final String FROM =
      " FROM reservations r JOIN fields f ON f.id = r.field_id AND f.tenant_id = r.tenant_id"
          + " JOIN customers c ON c.id = r.customer_id AND c.tenant_id = r.tenant_id";

  public static ReservationRow read(Readable row) {
    return new ReservationRow(
        row.get("id", Long.class),
        row.get("field_id", Long.class),
        row.get("field_key", String.class),
        row.get("field", String.class),
        row.get("customer_id", Long.class),
        row.get("customer_name", String.class),
        row.get("customer_phone", String.class),
        row.get("customer_user_id", String.class),
        row.get("start_time", OffsetDateTime.class).toInstant(),
        row.get("end_time", OffsetDateTime.class).toInstant(),
        row.get("status", String.class),
        row.get("price", BigDecimal.class),
        row.get("currency", String.class));
  }

  public Interval interval() {
    return new Interval(start, end);
  }

  public CustomerIdentity owner() {
    return new CustomerIdentity(customerPhone, customerUserId);
  }

  public String effectiveStatus(Instant now) {
    return Statuses.effective(status, end, now);
  }

  /**
   * The field's name now: the settings' name for its id (a rename shows at once), else the row's.
   */
  public String fieldName(TenantSettings settings) {
    return settings
        .field(fieldKey)
        .filter(f -> f.id().equals(fieldKey))
        .map(FieldSpec::name)
        .orElse(field);
  }

  /** As a view, its field named as the settings name it now. */
  public ReservationView view(Instant now, TenantSettings settings) {
    return view(now, settings.currency(), fieldName(settings));
  }

  public ReservationView view(Instant now, String fallbackCurrency) {
    return view(now, fallbackCurrency, field);
  }

  private ReservationView view(Instant now, String fallbackCurrency, String fieldName) {
    return new ReservationView(
        id,
        fieldName,
        new CustomerRef(customerName, customerPhone, customerUserId),
        start,
        end,
        effectiveStatus(now),
        price == null ? BigDecimal.ZERO : price,
        currency == null ? fallbackCurrency : currency.strip());
  }
}
