package io.sahabot.agent.offline;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.sahabot.agent.offline.domain.AdminGrammar;
import io.sahabot.agent.offline.domain.ConversationContext;
import io.sahabot.agent.offline.domain.DataRightsGrammar;
import io.sahabot.agent.offline.domain.Intent;
import io.sahabot.agent.offline.domain.Interpretation;
import io.sahabot.agent.offline.domain.MonthlyReportGrammar;
import io.sahabot.agent.offline.domain.NoShowGrammar;
import io.sahabot.agent.offline.domain.SizeGrammar;
import io.sahabot.agent.offline.domain.Understanding;
import io.sahabot.agent.tools.Texts;
import io.sahabot.agent.turn.FactsText;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * A deterministic {@link ChatModel} that understands Turkish and English booking language by rules
 * and answers as an LLM with tools would: a tool call for what the message asks, then, given the
 * tool's result, the reply. It asks for what is missing. No network, no key, no cost.
 */
public final class OfflineChatModel implements ChatModel {

  public static final String NAME = "offline";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Understanding understanding = new Understanding();
  private final Clock clock;

  /** On the system's clock and zone. */
  /** Words that point at the person of a shared contact card: "bu kişiye", "for them". */
  private static final java.util.regex.Pattern CARD_REFERENCE =
      java.util.regex.Pattern.compile(
          "(?iu)\\b(bu ki[şs]i\\S*|kendisine|onun i[çc]in|for (them|him|her)|this (person|contact))\\b");

  public OfflineChatModel() {
    this(Clock.systemDefaultZone());
  }

  /** "Now", when the facts do not say, is the clock's. */
  public OfflineChatModel(Clock clock) {
    this.clock = clock;
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    Map<String, String> facts = facts(messages);
    String language = facts.getOrDefault("language", "tr");
    ChatMessage last = messages.get(messages.size() - 1);
    AiMessage answer;
    if (last instanceof ToolExecutionResultMessage) {
      answer = AiMessage.from(toolResults(messages));
    } else if (last instanceof UserMessage user) {
      Set<String> tools =
          request.toolSpecifications() == null
              ? Set.of()
              : request.toolSpecifications().stream()
                  .map(ToolSpecification::name)
                  .collect(Collectors.toSet());
      answer = answer(user.singleText(), facts, language, tools);
    } else {
      answer = AiMessage.from(greeting(facts, language));
    }
    int in = messages.stream().mapToInt(m -> m.toString().length() / 4).sum();
    int out = answer.text() == null ? 16 : answer.text().length() / 4;
    return ChatResponse.builder()
        .aiMessage(answer)
        .modelName(NAME)
        .tokenUsage(new TokenUsage(in, out))
        .finishReason(
            answer.hasToolExecutionRequests() ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
        .build();
  }

  /**
   * The business's own greeting when it set one, else the built-in one with the business's name.
   */
  private static String greeting(Map<String, String> facts, String language) {
    String own = facts.get("greeting");
    return own != null && !own.isBlank()
        ? FactsText.unescape(own)
        : Texts.text(language, "help", facts.getOrDefault("business", ""));
  }

  /** The results of the tools called since the last user message, joined: the reply. */
  private static String toolResults(List<ChatMessage> messages) {
    List<String> results = new ArrayList<>();
    for (int i = messages.size() - 1;
        i >= 0 && messages.get(i) instanceof ToolExecutionResultMessage r;
        i--) {
      results.add(0, r.text());
    }
    return String.join("\n", results);
  }

  AiMessage answer(String text, Map<String, String> facts, String language, Set<String> tools) {
    boolean owner = "owner".equals(facts.get("role"));
    ConversationContext context =
        new ConversationContext(
            ZonedDateTime.parse(facts.getOrDefault("now", ZonedDateTime.now(clock).toString())),
            List.of(facts.getOrDefault("fields", "Saha 1").split("\\|")),
            minutes(facts.getOrDefault("open", "09:00")),
            minutes(facts.getOrDefault("close", "24:00")),
            Integer.parseInt(facts.getOrDefault("slot", "60")),
            owner);
    var rights = DataRightsGrammar.read(text);
    if (rights.isPresent() && tools.contains(rights.get())) {
      return call(rights.get());
    }
    if (owner && tools.contains("monthlyReport")) {
      var month = MonthlyReportGrammar.read(text, context.now());
      if (month.isPresent()) {
        return call("monthlyReport", "month", month.get());
      }
    }
    if (owner && tools.contains("proposeChange")) {
      var change = AdminGrammar.read(text, context);
      if (change.isPresent()) {
        List<Object> args = new ArrayList<>(List.of("kind", change.get().kind()));
        change.get().args().forEach((k, v) -> args.addAll(List.of(k, v)));
        return call("proposeChange", args.toArray());
      }
    }
    if (tools.contains("fieldsBySize")) {
      var size = SizeGrammar.read(text);
      if (size.isPresent()) {
        Interpretation asked = understanding.understand(text, context);
        return call(
            "fieldsBySize",
            "size",
            size.get(),
            "date",
            asked.start() != null ? asked.start().toLocalDate() : asked.date());
      }
    }
    if (owner && tools.contains("markNoShow")) {
      var noShow = NoShowGrammar.read(text, context.now());
      if (noShow.isPresent()) {
        return call(
            "markNoShow",
            "customerName",
            noShow.get().customerName(),
            "date",
            noShow.get().date(),
            "time",
            noShow.get().time(),
            "when",
            noShow.get().upcoming() ? "upcoming" : null);
      }
    }
    AiMessage seriesOrWaitlist = SeriesTurns.answer(understanding, text, context, language, tools);
    if (seriesOrWaitlist != null) {
      return seriesOrWaitlist;
    }
    Interpretation i = understanding.understand(text, context);
    String business = facts.getOrDefault("business", "");
    if (owner
        && facts.containsKey("contactPhone")
        && i.start() != null
        && i.intent() == Intent.AVAILABILITY
        && CARD_REFERENCE.matcher(text).find()
        && tools.contains("bookForCustomer")) {
      // "bu kişiye yarın 9": a time for the person of the contact card the owner shared
      return call(
          "bookForCustomer",
          "start",
          i.start(),
          "end",
          i.end(),
          "field",
          i.field(),
          "customerName",
          facts.get("contactName"),
          "phone",
          facts.get("contactPhone"));
    }
    return switch (i.intent()) {
      case HELP -> AiMessage.from(greeting(facts, language));
      case CLARIFY ->
          // the owner's customer named without a phone: the tool finds them when the name is one
          // customer's, and asks for the phone otherwise
          i.missing().equals(List.of("phone"))
                  && i.start() != null
                  && tools.contains("bookForCustomer")
              ? call(
                  "bookForCustomer",
                  "start",
                  i.start(),
                  "end",
                  i.end(),
                  "field",
                  i.field(),
                  "customerName",
                  i.customerName())
              : AiMessage.from(clarify(i, language));
      case BOOK ->
          owner
                  && (i.customerName() != null
                      || i.phone() != null
                      || facts.containsKey("contactPhone"))
                  && tools.contains("bookForCustomer")
              ? call(
                  "bookForCustomer",
                  "start",
                  i.start(),
                  "end",
                  i.end(),
                  "field",
                  i.field(),
                  "customerName",
                  // a booking that names no one is for the contact card the owner shared
                  i.customerName() != null || i.phone() != null
                      ? i.customerName()
                      : facts.get("contactName"),
                  "phone",
                  i.customerName() != null || i.phone() != null
                      ? i.phone()
                      : facts.get("contactPhone"))
              : call("bookSlot", "start", i.start(), "end", i.end(), "field", i.field());
      case AVAILABILITY ->
          call(
              "checkAvailability",
              "date",
              i.start() != null ? i.start().toLocalDate() : i.date(),
              "time",
              i.start() != null ? i.start().toLocalTime() : null,
              "field",
              i.field());
      case LIST_MINE -> call("myReservations");
      case CANCEL ->
          owner && tools.contains("cancelReservation") && (i.date() != null)
              ? call("cancelReservation", "date", i.date(), "start", i.start())
              : call("cancelMyReservation", "date", i.date(), "start", i.start());
      case MOVE ->
          owner && tools.contains("moveReservation") && i.from() != null
              ? call("moveReservation", "from", i.from(), "start", i.start(), "end", i.end())
              : call("moveMyReservation", "from", i.from(), "start", i.start(), "end", i.end());
      case PRICE -> call("priceInfo");
      case TABLE ->
          ownerOnly(
              tools, language, "reservationTable", "from", i.periodFrom(), "to", i.periodTo());
      case SALES ->
          ownerOnly(tools, language, "salesReport", "from", i.periodFrom(), "to", i.periodTo());
      case LOYAL_CUSTOMERS ->
          ownerOnly(tools, language, "loyalCustomers", "from", i.periodFrom(), "to", i.periodTo());
      case CANCELLATIONS ->
          ownerOnly(
              tools, language, "cancellationRanking", "from", i.periodFrom(), "to", i.periodTo());
      case PEAK_HOURS ->
          ownerOnly(tools, language, "peakHours", "from", i.periodFrom(), "to", i.periodTo());
    };
  }

  private static AiMessage ownerOnly(
      Set<String> tools, String language, String tool, Object... args) {
    return tools.contains(tool)
        ? call(tool, args)
        : AiMessage.from(Texts.text(language, "owners_only"));
  }

  private static String clarify(Interpretation i, String language) {
    if (i.missing().contains("phone")) {
      return Texts.text(language, "ask_phone", i.customerName());
    }
    if (i.missing().contains("date") && i.missing().contains("time")) {
      return Texts.text(language, "ask_date_time");
    }
    if (i.missing().contains("time") && i.date() != null) {
      return Texts.text(language, "ask_time", Texts.day(language, i.date()));
    }
    return Texts.text(language, "ask_date");
  }

  static AiMessage call(String tool, Object... keyValues) {
    Map<String, Object> args = new LinkedHashMap<>();
    for (int k = 0; k + 1 < keyValues.length; k += 2) {
      if (keyValues[k + 1] != null) {
        args.put((String) keyValues[k], keyValues[k + 1].toString());
      }
    }
    ToolExecutionRequest request =
        ToolExecutionRequest.builder()
            .id("call_" + UUID.randomUUID().toString().substring(0, 8))
            .name(tool)
            .arguments(JSON.writeValueAsString(args))
            .build();
    return AiMessage.from(List.of(request));
  }

  private static Map<String, String> facts(List<ChatMessage> messages) {
    for (ChatMessage m : messages) {
      if (m instanceof SystemMessage system) {
        return facts(system.text());
      }
    }
    return Map.of();
  }

  /**
   * The system prompt's {@code [facts]} block as a map (read here rather than through the
   * conversation's prompt class, which would make the two packages depend on each other).
   */
  static Map<String, String> facts(String prompt) {
    int from = prompt.indexOf("[facts]");
    int to = prompt.indexOf("[/facts]");
    if (from < 0 || to < 0) {
      return Map.of();
    }
    Map<String, String> facts = new LinkedHashMap<>();
    prompt
        .substring(from + 7, to)
        .lines()
        .map(String::strip)
        .filter(l -> l.contains("="))
        .forEach(l -> facts.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
    return facts;
  }

  /** {@code HH:mm} as minutes; 24:00 and later (a close past midnight, "26:00") included. */
  private static int minutes(String hhmm) {
    String[] parts = hhmm.split(":");
    return Integer.parseInt(parts[0]) * 60 + Integer.parseInt(parts[1]);
  }
}
