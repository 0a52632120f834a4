package io.sahabot.agent.reports;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import io.sahabot.agent.config.AgentProperties;
import io.sahabot.agent.tools.ReportTexts;
import io.sahabot.agent.tools.Texts;
import io.sahabot.agent.turn.TurnContext;
import io.sahabot.platform.security.ServiceSecurityProperties;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.reservation.query.MonthlyReport;
import io.sahabot.schemas.reservation.query.MonthlyReport.SlotOccupancy;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The owner's monthly report in chat ("aylık rapor", "Kasım raporu", "monthly report"): hours,
 * revenue per field, occupancy per weekday and the fullest hours, no-shows and cancellations, in
 * plain sentences of the business's language. The same report is a CSV through the tenant API.
 */
@Component
public class MonthlyReportTools {

  /** The fullest weekday-and-hour slots named. */
  static final int FULLEST = 3;

  private final WebClient http;
  private final Duration timeout;

  MonthlyReportTools(
      WebClient.Builder builder, AgentProperties properties, ServiceSecurityProperties security) {
    this.http =
        builder
            .baseUrl(properties.reservationServiceUrl())
            .defaultHeader(HttpHeaders.AUTHORIZATION, security.bearer())
            .codecs(
                c -> c.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(Json.mapper())))
            .build();
    this.timeout = properties.queryTimeout();
  }

  MonthlyReport report(UUID tenant, YearMonth month) {
    return http.get()
        .uri("/internal/tenants/{t}/reports/monthly?month={m}", tenant, month.toString())
        .retrieve()
        .bodyToMono(MonthlyReport.class)
        .block(timeout);
  }

  @Tool("The monthly report: hours, revenue per field, occupancy, no-shows, cancellations")
  public String monthlyReport(
      @P(value = "the month, yyyy-MM; empty for this month", required = false) String month,
      InvocationParameters parameters) {
    TurnContext turn = parameters == null ? null : parameters.get(TurnContext.KEY);
    if (turn == null) {
      throw new IllegalStateException("a tool was called outside a turn");
    }
    YearMonth m =
        month == null || month.isBlank()
            ? YearMonth.from(turn.at().toLocalDate())
            : YearMonth.parse(month.strip());
    turn.record("monthlyReport", Map.of("month", m.toString()));
    return text(turn.language(), m, report(turn.tenantId(), m));
  }

  /** The report as the chat's text. */
  static String text(String lang, YearMonth month, MonthlyReport r) {
    String fields =
        r.fields().stream()
            .map(
                f ->
                    Texts.text(
                        lang,
                        "monthly_field",
                        f.field(),
                        ReportTexts.bookings(lang, f.reservations()),
                        ReportTexts.hours(lang, f.hoursSold()),
                        ReportTexts.money(lang, f.revenue(), r.currency())))
            .collect(Collectors.joining("\n"));
    String weekdays =
        byWeekday(r.slots()).entrySet().stream()
            .map(
                e ->
                    ReportTexts.weekday(lang, e.getKey().name())
                        + " "
                        + ReportTexts.percent(lang, e.getValue()))
            .collect(Collectors.joining(", "));
    List<SlotOccupancy> fullest =
        r.slots().stream()
            .filter(s -> new BigDecimal(s.hoursSold()).signum() > 0)
            .sorted(
                Comparator.comparing((SlotOccupancy s) -> new BigDecimal(s.occupancyRate()))
                    .reversed()
                    .thenComparing(s -> DayOfWeek.valueOf(s.weekday()))
                    .thenComparingInt(SlotOccupancy::hour))
            .limit(FULLEST)
            .toList();
    String hours =
        fullest.isEmpty()
            ? Texts.text(lang, "monthly_no_hours")
            : fullest.stream()
                .map(
                    s ->
                        ReportTexts.weekday(lang, s.weekday())
                            + " "
                            + ReportTexts.hour(s.hour())
                            + " ("
                            + ReportTexts.percent(lang, s.occupancyRate())
                            + ")")
                .collect(Collectors.joining(", "));
    return Texts.text(
        lang,
        "monthly",
        ReportTexts.month(lang, month),
        ReportTexts.bookings(lang, r.reservations()),
        ReportTexts.hours(lang, r.hoursSold()),
        ReportTexts.money(lang, r.revenue(), r.currency()),
        ReportTexts.percent(lang, r.occupancyRate()),
        fields,
        weekdays,
        hours,
        r.noShows(),
        r.cancellations());
  }

  /** Hours sold over hours open per weekday, Monday first, only the days the business opened. */
  static Map<DayOfWeek, String> byWeekday(List<SlotOccupancy> slots) {
    Map<DayOfWeek, BigDecimal[]> sums = new java.util.TreeMap<>();
    for (SlotOccupancy s : slots) {
      BigDecimal[] sum =
          sums.computeIfAbsent(
              DayOfWeek.valueOf(s.weekday()),
              d -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      sum[0] = sum[0].add(new BigDecimal(s.hoursSold()));
      sum[1] = sum[1].add(new BigDecimal(s.openHours()));
    }
    Map<DayOfWeek, String> rates = new LinkedHashMap<>();
    for (var e : sums.entrySet()) {
      BigDecimal open = e.getValue()[1];
      rates.put(
          e.getKey(),
          open.signum() == 0
              ? "0"
              : e.getValue()[0].divide(open, 4, java.math.RoundingMode.HALF_UP).toPlainString());
    }
    return rates;
  }
}
