package io.sahabot.agent.tools;

import dev.langchain4j.invocation.InvocationParameters;
import io.sahabot.agent.turn.TurnContext;
import io.sahabot.schemas.reservation.Actor;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What the tools share: the turn from the invocation, times in the tenant's zone. */
abstract class Tooling {

  protected final ReservationQueries queries;
  protected final ReservationCommands commands;

  /** When the tools' commands are issued. */
  protected final Clock clock;

  Tooling(ReservationQueries queries, ReservationCommands commands, Clock clock) {
    this.clock = clock;
    this.queries = queries;
    this.commands = commands;
  }

  static TurnContext turn(InvocationParameters parameters) {
    TurnContext turn = parameters == null ? null : parameters.get(TurnContext.KEY);
    if (turn == null) {
      throw new IllegalStateException("a tool was called outside a turn");
    }
    return turn;
  }

  static ZoneId zone(TurnContext turn) {
    return ZoneId.of(turn.tenant().settings().timeZone());
  }

  static Instant instant(TurnContext turn, String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(zone(turn)).toInstant();
  }

  static Actor actor(TurnContext turn) {
    return new Actor(turn.owner() ? Actor.Role.OWNER : Actor.Role.CUSTOMER, turn.userId());
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  static Map<String, Object> args(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      if (keyValues[i + 1] != null) {
        map.put((String) keyValues[i], keyValues[i + 1]);
      }
    }
    return map;
  }

  /** Active reservations from a reservations response, optionally on a day and at a start. */
  static List<JsonNode> matching(TurnContext turn, JsonNode list, String date, String start) {
    List<JsonNode> out = new ArrayList<>();
    if (list == null) {
      return out;
    }
    ZoneId zone = zone(turn);
    for (JsonNode r : list) {
      if (!"active".equalsIgnoreCase(r.path("status").asText("active"))) {
        continue;
      }
      Instant s = Instant.parse(r.path("start").asText());
      if (!blank(date) && !s.atZone(zone).toLocalDate().equals(LocalDate.parse(date))) {
        continue;
      }
      if (!blank(start) && !s.equals(instant(turn, start))) {
        continue;
      }
      out.add(r);
    }
    return out;
  }

  static String describe(TurnContext turn, JsonNode r) {
    return r.path("field").asText()
        + " "
        + Texts.slot(
            turn.language(),
            Instant.parse(r.path("start").asText()),
            Instant.parse(r.path("end").asText()),
            zone(turn));
  }
}
