package io.sahabot.agent.offline.domain;

import io.sahabot.agent.dialogue.DialogueState;
import io.sahabot.agent.dialogue.DialogueState.Slots;
import io.sahabot.agent.offline.domain.Reading.TimeRef;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A message read against where the conversation stands ({@link DialogueState}): an answer to the
 * bot's own question becomes the complete request it stands for, written out in full for the model
 * ("evet" after "Saha 1 Saturday 20:00 is free: book it?" is "28.11.2026 20:00-21:00 Saha 1 ayır");
 * a message that is a request of its own passes as it is.
 *
 * <ul>
 *   <li>yes ("evet", "olur", "tamam", "ayır", "ok", "yes", "sure", "book it") to a free slot the
 *       bot offered books it; no ("hayır", "vazgeçtim", "no") closes the offer;
 *   <li>a change of the offered slot: a time ("10 değil 9", "21:00 olsun") or a field ("Saha 2
 *       olsun") is checked again, a length ("2 saat olsun", "bir saat daha") is booked; with a yes
 *       or a booking word ("Saha 2'de ayır") it is booked;
 *   <li>the parts the bot asked for ("saat kaçta?" → "9", the owner's customer's phone) complete
 *       the request gathered so far;
 *   <li>"onu", "ilkini", "sonuncusu", "the first one" name what the bot offered, listed or booked;
 *       a new time right after a booking ("pardon 21:00 olsun") moves it.
 * </ul>
 *
 * Past {@link DialogueState#TTL}, or when the message names its own day or another request, the
 * state is forgotten: an old "evet" books nothing. Pure: no clock but the message's own moment.
 */
public final class Dialogue {

  private static final Pattern YES =
      Pattern.compile(
          "\\b(?:evet|olur|tamam\\w*|tamadir|ayir\\w*|ok|okay|okey|tabi\\w*|peki|onayl\\w*|yes|yeah|yep|sure|book it|go ahead|alayim|aliyorum|alalim|please do)\\b");
  private static final Pattern NO =
      Pattern.compile(
          "\\b(?:hayir|yok|vazgec\\w*|istemiyorum|gerek yok|kalsin|no|nope|never mind|nevermind|dont|don't)\\b");
  private static final Pattern BOOK_WORD =
      Pattern.compile("\\b(?:ayir\\w*|rezerv\\w*|book\\w*|alayim|aliyorum|alalim|al|tut\\w*)\\b");
  private static final Pattern CHANGE_WORD =
      Pattern.compile(
          "\\b(?:olsun|pardon|degil|yerine|aslinda|instead|make it|rather|sorry|change)\\b");
  private static final Pattern ONE_MORE_HOUR =
      Pattern.compile(
          "\\b(?:bir|1) saat (?:daha|uzat\\w*|ekle\\w*)\\b|\\b(?:one|an|1) (?:more )?hour (?:more|longer)\\b|\\banother hour\\b|\\bone more hour\\b");
  private static final Pattern FIRST = Pattern.compile("\\b(?:ilk\\w*|birinci\\w*|first)\\b");
  private static final Pattern SECOND = Pattern.compile("\\b(?:ikinci\\w*|second)\\b");
  private static final Pattern THIRD = Pattern.compile("\\b(?:ucuncu\\w*|third)\\b");
  private static final Pattern LAST =
      Pattern.compile("\\b(?:sonuncu\\w*|son (?:olan\\w*|rezervasyon\\w*)|last one|the last)\\b");
  private static final Pattern THAT =
      Pattern.compile("\\b(?:onu|bunu|sunu|o saati|that one|that slot|it|that)\\b");

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");
  private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");

  private Dialogue() {}

  /**
   * What the message means in the conversation.
   *
   * @param text the message for the model: the message itself, or the request it completes written
   *     out in full
   * @param state the state after the message, before the model runs (the tools add what they offer,
   *     list and book)
   * @param declined the customer said no to the bot's offer: nothing for the model to do
   */
  public record Turn(String text, DialogueState state, boolean declined) {}

  /** Reads {@code message} in the conversation {@code state}, at the context's moment. */
  public static Turn resolve(String message, DialogueState state, ConversationContext ctx) {
    Instant now = ctx.now().toInstant();
    DialogueState open = (state == null ? DialogueState.empty() : state).at(now);
    String said = LanguageGuess.of(message);
    String language = said != null ? said : open.language();
    Reading r = Understanding.read(message, ctx);
    Slots request = request(r, open);
    String text = request == null ? message : write(request, ctx);
    boolean declined =
        request == null
            && (open.proposal() != null || open.pending() != null)
            && NO.matcher(r.folded).find()
            && r.days.isEmpty()
            && r.times.isEmpty()
            && !mentionsReference(r);
    Slots pending = null;
    if (!declined) {
      Interpretation after = new Understanding().understand(text, ctx);
      if (after.intent() == Intent.CLARIFY) {
        pending =
            new Slots(
                after.wanted() == null ? Intent.BOOK.key() : after.wanted().key(),
                after.date(),
                after.start(),
                after.end(),
                after.from(),
                after.field(),
                after.customerName(),
                after.phone(),
                null,
                after.missing());
      }
    }
    DialogueState next =
        new DialogueState(language, null, pending, open.listed(), open.booked(), now);
    return new Turn(text, next, declined);
  }

  /** The complete request the message stands for in the conversation, or null: as it is. */
  private static Slots request(Reading r, DialogueState open) {
    Intent said = IntentGrammar.keyword(r);
    String f = r.folded;
    boolean yes = YES.matcher(f).find();
    boolean bookWord = BOOK_WORD.matcher(f).find();
    boolean ownDay = !r.days.isEmpty() || r.periodFrom != null;
    Slots referred = referred(r, open);
    if (referred != null && !ownDay) {
      return onReferred(r, said, yes || bookWord, referred);
    }
    if (ownDay && said != null && said != Intent.AVAILABILITY && said != Intent.BOOK) {
      return null; // a request of its own
    }
    if (open.pending() != null && (said == null || said == intent(open.pending()))) {
      Slots filled = fill(open.pending(), r);
      return filled == open.pending() ? null : filled;
    }
    if (ownDay) {
      return null;
    }
    if (open.proposal() != null
        && (said == null || said == Intent.BOOK || said == Intent.AVAILABILITY)) {
      return change(open.proposal(), r, yes, bookWord, r.ctx.slotMinutes());
    }
    if (open.booked() != null
        && said == null
        && !r.times.isEmpty()
        && CHANGE_WORD.matcher(f).find()
        && open.booked().start() != null) {
      Slots b = open.booked();
      LocalDateTime start = b.start().toLocalDate().atStartOfDay().plusMinutes(last(r).start());
      return new Slots(
          Intent.MOVE.key(), null, start, null, b.start(), b.field(), null, null, null, List.of());
    }
    return null;
  }

  private static Intent intent(Slots s) {
    for (Intent i : Intent.values()) {
      if (i.key().equals(s.intent())) {
        return i;
      }
    }
    return Intent.BOOK;
  }

  private static boolean mentionsReference(Reading r) {
    String f = r.folded;
    return FIRST.matcher(f).find()
        || SECOND.matcher(f).find()
        || THIRD.matcher(f).find()
        || LAST.matcher(f).find();
  }

  /** What "ilkini", "sonuncusu", "onu", "the first one" name, or null. */
  private static Slots referred(Reading r, DialogueState open) {
    String f = r.folded;
    List<Slots> listed = open.listed();
    int index = -1;
    if (FIRST.matcher(f).find()) {
      index = 0;
    } else if (SECOND.matcher(f).find()) {
      index = 1;
    } else if (THIRD.matcher(f).find()) {
      index = 2;
    } else if (LAST.matcher(f).find()) {
      index = listed.size() - 1;
    }
    if (index >= 0) {
      return index < listed.size() ? listed.get(index) : null;
    }
    if (THAT.matcher(f).find()) {
      if (open.proposal() != null && open.proposal().start() != null) {
        return open.proposal();
      }
      if (open.booked() != null) {
        return open.booked();
      }
      if (listed.size() == 1) {
        return listed.get(0);
      }
    }
    return null;
  }

  private static Slots onReferred(Reading r, Intent said, boolean book, Slots s) {
    if (s.start() == null) {
      return null;
    }
    if (said == Intent.CANCEL) {
      return new Slots(
          Intent.CANCEL.key(),
          null,
          s.start(),
          s.end(),
          null,
          s.field(),
          null,
          null,
          s.reservationId(),
          List.of());
    }
    if ((said == Intent.MOVE || said == null) && !r.times.isEmpty() && s.reservationId() != null) {
      LocalDateTime start = s.start().toLocalDate().atStartOfDay().plusMinutes(last(r).start());
      return new Slots(
          Intent.MOVE.key(), null, start, null, s.start(), s.field(), null, null, null, List.of());
    }
    if (book || said == Intent.BOOK) {
      if ("taken".equals(s.intent()) || s.reservationId() != null) {
        return null;
      }
      return new Slots(
          Intent.BOOK.key(),
          null,
          s.start(),
          s.end(),
          null,
          s.field(),
          null,
          null,
          null,
          List.of());
    }
    return null;
  }

  /** The bot's offer changed or accepted by the message; null when the message is neither. */
  private static Slots change(Slots p, Reading r, boolean yes, boolean bookWord, int slotMinutes) {
    LocalDate day = p.day();
    if (day == null) {
      return null;
    }
    LocalDateTime start = p.start();
    LocalDateTime end = p.end();
    String field = p.field();
    boolean moved = false;
    boolean lengthened = false;
    if (!r.times.isEmpty()) {
      TimeRef t = last(r);
      start = day.atStartOfDay().plusMinutes(t.start());
      end =
          t.end() != null
              ? day.atStartOfDay().plusMinutes(t.end())
              : start.plusMinutes(
                  p.start() != null && p.end() != null
                      ? java.time.Duration.between(p.start(), p.end()).toMinutes()
                      : slotMinutes);
      moved = true;
    }
    if (ONE_MORE_HOUR.matcher(r.folded).find() && start != null) {
      end = (end != null ? end : start.plusMinutes(slotMinutes)).plusHours(1);
      lengthened = true;
    } else if (r.durationMinutes != null && start != null) {
      end = start.plusMinutes(r.durationMinutes);
      lengthened = true;
    }
    if (r.field != null && !r.field.equalsIgnoreCase(field == null ? "" : field)) {
      field = r.field;
      moved = true;
    }
    if (start == null) {
      // a day's list and no time chosen from it: a booking that day asks for the time
      return yes || bookWord
          ? new Slots(Intent.BOOK.key(), day, null, null, null, field, null, null, null, List.of())
          : null;
    }
    boolean accepted = yes || bookWord || lengthened;
    if (!accepted && !moved) {
      return null;
    }
    if (!accepted || ("taken".equals(p.intent()) && !moved && !lengthened)) {
      return new Slots(
          Intent.AVAILABILITY.key(), null, start, end, null, field, null, null, null, List.of());
    }
    return new Slots(Intent.BOOK.key(), null, start, end, null, field, null, null, null, List.of());
  }

  /** The request gathered so far, completed with what the message adds; the same when nothing. */
  private static Slots fill(Slots p, Reading r) {
    LocalDate date = r.days.isEmpty() ? p.day() : r.days.get(0).date();
    LocalDateTime start = p.start();
    LocalDateTime end = p.end();
    boolean added = false;
    if (!r.days.isEmpty()) {
      added = true;
      if (start != null) {
        long length = java.time.Duration.between(start, end).toMinutes();
        start = date.atTime(start.toLocalTime());
        end = start.plusMinutes(length);
      }
    }
    if (!r.times.isEmpty() && date != null) {
      TimeRef t = r.times.get(0);
      start = date.atStartOfDay().plusMinutes(t.start());
      end =
          t.end() != null
              ? date.atStartOfDay().plusMinutes(t.end())
              : start.plusMinutes(
                  r.durationMinutes != null ? r.durationMinutes : r.ctx.slotMinutes());
      added = true;
    } else if (r.durationMinutes != null && start != null) {
      end = start.plusMinutes(r.durationMinutes);
      added = true;
    }
    String field = r.field != null ? r.field : p.field();
    String name = r.name != null ? r.name : p.customerName();
    String phone = r.phone != null ? r.phone : p.phone();
    added |= r.field != null || r.name != null || r.phone != null;
    if (!added) {
      return p;
    }
    return new Slots(p.intent(), date, start, end, p.from(), field, name, phone, null, List.of());
  }

  private static TimeRef last(Reading r) {
    return r.times.get(r.times.size() - 1);
  }

  /**
   * A request written out in full, in the words the grammar reads back exactly: "28.11.2026
   * 20:00-22:00 Saha 2 ayır".
   */
  static String write(Slots s, ConversationContext ctx) {
    StringBuilder out = new StringBuilder();
    LocalDate day = s.day();
    Intent intent = intent(s);
    if (intent == Intent.MOVE && s.from() != null) {
      out.append(s.from().format(DAY)).append(' ').append(s.from().format(HM));
      out.append(" rezervasyonumu ");
      out.append(s.start().format(DAY)).append(' ').append(s.start().format(HM)).append("'e al");
      return out.toString();
    }
    if (day != null) {
      out.append(day.format(DAY));
    }
    if (s.start() != null) {
      out.append(' ').append(s.start().format(HM));
      if (intent == Intent.BOOK && s.end() != null) {
        out.append('-').append(s.end().format(HM));
      }
    }
    if (s.field() != null) {
      out.append(' ').append(s.field());
    }
    switch (intent) {
      case AVAILABILITY -> out.append(s.start() != null ? " boş mu" : " boş saatler");
      case CANCEL -> out.append(" rezervasyonumu iptal et");
      default -> {
        if (s.customerName() != null) {
          out.append(' ').append(s.customerName()).append(" adına");
        }
        if (s.phone() != null) {
          out.append(" +").append(s.phone());
        }
        out.append(" rezervasyon yap");
      }
    }
    return out.toString().strip();
  }
}
