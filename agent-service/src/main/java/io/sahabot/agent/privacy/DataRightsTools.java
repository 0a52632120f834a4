package io.sahabot.agent.privacy;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import io.sahabot.agent.tools.Texts;
import io.sahabot.agent.turn.ButtonPayload;
import io.sahabot.agent.turn.TurnContext;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.query.CustomerSummary;
import io.sahabot.schemas.whatsapp.OutboundContent;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * A customer's data rights in chat: "verilerimi gönder" / "send me my data" answers what is held
 * about them; "verilerimi sil" / "delete my data" asks for a confirmation with a button, and the
 * tap ({@link ButtonPayload.EraseData}) erases it ({@link DataRights}).
 */
@Component
public class DataRightsTools {

  /** At most this many reservations are listed in the chat's answer. */
  static final int LISTED = 20;

  private final DataRights rights;

  DataRightsTools(DataRights rights) {
    this.rights = rights;
  }

  /** The sender's identifiers: the WhatsApp user id and, when known, the phone. */
  static List<String> identifiers(TurnContext turn) {
    List<String> ids = new ArrayList<>();
    ids.add(turn.userId());
    if (turn.message().waId() != null && !turn.message().waId().equals(turn.userId())) {
      ids.add(turn.message().waId());
    }
    return ids;
  }

  @Tool("Sends the sender what the business holds about them (their personal data)")
  public String sendMyData(InvocationParameters parameters) {
    TurnContext turn = turn(parameters);
    turn.record("sendMyData", java.util.Map.of());
    String lang = turn.language();
    DataRights.Export data = rights.export(turn.tenantId(), identifiers(turn));
    ZoneId zone = ZoneId.of(turn.tenant().settings().timeZone());
    String name =
        data.customers().stream()
            .map(CustomerSummary::name)
            .filter(n -> n != null && !n.isBlank())
            .findFirst()
            .orElse(Texts.text(lang, "data_unknown"));
    String phone =
        data.customers().stream()
            .map(CustomerSummary::phone)
            .filter(p -> p != null && !p.isBlank())
            .map(p -> "+" + p)
            .findFirst()
            .orElse(turn.message().waId() != null ? "+" + turn.message().waId() : turn.userId());
    String reservations =
        data.reservations().isEmpty()
            ? Texts.text(lang, "data_no_reservations")
            : data.reservations().stream()
                .limit(LISTED)
                .map(r -> "• " + line(lang, r, zone))
                .collect(Collectors.joining("\n"));
    String contact =
        data.lastContact() == null
            ? Texts.text(lang, "data_unknown")
            : Texts.day(lang, data.lastContact().atZone(zone).toLocalDate())
                + " "
                + Texts.hm(data.lastContact().atZone(zone));
    return Texts.text(
        lang,
        "data_export",
        turn.tenant().businessName(),
        name,
        phone,
        data.reservations().size(),
        reservations,
        data.conversation().size(),
        contact);
  }

  @Tool("Asks the sender to confirm deleting their personal data (name, phone, history)")
  public String deleteMyData(InvocationParameters parameters) {
    TurnContext turn = turn(parameters);
    turn.record("deleteMyData", java.util.Map.of());
    String lang = turn.language();
    turn.attach(
        new OutboundContent.Buttons(
            Texts.text(lang, "erase_question"),
            List.of(
                new OutboundContent.ReplyButton(
                    new ButtonPayload.EraseData().encode(), Texts.text(lang, "erase_yes")),
                new OutboundContent.ReplyButton(
                    new ButtonPayload.Keep("data").encode(), Texts.text(lang, "no")))));
    return Texts.text(lang, "erase_explained");
  }

  /** The tap on "Yes, delete": erases, unless bookings are upcoming. */
  public String confirmErase(TurnContext turn) {
    String lang = turn.language();
    if (turn.dryRun()) {
      return Texts.text(lang, "erase_done");
    }
    DataRights.Erasure erasure =
        rights.erase(turn.tenantId(), identifiers(turn), turn.tenant().settings().adminNumbers());
    if (!erasure.erased()) {
      ZoneId zone = ZoneId.of(turn.tenant().settings().timeZone());
      String upcoming =
          erasure.upcoming().stream()
              .map(r -> "• " + r.field() + " " + Texts.slot(lang, r.start(), r.end(), zone))
              .collect(Collectors.joining("\n"));
      return Texts.text(lang, "erase_upcoming", upcoming);
    }
    turn.markErased();
    return Texts.text(lang, "erase_done");
  }

  private static String line(String lang, ReservationView r, ZoneId zone) {
    return r.field()
        + " "
        + Texts.slot(lang, r.start(), r.end(), zone)
        + ", "
        + r.price().toPlainString()
        + " "
        + r.currency()
        + " ("
        + Texts.text(lang, "status_" + r.status())
        + ")";
  }

  private static TurnContext turn(InvocationParameters parameters) {
    TurnContext turn = parameters == null ? null : parameters.get(TurnContext.KEY);
    if (turn == null) {
      throw new IllegalStateException("a tool was called outside a turn");
    }
    return turn;
  }
}
