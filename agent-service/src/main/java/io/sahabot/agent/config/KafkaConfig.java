package io.sahabot.agent.config;

import io.sahabot.platform.kafka.DeadLetters;
import io.sahabot.platform.kafka.WireConsumers;
import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.topics.Topics;
import io.sahabot.schemas.whatsapp.DeliveryStatusRecord;
import io.sahabot.schemas.whatsapp.InboundMessageRecord;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The listener containers of agent-service. The producer is Spring Boot's, set up by platform
 * ({@code spring.kafka.producer.*}); dead letters by platform's {@link DeadLetters}.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

  /**
   * Commits whatsapp.inbound.messages' offsets as turns finish, out of order. A revoked partition's
   * running turns get {@code sahabot.agent.revoke-drain-timeout} to finish before its offsets are
   * committed (a rebalance, or the service stopping); keep it below the container's 10 s shutdown
   * timeout.
   */
  @Bean
  InboundOffsets inboundOffsets(AgentProperties agent) {
    return new InboundOffsets(agent.revokeDrainTimeout());
  }

  /**
   * whatsapp.inbound.messages: manual acknowledgments, committed by the container at its next poll;
   * the listener never waits for a turn, and {@link InboundOffsets} acknowledges only the
   * contiguous finished prefix of each partition. Unreadable records go to the dead-letter topic;
   * the handler does not commit what it recovered: offsets are committed by {@link InboundOffsets}
   * only (the next finished record covers a dead-lettered one).
   */
  @Bean
  ConcurrentKafkaListenerContainerFactory<String, InboundMessageRecord> inboundMessagesFactory(
      KafkaProperties kafka,
      AgentProperties agent,
      DeadLetters deadLetters,
      InboundOffsets inboundOffsets) {
    DefaultErrorHandler errors = deadLetters.errorHandler();
    errors.setAckAfterHandle(false);
    var factory = WireConsumers.listenerFactory(kafka, Topics.WHATSAPP_INBOUND_MESSAGES, errors);
    ContainerProperties container = factory.getContainerProperties();
    container.setAckMode(ContainerProperties.AckMode.MANUAL);
    container.setConsumerRebalanceListener(inboundOffsets);
    // acknowledgments from the turn threads are committed when the consumer next returns from poll
    container.setPollTimeout(agent.pollTimeout().toMillis());
    factory.setConcurrency(agent.listenerConcurrency());
    return factory;
  }

  /** reservation.events: a record that fails is logged and skipped (a reply, not a booking). */
  @Bean
  ConcurrentKafkaListenerContainerFactory<String, ReservationEvent> reservationEventsFactory(
      KafkaProperties kafka) {
    return WireConsumers.listenerFactory(
        kafka, Topics.RESERVATION_EVENTS, new DefaultErrorHandler(new FixedBackOff(0, 0)));
  }

  /**
   * reservation.events for the outcome notifier (a fixed group, {@code read_committed}): a record
   * that fails for a transient reason (the database or the broker unreachable) is retried without
   * end, the consumer paused between attempts (it keeps polling, so it stays in its group): an
   * outcome is never dropped because PostgreSQL restarted. An unreadable record goes to
   * reservation.events.dlt at once, any other failure after the bounded back-off.
   */
  @Bean
  ConcurrentKafkaListenerContainerFactory<String, ReservationEvent> outcomeNotifierFactory(
      KafkaProperties kafka,
      DeadLetters deadLetters,
      AgentProperties agent,
      ThreadPoolTaskScheduler retryScheduler) {
    return WireConsumers.listenerFactory(
        kafka, Topics.RESERVATION_EVENTS, untilDone(deadLetters, agent, retryScheduler));
  }

  /** whatsapp.inbound.statuses for the closed-window fallbacks; as the notifier's. */
  @Bean
  ConcurrentKafkaListenerContainerFactory<String, DeliveryStatusRecord> deliveryStatusesFactory(
      KafkaProperties kafka,
      DeadLetters deadLetters,
      AgentProperties agent,
      ThreadPoolTaskScheduler retryScheduler) {
    return WireConsumers.listenerFactory(
        kafka, Topics.WHATSAPP_INBOUND_STATUSES, untilDone(deadLetters, agent, retryScheduler));
  }

  /** Resumes the consumers paused between the attempts of a transient failure. */
  @Bean
  ThreadPoolTaskScheduler retryScheduler() {
    ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    scheduler.setThreadNamePrefix("retry-");
    scheduler.setPoolSize(1);
    return scheduler;
  }

  private static DefaultErrorHandler untilDone(
      DeadLetters deadLetters, AgentProperties agent, ThreadPoolTaskScheduler scheduler) {
    return deadLetters.errorHandler(
        agent.transientBackOff(),
        new ContainerPausingBackOffHandler(new ListenerContainerPauseService(null, scheduler)));
  }

  /**
   * Every tenant's latest snapshot, read from tenant.changelog with no group (each instance reads
   * all of it), so settings changes reach the agent without a restart.
   */
  @Bean
  TenantSnapshots tenantSnapshots(KafkaProperties kafka) {
    return new TenantSnapshots(kafka.buildConsumerProperties(), "agent-tenant-changelog");
  }
}
