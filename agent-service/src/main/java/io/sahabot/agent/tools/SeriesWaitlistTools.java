package io.sahabot.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import io.sahabot.agent.turn.TurnContext;
import io.sahabot.schemas.reservation.AcceptWaitlistOffer;
import io.sahabot.schemas.reservation.CancelSeries;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.JoinWaitlist;
import io.sahabot.schemas.reservation.RequestSeries;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.whatsapp.InboundMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Recurring bookings and waitlists, for customers (for themselves) and the business (a series for a
 * named customer too): {@code bookSeries}, {@code cancelSeries}, {@code joinWaitlist}, and what the
 * buttons "Join waitlist" and "Book it" (a waitlist offer) do. Each sends one command on {@code
 * reservation.commands}, whose id is derived from the message like every write tool's.
 */
@Component
public class SeriesWaitlistTools extends Tooling {

  private final CustomerTools customerTools;

  public SeriesWaitlistTools(
      ReservationQueries queries,
      ReservationCommands commands,
      Clock clock,
      CustomerTools customerTools) {
    super(queries, commands, clock);
    this.customerTools = customerTools;
  }

  @Tool(
      "Books the same slot every week: the first occurrence and the number of weeks; the business"
          + " may name the customer it books for")
  public String bookSeries(
      @P("first start, local date-time yyyy-MM-ddTHH:mm") String start,
      @P("first end, local date-time yyyy-MM-ddTHH:mm") String end,
      @P("how many weeks, 1 to 52") int weeks,
      @P(value = "the field's name; empty for the default field", required = false) String field,
      @P(value = "for the business: the customer's name", required = false) String customerName,
      @P(value = "for the business: the customer's phone, E.164 digits", required = false)
          String phone,
      InvocationParameters parameters) {
    TurnContext turn = turn(parameters);
    turn.record(
        "bookSeries",
        args(
            "start",
            start,
            "end",
            end,
            "weeks",
            weeks,
            "field",
            field,
            "customerName",
            customerName,
            "phone",
            phone));
    if (weeks < 1 || weeks > RequestSeries.MAX_OCCURRENCES) {
      throw new IllegalArgumentException("weeks must be between 1 and 52");
    }
    InboundMessage m = turn.message();
    boolean forSomeoneElse = turn.owner() && !(blank(customerName) && blank(phone));
    CustomerRef customer =
        forSomeoneElse
            ? new CustomerRef(
                blank(customerName) ? null : customerName,
                blank(phone) ? null : phone,
                blank(phone) ? "name:" + customerName : null)
            : new CustomerRef(m.profileName(), m.waId(), m.userId());
    Instant from = instant(turn, start);
    Instant to = instant(turn, end);
    RequestSeries command =
        new RequestSeries(
            turn.commandId(
                "bookSeries",
                args(
                    "field",
                    field,
                    "start",
                    from,
                    "end",
                    to,
                    "weeks",
                    weeks,
                    "name",
                    forSomeoneElse ? customerName : null,
                    "phone",
                    forSomeoneElse ? phone : null)),
            clock.instant(),
            turn.tenantId(),
            m.wamid(),
            actor(turn),
            customer,
            blank(field) ? null : field,
            from,
            to,
            weeks);
    return customerTools.send(turn, command, forSomeoneElse);
  }

  @Tool(
      "Cancels the rest of the sender's weekly booking: from its occurrence on a day (the next one"
          + " when no day is given) on")
  public String cancelSeries(
      @P(value = "the day of the first week to cancel, yyyy-MM-dd", required = false) String date,
      InvocationParameters parameters) {
    TurnContext turn = turn(parameters);
    turn.record("cancelSeries", args("date", date));
    List<ReservationView> upcoming =
        matching(
            turn, queries.customerReservations(turn.tenantId(), turn.userId(), true), date, null);
    if (upcoming.isEmpty()) {
      return Texts.text(turn.language(), "series_none");
    }
    ReservationView first =
        upcoming.stream().min(java.util.Comparator.comparing(ReservationView::start)).get();
    CancelSeries command =
        new CancelSeries(
            turn.commandId("cancelSeries", args("reservation", first.id())),
            clock.instant(),
            turn.tenantId(),
            turn.message().wamid(),
            actor(turn),
            first.id());
    return customerTools.send(turn, command, false);
  }

  @Tool("Puts the sender on the waitlist of a taken slot; they are offered it if it frees up")
  public String joinWaitlist(
      @P("start, local date-time yyyy-MM-ddTHH:mm") String start,
      @P("end, local date-time yyyy-MM-ddTHH:mm") String end,
      @P(value = "the field's name; empty for the default field", required = false) String field,
      InvocationParameters parameters) {
    TurnContext turn = turn(parameters);
    turn.record("joinWaitlist", args("start", start, "end", end, "field", field));
    return join(turn, blank(field) ? null : field, instant(turn, start), instant(turn, end));
  }

  /** Joins the waitlist of {@code [start, end)}; also what the "Join waitlist" button does. */
  public String join(TurnContext turn, String field, Instant start, Instant end) {
    InboundMessage m = turn.message();
    JoinWaitlist command =
        new JoinWaitlist(
            turn.commandId("joinWaitlist", args("field", field, "start", start, "end", end)),
            clock.instant(),
            turn.tenantId(),
            m.wamid(),
            actor(turn),
            new CustomerRef(m.profileName(), m.waId(), m.userId()),
            field,
            start,
            end);
    return customerTools.send(turn, command, false);
  }

  /** Takes the waitlist offer made to {@code entryId}: what its "Book it" button does. */
  public String takeOffer(TurnContext turn, long entryId) {
    AcceptWaitlistOffer command =
        new AcceptWaitlistOffer(
            turn.commandId("takeOffer", args("entry", entryId)),
            clock.instant(),
            turn.tenantId(),
            turn.message().wamid(),
            actor(turn),
            entryId);
    return customerTools.send(turn, command, false);
  }
}
