package io.sahabot.agent.turn;

import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.OutboundContent;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

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
  private final AtomicInteger calls = new AtomicInteger();
  private final List<OutboundContent> attachments = Collections.synchronizedList(new ArrayList<>());
  private final List<ToolCall> recorded = Collections.synchronizedList(new ArrayList<>());

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
   * A command id derived from the inbound message and the call: a replayed message sends the same
   * commands, which reservation-service recognises and does not apply twice.
   */
  public String nextCommandId(String tool) {
    String seed = message.wamid() + "|" + tool + "|" + calls.incrementAndGet();
    return UUID.nameUUIDFromBytes(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString();
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
