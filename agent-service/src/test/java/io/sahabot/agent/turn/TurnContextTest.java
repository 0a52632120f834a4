package io.sahabot.agent.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.MessageKind;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TurnContextTest {

  private static final UUID TENANT = UUID.fromString("8f0e2d6a-3b1c-4d5e-9f7a-1b2c3d4e5f60");
  private static final Instant SLOT_A = Instant.parse("2026-12-01T17:00:00Z");
  private static final Instant SLOT_B = Instant.parse("2026-12-01T18:00:00Z");

  @Test
  void aCommandIdDependsOnTheMessageTheToolAndItsArgumentsNotOnTheOrderOfCalls() {
    TurnContext firstRun = turn("wamid.A");
    String a1 = firstRun.commandId("bookSlot", book("Saha 1", SLOT_A));
    String b1 = firstRun.commandId("bookSlot", book("Saha 1", SLOT_B));

    TurnContext secondRun = turn("wamid.A"); // the model calls the tools the other way round
    String b2 = secondRun.commandId("bookSlot", book("Saha 1", SLOT_B));
    String a2 = secondRun.commandId("bookSlot", book("Saha 1", SLOT_A));

    assertThat(a2).isEqualTo(a1);
    assertThat(b2).isEqualTo(b1);
    assertThat(a1).isNotEqualTo(b1);
    assertThat(turn("wamid.B").commandId("bookSlot", book("Saha 1", SLOT_A))).isNotEqualTo(a1);
    assertThat(firstRun.commandId("cancel", book("Saha 1", SLOT_A))).isNotEqualTo(a1);
  }

  @Test
  void argumentsAreNormalised() {
    Map<String, Object> spelled = new LinkedHashMap<>();
    spelled.put("start", SLOT_A);
    spelled.put("field", " saha 1 ");
    spelled.put("name", null);
    spelled.put("phone", "");

    assertThat(TurnContext.canonical(spelled))
        .isEqualTo(TurnContext.canonical(book("Saha 1", SLOT_A)))
        .isEqualTo("field=saha 1&start=2026-12-01T17:00:00Z");
  }

  private static Map<String, Object> book(String field, Instant start) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("field", field);
    args.put("start", start);
    return args;
  }

  private static TurnContext turn(String wamid) {
    Instant at = Instant.parse("2026-11-30T10:00:00Z");
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
            wamid,
            at,
            MessageKind.TEXT,
            "ayır",
            null,
            null,
            null,
            null,
            List.of(),
            null,
            null);
    TenantSnapshot tenant =
        new TenantSnapshot(
            "t", at, TENANT, null, "pn", null, "Saha", true, TenantSettings.defaults(), 1);
    return new TurnContext(message, tenant, false, at.atZone(ZoneId.of("Europe/Istanbul")), false);
  }
}
