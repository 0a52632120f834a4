package io.sahabot.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaAccessTest {

  /**
   * One writer per topic, but for the rejected topic: what was not passed on is rejected where it
   * is found, a change that cannot be read or published at the edge (ingress), one of an inactive
   * tenant or with nothing readable in it by the enrichment (tenant); and for the commands: the
   * agent's from chat (customers, owners) and the tenant API's (the business, {@code BUSINESS}).
   */
  @Test
  void everyTopicHasOneWriterAndIsReadByWhatTheDesignSays() {
    for (Topic<?> topic : Topics.all()) {
      List<String> writers =
          KafkaAccess.all().stream()
              .filter(a -> a.writes().contains(topic))
              .map(KafkaAccess::service)
              .toList();
      if (topic.equals(Topics.WHATSAPP_INBOUND_REJECTED)) {
        assertThat(writers).containsExactly("ingress-service", "tenant-service");
      } else if (topic.equals(Topics.RESERVATION_COMMANDS)) {
        assertThat(writers).containsExactly("tenant-service", "agent-service");
      } else {
        assertThat(writers).as("writers of " + topic.name()).hasSize(1);
      }
    }
    assertThat(readers(Topics.WHATSAPP_INBOUND_RAW)).containsExactly("tenant-service");
    assertThat(readers(Topics.WHATSAPP_INBOUND_MESSAGES)).containsExactly("agent-service");
    // ingress keeps each message's latest status; the agent sends closed-window fallbacks
    assertThat(readers(Topics.WHATSAPP_INBOUND_STATUSES))
        .containsExactly("ingress-service", "agent-service");
    assertThat(readers(Topics.TENANT_CHANGELOG))
        .containsExactly("tenant-service", "agent-service", "reservation-service");
    assertThat(readers(Topics.RESERVATION_COMMANDS)).containsExactly("reservation-service");
    assertThat(readers(Topics.RESERVATION_EVENTS)).containsExactly("agent-service");
    assertThat(readers(Topics.WHATSAPP_OUTBOUND)).containsExactly("ingress-service");
  }

  @Test
  void servicesGroupsAndStreamsApplicationsDoNotShareNames() {
    List<String> names =
        KafkaAccess.all().stream()
            .flatMap(
                a ->
                    java.util.stream.Stream.concat(
                        a.groups().stream(),
                        a.streamsApplicationId() == null
                            ? java.util.stream.Stream.empty()
                            : java.util.stream.Stream.of(a.streamsApplicationId())))
            .toList();
    assertThat(names).doesNotHaveDuplicates();
    assertThat(KafkaAccess.all().stream().map(KafkaAccess::service)).doesNotHaveDuplicates();
    for (KafkaAccess a : KafkaAccess.all()) {
      for (KafkaAccess b : KafkaAccess.all()) {
        for (String prefix : a.groupPrefixes()) {
          assertThat(names).noneMatch(n -> n.startsWith(prefix));
          if (a != b) {
            assertThat(b.groupPrefixes()).noneMatch(p -> p.startsWith(prefix));
          }
        }
      }
    }
  }

  @Test
  void declaresWhatItUsesAndTheDeadLetterTopicsOfWhatItReads() {
    assertThat(KafkaAccess.TENANT.declaredTopics())
        .containsExactly(
            "whatsapp.inbound.messages",
            "whatsapp.inbound.statuses",
            "whatsapp.inbound.rejected",
            "tenant.changelog",
            "reservation.commands",
            "whatsapp.inbound.raw",
            "whatsapp.inbound.raw.dlt",
            "tenant.changelog.dlt");
    assertThat(KafkaAccess.INGRESS.declaredTopics())
        .containsExactly(
            "whatsapp.inbound.raw",
            "whatsapp.inbound.rejected",
            "whatsapp.outbound",
            "whatsapp.inbound.statuses",
            "whatsapp.outbound.dlt",
            "whatsapp.inbound.statuses.dlt");
  }

  @Test
  void deadLettersOnlyTopicsItReads() {
    assertThatThrownBy(
            () ->
                new KafkaAccess(
                    "x-service",
                    List.of(Topics.WHATSAPP_OUTBOUND),
                    List.of(),
                    List.of(Topics.WHATSAPP_OUTBOUND),
                    List.of(),
                    List.of(),
                    null))
        .hasMessageStartingWith("deadLetters:");
  }

  private static List<String> readers(Topic<?> topic) {
    return KafkaAccess.all().stream()
        .filter(a -> a.reads().contains(topic))
        .map(KafkaAccess::service)
        .toList();
  }
}
