package io.sahabot.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.util.backoff.BackOffExecution;

class DeadLettersTest {

  private final MockProducer<String, Object> producer =
      new MockProducer<>(true, null, new StringSerializer(), new WireOrBytesSerializer());

  private final KafkaTemplate<String, Object> template =
      new KafkaTemplate<>((ProducerFactory<String, Object>) () -> producer);

  @Test
  void aFailedRecordGoesToItsTopicsDeadLetterTopicOnTheSamePartitionWithTheHooksHeaders() {
    DeadLetterHook hook =
        new DeadLetterHook() {
          @Override
          public Headers headers(ConsumerRecord<?, ?> record, Exception e) {
            return new RecordHeaders()
                .add("sahabot-why", e.getMessage().getBytes(StandardCharsets.UTF_8));
          }
        };
    DeadLetters deadLetters =
        new DeadLetters(template, DeadLetterProperties.defaults(), List.of(hook));

    deadLetters.publish(
        new ConsumerRecord<>("whatsapp.outbound", 7, 42L, "k", new byte[] {1, 2, 3}),
        new IllegalStateException("refused"));

    assertThat(producer.history()).hasSize(1);
    ProducerRecord<String, Object> dead = producer.history().get(0);
    assertThat(dead.topic()).isEqualTo("whatsapp.outbound.dlt");
    assertThat(dead.partition()).isEqualTo(7);
    assertThat(dead.key()).isEqualTo("k");
    assertThat((byte[]) dead.value()).containsExactly(1, 2, 3);
    assertThat(text(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo("whatsapp.outbound");
    assertThat(text(dead, KafkaHeaders.DLT_EXCEPTION_FQCN))
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(text(dead, "sahabot-why")).isEqualTo("refused");
  }

  @Test
  void theBackOffIsBoundedByItsRetries() {
    BackOffExecution execution =
        new DeadLetterProperties(
                Duration.ofMillis(200), 2.0, Duration.ofSeconds(10), 3, Duration.ofMinutes(1))
            .backOff()
            .start();

    assertThat(execution.nextBackOff()).isEqualTo(200);
    assertThat(execution.nextBackOff()).isEqualTo(400);
    assertThat(execution.nextBackOff()).isEqualTo(800);
    assertThat(execution.nextBackOff()).isEqualTo(BackOffExecution.STOP);
  }

  @Test
  void theSerializerWritesBytesAsTheyAreAndRecordsAsWireJson() {
    try (var serializer = new WireOrBytesSerializer()) {
      assertThat(serializer.serialize("t", new byte[] {9})).containsExactly(9);
      assertThat(new String(serializer.serialize("t", java.util.Map.of("a", 1))))
          .isEqualTo("{\"a\":1}");
    }
  }

  private static String text(ProducerRecord<?, ?> record, String header) {
    return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
  }
}
