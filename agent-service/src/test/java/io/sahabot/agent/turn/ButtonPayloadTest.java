package io.sahabot.agent.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.schemas.reservation.Slot;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ButtonPayloadTest {

  private static final Instant START = Instant.parse("2026-12-08T19:00:00Z");
  private static final Instant END = Instant.parse("2026-12-08T20:00:00Z");

  @Test
  void everyChoiceReadsBackAsItWasWritten() {
    for (ButtonPayload choice :
        new ButtonPayload[] {
          new ButtonPayload.Book("Saha 1", START, END),
          new ButtonPayload.Cancel(42),
          new ButtonPayload.ConfirmCancel(42),
          new ButtonPayload.ConfirmMove(42, START, END),
          ButtonPayload.Keep.of(42),
          new ButtonPayload.Coming(42),
          new ButtonPayload.ReminderCancel(42),
          new ButtonPayload.NoShow(42)
        }) {
      assertThat(ButtonPayload.parse(choice.encode())).contains(choice);
    }
  }

  @Test
  void theWireFormatIsTheOneTheBotHasAlwaysSent() {
    assertThat(new ButtonPayload.Book("Saha 1", START, END).encode())
        .isEqualTo("book|Saha 1|2026-12-08T19:00:00Z|2026-12-08T20:00:00Z");
    assertThat(new ButtonPayload.ConfirmMove(7, START, END).encode())
        .isEqualTo("confirm-move|7|2026-12-08T19:00:00Z|2026-12-08T20:00:00Z");
    assertThat(new ButtonPayload.Cancel(7).encode()).isEqualTo("cancel|7");
    assertThat(new ButtonPayload.ConfirmCancel(7).encode()).isEqualTo("confirm-cancel|7");
    assertThat(ButtonPayload.Keep.of(7).encode()).isEqualTo("keep|7");
    // a reminder template's quick reply carries this payload: it must stay as Meta approved it
    assertThat(new ButtonPayload.ReminderCancel(7).encode()).isEqualTo("reminder-cancel|7");
    assertThat(new ButtonPayload.Coming(7).encode()).isEqualTo("coming|7");
    assertThat(new ButtonPayload.NoShow(7).encode()).isEqualTo("no-show|7");
  }

  @Test
  void anIdTheBotDidNotSendIsNoChoice() {
    assertThat(ButtonPayload.parse(null)).isEmpty();
    assertThat(ButtonPayload.parse("nonsense|1")).isEmpty();
    assertThat(ButtonPayload.parse("cancel|x")).isEmpty();
    assertThat(ButtonPayload.parse("book|Saha 1|yesterday")).isEmpty();
  }

  @Test
  void aBookButtonCarriesTheOfferedSlot() {
    assertThat(ButtonPayload.Book.of(new Slot("Saha 1", START, END)))
        .isEqualTo(new ButtonPayload.Book("Saha 1", START, END));
  }
}
