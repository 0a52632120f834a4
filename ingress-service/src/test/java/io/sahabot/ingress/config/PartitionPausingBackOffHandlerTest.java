package io.sahabot.ingress.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

class PartitionPausingBackOffHandlerTest {

  @Test
  void aFailureThatNamesNoPartitionBacksOffBySleepingInsteadOfFailingTheErrorHandler() {
    var handler =
        new PartitionPausingBackOffHandler(
            new ListenerContainerPauseService(
                new KafkaListenerEndpointRegistry(), new ThreadPoolTaskScheduler()));
    long started = System.nanoTime();

    // spring-kafka's BackOffHandler default throws UnsupportedOperationException here
    handler.onNextBackOff(null, new IllegalStateException("tenant-service bug"), 50);

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(50));
  }
}
