package io.sahabot.agent.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConversationIdTest {

  private final UUID tenant = UUID.fromString("7d3c1f0a-55b4-4f7e-9a51-3b1f2c6d8e90");

  @Test
  void theMemoryIdIsTenantColonUserAndParsesBack() {
    ConversationId id = new ConversationId(tenant, "905454031918");

    assertThat(id.memoryId()).isEqualTo("7d3c1f0a-55b4-4f7e-9a51-3b1f2c6d8e90:905454031918");
    assertThat(ConversationId.parse(id.memoryId())).isEqualTo(id);
    assertThat(ConversationId.parse(id)).isSameAs(id);
  }

  @Test
  void aUserIdMayContainColons() {
    ConversationId id = ConversationId.parse(tenant + ":TR.bsuid:123");

    assertThat(id.tenantId()).isEqualTo(tenant);
    assertThat(id.userId()).isEqualTo("TR.bsuid:123");
  }

  @Test
  void refusesWhatIsNotTenantColonUser() {
    assertThatThrownBy(() -> ConversationId.parse("905454031918"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ConversationId.parse("not-a-uuid:905454031918"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ConversationId.parse(tenant + ":"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ConversationId.parse(null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
