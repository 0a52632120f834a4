package io.sahabot.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TopicsTest {

  static List<Topic<?>> topics() {
    return Topics.all();
  }

  @Test
  void namesAreDottedUniqueAndWithoutUnderscore() {
    List<String> names = Topics.all().stream().map(Topic::name).toList();

    assertThat(names).hasSize(8).doesNotHaveDuplicates();
    assertThat(names)
        .allSatisfy(
            name -> {
              assertThat(name).doesNotContain("_").contains(".").isLowerCase();
              assertThat(name + ".dlt").isNotIn(names);
            });
  }

  @Test
  void catalogueFollowsTheDesign() {
    assertThat(Topics.WHATSAPP_INBOUND_RAW.name()).isEqualTo("whatsapp.inbound.raw");
    assertThat(Topics.WHATSAPP_INBOUND_REJECTED.partitions()).isEqualTo(3);
    assertThat(Topics.RESERVATION_COMMANDS.retention()).isEqualTo(Duration.ofDays(7));
    assertThat(Topics.TENANT_CHANGELOG.compacted()).isTrue();
    assertThat(Topics.TENANT_CHANGELOG.infiniteRetention()).isTrue();
    assertThat(Topics.TENANT_CHANGELOG.retentionMs()).isEqualTo(-1);
    assertThat(Topics.all())
        .filteredOn(topic -> topic != Topics.TENANT_CHANGELOG)
        .allSatisfy(
            topic -> {
              assertThat(topic.compacted()).isFalse();
              assertThat(topic.retentionMs()).isEqualTo(Duration.ofDays(7).toMillis());
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topics")
  void valueTypeIsASealedInterfaceWithASchemaPerType(Topic<?> topic)
      throws IOException, URISyntaxException {
    assertThat(topic.valueType().isInterface()).isTrue();
    assertThat(topic.valueType().isSealed()).isTrue();

    Path folder =
        Path.of(getClass().getClassLoader().getResource("schemas/" + topic.name()).toURI());
    List<String> schemaFiles;
    try (Stream<Path> files = Files.list(folder)) {
      schemaFiles = files.map(file -> file.getFileName().toString()).toList();
    }
    assertThat(schemaFiles)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(topic.valueType().getPermittedSubclasses())
                .map(type -> type.getSimpleName() + ".schema.json")
                .toList());
  }

  @Test
  void deadLetterTopicIsTheNamePlusDlt() {
    assertThat(Topics.RESERVATION_COMMANDS.deadLetter()).isEqualTo("reservation.commands.dlt");
  }

  @Test
  void withPartitionsKeepsEverythingElse() {
    Topic<?> single = Topics.TENANT_CHANGELOG.withPartitions(1);

    assertThat(single.partitions()).isEqualTo(1);
    assertThat(single.withPartitions(6)).isEqualTo(Topics.TENANT_CHANGELOG);
  }

  @Test
  void refusesBadNamesAndSettings() {
    assertThatThrownBy(() -> new Topic<>("whatsapp_inbound", "k", Object.class, 1, null, true))
        .hasMessageStartingWith("name:");
    assertThatThrownBy(() -> new Topic<>("Whatsapp.Inbound", "k", Object.class, 1, null, true))
        .hasMessageStartingWith("name:");
    assertThatThrownBy(() -> Topics.WHATSAPP_OUTBOUND.withPartitions(0))
        .hasMessageStartingWith("partitions:");
    assertThatThrownBy(() -> new Topic<>("a.b", "k", Object.class, 1, Duration.ofMillis(-1), false))
        .hasMessageStartingWith("retention:");
  }
}
