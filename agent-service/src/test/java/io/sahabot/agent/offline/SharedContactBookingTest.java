package io.sahabot.agent.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A contact card the owner shared is the customer of their next booking request that names no one
 * ("bu kişiye yarın 9"); a request that names a customer is for that customer.
 */
class SharedContactBookingTest {

  private final OfflineChatModel model = new OfflineChatModel();
  private static final Set<String> OWNER_TOOLS = Set.of("bookSlot", "bookForCustomer");

  private static Map<String, String> facts(boolean card) {
    Map<String, String> facts = new HashMap<>();
    facts.put("now", "2026-12-07T10:00:00+03:00[Europe/Istanbul]");
    facts.put("role", "owner");
    facts.put("fields", "Saha 1");
    facts.put("open", "09:00");
    facts.put("close", "24:00");
    facts.put("slot", "60");
    if (card) {
      facts.put("contactName", "Ayşe Yılmaz");
      facts.put("contactPhone", "905321234567");
    }
    return facts;
  }

  @Test
  void aBookingThatNamesNoOneIsForTheSharedCard() {
    AiMessage answer = model.answer("bu kişiye yarın 9", facts(true), "tr", OWNER_TOOLS);

    ToolExecutionRequest call = answer.toolExecutionRequests().get(0);
    assertThat(call.name()).isEqualTo("bookForCustomer");
    assertThat(call.arguments())
        .contains("\"customerName\":\"Ayşe Yılmaz\"")
        .contains("\"phone\":\"905321234567\"")
        .contains("2026-12-08T21:00");
  }

  @Test
  void withoutACardTheOwnerBooksAsBefore() {
    AiMessage answer = model.answer("yarın 9 ayır", facts(false), "tr", OWNER_TOOLS);

    assertThat(answer.toolExecutionRequests().get(0).name()).isEqualTo("bookSlot");
  }

  @Test
  void aBookingThatNamesACustomerIsForThatCustomerEvenWithACard() {
    AiMessage answer =
        model.answer("Mehmet için yarın 9 ayır 0532 765 43 21", facts(true), "tr", OWNER_TOOLS);

    ToolExecutionRequest call = answer.toolExecutionRequests().get(0);
    assertThat(call.name()).isEqualTo("bookForCustomer");
    assertThat(call.arguments()).doesNotContain("Ayşe").doesNotContain("905321234567");
  }
}
