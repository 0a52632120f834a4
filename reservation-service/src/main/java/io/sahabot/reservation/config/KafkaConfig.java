package io.sahabot.reservation.config;

import static io.sahabot.schemas.topics.Topics.RESERVATION_COMMANDS;

import io.sahabot.platform.kafka.DeadLetters;
import io.sahabot.platform.kafka.WireConsumers;
import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.schemas.reservation.ReservationCommand;
import java.time.Clock;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The command listener's container: batches, platform's consumer of reservation.commands and its
 * dead letters ({@link DeadLetters}: transient failures retried without end, the consumer paused in
 * between; validation and deserialization errors to the dead-letter topic at once; anything else
 * bounded by {@code sahabot.kafka.retry.*}). The producer is Spring Boot's, set up by platform
 * ({@code spring.kafka.producer.*}).
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * Every tenant's latest snapshot, read from tenant.changelog with no group; it starts before the
   * command listener.
   */
  @Bean
  TenantSnapshots tenantSnapshots(KafkaProperties kafka) {
    return new TenantSnapshots(kafka.buildConsumerProperties(), "reservation-tenant-changelog");
  }

  /** Resumes a consumer paused between retries of a transiently failed command. */
  @Bean
  ThreadPoolTaskScheduler commandRetryScheduler() {
    ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    scheduler.setThreadNamePrefix("command-retry-");
    scheduler.setPoolSize(1);
    return scheduler;
  }

  /**
   * Transient failures (database or broker away) retried without end, the consumer paused between
   * attempts (it keeps polling, so it stays in the group); validation and unreadable records to the
   * dead-letter topic at once; anything else bounded, then the dead-letter topic. A dead-lettered
   * record, and a partition revoked or lost, are told to {@link CommandTracking} (booking's
   * RestoreGuard: the database's watermarks).
   */
  @Bean
  ConcurrentKafkaListenerContainerFactory<String, ReservationCommand> commandListenerFactory(
      KafkaProperties kafka,
      DeadLetters deadLetters,
      ReservationProperties properties,
      ThreadPoolTaskScheduler commandRetryScheduler,
      CommandTracking restores) {
    var pausing =
        new ContainerPausingBackOffHandler(
            new ListenerContainerPauseService(null, commandRetryScheduler));
    var factory =
        WireConsumers.listenerFactory(
            kafka,
            RESERVATION_COMMANDS,
            deadLetters.errorHandler(
                properties.transientBackOff(),
                pausing,
                (record, e) -> restores.deadLettered(record)));
    factory.setBatchListener(true);
    factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
    factory
        .getContainerProperties()
        .setConsumerRebalanceListener(
            new ConsumerAwareRebalanceListener() {
              @Override
              public void onPartitionsRevokedAfterCommit(
                  Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                restores.forget(partitions);
              }

              @Override
              public void onPartitionsLost(
                  Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                restores.forget(partitions);
              }
            });
    return factory;
  }
}
