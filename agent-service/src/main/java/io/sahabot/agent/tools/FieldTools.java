package io.sahabot.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import io.sahabot.agent.turn.TurnContext;
import io.sahabot.schemas.reservation.query.FieldAvailability;
import io.sahabot.schemas.tenant.FieldSpec;
import io.sahabot.schemas.tenant.TenantSettings;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The business's fields as they are: a customer asks for a size ("7'ye 7 saha var mı", "is there a
 * 7-a-side pitch") and hears which fields have it, at what price, and when a day is given their
 * free hours that day.
 */
@Component
public class FieldTools extends Tooling {

  public FieldTools(ReservationQueries queries, ReservationCommands commands, Clock clock) {
    super(queries, commands, clock);
  }

  @Tool(
      "The business's fields of a size (players a side, e.g. 7+7), with their price per hour;"
          + " with a day, their free hours that day")
  public String fieldsBySize(
      @P("the size, players a side: 5+5, 6+6, 7+7, 8+8, 11+11") String size,
      @P(value = "the day, yyyy-MM-dd", required = false) String date,
      InvocationParameters parameters) {
    TurnContext turn = turn(parameters);
    turn.record("fieldsBySize", args("size", size, "date", date));
    String lang = turn.language();
    TenantSettings s = turn.tenant().settings();
    String wanted = size == null ? "" : size.replace(" ", "").replace('x', '+');
    List<FieldSpec> matching =
        s.fieldDetails().stream().filter(f -> wanted.equals(f.size())).toList();
    if (matching.isEmpty()) {
      return Texts.text(lang, "field_size_none", wanted, describeAll(s));
    }
    String names = matching.stream().map(f -> describe(f, s)).collect(Collectors.joining(", "));
    String answer = Texts.text(lang, "field_sizes", wanted, names);
    if (blank(date)) {
      return answer;
    }
    LocalDate day = LocalDate.parse(date);
    ZoneId zone = zone(turn);
    List<String> ids = matching.stream().map(FieldSpec::id).toList();
    List<String> namesOnly = matching.stream().map(FieldSpec::name).toList();
    String lines =
        queries.availability(turn.tenantId(), day, s.slotMinutes()).fields().stream()
            .filter(f -> ids.contains(f.fieldId()) || namesOnly.contains(f.field()))
            .map(f -> line(f, zone))
            .filter(l -> !l.endsWith(": "))
            .collect(Collectors.joining("\n"));
    return answer
        + "\n"
        + (lines.isBlank()
            ? Texts.text(lang, "no_free_slots", Texts.day(lang, day))
            : Texts.text(lang, "free_slots", Texts.day(lang, day), lines));
  }

  /** Each field with its size and price: "Büyük Saha (7+7, 1500 TRY)". */
  static String describeAll(TenantSettings s) {
    return s.fieldDetails().stream().map(f -> describe(f, s)).collect(Collectors.joining(", "));
  }

  static String describe(FieldSpec f, TenantSettings s) {
    String price =
        Outcomes.money(
            f.pricePerHour() != null ? f.pricePerHour() : s.pricePerHour(), s.currency());
    return f.name() + " (" + (f.size() == null ? "" : f.size() + ", ") + price + ")";
  }

  private static String line(FieldAvailability f, ZoneId zone) {
    return f.field()
        + ": "
        + f.free().stream()
            .map(x -> Texts.hm(x.start().atZone(zone)))
            .collect(Collectors.joining(", "));
  }
}
