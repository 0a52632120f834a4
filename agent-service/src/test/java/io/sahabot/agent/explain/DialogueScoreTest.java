package io.sahabot.agent.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.agent.turn.TurnContext.ToolCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A turn is scored right only when its tool, its slots and its reply language are expected. */
class DialogueScoreTest {

  private static final List<ToolCall> BOOKED =
      List.of(
          new ToolCall("bookSlot", Map.of("start", "2026-11-28T21:00", "end", "2026-11-28T22:00")));

  @Test
  void theExpectedToolWithTheExpectedSlotsIsRight() {
    assertThat(
            DialogueScore.mismatch(
                Map.of("intent", "book", "start", "2026-11-28T21:00", "end", "2026-11-28T22:00"),
                BOOKED,
                "tr"))
        .isEmpty();
    assertThat(
            DialogueScore.mismatch(
                Map.of("intent", "availability", "start", "2026-11-28T21:00"),
                List.of(
                    new ToolCall(
                        "checkAvailability", Map.of("date", "2026-11-28", "time", "21:00"))),
                "tr"))
        .isEmpty();
  }

  @Test
  void anotherSlotToolOrLanguageIsAMismatch() {
    assertThat(
            DialogueScore.mismatch(
                Map.of("intent", "book", "start", "2026-11-28T20:00"), BOOKED, "tr"))
        .hasValueSatisfying(m -> assertThat(m).contains("start=2026-11-28T21:00"));
    assertThat(DialogueScore.mismatch(Map.of("intent", "cancel"), BOOKED, "tr")).isPresent();
    assertThat(DialogueScore.mismatch(Map.of("intent", "clarify"), BOOKED, "tr")).isPresent();
    assertThat(DialogueScore.mismatch(Map.of("intent", "none"), List.of(), "tr")).isEmpty();
    assertThat(
            DialogueScore.mismatch(Map.of("intent", "book", "reply_language", "en"), BOOKED, "tr"))
        .hasValue("reply in tr, expected en");
  }
}
