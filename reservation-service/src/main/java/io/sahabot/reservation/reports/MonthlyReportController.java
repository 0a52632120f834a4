package io.sahabot.reservation.reports;

import io.sahabot.schemas.reservation.query.MonthlyReport;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /internal/tenants/{tenantId}/reports/monthly?month=YYYY-MM} (JSON, the agent's text)
 * and {@code …/reports/monthly.csv?month=YYYY-MM} (CSV, the tenant API's download).
 */
@RestController
@RequestMapping("/internal/tenants/{tenantId}/reports")
class MonthlyReportController {

  private final MonthlyReports reports;

  MonthlyReportController(MonthlyReports reports) {
    this.reports = reports;
  }

  @GetMapping("/monthly")
  Mono<MonthlyReport> monthly(@PathVariable UUID tenantId, @RequestParam String month) {
    return reports.report(tenantId, month(month));
  }

  @GetMapping("/monthly.csv")
  Mono<ResponseEntity<byte[]>> csv(@PathVariable UUID tenantId, @RequestParam String month) {
    YearMonth m = month(month);
    return reports
        .report(tenantId, m)
        .map(
            r ->
                ResponseEntity.ok()
                    .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"report-" + m + ".csv\"")
                    .body(MonthlyCsv.of(r).getBytes(StandardCharsets.UTF_8)));
  }

  private static YearMonth month(String month) {
    try {
      return YearMonth.parse(month);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("month: YYYY-MM");
    }
  }
}
