package io.sahabot.agent.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import io.sahabot.agent.memory.AgentDatabase;
import io.sahabot.agent.memory.ConversationId;
import io.sahabot.agent.memory.PostgresChatMemoryStore;
import io.sahabot.schemas.whatsapp.IdentityChange;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.MessageKind;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One customer, one identity, on the real database as the application role: a user's phone number
 * and business-scoped user id are linked to one person, two persons that turn out to be one are
 * merged with their histories, and a changed number or user id is relinked.
 */
class IdentitiesIT {

  private final Identities identities = new Identities(AgentDatabase.tenantScope());
  private final PostgresChatMemoryStore memory = AgentDatabase.memoryStore();

  @Test
  void aUsernameUserWhoLaterWritesFromTheirPhoneIsTheSamePerson() {
    UUID tenant = AgentDatabase.newTenant();

    String first = identities.person(message(tenant, null, "TR.1001"));
    String later = identities.person(message(tenant, "905320001001", "TR.1001"));
    String phoneOnly = identities.person(message(tenant, "905320001001", null));

    assertThat(first).isEqualTo("TR.1001");
    assertThat(later).isEqualTo("TR.1001");
    assertThat(phoneOnly).isEqualTo("TR.1001");
    assertThat(identities.addresses(tenant, "TR.1001")).containsExactly("905320001001", "TR.1001");
    // sent to the phone number once it is known
    assertThat(identities.address(tenant, "TR.1001")).isEqualTo("905320001001");
  }

  @Test
  void aUserKnownBeforeIsTheirOwnPersonAndKeepsTheirHistory() {
    UUID tenant = AgentDatabase.newTenant();

    assertThat(identities.person(message(tenant, "905320001002", null))).isEqualTo("905320001002");
    assertThat(identities.person(message(tenant, "905320001002", "TR.1002")))
        .isEqualTo("905320001002");
    assertThat(identities.address(tenant, "905320001002")).isEqualTo("905320001002");
  }

  @Test
  void twoHistoriesOfOneUserBecomeOne() {
    UUID tenant = AgentDatabase.newTenant();
    identities.person(message(tenant, "905320001003", null));
    identities.person(message(tenant, null, "TR.1003"));
    memory.updateMessages(
        new ConversationId(tenant, "905320001003"), List.of(UserMessage.from("from the phone")));
    memory.updateMessages(
        new ConversationId(tenant, "TR.1003"), List.of(UserMessage.from("as a username")));

    String person = identities.person(message(tenant, "905320001003", "TR.1003"));

    assertThat(person).isEqualTo("TR.1003");
    assertThat(identities.addresses(tenant, person)).containsExactly("905320001003", "TR.1003");
    List<ChatMessage> history = memory.getMessages(new ConversationId(tenant, person));
    assertThat(history)
        .containsExactly(UserMessage.from("from the phone"), UserMessage.from("as a username"));
    assertThat(memory.getMessages(new ConversationId(tenant, "905320001003"))).isEmpty();
  }

  @Test
  void aChangedNumberOrUserIdIsRelinkedAndTheOldOneRetired() {
    UUID tenant = AgentDatabase.newTenant();
    String person = identities.person(message(tenant, "905320001004", "TR.1004"));

    String afterNumber =
        identities.change(
            system(
                tenant,
                "905320001004",
                new IdentityChange(
                    IdentityChange.CHANGED_NUMBER, "905320001005", "TR.1005", "TR.1004")));
    assertThat(afterNumber).isEqualTo(person);
    assertThat(identities.address(tenant, person)).isEqualTo("905320001005");
    assertThat(identities.person(message(tenant, "905320001005", "TR.1005"))).isEqualTo(person);

    String afterUserId =
        identities.change(
            system(
                tenant,
                "905320001005",
                new IdentityChange(IdentityChange.CHANGED_USER_ID, null, "TR.1006", "TR.1005")));
    assertThat(afterUserId).isEqualTo(person);
    assertThat(identities.person(message(tenant, null, "TR.1006"))).isEqualTo(person);
    assertThat(identities.addresses(tenant, person))
        .containsExactly("905320001004", "905320001005", "TR.1004", "TR.1005", "TR.1006");
    // the phone number is still current: replies go there
    assertThat(identities.address(tenant, person)).isEqualTo("905320001005");
  }

  private static InboundMessage message(UUID tenant, String phone, String bsuid) {
    String user = phone != null ? phone : bsuid;
    return new InboundMessage(
        UUID.randomUUID().toString(),
        Instant.now(),
        tenant,
        "delivery",
        "pn",
        null,
        user,
        phone,
        bsuid,
        null,
        "wamid." + UUID.randomUUID(),
        Instant.now(),
        MessageKind.TEXT,
        "merhaba",
        null,
        null,
        null,
        null,
        List.of(),
        null,
        null);
  }

  private static InboundMessage system(UUID tenant, String from, IdentityChange change) {
    return new InboundMessage(
        UUID.randomUUID().toString(),
        Instant.now(),
        tenant,
        "delivery",
        "pn",
        null,
        from,
        from,
        null,
        null,
        "wamid." + UUID.randomUUID(),
        Instant.now(),
        MessageKind.SYSTEM,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        null,
        null,
        change);
  }
}
