package io.sahabot.agent.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.agent.fixtures.AgentSettings;
import io.sahabot.agent.offline.OfflineChatModel;
import io.sahabot.agent.tools.CustomerTools;
import io.sahabot.agent.tools.OwnerTools;
import io.sahabot.agent.turn.TurnContext;
import io.sahabot.platform.tenants.TenantSnapshots;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The offline model through langchain4j's AI service and the real tools, in dry run: what it calls,
 * with which arguments, for a customer and for an owner. No Kafka, no database, no write.
 */
class ExplainServiceTest {

  private static final OffsetDateTime FRIDAY_10 = OffsetDateTime.parse("2026-11-27T10:00:00+03:00");

  private final CustomerTools customerTools = new CustomerTools(null, null, Clock.systemUTC());
  private final ExplainService explain =
      new ExplainService(
          new OfflineChatModel(),
          customerTools,
          new OwnerTools(null, null, customerTools, Clock.systemUTC()),
          new TenantSnapshots(java.util.Map.of(), "test"),
          Clock.systemUTC(),
          AgentSettings.forUnitTests());

  @Test
  void aReadToolThatFailsGivesTheApologyNotTheError() {
    // no reservation-service behind the read tools here: checkAvailability throws
    Explanation e =
        explain.explain(new ExplainRequest("Cumartesi 22:00 boş mu?", "customer", FRIDAY_10, null));

    assertThat(e.toolCalls()).extracting(TurnContext.ToolCall::name).contains("checkAvailability");
    assertThat(e.reply()).isEqualTo(io.sahabot.agent.tools.Texts.text("tr", "sorry"));
  }

  @Test
  void aCustomersBookingBecomesABookSlotCallAndNothingIsSent() {
    Explanation e =
        explain.explain(
            new ExplainRequest(
                "Yarın akşam 9'da 1 saatlik rezervasyon", "customer", FRIDAY_10, null));

    assertThat(e.toolCalls())
        .containsExactly(
            new TurnContext.ToolCall(
                "bookSlot", Map.of("start", "2026-11-28T21:00", "end", "2026-11-28T22:00")));
    assertThat(e.reply()).contains("dry run");
  }

  @Test
  void anOwnersBookingForACustomerCarriesTheNameAndPhone() {
    Explanation e =
        explain.explain(
            new ExplainRequest(
                "30 Kasım 19:00-20:30 Mehmet Kaya için rezervasyon, numarası 0532 111 22 33",
                "owner",
                FRIDAY_10,
                null));

    assertThat(e.toolCalls()).hasSize(1);
    assertThat(e.toolCalls().get(0).name()).isEqualTo("bookForCustomer");
    assertThat(e.toolCalls().get(0).arguments())
        .containsEntry("start", "2026-11-30T19:00")
        .containsEntry("end", "2026-11-30T20:30")
        .containsEntry("customerName", "Mehmet Kaya")
        .containsEntry("phone", "905321112233");
  }

  @Test
  void aCustomerAskingForTheSalesReportIsToldItIsForTheBusiness() {
    Explanation e =
        explain.explain(
            new ExplainRequest("Bu hafta kaç saat sattım?", "customer", FRIDAY_10, null));

    assertThat(e.toolCalls()).isEmpty();
    assertThat(e.reply()).contains("işletme sahibine");
  }

  @Test
  void theOwnerGetsTheTableCallForThisWeek() {
    Explanation e =
        explain.explain(new ExplainRequest("Show this week's table", "owner", FRIDAY_10, null));

    assertThat(e.toolCalls())
        .extracting(TurnContext.ToolCall::name, TurnContext.ToolCall::arguments)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "reservationTable", Map.of("from", "2026-11-23", "to", "2026-11-29")));
  }

  @Test
  void somethingMissingIsAskedFor() {
    Explanation e =
        explain.explain(
            new ExplainRequest("rezervasyon yapmak istiyorum", "customer", FRIDAY_10, null));

    assertThat(e.toolCalls()).isEmpty();
    assertThat(e.reply()).contains("Hangi gün ve saat");
  }
}
