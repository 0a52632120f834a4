package io.sahabot.agent.offline;

import dev.langchain4j.data.message.AiMessage;
import io.sahabot.agent.offline.domain.ConversationContext;
import io.sahabot.agent.offline.domain.Interpretation;
import io.sahabot.agent.offline.domain.SeriesGrammar;
import io.sahabot.agent.offline.domain.Understanding;
import io.sahabot.agent.tools.Texts;
import io.sahabot.schemas.reservation.RequestSeries;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.Set;

/**
 * The offline model's answer to a recurring booking, a series' cancellation or a waitlist request
 * ({@link SeriesGrammar}): the tool call an LLM would make, or the question for what is missing;
 * null when the message is none of these.
 */
final class SeriesTurns {

  private SeriesTurns() {}

  static AiMessage answer(
      Understanding understanding,
      String text,
      ConversationContext context,
      String language,
      Set<String> tools) {
    if (tools.contains("cancelSeries") && SeriesGrammar.cancelsSeries(text)) {
      Interpretation i = understanding.understand(text, context);
      return OfflineChatModel.call(
          "cancelSeries", "date", i.start() != null ? i.start().toLocalDate() : i.date());
    }
    Optional<SeriesGrammar.Series> series = SeriesGrammar.read(text);
    if (series.isPresent() && tools.contains("bookSeries")) {
      Interpretation i = understanding.understand(series.get().firstBooking(), context);
      if (i.start() == null) {
        return AiMessage.from(Texts.text(language, "series_ask_start"));
      }
      Optional<Integer> weeks =
          series.get().occurrences(i.start().toLocalDate(), RequestSeries.MAX_OCCURRENCES);
      if (weeks.isEmpty()) {
        return AiMessage.from(Texts.text(language, "series_ask_weeks"));
      }
      boolean forSomeone = context.owner() && (i.customerName() != null || i.phone() != null);
      return OfflineChatModel.call(
          "bookSeries",
          "start",
          i.start(),
          "end",
          end(i, context),
          "weeks",
          weeks.get(),
          "field",
          i.field(),
          "customerName",
          forSomeone ? i.customerName() : null,
          "phone",
          forSomeone ? i.phone() : null);
    }
    if (tools.contains("joinWaitlist") && SeriesGrammar.joinsWaitlist(text)) {
      Interpretation i = understanding.understand(text, context);
      if (i.start() == null) {
        return AiMessage.from(Texts.text(language, "waitlist_ask_slot"));
      }
      return OfflineChatModel.call(
          "joinWaitlist", "start", i.start(), "end", end(i, context), "field", i.field());
    }
    return null;
  }

  private static LocalDateTime end(Interpretation i, ConversationContext context) {
    return i.end() != null ? i.end() : i.start().plusMinutes(context.slotMinutes());
  }
}
