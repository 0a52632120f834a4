package io.sahabot.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import io.sahabot.agent.turn.ButtonPayload;
import io.sahabot.agent.turn.TurnContext;
import io.sahabot.schemas.reservation.CancelReservation;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.MoveReservation;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.ReservationEvent;
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
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

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
    JsonNode availability = queries.availability(turn.tenantId(), day, length);
    List<JsonNode> fields = new ArrayList<>();
    for (JsonNode f : availability.path("fields")) {
      if (blank(field) || f.path("field").asText().equalsIgnoreCase(field)) {
        fields.add(f);
      }
    }
    if (!blank(time)) {
      Instant start = day.atTime(java.time.LocalTime.parse(time)).atZone(zone).toInstant();
      Instant end = start.plus(Duration.ofMinutes(length));
      String when = Texts.day(lang, day) + " " + time;
      for (JsonNode f : fields) {
        if (covers(f.path("free"), start, end)) {
          String name = f.path("field").asText();
          return Texts.text(lang, "free_at", name, when, when);
        }
      }
      return Texts.text(lang, "taken_at", (blank(field) ? "" : field + " ") + when);
    }
    String lines =
        fields.stream()
            .map(
                f ->
                    f.path("field").asText()
                        + ": "
                        + stream(f.path("free"))
                            .map(
                                s -> Texts.hm(Instant.parse(s.path("start").asText()).atZone(zone)))
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
    turn.record("bookSlot", args("start", start, "end", end, "field", field));
    return book(turn, blank(field) ? null : field, instant(turn, start), instant(turn, end));
  }

  /** Books for the sender; also what a tap on an offered alternative does. */
  public String book(TurnContext turn, String field, Instant start, Instant end) {
    InboundMessage m = turn.message();
    CustomerRef me = new CustomerRef(m.profileName(), m.waId(), m.userId());
    RequestReservation command =
        new RequestReservation(
            turn.nextCommandId("bookSlot"),
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
    JsonNode mine = queries.customerReservations(turn.tenantId(), turn.userId(), true);
    List<JsonNode> active = matching(turn, mine, null, null);
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
    List<JsonNode> candidates =
        matching(
            turn, queries.customerReservations(turn.tenantId(), turn.userId(), true), date, start);
    if (candidates.isEmpty()) {
      return Texts.text(turn.language(), "none_found");
    }
    if (candidates.size() > 1) {
      String body = Texts.text(turn.language(), "which_one");
      List<OutboundContent.ListRow> rows = new ArrayList<>();
      for (JsonNode r : candidates.subList(0, Math.min(10, candidates.size()))) {
        rows.add(
            new OutboundContent.ListRow(
                new ButtonPayload.Cancel(r.path("id").asLong()).encode(),
                Outcomes.truncate(describe(turn, r), 24),
                null));
      }
      turn.attach(
          new OutboundContent.ListMessage(body, Texts.text(turn.language(), "pick_one"), rows));
      return body;
    }
    return cancel(turn, candidates.get(0).path("id").asLong());
  }

  /** Cancels a reservation by id; reservation-service refuses one that is not the sender's. */
  public String cancel(TurnContext turn, long reservationId) {
    CancelReservation command =
        new CancelReservation(
            turn.nextCommandId("cancel"),
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
    List<JsonNode> candidates =
        matching(
            turn,
            queries.customerReservations(turn.tenantId(), turn.userId(), true),
            blank(from) ? null : LocalDateTime.parse(from).toLocalDate().toString(),
            from);
    if (candidates.size() != 1) {
      return Texts.text(turn.language(), candidates.isEmpty() ? "none_found" : "which_one");
    }
    JsonNode r = candidates.get(0);
    Instant newStart = instant(turn, start);
    Instant newEnd = newEnd(turn, r, newStart, end);
    return move(turn, r.path("id").asLong(), newStart, newEnd);
  }

  static Instant newEnd(TurnContext turn, JsonNode r, Instant newStart, String end) {
    if (!blank(end)) {
      return instant(turn, end);
    }
    Duration length =
        Duration.between(
            Instant.parse(r.path("start").asText()), Instant.parse(r.path("end").asText()));
    return newStart.plus(length);
  }

  public String move(TurnContext turn, long reservationId, Instant start, Instant end) {
    MoveReservation command =
        new MoveReservation(
            turn.nextCommandId("move"),
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
      return "(dry run) " + command.getClass().getSimpleName();
    }
    ReservationEvent outcome = commands.send(command);
    return Outcomes.describe(turn, outcome, forSomeoneElse);
  }

  /** Whether [start, end) lies within the union of free slots. */
  static boolean covers(JsonNode free, Instant start, Instant end) {
    Instant reached = start;
    List<JsonNode> slots =
        stream(free)
            .sorted((a, b) -> a.path("start").asText().compareTo(b.path("start").asText()))
            .toList();
    for (JsonNode slot : slots) {
      Instant s = Instant.parse(slot.path("start").asText());
      Instant e = Instant.parse(slot.path("end").asText());
      if (!s.isAfter(reached) && e.isAfter(reached)) {
        reached = e;
      }
      if (!reached.isBefore(end)) {
        return true;
      }
    }
    return false;
  }

  static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out.stream();
  }
}
