package io.sahabot.reservation.booking;

import static io.sahabot.schemas.topics.Topics.RESERVATION_EVENTS;

import io.sahabot.reservation.config.ReservationProperties;
import io.sahabot.schemas.reservation.ReservationCommand;
import io.sahabot.schemas.reservation.ReservationEvent;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code reservation.commands}: decides each command (its outcome committed with the
 * change), then publishes the outcome to {@code reservation.events} and waits for the broker's
 * acknowledgement before the offset is committed. If the send fails or the process dies in between,
 * the command is delivered again, finds its stored outcome, and publishes that same event.
 */
@Component
class CommandListener {

  private static final Logger log = LoggerFactory.getLogger(CommandListener.class);

  private final BookingService bookings;
  private final KafkaTemplate<String, Object> kafka;
  private final ReservationProperties properties;

  CommandListener(
      BookingService bookings,
      KafkaTemplate<String, Object> kafka,
      ReservationProperties properties) {
    this.bookings = bookings;
    this.kafka = kafka;
    this.properties = properties;
  }

  @KafkaListener(
      id = "reservation-commands",
      topics = "reservation.commands",
      containerFactory = "commandListenerFactory",
      concurrency = "${sahabot.reservation.listener-concurrency:4}")
  void on(ConsumerRecord<String, ReservationCommand> record)
      throws InterruptedException, ExecutionException, TimeoutException {
    ReservationCommand command = record.value();
    MDC.put("tenantId", command.tenantId().toString());
    MDC.put("commandId", command.commandId());
    try {
      BookingService.Outcome outcome = bookings.handle(command).block(properties.commandTimeout());
      ReservationEvent event = outcome.event();
      kafka
          .send(RESERVATION_EVENTS.name(), event.key(), event)
          .get(properties.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
      log.debug(
          "{} {} -> {}{}",
          command.getClass().getSimpleName(),
          command.commandId(),
          event.getClass().getSimpleName(),
          outcome.replayed() ? " (stored outcome published again)" : "");
    } finally {
      MDC.remove("tenantId");
      MDC.remove("commandId");
    }
  }
}
