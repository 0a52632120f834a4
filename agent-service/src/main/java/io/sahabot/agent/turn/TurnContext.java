package io.sahabot.agent.turn;

import dev.langchain4j.data.message.ChatMessage;
import io.sahabot.agent.dialogue.DialogueState;
import io.sahabot.schemas.reservation.ReservationView;
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
  private final String person;
  private volatile List<ChatMessage> history;
  private volatile String[] sharedContact;
  private final List<OutboundContent> attachments = Collections.synchronizedList(new ArrayList<>());
  private final List<ToolCall> recorded = Collections.synchronizedList(new ArrayList<>());
  private final List<String> told = Collections.synchronizedList(new ArrayList<>());
  private volatile DialogueState dialogue = DialogueState.empty();
  private volatile List<ReservationView> dryRunBookings = new ArrayList<>();
  private volatile boolean dialogueChanged;
  private volatile boolean erased;

  public TurnContext(
      InboundMessage message,
      TenantSnapshot tenant,
      boolean owner,
      ZonedDateTime at,
      boolean dryRun) {
    this(message, tenant, owner, at, dryRun, message.userId());
  }

  /**
   * @param person who the sender is to this tenant (the identity their addresses are linked to,
   *     {@code user_identities}): the key of their memory, window and reservations
   */
  public TurnContext(
      InboundMessage message,
      TenantSnapshot tenant,
      boolean owner,
      ZonedDateTime at,
      boolean dryRun,
      String person) {
    this.person = person;
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

  /**
   * The sender as this tenant knows them: their person (one identity whether they write from their
   * phone number or as a username); the address the message came from is {@link #address()}.
   */
  public String userId() {
    return person;
  }

  /** Where the message came from (its {@code userId}: phone number or BSUID): replies go there. */
  public String address() {
    return message.userId();
  }

  public boolean owner() {
    return owner;
  }

  public ZonedDateTime at() {
    return at;
  }

  /**
   * The language of the reply: the customer's, as the conversation's messages show it ({@link
   * DialogueState#language()}), else the business's.
   */
  public String language() {
    String spoken = dialogue.language();
    return spoken != null ? spoken : tenant.settings().language();
  }

  /** Where the conversation stands: loaded before the turn, changed by it, stored with it. */
  public DialogueState dialogue() {
    return dialogue;
  }

  /** Replaces the conversation's state (stored with the turn's claim). */
  public void dialogue(DialogueState state) {
    this.dialogue = state == null ? DialogueState.empty() : state;
    this.dialogueChanged = true;
  }

  /** The state loaded from the store, not to be written back unless the turn changes it. */
  public void loadedDialogue(DialogueState state) {
    this.dialogue = state == null ? DialogueState.empty() : state;
  }

  /** The state to store with the turn; null when the turn did not change it. */
  public DialogueState changedDialogue() {
    return dialogueChanged ? dialogue : null;
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

  /**
   * In dry run, the bookings the dialogue made so far (none is sent): the sender's own reservations
   * include them, so that "rezervasyonlarım" after a dry-run booking lists it. One list shared by
   * the turns of a dry-run dialogue.
   */
  public List<ReservationView> dryRunBookings() {
    return dryRunBookings;
  }

  public void dryRunBookings(List<ReservationView> bookings) {
    this.dryRunBookings = bookings;
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
   * The contact card the owner shared last, pending: the customer of this turn's booking request
   * when it names no other ("bu kişiye yarın 9").
   */
  public void sharedContact(String name, String phone) {
    this.sharedContact = new String[] {name, phone};
  }

  /** The pending card's name (may be null), or null when there is no card. */
  public String sharedContactName() {
    String[] card = sharedContact;
    return card == null ? null : card[0];
  }

  /** The pending card's phone number (E.164 digits), or null when there is no card. */
  public String sharedContactPhone() {
    String[] card = sharedContact;
    return card == null ? null : card[1];
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

  /** The reply tells the outcome of command {@code commandId} (the turn holds its claim). */
  public void told(String commandId) {
    told.add(commandId);
  }

  /** The outcomes the reply tells, in the order they were told. */
  public List<String> told() {
    return List.copyOf(told);
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
