package io.sahabot.local.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.schemas.topics.KafkaAccess;
import io.sahabot.schemas.topics.Topic;
import io.sahabot.schemas.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class KafkaAclsTest {

  static final Path SCRIPT =
      Path.of("").toAbsolutePath().getParent().resolve("deploy/kafka/acls.sh");

  @Test
  void theCommittedScriptIsGeneratedFromTheCatalogue() throws IOException {
    assertThat(Files.readString(SCRIPT))
        .as("deploy/kafka/acls.sh is stale: ./sahabot kafka-acls > deploy/kafka/acls.sh")
        .isEqualTo(KafkaAcls.script());
  }

  @Test
  void aServiceWritesOnlyWhatItWritesAndReadsOnlyWhatItReads() {
    for (KafkaAccess access : KafkaAccess.all()) {
      List<AclBinding> acls = KafkaAcls.of(access);
      Set<String> writes = literalTopics(acls, AclOperation.WRITE);
      Set<String> reads = literalTopics(acls, AclOperation.READ);

      assertThat(writes)
          .as(access.service() + " writes")
          .containsExactlyInAnyOrderElementsOf(
              concat(
                  names(access.writes()),
                  access.deadLetters().stream().map(Topic::deadLetter).toList()));
      assertThat(reads)
          .as(access.service() + " reads")
          .containsExactlyInAnyOrderElementsOf(names(access.reads()));
      assertThat(acls)
          .allSatisfy(
              acl -> {
                assertThat(acl.entry().principal()).isEqualTo("User:" + access.service());
                assertThat(acl.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
                assertThat(acl.pattern().resourceType()).isNotEqualTo(ResourceType.CLUSTER);
              });
    }
  }

  @Test
  void onlyTheStreamsServiceHasPrefixedTopicsAndTransactionalIds() {
    for (KafkaAccess access : KafkaAccess.all()) {
      List<AclBinding> special =
          KafkaAcls.of(access).stream()
              .filter(
                  acl ->
                      acl.pattern().resourceType() == ResourceType.TRANSACTIONAL_ID
                          || (acl.pattern().resourceType() == ResourceType.TOPIC
                              && acl.pattern().patternType() == PatternType.PREFIXED))
              .toList();
      if (access.streamsApplicationId() == null) {
        assertThat(special).as(access.service()).isEmpty();
      } else {
        assertThat(special)
            .as(access.service())
            .extracting(acl -> acl.pattern().name())
            .containsOnly("tenant-service-enrichment");
      }
    }
  }

  @Test
  void ingressCannotTouchTheCommandsNorTheAgentTheRawWebhooks() {
    assertThat(literalTopics(KafkaAcls.of(KafkaAccess.INGRESS), AclOperation.READ))
        .doesNotContain(Topics.RESERVATION_COMMANDS.name());
    assertThat(literalTopics(KafkaAcls.of(KafkaAccess.AGENT), AclOperation.WRITE))
        .doesNotContain(Topics.WHATSAPP_INBOUND_RAW.name());
  }

  @Test
  void invocationsGroupResourcesWithTheSameOperations() {
    assertThat(KafkaAcls.invocations(KafkaAcls.of(KafkaAccess.INGRESS)))
        .containsExactly(
            "--allow-principal User:ingress-service --operation Write --operation Create"
                + " --operation Describe --topic whatsapp.inbound.raw --topic whatsapp.inbound.rejected"
                + " --topic whatsapp.outbound.dlt --topic whatsapp.inbound.statuses.dlt",
            "--allow-principal User:ingress-service --operation Read --operation Create"
                + " --operation Describe --topic whatsapp.outbound --topic whatsapp.inbound.statuses",
            "--allow-principal User:ingress-service --operation Read --group ingress-sender"
                + " --group ingress-statuses");
    assertThat(KafkaAcls.operationName(AclOperation.IDEMPOTENT_WRITE)).isEqualTo("IdempotentWrite");
    assertThat(KafkaAcls.passwordVariable(KafkaAccess.RESERVATION))
        .isEqualTo("KAFKA_RESERVATION_PASSWORD");
  }

  private static Set<String> literalTopics(List<AclBinding> acls, AclOperation op) {
    return acls.stream()
        .filter(acl -> acl.pattern().resourceType() == ResourceType.TOPIC)
        .filter(acl -> acl.pattern().patternType() == PatternType.LITERAL)
        .filter(acl -> acl.entry().operation() == op)
        .map(acl -> acl.pattern().name())
        .collect(Collectors.toSet());
  }

  private static List<String> names(List<Topic<?>> topics) {
    return topics.stream().map(Topic::name).toList();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
