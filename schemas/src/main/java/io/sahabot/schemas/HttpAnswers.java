package io.sahabot.schemas;

import io.sahabot.schemas.agent.query.TenantUsage;
import io.sahabot.schemas.reservation.query.Availability;
import io.sahabot.schemas.reservation.query.Cancellations;
import io.sahabot.schemas.reservation.query.CustomerData;
import io.sahabot.schemas.reservation.query.CustomerErasure;
import io.sahabot.schemas.reservation.query.CustomerSummary;
import io.sahabot.schemas.reservation.query.Loyalty;
import io.sahabot.schemas.reservation.query.MonthlyReport;
import io.sahabot.schemas.reservation.query.PeakHours;
import io.sahabot.schemas.reservation.query.Reservations;
import io.sahabot.schemas.reservation.query.Sales;
import io.sahabot.schemas.reservation.query.TenantStats;
import io.sahabot.schemas.reservation.query.Waitlist;
import java.util.List;

/**
 * The catalogue of the JSON answers one service reads from another's internal HTTP API: who
 * answers, the route, and the record both sides use. The JSON Schema of each is {@link
 * Answer#schemaPath()}. A route that answers a JSON array names the record of one element.
 */
public final class HttpAnswers {

  /** One route's answer. */
  public record Answer(String service, String route, Class<? extends Record> type, boolean array) {

    /** The classpath resource of its JSON Schema. */
    public String schemaPath() {
      return "schemas/http/" + service + "/" + type.getSimpleName() + ".schema.json";
    }

    @Override
    public String toString() {
      return service + " " + route;
    }
  }

  private static final String RESERVATION = "reservation-service";
  private static final String TENANT = "/internal/tenants/{tenantId}";

  public static final Answer STATS =
      new Answer(RESERVATION, TENANT + "/stats", TenantStats.class, false);
  public static final Answer AVAILABILITY =
      new Answer(RESERVATION, TENANT + "/availability", Availability.class, false);
  public static final Answer RESERVATIONS =
      new Answer(RESERVATION, TENANT + "/reservations", Reservations.class, false);
  public static final Answer CUSTOMERS =
      new Answer(RESERVATION, TENANT + "/customers", CustomerSummary.class, true);
  public static final Answer SALES =
      new Answer(RESERVATION, TENANT + "/reports/sales", Sales.class, false);
  public static final Answer LOYAL_CUSTOMERS =
      new Answer(RESERVATION, TENANT + "/reports/loyal-customers", Loyalty.class, false);
  public static final Answer CANCELLATIONS =
      new Answer(RESERVATION, TENANT + "/reports/cancellations", Cancellations.class, false);
  public static final Answer PEAK_HOURS =
      new Answer(RESERVATION, TENANT + "/reports/peak-hours", PeakHours.class, false);
  public static final Answer MONTHLY_REPORT =
      new Answer(RESERVATION, TENANT + "/reports/monthly", MonthlyReport.class, false);
  public static final Answer CUSTOMER_DATA =
      new Answer(RESERVATION, TENANT + "/customers/data", CustomerData.class, false);
  public static final Answer CUSTOMER_ERASURE =
      new Answer(RESERVATION, TENANT + "/customers/erasure", CustomerErasure.class, false);
  public static final Answer WAITLIST =
      new Answer(RESERVATION, TENANT + "/waitlist", Waitlist.class, false);
  public static final Answer USAGE =
      new Answer("agent-service", TENANT + "/usage", TenantUsage.class, false);

  private static final List<Answer> ALL =
      List.of(
          STATS,
          AVAILABILITY,
          RESERVATIONS,
          CUSTOMERS,
          SALES,
          LOYAL_CUSTOMERS,
          CANCELLATIONS,
          PEAK_HOURS,
          MONTHLY_REPORT,
          CUSTOMER_DATA,
          CUSTOMER_ERASURE,
          WAITLIST,
          USAGE);

  private HttpAnswers() {}

  /** Every answer, in declaration order. */
  public static List<Answer> all() {
    return ALL;
  }
}
