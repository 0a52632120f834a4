package io.sahabot.agent.explain;

import io.sahabot.agent.turn.TurnContext.ToolCall;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a turn's tool calls with what the conversation fixtures expect of it: the intent (which
 * tool), and the slots given (start, end, date, from, to, field, customer_name, phone,
 * reply_language). An intent that calls no tool (help, clarify, none) expects no tool call.
 */
public final class DialogueScore {

  private static final Map<String, Set<String>> TOOLS =
      Map.ofEntries(
          Map.entry("book", Set.of("bookSlot", "bookForCustomer")),
          Map.entry("availability", Set.of("checkAvailability")),
          Map.entry("cancel", Set.of("cancelMyReservation", "cancelReservation")),
          Map.entry("move", Set.of("moveMyReservation", "moveReservation")),
          Map.entry("list_mine", Set.of("myReservations")),
          Map.entry("price", Set.of("priceInfo")),
          Map.entry("table", Set.of("reservationTable")),
          Map.entry("sales", Set.of("salesReport")),
          Map.entry("loyal_customers", Set.of("loyalCustomers")),
          Map.entry("cancellations", Set.of("cancellationRanking")),
          Map.entry("peak_hours", Set.of("peakHours")));

  private DialogueScore() {}

  /** What differs from {@code expect}; empty when the turn did what was expected. */
  public static Optional<String> mismatch(
      Map<String, Object> expect, List<ToolCall> calls, String language) {
    if (expect == null) {
      return Optional.empty();
    }
    Object replyLanguage = expect.get("reply_language");
    if (replyLanguage != null && !replyLanguage.equals(language)) {
      return Optional.of("reply in " + language + ", expected " + replyLanguage);
    }
    String intent = String.valueOf(expect.get("intent"));
    Set<String> tools = TOOLS.get(intent);
    if (tools == null) {
      return calls.isEmpty()
          ? Optional.empty()
          : Optional.of("expected " + intent + " (no tool call), got " + names(calls));
    }
    ToolCall call = calls.stream().filter(c -> tools.contains(c.name())).findFirst().orElse(null);
    if (call == null) {
      return Optional.of("expected " + intent + " " + tools + ", got " + names(calls));
    }
    Map<String, Object> a = call.arguments();
    StringBuilder out = new StringBuilder();
    Object start = expect.get("start");
    if (start != null) {
      if (intent.equals("availability")) {
        String s = start.toString();
        check(out, "date", s.substring(0, 10), a.get("date"));
        check(out, "time", s.substring(11), a.get("time"));
      } else {
        check(out, "start", start, a.get("start"));
      }
    }
    check(out, "end", expect.get("end"), a.get("end"));
    check(out, "from", expect.get("from"), a.get("from"));
    check(out, "to", expect.get("to"), a.get("to"));
    check(out, "date", expect.get("date"), a.get("date"));
    check(out, "field", expect.get("field"), a.get("field"));
    check(out, "customerName", expect.get("customer_name"), a.get("customerName"));
    check(out, "phone", expect.get("phone"), a.get("phone"));
    return out.isEmpty() ? Optional.empty() : Optional.of(call.name() + out);
  }

  private static void check(StringBuilder out, String key, Object expected, Object actual) {
    if (expected != null && !Objects.equals(expected.toString(), String.valueOf(actual))) {
      out.append(' ').append(key).append('=').append(actual).append(" (expected ");
      out.append(expected).append(')');
    }
  }

  private static List<String> names(List<ToolCall> calls) {
    return calls.stream().map(ToolCall::name).toList();
  }
}
