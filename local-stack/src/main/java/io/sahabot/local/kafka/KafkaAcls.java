package io.sahabot.local.kafka;

import io.sahabot.schemas.topics.KafkaAccess;
import io.sahabot.schemas.topics.Topic;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs of the services' principals on a closed broker, derived from the Kafka access catalogue
 * ({@link KafkaAccess}) and nothing else, and the script that creates them and the services' SCRAM
 * users ({@code deploy/kafka/acls.sh}, which {@code deploy/kafka/init.sh} runs in
 * docker-compose.yml). Everything not allowed here is denied ({@code
 * allow.everyone.if.no.acl.found=false}); only the admin principal is a super user.
 *
 * <p>Per service, {@code User:<service>} may:
 *
 * <ul>
 *   <li>create and describe each topic it declares (what it reads and writes, and the dead-letter
 *       topic of what it reads): whichever service starts first creates a topic;
 *   <li>write the topics it writes and the dead-letter topics it writes, read the topics it reads;
 *   <li>read its consumer groups, by exact name or, for groups named per instance, by prefix;
 *   <li>with Kafka Streams: everything on the topics prefixed with its application id (its
 *       repartition and changelog topics, which it creates, reads, writes and purges), read its
 *       group (the application id), and write and describe the transactional ids prefixed with it
 *       (exactly-once).
 * </ul>
 *
 * No cluster-level permission: an idempotent producer needs only the write permission on a topic
 * (KIP-679, Kafka 3.0), and nothing here creates topics other than its own.
 */
public final class KafkaAcls {

  /**
   * The super user of the brokers: inter-broker and controller traffic, the init step, operators.
   */
  public static final String ADMIN = "admin";

  private KafkaAcls() {}

  /** The ACLs of every service of the catalogue. */
  public static List<AclBinding> all() {
    List<AclBinding> all = new ArrayList<>();
    KafkaAccess.all().forEach(a -> all.addAll(of(a)));
    return all;
  }

  /** The principal of a service: {@code User:<service>}. */
  public static String principal(KafkaAccess access) {
    return "User:" + access.service();
  }

  /**
   * The environment variable holding a service's SCRAM password in docker-compose.yml: {@code
   * KAFKA_INGRESS_PASSWORD} for ingress-service.
   */
  public static String passwordVariable(KafkaAccess access) {
    String name = access.service().replaceFirst("-service$", "");
    return "KAFKA_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_PASSWORD";
  }

  /** The ACLs of one service's principal. */
  public static List<AclBinding> of(KafkaAccess access) {
    String principal = principal(access);
    List<AclBinding> acls = new ArrayList<>();
    for (String topic : access.declaredTopics()) {
      allow(acls, principal, ResourceType.TOPIC, PatternType.LITERAL, topic, AclOperation.CREATE);
      allow(acls, principal, ResourceType.TOPIC, PatternType.LITERAL, topic, AclOperation.DESCRIBE);
    }
    for (Topic<?> topic : access.writes()) {
      allow(
          acls,
          principal,
          ResourceType.TOPIC,
          PatternType.LITERAL,
          topic.name(),
          AclOperation.WRITE);
    }
    for (Topic<?> topic : access.deadLetters()) {
      allow(
          acls,
          principal,
          ResourceType.TOPIC,
          PatternType.LITERAL,
          topic.deadLetter(),
          AclOperation.WRITE);
    }
    for (Topic<?> topic : access.reads()) {
      allow(
          acls,
          principal,
          ResourceType.TOPIC,
          PatternType.LITERAL,
          topic.name(),
          AclOperation.READ);
    }
    for (String group : access.groups()) {
      allow(acls, principal, ResourceType.GROUP, PatternType.LITERAL, group, AclOperation.READ);
    }
    for (String prefix : access.groupPrefixes()) {
      allow(acls, principal, ResourceType.GROUP, PatternType.PREFIXED, prefix, AclOperation.READ);
    }
    String streams = access.streamsApplicationId();
    if (streams != null) {
      allow(acls, principal, ResourceType.TOPIC, PatternType.PREFIXED, streams, AclOperation.ALL);
      allow(acls, principal, ResourceType.GROUP, PatternType.LITERAL, streams, AclOperation.READ);
      for (AclOperation op : List.of(AclOperation.WRITE, AclOperation.DESCRIBE)) {
        allow(acls, principal, ResourceType.TRANSACTIONAL_ID, PatternType.PREFIXED, streams, op);
      }
    }
    return acls;
  }

  /**
   * The shell lines that create every service's SCRAM user and ACLs, to be sourced by a script that
   * defines {@code scram_user NAME PASSWORD} and {@code kafka_acls ARGS…} (kafka-acls.sh with the
   * admin's connection and {@code --add}). ACLs on the same kind of resource with the same
   * operations go in one invocation, since each starts a JVM.
   */
  public static String script() {
    StringBuilder out = new StringBuilder();
    out.append(
        """
        # Generated by `./sahabot kafka-acls` from the Kafka access catalogue
        # (schemas/src/main/java/io/sahabot/schemas/topics/KafkaAccess.java): do not edit, regenerate
        # with `./sahabot kafka-acls > deploy/kafka/acls.sh`. KafkaAclsTest fails while it is stale.
        # Sourced by deploy/kafka/init.sh, which defines scram_user and kafka_acls.
        """);
    for (KafkaAccess access : KafkaAccess.all()) {
      out.append('\n').append("# ").append(access.service()).append('\n');
      out.append("scram_user ")
          .append(access.service())
          .append(" \"$")
          .append(passwordVariable(access))
          .append("\"\n");
      for (String line : invocations(of(access))) {
        out.append("kafka_acls ").append(line).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * kafka-acls.sh arguments (without the connection and {@code --add}) creating the given ACLs, one
   * invocation per principal, resource type, pattern type and set of operations.
   */
  static List<String> invocations(List<AclBinding> acls) {
    record Resource(String principal, ResourceType type, PatternType pattern, String name) {}
    record Kind(String principal, ResourceType type, PatternType pattern, Set<AclOperation> ops) {}
    Map<Resource, Set<AclOperation>> operations = new LinkedHashMap<>();
    for (AclBinding acl : acls) {
      operations
          .computeIfAbsent(
              new Resource(
                  acl.entry().principal(),
                  acl.pattern().resourceType(),
                  acl.pattern().patternType(),
                  acl.pattern().name()),
              r -> EnumSet.noneOf(AclOperation.class))
          .add(acl.entry().operation());
    }
    Map<Kind, Set<String>> names = new LinkedHashMap<>();
    operations.forEach(
        (resource, ops) ->
            names
                .computeIfAbsent(
                    new Kind(resource.principal(), resource.type(), resource.pattern(), ops),
                    k -> new LinkedHashSet<>())
                .add(resource.name()));
    List<String> lines = new ArrayList<>();
    names.forEach(
        (kind, resources) -> {
          StringBuilder line = new StringBuilder("--allow-principal ").append(kind.principal());
          for (AclOperation op : kind.ops()) {
            line.append(" --operation ").append(operationName(op));
          }
          if (kind.pattern() == PatternType.PREFIXED) {
            line.append(" --resource-pattern-type prefixed");
          }
          String option =
              switch (kind.type()) {
                case TOPIC -> "--topic";
                case GROUP -> "--group";
                case TRANSACTIONAL_ID -> "--transactional-id";
                default -> throw new IllegalArgumentException("no ACLs on " + kind.type());
              };
          for (String name : resources) {
            line.append(' ').append(option).append(' ').append(name);
          }
          lines.add(line.toString());
        });
    return lines;
  }

  /**
   * kafka-acls.sh's spelling of an operation: {@code Read}, {@code IdempotentWrite}, {@code All}.
   */
  static String operationName(AclOperation op) {
    return java.util.Arrays.stream(op.name().toLowerCase(Locale.ROOT).split("_"))
        .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
        .collect(Collectors.joining());
  }

  private static void allow(
      List<AclBinding> acls,
      String principal,
      ResourceType type,
      PatternType pattern,
      String name,
      AclOperation op) {
    AclBinding acl =
        new AclBinding(
            new ResourcePattern(type, name, pattern),
            new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
    if (!acls.contains(acl)) {
      acls.add(acl);
    }
  }
}
