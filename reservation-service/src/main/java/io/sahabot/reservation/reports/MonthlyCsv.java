package io.sahabot.reservation.reports;

import io.sahabot.schemas.reservation.query.MonthlyReport;
import io.sahabot.schemas.reservation.query.MonthlyReport.FieldRevenue;
import io.sahabot.schemas.reservation.query.MonthlyReport.SlotOccupancy;

/**
 * A {@link MonthlyReport} as CSV (RFC 4180: comma separated, CRLF, fields with a comma, quote or
 * line break quoted): one table of rows {@code section,key,…} so that a spreadsheet opens it as is.
 *
 * <pre>
 * section,name,weekday,hour,reservations,hours_sold,open_hours,occupancy_rate,revenue,currency
 * total,2026-11,,,12,14.00,450.00,0.0311,16800.00,TRY
 * field,Saha 1,,,8,9.00,,,10800.00,TRY
 * slot,,MONDAY,20,,2.00,5.00,0.4000,,
 * no_shows,,,,1,,,,,
 * cancellations,,,,2,,,,,
 * </pre>
 */
final class MonthlyCsv {

  static final String HEADER =
      "section,name,weekday,hour,reservations,hours_sold,open_hours,occupancy_rate,revenue,currency";

  private MonthlyCsv() {}

  static String of(MonthlyReport r) {
    StringBuilder out = new StringBuilder(HEADER).append("\r\n");
    row(
        out,
        "total",
        r.month(),
        "",
        "",
        Long.toString(r.reservations()),
        r.hoursSold(),
        r.openHours(),
        r.occupancyRate(),
        r.revenue(),
        r.currency());
    for (FieldRevenue f : r.fields()) {
      row(
          out,
          "field",
          f.field(),
          "",
          "",
          Long.toString(f.reservations()),
          f.hoursSold(),
          "",
          "",
          f.revenue(),
          r.currency());
    }
    for (SlotOccupancy s : r.slots()) {
      row(
          out,
          "slot",
          "",
          s.weekday(),
          Integer.toString(s.hour()),
          "",
          s.hoursSold(),
          s.openHours(),
          s.occupancyRate(),
          "",
          "");
    }
    row(out, "no_shows", "", "", "", Long.toString(r.noShows()), "", "", "", "", "");
    row(out, "cancellations", "", "", "", Long.toString(r.cancellations()), "", "", "", "", "");
    return out.toString();
  }

  private static void row(StringBuilder out, String... cells) {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells[i]));
    }
    out.append("\r\n");
  }

  /** A cell, quoted when needed; a leading =, +, - or @ is prefixed with ' (no formula). */
  static String cell(String value) {
    String v = value == null ? "" : value;
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9.]+")) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
