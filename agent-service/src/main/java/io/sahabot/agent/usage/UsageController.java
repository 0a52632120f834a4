package io.sahabot.agent.usage;

import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.schemas.agent.query.TenantUsage;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /internal/tenants/{tenantId}/usage?month=YYYY-MM} → {@code
 * {"month":"2026-11","inputTokens":n,"outputTokens":n,"cost":"0.12","reminders":{"told":n,"read":n},
 * "confirmations":{"told":n,"read":n}}} (read receipts: {@link ReadReceipts}; the business's own
 * numbers are not customers). The month is a UTC calendar month; without {@code month} the current
 * one. Only tenant-service may call it ({@code config/SecurityConfig}).
 */
@RestController
public class UsageController {

  private final TokenUsageRecorder usage;
  private final ReadReceipts reads;
  private final TenantSnapshots tenants;
  private final Clock clock;

  public UsageController(
      TokenUsageRecorder usage, ReadReceipts reads, TenantSnapshots tenants, Clock clock) {
    this.usage = usage;
    this.reads = reads;
    this.tenants = tenants;
    this.clock = clock;
  }

  @GetMapping("/internal/tenants/{tenantId}/usage")
  public Mono<ResponseEntity<?>> usage(
      @PathVariable String tenantId, @RequestParam(required = false) String month) {
    UUID tenant;
    try {
      tenant = UUID.fromString(tenantId);
    } catch (IllegalArgumentException e) {
      return Mono.just(badRequest("tenantId is not a UUID: " + tenantId));
    }
    YearMonth yearMonth;
    try {
      yearMonth =
          month == null ? YearMonth.now(clock.withZone(ZoneOffset.UTC)) : YearMonth.parse(month);
    } catch (DateTimeParseException e) {
      return Mono.just(badRequest("month must be YYYY-MM, e.g. 2026-11: " + month));
    }
    List<String> owners =
        tenants.get(tenant).map(t -> t.settings().adminNumbers()).orElse(List.of());
    return usage
        .month(tenant, yearMonth)
        .zipWith(reads.month(tenant, yearMonth, owners))
        .<ResponseEntity<?>>map(m -> ResponseEntity.ok(answer(m.getT1(), m.getT2())));
  }

  /** The JSON of a tenant's month: the cost as a decimal string, at least two decimals. */
  static TenantUsage answer(MonthlyUsage usage, ReadReceipts.Month reads) {
    return new TenantUsage(
        usage.month(),
        usage.inputTokens(),
        usage.outputTokens(),
        usage.cost().toPlainString(),
        reads.reminders(),
        reads.confirmations());
  }

  private static ResponseEntity<?> badRequest(String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setTitle("Bad request");
    return ResponseEntity.badRequest().body(problem);
  }
}
