package io.sahabot.reservation.booking;

import io.r2dbc.spi.R2dbcException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** Small helpers for binding and reading SQL with R2DBC. */
public final class Sql {

  public static final String EXCLUSION_VIOLATION = "23P01";

  private Sql() {}

  public static GenericExecuteSpec bind(
      GenericExecuteSpec spec, String name, Object value, Class<?> type) {
    return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
  }

  public static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /** The SQLSTATE of the first R2DBC exception in the cause chain, or null. */
  public static String sqlState(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof R2dbcException r2dbc) {
        return r2dbc.getSqlState();
      }
    }
    return null;
  }
}
