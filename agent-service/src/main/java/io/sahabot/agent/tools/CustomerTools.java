package io.sahabot.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import io.sahabot.agent.dialogue.DialogueState.Slots;
import io.sahabot.agent.turn.ButtonPayload;
import io.sahabot.agent.turn.TurnContext;
import io.sahabot.schemas.reservation.CancelReservation;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.MoveReservation;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.query.FieldAvailability;
import io.sahabot.schemas.reservation.query.FreeSlot;
import io.sahabot.schemas.tenant.PeakPrice;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.OutboundContent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The tools every sender has: availability, price, book for me, my reservations, cancel or move
 * mine.
 */
@Component
public class CustomerTools extends Tooling {

  public CustomerTools(ReservationQueries queries, ReservationCommands commands, Clock clock) {
    super(queries, commands, clock);
  }

  @Tool("Whether a field is free on a day at a time; without a time, the free slots of the day")
  public String checkAvailability(
      @P("the day, yyyy-MM-dd") String date,
      @P(value = "the start time, HH:mm", required = false) String time,
      @P(value = "the field's name; empty for any field", required = false) String field,
      InvocationParameters parameters) {
    TurnContext turn = turn(parameters);
    turn.record("checkAvailability", args("date", date, "time", time, "field", field));
    String lang = turn.language();
    ZoneId zone = zone(turn);
    LocalDate day = LocalDate.parse(date);
    int length = turn.tenant().settings().slotMinutes();
    List<FieldAvailability> fields = new ArrayList<>();
    for (FieldAvailability f : queries.availability(turn.tenantId(), day, length).fields()) {
      if (blank(field) || field.equalsIgnoreCase(f.field())) {
        fields.add(f);
      }
    }
    if (!blank(time)) {
      Instant start = day.atTime(java.time.LocalTime.parse(time)).atZone(zone).toInstant();
      Instant end = start.plus(Duration.ofMinutes(length));
      String when = Texts.day(lang, day) + " " + time;
      LocalDateTime localStart = day.atTime(java.time.LocalTime.parse(time));
      for (FieldAvailability f : fields) {
        if (covers(f.free(), start, end)) {
          String name = f.field();
          String text = Texts.text(lang, "free_at", name, when, when);
          // the offer stays open for "evet"; its button books it as typing yes does
          turn.dialogue(
              turn.dialogue()
                  .withProposal(
                      Slots.slot(
                          "availability", localStart, localStart.plusMinutes(length), name, null)));
          turn.attach(
              new OutboundContent.Buttons(
                  text,
                  List.of(
                      new OutboundContent.ReplyButton(
                          new ButtonPayload.Book(name, start, end).encode(),
                          Texts.text(lang, "book_button")))));
          return text;
        }
      }
      turn.dialogue(
          turn.dialogue()
              .withProposal(
                  Slots.slot(
                      "taken",
                      localStart,
                      localStart.plusMinutes(length),
                      blank(field) ? null : field,
                      null)));
      return Texts.text(lang, "taken_at", (blank(field) ? "" : field + " ") + when);
    }
    turn.dialogue(
        turn.dialogue().withProposal(Slots.day("availability", day, blank(field) ? null : field)));
    String lines =
        fields.stream()
            .map(
                f ->
                    f.field()
                        + ": "
                        + f.free().stream()
                            .map(s -> Texts.hm(s.start().atZone(zone)))
                            .collect(Collectors.joining(", ")))
            .filter(l -> !l.endsWith(": "))
            .collect(Collectors.joining("\n"));
    return lines.isBlank()
        ? Texts.text(lang, "no_free_slots", Texts.day(lang, day))
        : Texts.text(lang, "free_slots", Texts.day(lang, day), lines);
  }

  @Tool("Books a slot for the sender")
  public String bookSlot(
      @P("start, local date-time yyyy-MM-ddTHH:mm") String start,
      @P("end, local date-time yyyy-MM-ddTHH:mm") String end,
      @P(value = "the field's name; empty for the default field", required = false) String field,
      InvocationParameters parameters) {
    TurnContext turn = turn(parameters);
    return book(turn, blank(field) ? null : field, instant(turn, start), instant(turn, end));
  }

  /**
   * Books for the sender: the {@code bookSlot} tool, a tap on an offered slot or alternative, and a
   * typed yes to the bot's offer alike (recorded as {@code bookSlot} in every case).
   */
  public String book(TurnContext turn, String field, Instant start, Instant end) {
    ZoneId zone = zone(turn);
    turn.record(
        "bookSlot",
        args(
            "start",
            LocalDateTime.ofInstant(start, zone).toString(),
            "end",
            LocalDateTime.ofInstant(end, zone).toString(),
            "field",
            field));
    InboundMessage m = turn.message();
    CustomerRef me = new CustomerRef(m.profileName(), m.waId(), turn.userId());
    RequestReservation command =
        new RequestReservation(
            turn.commandId("bookSlot", args("field", field, "start", start, "end", end)),
            clock.instant(),
            turn.tenantId(),
            m.wamid(),
            actor(turn),
            me,
            field,
            start,
            end);
    return send(turn, command, false);
  }

  @Tool("Lists the sender's upcoming reservations")
  public String myReservations(InvocationParameters parameters) {
    TurnContext turn = turn(parameters);
    turn.record("myReservations", args());
    List<ReservationView> mine = mine(turn);
    List<ReservationView> active = matching(turn, mine, null, null);
    ZoneId zone = zone(turn);
    turn.dialogue(
        turn.dialogue()
            .withListed(
                active.stream()
                    .map(
                        r ->
                            Slots.slot(
                                "reservation",
                                LocalDateTime.ofInstant(r.start(), zone),
                                LocalDateTime.ofInstant(r.end(), zone),
                                r.field(),
                                r.id()))
                    .toList()));
    if (active.isEmpty()) {
      return Texts.text(turn.language(), "mine_none");
    }
    return Texts.text(
        turn.language(),
        "mine",
        active.stream().map(r -> "• " + describe(turn, r)).collect(Collectors.joining("\n")));
  }

  @Tool("Cancels one of the sender's own reservations, on a day and optionally at a start time")
  public String cancelMyReservation(
      @P(value = "the reservation's day, yyyy-MM-dd", required = false) String date,
      @P(value = "the reservation's start, yyyy-MM-ddTHH:mm", required = false) String start,
      InvocationParameters parameters) {
    TurnContext turn = turn(parameters);
    turn.record("cancelMyReservation", args("date", date, "start", start));
    List<ReservationView> candidates = matching(turn, mine(turn), date, start);
    if (candidates.isEmpty()) {
      return Texts.text(turn.language(), "none_found");
    }
    if (candidates.size() > 1) {
      String body = Texts.text(turn.language(), "which_one");
      List<OutboundContent.ListRow> rows = new ArrayList<>();
      for (ReservationView r : candidates.subList(0, Math.min(10, candidates.size()))) {
        rows.add(
            new OutboundContent.ListRow(
                new ButtonPayload.Cancel(r.id()).encode(),
                Outcomes.truncate(describe(turn, r), 24),
                null));
      }
      turn.attach(
          new OutboundContent.ListMessage(body, Texts.text(turn.language(), "pick_one"), rows));
      return body;
    }
    return cancel(turn, candidates.get(0).id());
  }

  /** Cancels a reservation by id; reservation-service refuses one that is not the sender's. */
  public String cancel(TurnContext turn, long reservationId) {
    CancelReservation command =
        new CancelReservation(
            turn.commandId("cancel", args("reservationId", reservationId)),
            clock.instant(),
            turn.tenantId(),
            turn.message().wamid(),
            actor(turn),
            reservationId,
            null);
    return send(turn, command, false);
  }

  @Tool("Moves one of the sender's own reservations to a new start (and end)")
  public String moveMyReservation(
      @P(
              value =
                  "the current reservation's start, yyyy-MM-ddTHH:mm; empty if the sender has one",
              required = false)
          String from,
      @P("the new start, yyyy-MM-ddTHH:mm") String start,
      @P(value = "the new end, yyyy-MM-ddTHH:mm; empty to keep the length", required = false)
          String end,
      InvocationParameters parameters) {
    TurnContext turn = turn(parameters);
    turn.record("moveMyReservation", args("from", from, "start", start, "end", end));
    List<ReservationView> candidates =
        matching(
            turn,
            mine(turn),
            blank(from) ? null : LocalDateTime.parse(from).toLocalDate().toString(),
            from);
    if (candidates.size() != 1) {
      return Texts.text(turn.language(), candidates.isEmpty() ? "none_found" : "which_one");
    }
    ReservationView r = candidates.get(0);
    Instant newStart = instant(turn, start);
    Instant newEnd = newEnd(turn, r, newStart, end);
    return move(turn, r.id(), newStart, newEnd);
  }

  static Instant newEnd(TurnContext turn, ReservationView r, Instant newStart, String end) {
    if (!blank(end)) {
      return instant(turn, end);
    }
    return newStart.plus(Duration.between(r.start(), r.end()));
  }

  public String move(TurnContext turn, long reservationId, Instant start, Instant end) {
    MoveReservation command =
        new MoveReservation(
            turn.commandId(
                "move", args("reservationId", reservationId, "start", start, "end", end)),
            clock.instant(),
            turn.tenantId(),
            turn.message().wamid(),
            actor(turn),
            reservationId,
            null,
            start,
            end);
    return send(turn, command, false);
  }

  /** The sender's upcoming reservations (in dry run, with the dialogue's own bookings). */
  private List<ReservationView> mine(TurnContext turn) {
    List<ReservationView> mine =
        new ArrayList<>(queries.customerReservations(turn.tenantId(), turn.userId(), true));
    if (turn.dryRun()) {
      mine.addAll(turn.dryRunBookings());
      mine.sort(Comparator.comparing(ReservationView::start));
    }
    return mine;
  }

  /** What was just booked, for "pardon 21:00 olsun" and "onu iptal et". */
  private static void booked(TurnContext turn, String field, Instant start, Instant end, Long id) {
    ZoneId zone = zone(turn);
    turn.dialogue(
        turn.dialogue()
            .withBooked(
                Slots.slot(
                    "reservation",
                    LocalDateTime.ofInstant(start, zone),
                    LocalDateTime.ofInstant(end, zone),
                    field,
                    id)));
  }

  @Tool("The price per hour, and peak prices if the business has them")
  public String priceInfo(InvocationParameters parameters) {
    TurnContext turn = turn(parameters);
    turn.record("priceInfo", args());
    TenantSettings s = turn.tenant().settings();
    String peaks = "";
    if (!s.peakPrices().isEmpty()) {
      peaks =
          Texts.text(
              turn.language(),
              "peak_price",
              s.peakPrices().stream()
                  .map(p -> describe(p, s.currency()))
                  .collect(Collectors.joining("; ")));
    }
    if (s.fieldDetails().stream().anyMatch(f -> f.pricePerHour() != null || f.size() != null)) {
      peaks += " " + FieldTools.describeAll(s) + ".";
    }
    return Texts.text(
        turn.language(), "price", Outcomes.money(s.pricePerHour(), s.currency()), peaks);
  }

  private static String describe(PeakPrice p, String currency) {
    return p.from() + "–" + p.to() + " " + Outcomes.money(p.pricePerHour(), currency);
  }

  String send(
      TurnContext turn,
      io.sahabot.schemas.reservation.ReservationCommand command,
      boolean forSomeoneElse) {
    if (turn.dryRun()) {
      if (command instanceof RequestReservation request) {
        long id = turn.dryRunBookings().size() + 1L;
        String field =
            request.field() != null ? request.field() : turn.tenant().settings().fields().get(0);
        turn.dryRunBookings()
            .add(
                new ReservationView(
                    id,
                    field,
                    request.customer(),
                    request.start(),
                    request.end(),
                    ReservationView.ACTIVE,
                    java.math.BigDecimal.ZERO,
                    turn.tenant().settings().currency()));
        booked(turn, field, request.start(), request.end(), id);
      }
      return "(dry run) " + command.getClass().getSimpleName();
    }
    ReservationCommands.Told told = commands.tell(command);
    if (told.outcome() instanceof io.sahabot.schemas.reservation.ReservationConfirmed c) {
      ReservationView r = c.reservation();
      booked(turn, r.field(), r.start(), r.end(), r.id());
    }
    if (told.outcome() != null && !told.toldHere()) {
      return Texts.text(turn.language(), "already_told"); // the notifier told it first
    }
    if (told.outcome() != null) {
      turn.told(told.outcome().commandId());
    }
    String said = Outcomes.describe(turn, told.outcome(), forSomeoneElse);
    if (!turn.owner()
        && command instanceof RequestReservation asked
        && told.outcome() instanceof io.sahabot.schemas.reservation.ReservationRejected r
        && r.reason() == io.sahabot.schemas.reservation.RejectionReason.OVERLAP) {
      // a taken slot: the customer may wait for it
      turn.attach(
          SeriesWaitlistMessages.joinButton(
              turn.language(),
              new io.sahabot.schemas.reservation.Slot(
                  asked.field() == null ? turn.tenant().settings().defaultField() : asked.field(),
                  asked.start(),
                  asked.end()),
              zone(turn)));
    }
    return said;
  }

  /** Whether [start, end) lies within the union of free slots. */
  static boolean covers(List<FreeSlot> free, Instant start, Instant end) {
    Instant reached = start;
    List<FreeSlot> slots = free.stream().sorted(Comparator.comparing(FreeSlot::start)).toList();
    for (FreeSlot slot : slots) {
      if (!slot.start().isAfter(reached) && slot.end().isAfter(reached)) {
        reached = slot.end();
      }
      if (!reached.isBefore(end)) {
        return true;
      }
    }
    return false;
  }
}
