package io.sahabot.agent.offline.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One message being read: its text, folded and blanked out pass by pass as each grammar consumes
 * what it recognises, and what the grammars found so far.
 */
final class Reading {

  final String original;
  final ConversationContext ctx;
  final LocalDate today;
  final String folded;
  final StringBuilder text;

  /** The original text without the phone number read, where names are looked for. */
  String named;

  final List<DayRef> days = new ArrayList<>();
  final List<TimeRef> times = new ArrayList<>();
  LocalDate periodFrom;
  LocalDate periodTo;
  Integer durationMinutes;
  String field;
  String name;
  String phone;

  /**
   * Parts of the moment ("date", "time") the message names but the grammar cannot read (31
   * February, 25:00, a weekday beyond repair): the interpretation asks for them, never guesses.
   */
  final Set<String> unclear = new LinkedHashSet<>();

  Reading(String message, ConversationContext ctx) {
    this.original = message == null ? "" : message.strip();
    this.ctx = ctx;
    this.today = ctx.now().toLocalDate();
    this.folded = Folding.fold(original);
    this.text = new StringBuilder(folded);
    this.named = original;
  }

  /** Blanks out what the match covered, so that later passes do not read it again. */
  void consume(Matcher m) {
    for (int i = m.start(); i < m.end(); i++) {
      text.setCharAt(i, ' ');
    }
  }

  void consumeAll(Pattern pattern) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      consume(m);
    }
  }

  /** A day named at {@code position}; {@code flexible}: a bare weekday, next week's if passed. */
  record DayRef(int position, LocalDate date, boolean flexible) {}

  /** Minutes after midnight; {@code end} only for a range. */
  record TimeRef(int position, int start, Integer end) {}
}
