package io.sahabot.reservation.booking;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The table {@code command_watermarks} (V26_1): per partition of a topic, the offset after the last
 * record the database has seen handled, and when it was written. Not tenant data: read and written
 * outside any tenant's context, one statement each.
 */
@Component
class CommandWatermarks {

  /** A partition's row: every record before {@code nextOffset} was handled, as of {@code at}. */
  record Mark(long nextOffset, Instant at) {}

  /** What one record or poll handled on a partition: records {@code from} to {@code next - 1}. */
  record Handled(long from, long next) {}

  private final DatabaseClient db;

  CommandWatermarks(DatabaseClient db) {
    this.db = db;
  }

  /** The rows of {@code partitions} of {@code topic} there are. */
  Mono<Map<Integer, Mark>> read(String topic, Collection<Integer> partitions) {
    return db.sql(
            "SELECT kafka_partition, next_offset, updated_at FROM command_watermarks"
                + " WHERE topic = :topic AND kafka_partition = ANY(:partitions)")
        .bind("topic", topic)
        .bind("partitions", partitions.toArray(Integer[]::new))
        .map(
            row ->
                Map.entry(
                    row.get("kafka_partition", Integer.class),
                    new Mark(
                        row.get("next_offset", Long.class),
                        row.get("updated_at", OffsetDateTime.class).toInstant())))
        .all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
  }

  /**
   * Moves each partition's row on to {@code next} (never back), but only where the row still says
   * that everything before {@code from} was handled: a row that is behind (a database restored
   * since the poll began) is left as it is, so that the next poll sees it. A partition with no row
   * gets one. {@code from = Long.MIN_VALUE}: whatever the row says.
   */
  Mono<Void> advance(String topic, Map<Integer, Handled> handled) {
    if (handled.isEmpty()) {
      return Mono.empty();
    }
    Integer[] partitions = new Integer[handled.size()];
    Long[] froms = new Long[handled.size()];
    Long[] nexts = new Long[handled.size()];
    int i = 0;
    for (Map.Entry<Integer, Handled> e : handled.entrySet()) {
      partitions[i] = e.getKey();
      froms[i] = e.getValue().from();
      nexts[i] = e.getValue().next();
      i++;
    }
    return db.sql(
            "INSERT INTO command_watermarks AS w (topic, kafka_partition, next_offset)"
                + " SELECT :topic, u.p, u.next"
                + " FROM unnest(CAST(:partitions AS int[]), CAST(:nexts AS bigint[])) AS u(p, next)"
                + " ON CONFLICT (topic, kafka_partition) DO UPDATE"
                + " SET next_offset = GREATEST(w.next_offset, EXCLUDED.next_offset),"
                + " updated_at = now()"
                + " WHERE w.next_offset >= (SELECT f.from_offset"
                + " FROM unnest(CAST(:fromPartitions AS int[]), CAST(:froms AS bigint[]))"
                + " AS f(p, from_offset) WHERE f.p = w.kafka_partition)")
        .bind("topic", topic)
        .bind("partitions", partitions)
        .bind("nexts", nexts)
        .bind("fromPartitions", partitions)
        .bind("froms", froms)
        .fetch()
        .rowsUpdated()
        .then();
  }
}
