package io.sahabot.agent.conversation;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.invocation.InvocationParameters;
import io.sahabot.agent.cards.SharedContacts;
import io.sahabot.agent.config.AgentProperties;
import io.sahabot.agent.delivery.CustomerContacts;
import io.sahabot.agent.identity.Identities;
import io.sahabot.agent.memory.ConversationId;
import io.sahabot.agent.memory.ConversationMemories;
import io.sahabot.agent.memory.Dialogues;
import io.sahabot.agent.memory.TurnLedger;
import io.sahabot.agent.privacy.DataRights;
import io.sahabot.agent.tools.Texts;
import io.sahabot.agent.turn.TurnContext;
import io.sahabot.agent.usage.BudgetNotices;
import io.sahabot.agent.usage.TokenUsageRecorder;
import io.sahabot.agent.usage.TurnAttribution;
import io.sahabot.platform.kafka.DeadLetters;
import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.schemas.tenant.BusinessLocation;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.MessageKind;
import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * One turn: from an inbound message to the replies. The sender's role comes from the tenant's admin
 * numbers; the tenant and the sender travel to the tools as invocation parameters. Taps on the
 * bot's own buttons and lists are the choices they stand for and skip the model. If the model
 * fails, the sender gets a short apology, the conversation's stored history is repaired, and the
 * message goes to the dead-letter topic so that it can be re-driven: nothing is lost. A message's
 * turn runs once (see {@link #handle(InboundMessage, ConsumerRecord, BooleanSupplier)}). Past the
 * tenant's monthly token budget, turns run on the offline model and the tenant's owners are told
 * once a month. A voice note is transcribed when a transcription endpoint is configured, and
 * otherwise answered with "please type".
 */
@Component
public class TurnHandler {

  private static final Logger log = LoggerFactory.getLogger(TurnHandler.class);

  private final TenantSnapshots tenants;
  private final Assistants assistants;
  private final Interactions interactions;
  private final Replies replies;
  private final ConversationMemories memories;
  private final TurnLedger ledger;
  private final DeadLetters deadLetters;
  private final TokenUsageRecorder usage;
  private final BudgetNotices budgetNotices;
  private final Transcriber transcriber;
  private final Clock clock;
  private final AgentProperties properties;
  private final CustomerContacts contacts;
  private final Identities identities;
  private final SharedContacts sharedContacts;
  private final Dialogues dialogues;
  private final DataRights dataRights;

  TurnHandler(
      TenantSnapshots tenants,
      Assistants assistants,
      Interactions interactions,
      Replies replies,
      ConversationMemories memories,
      TurnLedger ledger,
      DeadLetters deadLetters,
      TokenUsageRecorder usage,
      BudgetNotices budgetNotices,
      Transcriber transcriber,
      Clock clock,
      AgentProperties properties,
      CustomerContacts contacts,
      Identities identities,
      SharedContacts sharedContacts,
      Dialogues dialogues,
      DataRights dataRights) {
    this.tenants = tenants;
    this.assistants = assistants;
    this.interactions = interactions;
    this.replies = replies;
    this.memories = memories;
    this.ledger = ledger;
    this.deadLetters = deadLetters;
    this.usage = usage;
    this.budgetNotices = budgetNotices;
    this.transcriber = transcriber;
    this.clock = clock;
    this.properties = properties;
    this.contacts = contacts;
    this.identities = identities;
    this.sharedContacts = sharedContacts;
    this.dialogues = dialogues;
    this.dataRights = dataRights;
  }

  /** {@link #handle(InboundMessage, ConsumerRecord, BooleanSupplier)} for a turn always owned. */
  public void handle(InboundMessage message, ConsumerRecord<String, ?> record) {
    handle(message, record, () -> true);
  }

  /**
   * Runs the turn of {@code message} once, in this order:
   *
   * <ol>
   *   <li>if the message's turn was claimed before (a redelivery), publish what that turn stored,
   *       awaited, and stop: no model, no tool, no memory;
   *   <li>mark the message read with the typing indicator (not a message WhatsApp could not read to
   *       us: {@code UNSUPPORTED}), published before the turn's replies;
   *   <li>run the turn (model and tools; commands carry ids derived from the wamid, the tool and
   *       its arguments), with the conversation's history in memory;
   *   <li>if the record is still {@code owned} (its partition was not given up meanwhile), claim
   *       the message and store the history and the replies in one transaction ({@link
   *       TurnLedger}); a run that finds the message claimed by another run takes that run's
   *       replies instead;
   *   <li>publish the replies that stand, awaited.
   * </ol>
   *
   * <p>The caller acknowledges the record only after this returns. A crash before step 3 leaves
   * nothing stored (the next run calls the model again, and its commands have the same ids); after
   * it, the next run publishes the stored replies, whose ids are the same, so the sender sends each
   * once. A claim, publish or dead-letter failure throws {@link TurnNotDurable}: the caller retries
   * the record in place.
   */
  public void handle(
      InboundMessage message, ConsumerRecord<String, ?> record, BooleanSupplier owned) {
    MDC.put("tenantId", message.tenantId().toString());
    MDC.put("eventId", message.wamid());
    try {
      Optional<List<OutboundMessage>> stored = processed(message);
      if (stored.isPresent()) {
        log.info(
            "Turn {} already ran: its {} replies published again",
            message.wamid(),
            stored.get().size());
        replies.publish(stored.get());
        return;
      }
      TenantSnapshot tenant = tenant(message);
      if (!tenant.active()) {
        log.info("Tenant inactive: no reply to {}", message.wamid());
        return;
      }
      if (message.kind() == MessageKind.SYSTEM) {
        changeIdentity(message);
        return;
      }
      if (message.kind() != MessageKind.UNSUPPORTED) {
        // the blue ticks and "typing…" before the model is asked
        replies.markRead(message);
      }
      if (erasedSince(message)) {
        // sent before its sender's data was erased (a replay): it creates nothing personal again,
        // not even the link of its addresses (so this is asked before the turn's person is)
        log.info(
            "Turn {} not run: its sender's data was erased after it was sent", message.wamid());
        return;
      }
      TurnContext turn = context(message, tenant, false);
      contacts.wroteLater(message.tenantId(), turn.userId(), turn.at().toInstant());
      String text;
      try {
        turn.loadedDialogue(dialogues.load(new ConversationId(message.tenantId(), turn.userId())));
        text = respond(turn);
      } catch (RuntimeException e) {
        if (databaseAway(e)) {
          // the database or the broker away: not the model's failure; the turn runs again in
          // place once they are back, never dead-lettered with an apology
          throw new TurnNotDurable("turn " + message.wamid() + " failed transiently", e);
        }
        log.warn("Turn {} failed: {}", message.wamid(), e.toString());
        memories.repair(new ConversationId(message.tenantId(), turn.userId()));
        deadLetter(record, e);
        // Its own id: a re-driven turn's first reply must not be mistaken for this apology.
        replies.notify(message, message.userId(), "sorry", Texts.text(turn.language(), "sorry"));
        return;
      }
      List<OutboundMessage> output =
          replies.compose(message, text, turn.attachments(), turn.told());
      if (!owned.getAsBoolean()) {
        throw new TurnNotDurable(
            "turn " + message.wamid() + " cancelled: its partition was given up", null);
      }
      List<OutboundMessage> standing;
      try {
        // a turn that erased its sender's data keeps neither history nor replies in its claim
        standing =
            ledger.complete(
                new ConversationId(message.tenantId(), turn.userId()),
                message.wamid(),
                turn.erased() ? null : turn.history(),
                turn.erased() ? List.of() : output,
                turn.erased() ? null : turn.changedDialogue());
        if (turn.erased() && standing.isEmpty()) {
          standing = output;
        }
      } catch (RuntimeException e) {
        throw new TurnNotDurable("claiming turn " + message.wamid() + " failed", e);
      }
      replies.publish(standing);
      cardUsed(turn);
    } finally {
      MDC.remove("tenantId");
      MDC.remove("eventId");
    }
  }

  /** Whether the sender's data was erased after the message was sent (retried in place if away). */
  private boolean erasedSince(InboundMessage message) {
    Instant sent = message.sentAt() != null ? message.sentAt() : message.occurredAt();
    try {
      return dataRights.erasedSince(message.tenantId(), senderIds(message), sent);
    } catch (RuntimeException e) {
      throw new TurnNotDurable(
          "reading the erasure list for turn " + message.wamid() + " failed", e);
    }
  }

  private static List<String> senderIds(InboundMessage message) {
    return message.waId() == null
        ? List.of(message.userId())
        : List.of(message.userId(), message.waId());
  }

  /**
   * Whether a turn failed because the database could not be reached (a transient failure of
   * platform's {@link io.sahabot.platform.kafka.TransientFailures} raised by R2DBC or Spring's data
   * access), not because of the model: a model's own time-outs keep the apology and the dead
   * letter.
   */
  static boolean databaseAway(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String name = t.getClass().getName();
      if ((name.startsWith("io.r2dbc.") || name.startsWith("org.springframework.dao."))
          && io.sahabot.platform.kafka.TransientFailures.isTransient(t)) {
        return true;
      }
    }
    return false;
  }

  private Optional<List<OutboundMessage>> processed(InboundMessage message) {
    try {
      return ledger.processed(message.tenantId(), message.wamid());
    } catch (RuntimeException e) {
      throw new TurnNotDurable("reading the claim of turn " + message.wamid() + " failed", e);
    }
  }

  /**
   * The one "slow down" reply to a sender whose conversation has {@code conversation-queue} turns
   * queued or running (that message itself is not answered), published and awaited. Its id derives
   * from the message that overflowed.
   */
  public void slowDown(InboundMessage message) {
    Optional<TenantSnapshot> tenant = tenants.get(message.tenantId());
    if (tenant.isPresent() && !tenant.get().active()) {
      return;
    }
    String language =
        tenant.map(t -> t.settings().language()).orElse(TenantSettings.defaults().language());
    log.info(
        "Conversation of tenant {} is flooding: sender asked to slow down", message.tenantId());
    replies.notify(message, message.userId(), "slow_down", Texts.text(language, "slow_down"));
  }

  /**
   * The turn's context. A customer is their person ({@link Identities}: one identity whether they
   * write from their phone or as a username); an owner is the admin number they write from.
   */
  TurnContext context(InboundMessage message, TenantSnapshot tenant, boolean dryRun) {
    TenantSettings settings = tenant.settings();
    boolean owner =
        settings.adminNumbers().contains(message.userId())
            || (message.waId() != null && settings.adminNumbers().contains(message.waId()));
    Instant at = message.sentAt() != null ? message.sentAt() : message.occurredAt();
    String person = owner || dryRun ? message.userId() : person(message);
    TurnContext turn =
        new TurnContext(
            message, tenant, owner, at.atZone(ZoneId.of(settings.timeZone())), dryRun, person);
    if (owner && !dryRun && message.kind() != MessageKind.CONTACTS) {
      try {
        sharedContacts
            .pending(tenant.tenantId(), person, at)
            .ifPresent(card -> turn.sharedContact(card.name(), card.phone()));
      } catch (RuntimeException e) {
        // the card is a convenience: the turn goes on without it
        log.warn("Reading the shared contact of {} failed: {}", message.wamid(), e.toString());
      }
    }
    return turn;
  }

  /** An owner's booking for the contact card they shared uses the card up. */
  private void cardUsed(TurnContext turn) {
    if (turn.sharedContactPhone() == null || turn.history() == null) {
      return;
    }
    boolean booked = false;
    List<ChatMessage> history = turn.history();
    // this turn's part of the history: after its user message
    for (int i = history.size() - 1; i >= 0 && !(history.get(i) instanceof UserMessage); i--) {
      if (history.get(i) instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
        booked |=
            ai.toolExecutionRequests().stream()
                .anyMatch(
                    r ->
                        r.name().equals("bookForCustomer")
                            && r.arguments().contains(turn.sharedContactPhone()));
      }
    }
    if (booked) {
      try {
        sharedContacts.used(turn.tenantId(), turn.userId());
      } catch (RuntimeException e) {
        log.warn("Clearing the shared contact of a tenant failed: {}", e.toString());
      }
    }
  }

  private String person(InboundMessage message) {
    try {
      return identities.person(message);
    } catch (RuntimeException e) {
      throw new TurnNotDurable("linking the sender of " + message.wamid() + " failed", e);
    }
  }

  /**
   * A system message about a user's changed number or user id: the new address is linked to the
   * user's person, the old one retired; nothing is answered.
   */
  private void changeIdentity(InboundMessage message) {
    try {
      identities.change(message);
    } catch (RuntimeException e) {
      throw new TurnNotDurable("the identity change " + message.wamid() + " failed", e);
    }
  }

  /** The reply text of a turn; attachments are left in the context. */
  String respond(TurnContext turn) {
    InboundMessage m = turn.message();
    String lang = turn.language();
    MessageKind kind = m.kind();
    if (kind == MessageKind.BUTTON_REPLY || kind == MessageKind.LIST_REPLY) {
      Optional<String> handled = interactions.handle(turn, m.reply().id());
      if (handled.isPresent()) {
        return handled.get();
      }
      return chat(turn, m.reply().title());
    }
    return switch (kind) {
      case TEXT -> LocationRequests.asks(m.text()) ? whereWeAre(turn) : chat(turn, m.text());
      case TEMPLATE_BUTTON -> templateButton(turn);
      case AUDIO ->
          transcriber
              .transcribe(m, lang)
              .map(
                  spoken ->
                      (Texts.text(lang, "voice_understood", spoken)
                              + "\n\n"
                              + (LocationRequests.asks(spoken)
                                  ? whereWeAre(turn)
                                  : chat(turn, spoken)))
                          .strip())
              .orElseGet(() -> Texts.text(lang, "please_type"));
      case LOCATION -> Texts.text(lang, "location");
      case REACTION -> Texts.text(lang, "reaction");
      case IMAGE -> Texts.text(lang, "image");
      case DOCUMENT -> Texts.text(lang, "document");
      case CONTACTS -> contactCard(turn);
      default -> Texts.text(lang, "unsupported");
    };
  }

  /**
   * "Where are you?": the business's location as a location message (its {@code location} setting),
   * or a short answer when it has none.
   */
  private String whereWeAre(TurnContext turn) {
    BusinessLocation at = turn.tenant().settings().location();
    if (at == null) {
      return Texts.text(turn.language(), "location_unknown");
    }
    turn.attach(
        new OutboundContent.LocationPin(at.latitude(), at.longitude(), at.name(), at.address()));
    return "";
  }

  /**
   * A contact card: from the owner, the customer of their next booking request ("bu kişiye yarın
   * 9"); from a customer, a short answer (customers book for themselves).
   */
  private String contactCard(TurnContext turn) {
    String lang = turn.language();
    if (!turn.owner()) {
      return Texts.text(lang, "contact_customer");
    }
    Optional<SharedContacts.Card> card = SharedContacts.card(turn.message().contacts());
    if (card.isEmpty()) {
      return Texts.text(lang, "contact_no_phone");
    }
    if (!turn.dryRun()) {
      sharedContacts.share(turn.tenantId(), turn.userId(), card.get(), turn.at().toInstant());
    }
    String phone = "+" + card.get().phone();
    return Texts.text(
        lang, "contact_saved", card.get().name() == null ? phone : card.get().name(), phone);
  }

  /** A template's quick reply (a reminder's "cancel") is the choice its payload stands for. */
  private String templateButton(TurnContext turn) {
    InboundMessage m = turn.message();
    if (m.reply() == null) {
      return chat(turn, m.text());
    }
    return interactions
        .handle(turn, m.reply().id())
        .orElseGet(() -> chat(turn, m.reply().title() != null ? m.reply().title() : m.text()));
  }

  String chat(TurnContext turn, String text) {
    ConversationId conversation = new ConversationId(turn.tenantId(), turn.userId());
    Long budget = turn.tenant().settings().monthlyTokenBudget();
    boolean overBudget =
        budget != null
            && Boolean.TRUE.equals(
                usage.overBudget(turn.tenantId(), budget).block(properties.budgetTimeout()));
    if (overBudget && !turn.dryRun()) {
      tellOwnersOnce(turn);
    }
    Assistant assistant = overBudget ? assistants.offlineForTurn(turn) : assistants.forTurn(turn);
    try {
      return DialogueTurns.run(turn, text, said -> model(turn, conversation, assistant, said));
    } finally {
      assistant.evictChatMemory(conversation.memoryId()); // the history lives in the store
    }
  }

  private String model(
      TurnContext turn, ConversationId conversation, Assistant assistant, String text) {
    return memories.turn(
        conversation,
        () ->
            TurnAttribution.with(
                turn.tenantId(),
                turn.userId(),
                turn.message().wamid(),
                () ->
                    assistant.chat(
                        conversation.memoryId(),
                        text,
                        InvocationParameters.from(TurnContext.KEY, turn))),
        turn::keepHistory);
  }

  /** The first turn of the month past the budget tells every admin number; later ones do not. */
  private void tellOwnersOnce(TurnContext turn) {
    if (!Boolean.TRUE.equals(
        budgetNotices.claim(turn.tenantId()).block(properties.budgetTimeout()))) {
      return;
    }
    log.info("Tenant {} is past its monthly token budget: owners told", turn.tenantId());
    String text = Texts.text(turn.language(), "budget");
    for (String admin : turn.tenant().settings().adminNumbers()) {
      replies.notify(turn.message(), admin, "budget", text);
    }
  }

  private TenantSnapshot tenant(InboundMessage message) {
    Optional<TenantSnapshot> known = tenants.await(message.tenantId(), properties.tenantWait());
    if (known.isPresent()) {
      return known.get();
    }
    log.warn("No snapshot of tenant {} yet: answering with default settings", message.tenantId());
    return new TenantSnapshot(
        "unknown-" + message.tenantId(),
        clock.instant(),
        message.tenantId(),
        null,
        message.phoneNumberId(),
        message.displayPhoneNumber(),
        "SahaBot",
        true,
        TenantSettings.defaults(),
        1);
  }

  /**
   * The failed turn's record to the dead-letter topic, awaited; a dead letter the broker does not
   * take fails the turn ({@link TurnNotDurable}: it is retried, not dropped).
   */
  private void deadLetter(ConsumerRecord<String, ?> record, RuntimeException e) {
    if (record == null) {
      return;
    }
    try {
      deadLetters.publish(record, e);
    } catch (RuntimeException failed) {
      failed.addSuppressed(e);
      throw new TurnNotDurable(
          "the failed turn of partition "
              + record.partition()
              + " offset "
              + record.offset()
              + " could not be dead-lettered",
          failed);
    }
  }
}
