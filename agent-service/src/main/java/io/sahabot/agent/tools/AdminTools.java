package io.sahabot.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import io.sahabot.agent.turn.ButtonPayload;
import io.sahabot.agent.turn.TurnContext;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.tenant.FieldSpec;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.whatsapp.OutboundContent;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClientException;

/**
 * The owner runs the business by chat: a proposed change (price, hours, a field's name, a closed
 * date or holiday hours, a blocked slot, admin numbers, reminder time, cancellation notice) is
 * answered with a Yes/No button and takes effect only on the tap ({@link #apply}): settings through
 * tenant-service (validated, versioned, published to {@code tenant.changelog}), a block as the
 * owner's reservation on {@code reservation.commands}. Bookings on a date being closed are listed
 * to the owner, before and after, and are never cancelled. A field with bookings to come is not
 * removed: the owner gets their list instead of the question (and tenant-service refuses the
 * removal again, with the list, should one be booked before the tap).
 *
 * <p>Also a customer's "tell the owner" after a refused late cancellation ({@link #tellOwner}).
 */
@Component
public class AdminTools extends Tooling {

  private static final Logger log = LoggerFactory.getLogger(AdminTools.class);

  private final CustomerTools customerTools;
  private final TenantSettingsClient settings;
  private final OwnerNotifier ownerRequests;

  public AdminTools(
      ReservationQueries queries,
      ReservationCommands commands,
      CustomerTools customerTools,
      TenantSettingsClient settings,
      OwnerNotifier ownerRequests,
      Clock clock) {
    super(queries, commands, clock);
    this.customerTools = customerTools;
    this.settings = settings;
    this.ownerRequests = ownerRequests;
  }

  @Tool(
      "Proposes a change of the business, which the owner confirms with a button before it takes"
          + " effect. kind: price (value = price per hour; field for one field's own price),"
          + " hours (open, close: every day; a close before the open is past midnight), rename"
          + " (field, value = new name), closed (from, to: dates), special-hours (from, to, open,"
          + " close), block (start, end: a slot blocked for maintenance; field), remove-field"
          + " (field: refused while it has bookings to come), add-admin and"
          + " remove-admin (value = phone, digits), reminder (value = minutes before),"
          + " cancellation-notice (value = hours before the start customers may still cancel)")
  public String proposeChange(
      @P("the kind of change") String kind,
      @P(value = "the amount, name, phone, minutes or hours", required = false) String value,
      @P(value = "the field's name", required = false) String field,
      @P(value = "first date, yyyy-MM-dd", required = false) String from,
      @P(value = "last date, yyyy-MM-dd", required = false) String to,
      @P(value = "opening time HH:mm", required = false) String open,
      @P(value = "closing time HH:mm", required = false) String close,
      @P(value = "a block's start, yyyy-MM-ddTHH:mm", required = false) String start,
      @P(value = "a block's end, yyyy-MM-ddTHH:mm", required = false) String end,
      InvocationParameters parameters) {
    TurnContext turn = turn(parameters);
    turn.record(
        "proposeChange",
        args(
            "kind", kind, "value", value, "field", field, "from", from, "to", to, "open", open,
            "close", close, "start", start, "end", end));
    String lang = turn.language();
    if (!turn.owner()) {
      return Texts.text(lang, "owners_only");
    }
    TenantSettings current = turn.tenant().settings();
    AdminChange change;
    try {
      String fieldId =
          blank(field)
              ? null
              : current
                  .field(field)
                  .map(FieldSpec::id)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              Texts.text(lang, "rejected_UNKNOWN_FIELD", fieldNames(current))));
      boolean block = "block".equals(kind);
      change =
          new AdminChange(
              kind,
              blank(value) ? null : value.strip(),
              fieldId,
              block ? start : blank(from) ? null : from,
              block ? end : blank(to) ? from : to,
              blank(open) ? null : open,
              blank(close) ? null : close);
      if ("remove-field".equals(kind) && fieldId == null) {
        throw new IllegalArgumentException(
            Texts.text(lang, "rejected_UNKNOWN_FIELD", fieldNames(current)));
      }
      if (!block) {
        change.applyTo(current);
      } else {
        instant(turn, start);
        instant(turn, end);
      }
    } catch (RuntimeException e) {
      return Texts.text(lang, "admin_invalid", e.getMessage());
    }
    if ("remove-field".equals(kind)) {
      Optional<String> refused = stillBooked(turn, change.field());
      if (refused.isPresent()) {
        return refused.get();
      }
    }
    String question = question(turn, change);
    turn.attach(
        new OutboundContent.Buttons(
            question,
            List.of(
                new OutboundContent.ReplyButton(
                    new ButtonPayload.Admin(change.encode()).encode(), Texts.text(lang, "yes")),
                new OutboundContent.ReplyButton(
                    new ButtonPayload.Keep("admin").encode(), Texts.text(lang, "no")))));
    return question;
  }

  /** The owner tapped Yes: the change takes effect. */
  public String apply(TurnContext turn, String encoded) {
    String lang = turn.language();
    if (!turn.owner()) {
      return Texts.text(lang, "owners_only");
    }
    Optional<AdminChange> decoded = AdminChange.decode(encoded);
    if (decoded.isEmpty()) {
      return Texts.text(lang, "admin_invalid", encoded);
    }
    AdminChange change = decoded.get();
    if (change.block()) {
      return block(turn, change);
    }
    if (turn.dryRun()) {
      return "(dry run) " + change.kind();
    }
    TenantSettings current = turn.tenant().settings();
    try {
      var changed =
          settings.change(turn.tenantId(), change.settingsChange(current), turn.message().wamid());
      log.info(
          "Owner change {} of tenant {} saved as version {}",
          change.kind(),
          turn.tenantId(),
          changed.version());
      String done = Texts.text(lang, "admin_done", statement(turn, change));
      if (!changed.onClosedDates().isEmpty()) {
        done += "\n" + bookings(turn, "admin_closed_bookings", changed.onClosedDates());
      }
      return done;
    } catch (TenantSettingsClient.Refused refused) {
      if (!refused.reservations().isEmpty()) {
        return Texts.text(lang, "admin_invalid", refused.getMessage())
            + "\n"
            + lines(turn, refused.reservations());
      }
      return Texts.text(lang, "admin_invalid", refused.getMessage());
    } catch (IllegalArgumentException e) {
      return Texts.text(lang, "admin_invalid", e.getMessage());
    } catch (WebClientException | IllegalStateException e) {
      log.warn("Owner change of tenant {} failed: {}", turn.tenantId(), e.toString());
      return Texts.text(lang, "admin_failed");
    }
  }

  /**
   * A customer refused a late cancellation asked for the owner to be told: the owners get the
   * customer's name and number and the reservations that can no longer be cancelled by them.
   */
  public String tellOwner(TurnContext turn) {
    String lang = turn.language();
    if (turn.dryRun()) {
      return "(dry run) tellOwner";
    }
    List<ReservationView> upcoming =
        queries.customerReservations(turn.tenantId(), turn.userId(), true);
    String who =
        turn.message().profileName() == null
            ? turn.userId()
            : turn.message().profileName() + " (" + turn.userId() + ")";
    String ownerLang = turn.tenant().settings().language();
    String text =
        Texts.text(
            ownerLang,
            "owner_cancel_request",
            who,
            upcoming.isEmpty() ? "-" : lines(turn, upcoming));
    int told =
        ownerRequests.tellOwners(
            turn.tenant(),
            "cancel-request|" + turn.message().wamid(),
            turn.message().wamid(),
            text);
    return Texts.text(
        lang,
        told > 0 || !turn.tenant().settings().adminNumbers().isEmpty()
            ? "owner_told"
            : "owner_unreachable");
  }

  private String block(TurnContext turn, AdminChange change) {
    TenantSettings current = turn.tenant().settings();
    Instant from = instant(turn, change.from());
    Instant to = instant(turn, change.to());
    String field = change.field() == null ? current.fieldDetails().get(0).id() : change.field();
    RequestReservation command =
        new RequestReservation(
            turn.commandId("blockSlot", args("field", field, "start", from, "end", to)),
            clock.instant(),
            turn.tenantId(),
            turn.message().wamid(),
            actor(turn),
            CustomerRef.block(Texts.text(turn.language(), "block_name")),
            field,
            from,
            to);
    return customerTools.send(turn, command, true);
  }

  /**
   * The refusal, with the list, when the field has bookings to come (dates, times, customers'
   * names); empty when it has none.
   */
  private Optional<String> stillBooked(TurnContext turn, String fieldId) {
    List<ReservationView> upcoming;
    try {
      upcoming = queries.upcoming(turn.tenantId(), fieldId).reservations();
    } catch (WebClientException e) {
      // the tap's change is refused with the list by tenant-service, which asks again
      log.warn(
          "Bookings of tenant {} on a field to remove not read: {}", turn.tenantId(), e.toString());
      return Optional.empty();
    }
    if (upcoming.isEmpty()) {
      return Optional.empty();
    }
    String name = turn.tenant().settings().field(fieldId).map(FieldSpec::name).orElse(fieldId);
    return Optional.of(
        Texts.text(
            turn.language(),
            "admin_field_has_bookings",
            name,
            upcoming.size(),
            lines(turn, upcoming)));
  }

  /** What the change will be, then the bookings on dates it closes, then "Confirm?". */
  private String question(TurnContext turn, AdminChange c) {
    String statement = statement(turn, c);
    if (c.kind().equals("closed") || c.kind().equals("special-hours")) {
      statement = withBookings(turn, c, statement);
    }
    return Texts.text(turn.language(), "admin_confirm", statement);
  }

  /** The change as a statement of what it makes so. */
  private String statement(TurnContext turn, AdminChange c) {
    String lang = turn.language();
    TenantSettings s = turn.tenant().settings();
    String field = c.field() == null ? null : s.field(c.field()).map(FieldSpec::name).orElse(null);
    return switch (c.kind()) {
      case "price" ->
          field == null
              ? Texts.text(lang, "admin_price", money(s, c.value()))
              : Texts.text(lang, "admin_field_price", field, money(s, c.value()));
      case "hours" -> Texts.text(lang, "admin_hours", c.open(), c.close());
      case "rename" -> Texts.text(lang, "admin_rename", field, c.value());
      case "remove-field" ->
          Texts.text(lang, "admin_remove_field", field == null ? c.field() : field);
      case "closed" -> Texts.text(lang, "admin_closed", days(turn, c));
      case "special-hours" -> Texts.text(lang, "admin_special", days(turn, c), c.open(), c.close());
      case "block" ->
          Texts.text(
              lang,
              "admin_block",
              field == null ? s.fieldDetails().get(0).name() : field,
              Texts.slot(lang, instant(turn, c.from()), instant(turn, c.to()), zone(turn)));
      case "add-admin" -> Texts.text(lang, "admin_add_admin", c.value());
      case "remove-admin" -> Texts.text(lang, "admin_remove_admin", c.value());
      case "reminder" -> Texts.text(lang, "admin_reminder", c.value());
      case "cancellation-notice" -> Texts.text(lang, "admin_notice", c.value());
      default -> throw new IllegalArgumentException(c.kind());
    };
  }

  /** The question, and the bookings already on those dates (kept; the owner tells them). */
  private String withBookings(TurnContext turn, AdminChange c, String question) {
    List<ReservationView> on;
    try {
      on =
          matching(
              turn,
              queries.reservations(turn.tenantId(), c.firstDate(), c.lastDate()).reservations(),
              null,
              null);
    } catch (WebClientException e) {
      // the change's own answer lists them (tenant-service asks reservation-service again)
      log.warn(
          "Bookings of tenant {} on dates to close not read: {}", turn.tenantId(), e.toString());
      return question;
    }
    return on.isEmpty() ? question : question + "\n" + bookings(turn, "admin_closed_bookings", on);
  }

  private String bookings(TurnContext turn, String key, List<ReservationView> list) {
    return Texts.text(turn.language(), key, list.size(), lines(turn, list));
  }

  private static String lines(TurnContext turn, List<ReservationView> list) {
    return list.stream()
        .map(
            r ->
                "• "
                    + describe(turn, r)
                    + " "
                    + (r.customer().name() != null ? r.customer().name() : "")
                    + (r.customer().phone() != null ? " " + r.customer().phone() : ""))
        .collect(Collectors.joining("\n"));
  }

  private static String days(TurnContext turn, AdminChange c) {
    LocalDate from = c.firstDate();
    LocalDate to = c.lastDate();
    return from.equals(to)
        ? Texts.day(turn.language(), from)
        : Texts.day(turn.language(), from) + " – " + Texts.day(turn.language(), to);
  }

  private static String money(TenantSettings s, String amount) {
    return Outcomes.money(new java.math.BigDecimal(amount), s.currency());
  }

  private static String fieldNames(TenantSettings s) {
    return String.join(", ", s.fields());
  }
}
