package io.sahabot.agent.outcomes;

import io.sahabot.agent.config.AgentProperties;
import io.sahabot.agent.delivery.ToldOutcomes;
import io.sahabot.agent.tools.ReservationQueries;
import io.sahabot.agent.tools.Texts;
import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.schemas.whatsapp.OutboundContent;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The owners' daily summary: at {@code notifications.dailySummaryAt} (the business's local time),
 * every admin number gets the day's active reservations. Every instance checks every {@code
 * summary-check} over the tenant snapshots it holds; each admin's summary of a day is told once,
 * claimed in {@code told_outcomes} under the key {@code daily-summary:<date>} (so two instances or
 * a restart never send it twice). A summary not sent within {@value #LATE_HOURS} hours of its time
 * (the service was down) is skipped.
 */
@Component
class DailySummaries implements SmartLifecycle {

  static final int LATE_HOURS = 6;

  private static final Logger log = LoggerFactory.getLogger(DailySummaries.class);

  private final TenantSnapshots tenants;
  private final ReservationQueries queries;
  private final ToldOutcomes told;
  private final Messenger messenger;
  private final Clock clock;
  private final AgentProperties properties;
  private volatile ScheduledExecutorService timer;

  DailySummaries(
      TenantSnapshots tenants,
      ReservationQueries queries,
      ToldOutcomes told,
      Messenger messenger,
      Clock clock,
      AgentProperties properties) {
    this.tenants = tenants;
    this.queries = queries;
    this.told = told;
    this.messenger = messenger;
    this.clock = clock;
    this.properties = properties;
  }

  /** Sends the summaries that are due now and not sent yet. */
  void tick() {
    Instant now = clock.instant();
    for (TenantSnapshot tenant : tenants.all()) {
      try {
        summarise(tenant, now);
      } catch (RuntimeException e) {
        log.warn("Daily summary of tenant {} failed: {}", tenant.tenantId(), e.toString());
      }
    }
  }

  /** Whether {@code tenant}'s summary was sent by this call. */
  boolean summarise(TenantSnapshot tenant, Instant now) {
    TenantSettings settings = tenant.settings();
    String at = settings.notifications().dailySummaryAt();
    if (at == null || !tenant.active() || settings.adminNumbers().isEmpty()) {
      return false;
    }
    ZoneId zone = settings.zone();
    ZonedDateTime local = now.atZone(zone);
    LocalDate today = local.toLocalDate();
    ZonedDateTime due;
    try {
      due = today.atTime(LocalTime.parse(at)).atZone(zone);
    } catch (DateTimeParseException e) {
      return false; // "24:00": never within the day
    }
    if (local.isBefore(due) || !local.isBefore(due.plusHours(LATE_HOURS))) {
      return false;
    }
    String key = "daily-summary:" + today;
    if (told.published(tenant.tenantId(), key) >= settings.adminNumbers().size()) {
      return false;
    }
    String text = text(tenant, today);
    boolean sent = false;
    for (String admin : settings.adminNumbers()) {
      sent |=
          messenger.tell(
              tenant,
              key,
              key,
              new Notice(
                  admin, new OutboundContent.Text(text), Notices.update(settings, text), text));
    }
    return sent;
  }

  private String text(TenantSnapshot tenant, LocalDate today) {
    TenantSettings settings = tenant.settings();
    String lang = settings.language();
    ZoneId zone = settings.zone();
    List<ReservationView> day =
        queries.reservations(tenant.tenantId(), today, today).reservations().stream()
            .filter(r -> ReservationView.ACTIVE.equalsIgnoreCase(r.status()))
            .filter(r -> r.start().atZone(zone).toLocalDate().equals(today))
            .sorted(Comparator.comparing(ReservationView::start))
            .toList();
    String date = Texts.day(lang, today);
    if (day.isEmpty()) {
      return Texts.text(lang, "daily_summary_none", date);
    }
    String lines =
        day.stream()
            .map(
                r ->
                    "• "
                        + Texts.hm(r.start().atZone(zone))
                        + "–"
                        + Texts.hm(r.end().atZone(zone))
                        + " "
                        + r.field()
                        + " – "
                        + who(r))
            .collect(Collectors.joining("\n"));
    return Texts.text(lang, "daily_summary", date, lines);
  }

  private static String who(ReservationView r) {
    var c = r.customer();
    if (c.name() != null && !c.name().isBlank()) {
      return c.name();
    }
    return c.phone() != null ? "+" + c.phone() : c.userId();
  }

  @Override
  public void start() {
    ScheduledExecutorService t =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "daily-summaries");
              thread.setDaemon(true);
              return thread;
            });
    long every = properties.summaryCheck().toMillis();
    t.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    timer = t;
  }

  @Override
  public void stop() {
    ScheduledExecutorService t = timer;
    timer = null;
    if (t != null) {
      t.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return timer != null;
  }
}
