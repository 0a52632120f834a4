package io.sahabot.agent.turn;

import dev.langchain4j.data.message.ChatMessage;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.OutboundContent;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One turn: who is speaking, for which tenant, at what moment. It travels to the tools as
 * invocation parameters, never through the model, so no argument a model writes can change the
 * tenant or the sender a tool acts for.
 */
public final class TurnContext {

  public static final String KEY = "sahabot.turn";

  private final InboundMessage message;
  private final TenantSnapshot tenant;
  private final boolean owner;
  private final ZonedDateTime at;
  private final boolean dryRun;
  private volatile List<ChatMessage> history;
  private final List<OutboundContent> attachments = Collections.synchronizedList(new ArrayList<>());
  private final List<ToolCall> recorded = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean erased;

  public TurnContext(
      InboundMessage message,
      TenantSnapshot tenant,
      boolean owner,
      ZonedDateTime at,
      boolean dryRun) {
    this.message = message;
    this.tenant = tenant;
    this.owner = owner;
    this.at = at;
    this.dryRun = dryRun;
  }

  public InboundMessage message() {
    return message;
  }

  public TenantSnapshot tenant() {
    return tenant;
  }

  public UUID tenantId() {
    return tenant.tenantId();
  }

  public String userId() {
    return message.userId();
  }

  public boolean owner() {
    return owner;
  }

  public ZonedDateTime at() {
    return at;
  }

  public String language() {
    return tenant.settings().language();
  }

  /** Write tools record what they would send instead of sending it (the explain endpoint). */
  public boolean dryRun() {
    return dryRun;
  }

  /**
   * The id of the command a write tool sends: a name-based UUID (v3) of the inbound message's
   * wamid, the tool and its normalised arguments ({@link #canonical}), so it does not depend on the
   * order in which the model calls tools nor on how often. A second run of the message (a
   * redelivery before its turn was claimed, or a partition's next owner replaying it) sends the
   * same command with the same id, which reservation-service applies once per tenant.
   *
   * @param arguments what the command does (field, times, reservation id, customer), not how the
   *     model phrased it
   */
  public String commandId(String tool, Map<String, ?> arguments) {
    String seed = message.wamid() + "|" + tool + "|" + canonical(arguments);
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /**
   * Arguments in one canonical form: keys sorted, absent and blank values left out, text trimmed
   * and lower-cased (a field "Saha 1" is "saha 1"), other values as their {@code toString} (an
   * {@code Instant} in ISO-8601 UTC).
   */
  public static String canonical(Map<String, ?> arguments) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, ?> e : new TreeMap<>(arguments).entrySet()) {
      Object value = e.getValue();
      String text =
          value instanceof String s ? s.trim().toLowerCase(Locale.ROOT) : String.valueOf(value);
      if (value == null || text.isEmpty()) {
        continue;
      }
      if (!out.isEmpty()) {
        out.append('&');
      }
      out.append(e.getKey()).append('=').append(text.replace("&", "%26"));
    }
    return out.toString();
  }

  /** The conversation's history as the turn left it, to be stored with the turn's claim. */
  public void keepHistory(List<ChatMessage> messages) {
    this.history = List.copyOf(messages);
  }

  /** The history to store with the claim; null when the turn did not change it. */
  public List<ChatMessage> history() {
    return history;
  }

  /**
   * The sender's personal data was erased in this turn (data rights): the turn stores no history
   * and keeps no copy of its replies in its claim.
   */
  public void markErased() {
    this.erased = true;
  }

  public boolean erased() {
    return erased;
  }

  public void attach(OutboundContent content) {
    attachments.add(content);
  }

  public List<OutboundContent> attachments() {
    return List.copyOf(attachments);
  }

  public void record(String name, Map<String, Object> arguments) {
    recorded.add(new ToolCall(name, arguments));
  }

  public List<ToolCall> recorded() {
    return List.copyOf(recorded);
  }

  /** A tool call as the explain endpoint shows it. */
  public record ToolCall(String name, Map<String, Object> arguments) {}
}
