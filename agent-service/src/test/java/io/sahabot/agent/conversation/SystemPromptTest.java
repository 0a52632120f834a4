package io.sahabot.agent.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.sahabot.agent.offline.OfflineChatModel;
import io.sahabot.agent.tools.Texts;
import io.sahabot.agent.turn.FactsText;
import io.sahabot.agent.turn.TurnContext;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.MessageKind;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The greeting: the business's name in the built-in one, or the business's own when it set one. */
class SystemPromptTest {

  private static final UUID TENANT = UUID.randomUUID();
  private final OfflineChatModel model = new OfflineChatModel();

  @Test
  void theGreetingNamesTheBusiness() {
    String prompt = SystemPrompt.of(turn("Yıldız Halı Saha", null));

    assertThat(SystemPrompt.facts(prompt)).containsEntry("business", "Yıldız Halı Saha");
    assertThat(answer(prompt, "merhaba"))
        .isEqualTo(Texts.text("tr", "help", "Yıldız Halı Saha"))
        .contains("Yıldız Halı Saha");
  }

  @Test
  void theBusinessesOwnGreetingReplacesTheBuiltInOne() {
    String own = "Hoş geldiniz! Yıldız Halı Saha'ya yazdınız.\nSaat ve gün yazın, ayıralım.";

    String prompt = SystemPrompt.of(turn("Yıldız Halı Saha", own));

    assertThat(prompt).contains(own);
    assertThat(FactsText.unescape(SystemPrompt.facts(prompt).get("greeting"))).isEqualTo(own);
    assertThat(answer(prompt, "merhaba")).isEqualTo(own);
  }

  @Test
  void aGreetingWithBackslashesAndEqualsSignsReadsBackAsWritten() {
    String own = "a\\nb = c\\\\\nd";

    assertThat(FactsText.unescape(FactsText.oneLine(own))).isEqualTo(own);
  }

  private String answer(String prompt, String text) {
    return model
        .chat(
            ChatRequest.builder()
                .messages(List.of(SystemMessage.from(prompt), UserMessage.from(text)))
                .build())
        .aiMessage()
        .text();
  }

  private static TurnContext turn(String businessName, String greeting) {
    Instant at = Instant.parse("2026-11-30T10:00:00Z");
    TenantSettings d = TenantSettings.defaults();
    TenantSettings settings =
        new TenantSettings(
            d.timeZone(),
            d.language(),
            d.currency(),
            d.pricePerHour(),
            d.peakPrices(),
            d.openingHours(),
            d.slotMinutes(),
            d.fields(),
            d.adminNumbers(),
            greeting,
            d.monthlyTokenBudget(),
            d.notifications());
    InboundMessage message =
        new InboundMessage(
            UUID.randomUUID().toString(),
            at,
            TENANT,
            "delivery",
            "pn",
            null,
            "905320000777",
            "905320000777",
            null,
            "Ali",
            "wamid.GREET",
            at,
            MessageKind.TEXT,
            "merhaba",
            null,
            null,
            null,
            null,
            List.of(),
            null,
            null);
    TenantSnapshot tenant =
        new TenantSnapshot("t", at, TENANT, null, "pn", null, businessName, true, settings, 1);
    return new TurnContext(message, tenant, false, at.atZone(ZoneId.of("Europe/Istanbul")), false);
  }
}
