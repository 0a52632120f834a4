package io.sahabot.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import io.sahabot.agent.turn.ButtonPayload;
import io.sahabot.agent.turn.TurnContext;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.MarkNoShow;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.query.Canceller;
import io.sahabot.schemas.reservation.query.CustomerSummary;
import io.sahabot.schemas.reservation.query.LoyalCustomer;
import io.sahabot.schemas.reservation.query.PeakHour;
import io.sahabot.schemas.reservation.query.Sales;
import io.sahabot.schemas.whatsapp.OutboundContent;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The tools of the business's own numbers (owner and staff): book for a customer, cancel or move
 * any reservation (after a confirmation tap), the reservation table, sales and customer reports.
 */
@Component
public class OwnerTools extends Tooling {

  /** How far back a no-show without a day is looked for. */
  private static final int NO_SHOW_DAYS = 14;

  private final CustomerTools customerTools;

  public OwnerTools(
      ReservationQueries queries,
      ReservationCommands commands,
      CustomerTools customerTools,
      Clock clock) {
    super(queries, commands, clock);
    this.customerTools = customerTools;
  }

  @Tool("Books a slot for a customer of the business, by name and phone number")
  public String bookForCustomer(
      @P("start, local date-time yyyy-MM-ddTHH:mm") String start,
      @P("end, local date-time yyyy-MM-ddTHH:mm") String end,
      @P(value = "the field's name; empty for the default field", required = false) String field,
      @P(value = "the customer's name", required = false) String customerName,
      @P(value = "the customer's phone, E.164 digits without +", required = false) String phone,
      InvocationParameters parameters) {
    TurnContext turn = turn(parameters);
    if (blank(customerName) && blank(phone)) {
      return customerTools.book(
          turn, blank(field) ? null : field, instant(turn, start), instant(turn, end));
    }
    if (blank(phone)) {
      // a name alone: the customer it names when exactly one known customer has it, else ask
      CustomerSummary known = onlyCustomerNamed(turn, customerName);
      if (known == null) {
        return Texts.text(turn.language(), "ask_phone", customerName);
      }
      phone = known.phone();
    }
    // recorded as sent: with the phone found, and not at all when the phone is asked for
    turn.record(
        "bookForCustomer",
        args(
            "start",
            start,
            "end",
            end,
            "field",
            field,
            "customerName",
            customerName,
            "phone",
            phone));
    CustomerRef customer =
        new CustomerRef(
            blank(customerName) ? null : customerName,
            blank(phone) ? null : phone,
            blank(phone) ? "name:" + customerName : null);
    Instant from = instant(turn, start);
    Instant to = instant(turn, end);
    RequestReservation command =
        new RequestReservation(
            turn.commandId(
                "bookForCustomer",
                args(
                    "field",
                    field,
                    "start",
                    from,
                    "end",
                    to,
                    "name",
                    customerName,
                    "phone",
                    phone)),
            clock.instant(),
            turn.tenantId(),
            turn.message().wamid(),
            actor(turn),
            customer,
            blank(field) ? null : field,
            from,
            to);
    return customerTools.send(turn, command, true);
  }

  /** The one customer of the tenant with this name (and a phone), or null when none or several. */
  private CustomerSummary onlyCustomerNamed(TurnContext turn, String name) {
    String wanted = fold(name);
    List<CustomerSummary> named =
        queries.customers(turn.tenantId(), name, 5).stream()
            .filter(c -> c.name() != null && c.phone() != null && fold(c.name()).equals(wanted))
            .toList();
    return named.size() == 1 ? named.get(0) : null;
  }

  @Tool(
      "Cancels any reservation of the business on a day (and start time), after the owner confirms")
  public String cancelReservation(
      @P("the reservation's day, yyyy-MM-dd") String date,
      @P(value = "the reservation's start, yyyy-MM-ddTHH:mm", required = false) String start,
      InvocationParameters parameters) {
    TurnContext turn = turn(parameters);
    turn.record("cancelReservation", args("date", date, "start", start));
    LocalDate day = LocalDate.parse(date);
    List<ReservationView> candidates =
        matching(turn, queries.reservations(turn.tenantId(), day, day).reservations(), date, start);
    if (candidates.isEmpty()) {
      return Texts.text(turn.language(), "none_found");
    }
    ReservationView r = candidates.get(0);
    long id = r.id();
    String question =
        Texts.text(
            turn.language(), "confirm_cancel", customerName(r), r.field(), describe(turn, r));
    turn.attach(confirm(turn, question, new ButtonPayload.ConfirmCancel(id).encode(), id));
    return question;
  }

  @Tool("Moves any reservation of the business to a new start, after the owner confirms")
  public String moveReservation(
      @P("the current reservation's start, yyyy-MM-ddTHH:mm") String from,
      @P("the new start, yyyy-MM-ddTHH:mm") String start,
      @P(value = "the new end, yyyy-MM-ddTHH:mm; empty to keep the length", required = false)
          String end,
      InvocationParameters parameters) {
    TurnContext turn = turn(parameters);
    turn.record("moveReservation", args("from", from, "start", start, "end", end));
    LocalDate day = LocalDateTime.parse(from).toLocalDate();
    List<ReservationView> candidates =
        matching(
            turn,
            queries.reservations(turn.tenantId(), day, day).reservations(),
            day.toString(),
            from);
    if (candidates.isEmpty()) {
      return Texts.text(turn.language(), "none_found");
    }
    ReservationView r = candidates.get(0);
    long id = r.id();
    Instant newStart = instant(turn, start);
    Instant newEnd = CustomerTools.newEnd(turn, r, newStart, end);
    String question =
        Texts.text(
            turn.language(),
            "confirm_move",
            customerName(r),
            describe(turn, r),
            Texts.slot(turn.language(), newStart, newEnd, zone(turn)));
    turn.attach(
        confirm(turn, question, new ButtonPayload.ConfirmMove(id, newStart, newEnd).encode(), id));
    return question;
  }

  @Tool(
      "Records that a customer did not come to a past reservation (a no-show), or, in advance,"
          + " will not come to one still to come (its slot is freed and offered to the waitlist);"
          + " found by the customer's name and/or its day and start time: the most recent past one"
          + " that matches, or with when = upcoming the soonest one to come")
  public String markNoShow(
      @P(value = "the customer's name", required = false) String customerName,
      @P(value = "the reservation's day, yyyy-MM-dd", required = false) String date,
      @P(value = "the reservation's start time, HH:mm", required = false) String time,
      @P(
              value = "upcoming: the customer will not come to a reservation still to come",
              required = false)
          String when,
      InvocationParameters parameters) {
    TurnContext turn = turn(parameters);
    turn.record(
        "markNoShow", args("customerName", customerName, "date", date, "time", time, "when", when));
    LocalDate today = turn.at().toLocalDate();
    // in advance: said so ("won't come"), or a day still to come
    boolean ahead =
        "upcoming".equalsIgnoreCase(blank(when) ? "" : when.strip())
            || (!blank(date) && LocalDate.parse(date).isAfter(today));
    LocalDate from =
        !blank(date) ? LocalDate.parse(date) : ahead ? today : today.minusDays(NO_SHOW_DAYS);
    LocalDate to =
        !blank(date) ? LocalDate.parse(date) : ahead ? today.plusDays(NO_SHOW_DAYS) : today;
    Instant now = turn.at().toInstant();
    String name = blank(customerName) ? null : fold(customerName);
    Comparator<ReservationView> nearest =
        ahead
            ? Comparator.comparing(ReservationView::start)
            : Comparator.comparing(ReservationView::start).reversed();
    List<ReservationView> matches =
        queries.reservations(turn.tenantId(), from, to).reservations().stream()
            .filter(r -> ahead ? r.start().isAfter(now) : r.start().isBefore(now))
            .filter(
                r ->
                    ReservationView.ACTIVE.equalsIgnoreCase(r.status())
                        || ReservationView.COMPLETED.equalsIgnoreCase(r.status()))
            .filter(r -> name == null || fold(customerName(r)).contains(name))
            .filter(
                r ->
                    blank(time)
                        || Texts.hm(r.start().atZone(zone(turn)))
                            .equals(java.time.LocalTime.parse(time).toString()))
            .sorted(nearest)
            .toList();
    if (matches.isEmpty()) {
      return Texts.text(turn.language(), ahead ? "no_show_none_ahead" : "no_show_none");
    }
    Instant latest = matches.get(0).start();
    List<ReservationView> candidates =
        name != null && matches.stream().map(OwnerTools::customerName).distinct().count() > 1
            ? matches
            : matches.stream().filter(r -> r.start().equals(latest)).toList();
    if (candidates.size() == 1) {
      return markNoShow(turn, candidates.get(0).id());
    }
    String body = Texts.text(turn.language(), "which_one");
    List<OutboundContent.ListRow> rows = new java.util.ArrayList<>();
    for (ReservationView r : candidates.subList(0, Math.min(10, candidates.size()))) {
      rows.add(
          new OutboundContent.ListRow(
              new ButtonPayload.NoShow(r.id()).encode(),
              Outcomes.truncate(customerName(r), 24),
              Outcomes.truncate(describe(turn, r), 72)));
    }
    turn.attach(
        new OutboundContent.ListMessage(body, Texts.text(turn.language(), "pick_one"), rows));
    return body;
  }

  /** Marks reservation {@code reservationId}'s customer as not having come. */
  public String markNoShow(TurnContext turn, long reservationId) {
    MarkNoShow command =
        new MarkNoShow(
            turn.commandId("noShow", args("reservationId", reservationId)),
            clock.instant(),
            turn.tenantId(),
            turn.message().wamid(),
            actor(turn),
            reservationId);
    return customerTools.send(turn, command, false);
  }

  /** Lower case, Turkish letters as their Latin base: "Şükrü" and "sukru" match. */
  private static String fold(String s) {
    String lower = s.toLowerCase(Texts.locale("tr")).replace('ı', 'i');
    return java.text.Normalizer.normalize(lower, java.text.Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "")
        .strip();
  }

  @Tool("Sends the reservation table (an image) for a period")
  public String reservationTable(
      @P("first day, yyyy-MM-dd") String from,
      @P("last day, yyyy-MM-dd") String to,
      InvocationParameters parameters) {
    TurnContext turn = turn(parameters);
    turn.record("reservationTable", args("from", from, "to", to));
    byte[] png = queries.table(turn.tenantId(), LocalDate.parse(from), LocalDate.parse(to));
    String caption =
        Texts.text(
            turn.language(),
            "table_caption",
            Texts.day(turn.language(), LocalDate.parse(from)),
            Texts.day(turn.language(), LocalDate.parse(to)));
    turn.attach(
        new OutboundContent.Image(
            null, Base64.getEncoder().encodeToString(png), "image/png", caption));
    return Texts.text(turn.language(), "table_sent");
  }

  @Tool("Hours sold, revenue and occupancy for a period")
  public String salesReport(
      @P("first day, yyyy-MM-dd") String from,
      @P("last day, yyyy-MM-dd") String to,
      InvocationParameters parameters) {
    TurnContext turn = turn(parameters);
    turn.record("salesReport", args("from", from, "to", to));
    Sales s = queries.sales(turn.tenantId(), LocalDate.parse(from), LocalDate.parse(to));
    String lang = turn.language();
    return Texts.text(
        lang,
        "sales",
        Texts.day(lang, LocalDate.parse(from)),
        Texts.day(lang, LocalDate.parse(to)),
        s.reservations(),
        Objects.requireNonNullElse(s.hoursSold(), "0"),
        Objects.requireNonNullElse(s.revenue(), "0"),
        Objects.requireNonNullElse(s.currency(), ""),
        percent(Objects.requireNonNullElse(s.occupancyRate(), "0")));
  }

  @Tool("The most loyal customers (bookings, hours, spend) of a period")
  public String loyalCustomers(
      @P(value = "first day, yyyy-MM-dd", required = false) String from,
      @P(value = "last day, yyyy-MM-dd", required = false) String to,
      InvocationParameters parameters) {
    TurnContext turn = turn(parameters);
    turn.record("loyalCustomers", args("from", from, "to", to));
    LocalDate[] period = period(turn, from, to);
    return ranking(
        turn,
        "loyal",
        period,
        queries.loyalCustomers(turn.tenantId(), period[0], period[1]).customers(),
        (LoyalCustomer c) ->
            Texts.text(
                turn.language(),
                "loyal_line",
                name(c.name(), c.phone(), c.userId()),
                ReportTexts.bookings(turn.language(), c.bookings()),
                ReportTexts.hours(turn.language(), c.hours()),
                ReportTexts.money(
                    turn.language(), c.spend(), turn.tenant().settings().currency())));
  }

  @Tool("Customers ranked by cancellations (count and rate) in a period")
  public String cancellationRanking(
      @P(value = "first day, yyyy-MM-dd", required = false) String from,
      @P(value = "last day, yyyy-MM-dd", required = false) String to,
      InvocationParameters parameters) {
    TurnContext turn = turn(parameters);
    turn.record("cancellationRanking", args("from", from, "to", to));
    LocalDate[] period = period(turn, from, to);
    return ranking(
        turn,
        "cancellers",
        period,
        queries.cancellations(turn.tenantId(), period[0], period[1]).customers(),
        (Canceller c) ->
            Texts.text(
                turn.language(),
                "canceller_line",
                name(c.name(), c.phone(), c.userId()),
                c.cancellations(),
                c.noShows(),
                ReportTexts.bookings(turn.language(), c.bookings()),
                ReportTexts.percent(
                    turn.language(), Objects.requireNonNullElse(c.cancellationRate(), "0"))));
  }

  @Tool("Bookings by weekday and hour in a period: the busiest hours")
  public String peakHours(
      @P(value = "first day, yyyy-MM-dd", required = false) String from,
      @P(value = "last day, yyyy-MM-dd", required = false) String to,
      InvocationParameters parameters) {
    TurnContext turn = turn(parameters);
    turn.record("peakHours", args("from", from, "to", to));
    LocalDate[] period = period(turn, from, to);
    List<PeakHour> hours =
        queries.peakHours(turn.tenantId(), period[0], period[1]).hours().stream()
            .sorted(Comparator.comparingLong(PeakHour::bookings).reversed())
            .limit(5)
            .toList();
    if (hours.isEmpty()) {
      return Texts.text(turn.language(), "nothing_yet");
    }
    String lines =
        hours.stream()
            .map(
                h ->
                    Texts.text(
                        turn.language(),
                        "peak_line",
                        ReportTexts.weekday(turn.language(), h.weekday()),
                        ReportTexts.hour(h.hour()),
                        ReportTexts.bookings(turn.language(), h.bookings())))
            .collect(Collectors.joining("\n"));
    String[] ends = ReportTexts.ends(turn.language(), period[0], period[1]);
    return Texts.text(turn.language(), "peaks", ends[0], ends[1], lines);
  }

  private static <C> String ranking(
      TurnContext turn, String key, LocalDate[] period, List<C> all, Function<C, String> line) {
    List<C> customers = all.stream().limit(10).toList();
    if (customers.isEmpty()) {
      return Texts.text(turn.language(), "nothing_yet");
    }
    String lines = customers.stream().map(line).collect(Collectors.joining("\n"));
    String[] ends = ReportTexts.ends(turn.language(), period[0], period[1]);
    return Texts.text(turn.language(), key, ends[0], ends[1], lines);
  }

  /** A period as given, else the last 90 days up to the message's day. */
  private static LocalDate[] period(TurnContext turn, String from, String to) {
    LocalDate end = blank(to) ? turn.at().toLocalDate() : LocalDate.parse(to);
    LocalDate start = blank(from) ? end.minusDays(90) : LocalDate.parse(from);
    return new LocalDate[] {start, end};
  }

  private static OutboundContent.Buttons confirm(
      TurnContext turn, String question, String yesId, long id) {
    return new OutboundContent.Buttons(
        question,
        List.of(
            new OutboundContent.ReplyButton(yesId, Texts.text(turn.language(), "yes")),
            new OutboundContent.ReplyButton(
                ButtonPayload.Keep.of(id).encode(), Texts.text(turn.language(), "no"))));
  }

  private static String customerName(ReservationView r) {
    return name(r.customer().name(), r.customer().phone(), r.customer().userId());
  }

  /** The name, else the phone, else the user id, else "?". */
  private static String name(String name, String phone, String userId) {
    if (name != null && !name.isBlank()) {
      return name;
    }
    return phone != null ? phone : userId != null ? userId : "?";
  }

  private static String percent(String rate) {
    try {
      return new java.math.BigDecimal(rate)
          .multiply(java.math.BigDecimal.valueOf(100))
          .setScale(0, java.math.RoundingMode.HALF_UP)
          .toPlainString();
    } catch (NumberFormatException e) {
      return rate;
    }
  }
}
