package io.sahabot.agent.tools;

import dev.langchain4j.invocation.InvocationParameters;
import io.sahabot.agent.turn.TurnContext;
import io.sahabot.schemas.reservation.Actor;
import io.sahabot.schemas.reservation.ReservationView;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  /** The active ones of a list of reservations, optionally on a day and at a start. */
  static List<ReservationView> matching(
      TurnContext turn, List<ReservationView> list, String date, String start) {
    List<ReservationView> out = new ArrayList<>();
    if (list == null) {
      return out;
    }
    ZoneId zone = zone(turn);
    for (ReservationView r : list) {
      if (!ReservationView.ACTIVE.equalsIgnoreCase(r.status())) {
        continue;
      }
      Instant s = r.start();
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

  static String describe(TurnContext turn, ReservationView r) {
    return r.field() + " " + Texts.slot(turn.language(), r.start(), r.end(), zone(turn));
  }
}
