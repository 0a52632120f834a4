package io.sahabot.schemas.topics;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nonNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one service does on Kafka: the topics it writes and reads, the dead-letter topics it writes,
 * the consumer groups it joins and, for a Kafka Streams service, its application id. The one source
 * of both the topics a service creates at startup (platform's {@code TopicDeclarations}) and the
 * ACLs of its principal on a closed broker ({@code ./sahabot kafka-acls}); each service's tests
 * check it against the service's listeners and topology.
 *
 * @param service the service's name, which is also its Kafka principal ({@code User:<service>})
 *     where the broker authenticates clients
 * @param writes topics it produces to
 * @param reads topics it consumes (in a group or by assigned partitions)
 * @param deadLetters topics among {@code reads} whose dead-letter topic it writes
 * @param groups consumer groups it joins, by exact name
 * @param groupPrefixes prefixes of the consumer groups it names per instance (a group of its own
 *     for each instance: {@code agent-outcomes-<uuid>})
 * @param streamsApplicationId the {@code application.id} of its Kafka Streams application (its
 *     group, and the prefix of its internal topics and transactional ids), or {@code null}
 */
public record KafkaAccess(
    String service,
    List<Topic<?>> writes,
    List<Topic<?>> reads,
    List<Topic<?>> deadLetters,
    List<String> groups,
    List<String> groupPrefixes,
    String streamsApplicationId) {

  /**
   * The WhatsApp edge: webhooks to the raw topic (a change it cannot read or publish to the
   * rejected topic), the outbound topic to the Graph API, the delivery statuses to each message's
   * latest status (group {@code ingress-statuses}).
   */
  public static final KafkaAccess INGRESS =
      new KafkaAccess(
          "ingress-service",
          List.of(Topics.WHATSAPP_INBOUND_RAW, Topics.WHATSAPP_INBOUND_REJECTED),
          List.of(Topics.WHATSAPP_OUTBOUND, Topics.WHATSAPP_INBOUND_STATUSES),
          List.of(Topics.WHATSAPP_OUTBOUND, Topics.WHATSAPP_INBOUND_STATUSES),
          List.of("ingress-sender", "ingress-statuses"),
          List.of(),
          null);

  /**
   * Tenants: the enrichment topology (Kafka Streams, exactly-once: its writes are transactional),
   * the relay of its changelog outbox (every tenant change's snapshot, idempotent producer) and the
   * tenant API's reservation commands (the business's own, {@code Actor.Role.BUSINESS}, idempotent
   * producer; their outcomes it asks reservation-service over HTTP, so it reads no event topic).
   */
  public static final KafkaAccess TENANT =
      new KafkaAccess(
          "tenant-service",
          List.of(
              Topics.WHATSAPP_INBOUND_MESSAGES,
              Topics.WHATSAPP_INBOUND_STATUSES,
              Topics.WHATSAPP_INBOUND_REJECTED,
              Topics.TENANT_CHANGELOG,
              Topics.RESERVATION_COMMANDS),
          List.of(Topics.WHATSAPP_INBOUND_RAW, Topics.TENANT_CHANGELOG),
          List.of(Topics.WHATSAPP_INBOUND_RAW),
          List.of(),
          List.of(),
          "tenant-service-enrichment");

  /**
   * The conversation agent: messages in, commands and replies out; the outcome notifier tells
   * reservation events (group {@code agent-outcome-notifier}), the closed-window fallbacks read the
   * delivery statuses (group {@code agent-closed-window-fallbacks}); every instance also follows
   * the reservation events in a group of its own (to complete its turns' waits), and reads the
   * tenants with no group, from the beginning, on every start.
   */
  public static final KafkaAccess AGENT =
      new KafkaAccess(
          "agent-service",
          List.of(Topics.RESERVATION_COMMANDS, Topics.WHATSAPP_OUTBOUND),
          List.of(
              Topics.WHATSAPP_INBOUND_MESSAGES,
              Topics.RESERVATION_EVENTS,
              Topics.TENANT_CHANGELOG,
              Topics.WHATSAPP_INBOUND_STATUSES),
          List.of(
              Topics.WHATSAPP_INBOUND_MESSAGES,
              Topics.RESERVATION_EVENTS,
              Topics.WHATSAPP_INBOUND_STATUSES),
          List.of("agent-service", "agent-outcome-notifier", "agent-closed-window-fallbacks"),
          List.of("agent-outcomes-"),
          null);

  /**
   * Bookings: commands in (group named after the listener), events out; the tenants read with no
   * group, from the beginning, on every start.
   */
  public static final KafkaAccess RESERVATION =
      new KafkaAccess(
          "reservation-service",
          List.of(Topics.RESERVATION_EVENTS),
          List.of(Topics.RESERVATION_COMMANDS, Topics.TENANT_CHANGELOG),
          List.of(Topics.RESERVATION_COMMANDS),
          List.of("reservation-commands"),
          List.of(),
          null);

  private static final List<KafkaAccess> ALL = List.of(INGRESS, TENANT, AGENT, RESERVATION);

  public KafkaAccess {
    nonBlank(service, "service");
    writes = List.copyOf(nonNull(writes, "writes"));
    reads = List.copyOf(nonNull(reads, "reads"));
    deadLetters = List.copyOf(nonNull(deadLetters, "deadLetters"));
    groups = List.copyOf(nonNull(groups, "groups"));
    groupPrefixes = List.copyOf(nonNull(groupPrefixes, "groupPrefixes"));
    if (!reads.containsAll(deadLetters)) {
      throw new IllegalArgumentException(
          "deadLetters: a service dead-letters only topics it reads, was " + deadLetters);
    }
    for (String group : groups) {
      nonBlank(group, "groups");
    }
    for (String prefix : groupPrefixes) {
      nonBlank(prefix, "groupPrefixes");
    }
    if (streamsApplicationId != null) {
      nonBlank(streamsApplicationId, "streamsApplicationId");
    }
  }

  /** Every service, in pipeline order. */
  public static List<KafkaAccess> all() {
    return ALL;
  }

  /**
   * The topics the service creates at startup, by name: what it writes and reads, and the
   * dead-letter topic of every topic it reads (whoever of its consumers may write it). Creating a
   * topic that exists changes nothing, so whichever service starts first creates it.
   */
  public List<String> declaredTopics() {
    Set<String> names = new LinkedHashSet<>();
    for (Topic<?> topic : uses()) {
      names.add(topic.name());
    }
    for (Topic<?> topic : reads) {
      names.add(topic.deadLetter());
    }
    return List.copyOf(names);
  }

  /** The topics it writes or reads, each once, writes first. */
  public List<Topic<?>> uses() {
    List<Topic<?>> uses = new ArrayList<>(writes);
    for (Topic<?> topic : reads) {
      if (!uses.contains(topic)) {
        uses.add(topic);
      }
    }
    return List.copyOf(uses);
  }
}
