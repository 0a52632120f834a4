package io.sahabot.local.replay;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;

/**
 * One line of a timeline.
 *
 * @param time the event's own time (received, occurred, issued), else the record's timestamp
 * @param stage where in the pipeline: its rank orders events of the same instant
 * @param where {@code topic-partition@offset}, or the table a row came from
 * @param ids the ids that link this event to the others ({@code deliveryId=…, wamid=…})
 * @param summary what happened, short, personal data masked unless asked for
 */
record Entry(Instant time, Stage stage, String where, String ids, String summary) {

  /** The stages, in pipeline order. */
  enum Stage {
    WEBHOOK("webhook"),
    TENANT("tenant"),
    REJECTED("rejected"),
    MESSAGE("message"),
    STATUS("status"),
    MODEL_CALL("model call"),
    COMMAND("command"),
    OUTCOME("outcome"),
    REPLY("reply"),
    DEAD_LETTER("dead letter");

    final String label;

    Stage(String label) {
      this.label = label;
    }
  }

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  static final Comparator<Entry> ORDER =
      Comparator.comparing(Entry::time).thenComparing(Entry::stage).thenComparing(Entry::where);

  String line() {
    return String.format(
        "%-24s %-11s %-34s %s%s",
        TIME.format(time), stage.label, where, ids.isEmpty() ? "" : ids + "  ", summary);
  }
}
