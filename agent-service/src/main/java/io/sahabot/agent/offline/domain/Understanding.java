package io.sahabot.agent.offline.domain;

/**
 * Turkish and English booking language, by rules: what a message asks for and the slots it names.
 *
 * <p>The text is folded ({@link Folding}) and read in passes, each consuming what it recognises so
 * that later passes do not misread it: phone numbers, names ({@link ContactGrammar}), fields
 * ({@link FieldGrammar}), calendar dates ({@link DateGrammar}), durations ({@link TimeGrammar}),
 * day references (relative days and weekdays), periods (weeks and months, {@link PeriodGrammar}),
 * and last the times. A bare hour from 1 to 11 means the evening when that is inside opening hours;
 * "sabah"/"morning"/ "am" keep the morning. Relative dates resolve from the message's own moment.
 * The intent comes from keywords ({@link IntentGrammar}); {@link Assembly} pairs times with days
 * and builds the result.
 */
public final class Understanding {

  /** Reads one message. */
  public Interpretation understand(String message, ConversationContext context) {
    Reading reading = read(message, context);
    return Assembly.assemble(reading, IntentGrammar.intent(reading));
  }

  /** The slots a message names, every pass run, before an intent is chosen. */
  static Reading read(String message, ConversationContext context) {
    Reading reading = new Reading(message, context);
    ContactGrammar.readPhone(reading);
    ContactGrammar.readName(reading);
    FieldGrammar.readField(reading);
    DateGrammar.readCalendarDates(reading);
    TimeGrammar.readDurations(reading);
    DateGrammar.readWeekdays(reading);
    DateGrammar.readRelativeDays(reading);
    PeriodGrammar.readPeriods(reading);
    TimeGrammar.readTimes(reading);
    return reading;
  }
}
