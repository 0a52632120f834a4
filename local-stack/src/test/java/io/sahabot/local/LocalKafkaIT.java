package io.sahabot.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The local single-node Kafka keeps its topics and records across a restart. */
class LocalKafkaIT {

  @Test
  void recordsSurviveARestart() throws Exception {
    Path dir = Files.createTempDirectory("local-kafka-");
    int port = freePort();
    int controllerPort = freePort();

    try (LocalKafka kafka = LocalKafka.start(dir, port, controllerPort);
        Admin admin = admin(kafka);
        KafkaProducer<String, String> producer = producer(kafka)) {
      admin
          .createTopics(List.of(new NewTopic("local.check", 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      producer.send(new ProducerRecord<>("local.check", "k", "kept")).get(30, TimeUnit.SECONDS);
    }

    try (LocalKafka kafka = LocalKafka.start(dir, port, controllerPort);
        Admin admin = admin(kafka);
        KafkaConsumer<String, String> consumer = consumer(kafka)) {
      Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      TopicPartition partition = new TopicPartition("local.check", 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(20));

      assertThat(topics).contains("local.check");
      assertThat(records.records(partition)).extracting(r -> r.value()).containsExactly("kept");
    }
  }

  private static Admin admin(LocalKafka kafka) {
    return Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
  }

  private static KafkaProducer<String, String> producer(LocalKafka kafka) {
    return new KafkaProducer<>(
        Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
        new StringSerializer(),
        new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer(LocalKafka kafka) {
    return new KafkaConsumer<>(
        Map.of("bootstrap.servers", kafka.bootstrapServers()),
        new StringDeserializer(),
        new StringDeserializer());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
