package io.sahabot.agent.memory;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sahabot.agent.config.Stages;
import io.sahabot.agent.dialogue.DialogueState;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import io.sahabot.schemas.whatsapp.OutboundRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Which turns have run, and what each produced: the claims of agent turns in {@code
 * processed_messages} (consumer {@value #CONSUMER}, keyed by tenant and wamid), each with the
 * outbound messages its turn publishes.
 *
 * <p>{@link #complete} claims a turn and writes its conversation history in one statement, so one
 * transaction (the function {@code complete_turn}, migration {@code V15_1}): either both are stored
 * or neither. Whoever claims a message first decides its output; a later run of the same message (a
 * redelivery, or a replay by a partition's next owner while the old one still runs) gets that
 * output back and writes no history. {@link #processed} reads a claim's output before a turn
 * starts, so a redelivered message never reaches the model.
 */
@Component
public class TurnLedger {

  /** The {@code processed_messages.consumer} of agent turns. */
  public static final String CONSUMER = "agent-turn";

  private final DatabaseClient db;
  private final Duration timeout;
  private final Timer reads;
  private final Timer writes;

  public TurnLedger(DatabaseClient db, MemoryProperties properties, MeterRegistry meters) {
    this.db = db;
    this.timeout = properties.timeout();
    this.reads = Stages.timer(meters, "claim.read");
    this.writes = Stages.timer(meters, "memory.write");
  }

  /** What the claimed turn of {@code wamid} produced, or empty when no turn of it has completed. */
  public Optional<List<OutboundMessage>> processed(UUID tenantId, String wamid) {
    long start = System.nanoTime();
    Optional<String> json =
        db.sql("SELECT processed_output(:tenant, :consumer, :message)::text AS output")
            .bind("tenant", tenantId)
            .bind("consumer", CONSUMER)
            .bind("message", wamid)
            .map(row -> Optional.ofNullable(row.get("output", String.class)))
            .one()
            .block(timeout);
    reads.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    return json == null ? Optional.empty() : json.map(TurnLedger::read);
  }

  /**
   * Claims the turn of {@code wamid} with {@code output} and, when {@code history} is not null,
   * stores it as the conversation's history, in one transaction.
   *
   * @return the output that stands: {@code output} when this call claimed the turn, else what the
   *     run that claimed it first stored (its history is then the conversation's, not this one)
   */
  public List<OutboundMessage> complete(
      ConversationId conversation,
      String wamid,
      List<ChatMessage> history,
      List<OutboundMessage> output) {
    return complete(conversation, wamid, history, output, null);
  }

  /**
   * As {@link #complete(ConversationId, String, List, List)}, also storing the conversation's
   * dialogue state when it is not null (migration {@code V17_1}), in the same transaction.
   */
  public List<OutboundMessage> complete(
      ConversationId conversation,
      String wamid,
      List<ChatMessage> history,
      List<OutboundMessage> output,
      DialogueState dialogue) {
    long start = System.nanoTime();
    var statement =
        db.sql(
                "SELECT complete_turn(:tenant, :consumer, :message, :user,"
                    + " CAST(:messages AS jsonb), CAST(:output AS jsonb),"
                    + " CAST(:dialogue AS jsonb))::text AS output")
            .bind("tenant", conversation.tenantId())
            .bind("consumer", CONSUMER)
            .bind("message", wamid)
            .bind("user", conversation.userId())
            .bind("output", write(output));
    statement =
        history == null
            ? statement.bindNull("messages", String.class)
            : statement.bind("messages", ChatMessageSerializer.messagesToJson(history));
    statement =
        dialogue == null
            ? statement.bindNull("dialogue", String.class)
            : statement.bind("dialogue", Dialogues.write(dialogue));
    String stored = statement.map(row -> row.get("output", String.class)).one().block(timeout);
    writes.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    if (stored == null) {
      throw new IllegalStateException("complete_turn returned no output");
    }
    return read(stored);
  }

  static String write(List<OutboundMessage> output) {
    return Json.mapper().writeValueAsString(output.toArray(OutboundRecord[]::new));
  }

  static List<OutboundMessage> read(String json) {
    List<OutboundMessage> out = new ArrayList<>();
    for (OutboundRecord record : Json.mapper().readValue(json, OutboundRecord[].class)) {
      out.add((OutboundMessage) record);
    }
    return out;
  }
}
