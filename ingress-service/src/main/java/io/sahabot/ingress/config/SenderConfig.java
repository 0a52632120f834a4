package io.sahabot.ingress.config;

import static io.sahabot.schemas.topics.Topics.WHATSAPP_INBOUND_STATUSES;
import static io.sahabot.schemas.topics.Topics.WHATSAPP_OUTBOUND;

import io.micrometer.core.instrument.MeterRegistry;
import io.sahabot.ingress.sender.AccessTokens;
import io.sahabot.ingress.sender.DeliveryStatuses;
import io.sahabot.ingress.sender.GraphApi;
import io.sahabot.ingress.sender.HttpGraphApi;
import io.sahabot.ingress.sender.LedgerUnavailable;
import io.sahabot.ingress.sender.NumberNotOfTenant;
import io.sahabot.ingress.sender.OutboundListener;
import io.sahabot.ingress.sender.OutboundSender;
import io.sahabot.ingress.sender.PendingOffsets;
import io.sahabot.ingress.sender.RecipientBackOffs;
import io.sahabot.ingress.sender.RecipientRateLimited;
import io.sahabot.ingress.sender.RecordedController;
import io.sahabot.ingress.sender.RecordingGraphApi;
import io.sahabot.ingress.sender.SendFailed;
import io.sahabot.ingress.sender.SendInFlight;
import io.sahabot.ingress.sender.SendLedger;
import io.sahabot.ingress.sender.SenderMetrics;
import io.sahabot.ingress.sender.StatusListener;
import io.sahabot.ingress.sender.TransientSendFailure;
import io.sahabot.ingress.sender.domain.AccessToken;
import io.sahabot.platform.db.TenantScope;
import io.sahabot.platform.kafka.DeadLetterHook;
import io.sahabot.platform.kafka.DeadLetters;
import io.sahabot.platform.kafka.WireConsumers;
import io.sahabot.platform.security.ServiceSecurityProperties;
import io.sahabot.schemas.whatsapp.DeliveryStatusRecord;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import io.sahabot.schemas.whatsapp.OutboundRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/** The sender: whatsapp.outbound in, Graph API calls out, final failures to the DLT. */
@Configuration(proxyBeanMethods = false)
class SenderConfig {

  private static final Logger log = LoggerFactory.getLogger(SenderConfig.class);

  /** Header of a dead-lettered outbound record: the Graph API's {@code error.code}. */
  static final String ERROR_CODE_HEADER = "sahabot-graph-error-code";

  /** Header of a dead-lettered outbound record: the Graph API's {@code error.message}. */
  static final String ERROR_MESSAGE_HEADER = "sahabot-graph-error-message";

  /**
   * Header of an outbound record that was not sent by our own rule (no Graph API call): why, e.g.
   * {@code number-not-of-tenant}.
   */
  static final String REFUSED_HEADER = "sahabot-send-refused";

  /** Header of an outbound record refused by our own rule: the explanation (ids only). */
  static final String REFUSED_MESSAGE_HEADER = "sahabot-send-refused-message";

  @Bean
  @ConditionalOnProperty(name = "sahabot.ingress.graph.recording", havingValue = "true")
  RecordingGraphApi recordingGraphApi(Clock clock) {
    return new RecordingGraphApi(clock);
  }

  @Bean
  @ConditionalOnProperty(name = "sahabot.ingress.graph.recording", havingValue = "true")
  RecordedController recordedController(RecordingGraphApi recording) {
    return new RecordedController(recording);
  }

  @Bean
  SenderMetrics senderMetrics(MeterRegistry registry) {
    return new SenderMetrics(registry);
  }

  @Bean
  AccessTokens accessTokens(IngressProperties props, ServiceSecurityProperties security) {
    return new AccessTokens(
        props.tenantServiceUrl(),
        security.token(),
        props.graph().accessToken(),
        props.sender().tokenCacheTtl(),
        props.graph().timeout());
  }

  @Bean
  OutboundSender outboundSender(
      IngressProperties props,
      ObjectProvider<RecordingGraphApi> recording,
      AccessTokens tokens,
      SenderMetrics metrics,
      SendLedger ledger,
      Clock clock) {
    RecordingGraphApi recorder = recording.getIfAvailable();
    GraphApi graph =
        recorder != null
            ? recorder
            : new HttpGraphApi(
                props.graph().baseUrl(), props.graph().version(), props.graph().timeout());
    return new OutboundSender(
        graph,
        // recording: nothing is looked up, so nothing is checked (nothing is sent either)
        recorder != null ? (tenant, number) -> AccessToken.NONE : tokens::forMessage,
        tokens::invalidate,
        OutboundSender.rateLimiters(props.sender().ratePerSecond(), props.sender().rateWait()),
        metrics,
        clock,
        props.sender().restrictionPause(),
        ledger);
  }

  /**
   * The durable record of what was sent. A claim older than the longest one record can hold the
   * listener thread ({@link PollBudget#perRecord()}) is an attempt that crashed or timed out.
   */
  @Bean
  SendLedger sendLedger(TenantScope scope, KafkaProperties kafka, IngressProperties props) {
    return new SendLedger(
        scope, pollBudget(kafka, props).perRecord(), props.sender().ledgerTimeout());
  }

  /** Which outbound records are finished, so that offsets are committed only past those. */
  @Bean
  PendingOffsets pendingOffsets() {
    return new PendingOffsets();
  }

  /** Sends the records held for a recipient's back-off (131056) when it is over. */
  @Bean(destroyMethod = "shutdown")
  ThreadPoolTaskScheduler recipientBackOffScheduler() {
    ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    scheduler.setThreadNamePrefix("sender-recipient-");
    scheduler.setPoolSize(2);
    scheduler.initialize();
    return scheduler;
  }

  @Bean
  RecipientBackOffs recipientBackOffs(
      OutboundSender sender,
      PendingOffsets offsets,
      DeadLetters deadLetters,
      SenderMetrics metrics,
      ThreadPoolTaskScheduler recipientBackOffScheduler,
      IngressProperties props) {
    IngressProperties.Sender sender0 = props.sender();
    return new RecipientBackOffs(
        sender,
        offsets,
        deadLetters::publish,
        metrics,
        recipientBackOffScheduler.getScheduledExecutor(),
        sender0.recipientBackoff(),
        max(sender0.recipientBackoff(), sender0.maxBackoff()),
        sender0.maxRetries());
  }

  @Bean
  OutboundListener outboundListener(
      OutboundSender sender, RecipientBackOffs backOffs, PendingOffsets offsets) {
    return new OutboundListener(sender, backOffs, offsets);
  }

  @Bean
  DeliveryStatuses deliveryStatuses(TenantScope scope, IngressProperties props) {
    return new DeliveryStatuses(scope, props.sender().ledgerTimeout());
  }

  @Bean
  StatusListener statusListener(
      DeliveryStatuses statuses, OutboundSender sender, SenderMetrics metrics) {
    return new StatusListener(statuses, sender.consequences(), metrics);
  }

  /**
   * The statuses consumer's errors: the database away ({@link LedgerUnavailable}) is waited for
   * without limit, pausing the container (no sleep on its thread); an unreadable record goes to
   * {@code whatsapp.inbound.statuses.dlt}; anything else after the platform's bounded retries.
   */
  @Bean
  ConcurrentKafkaListenerContainerFactory<String, DeliveryStatusRecord> statusesContainerFactory(
      KafkaProperties kafka,
      DeadLetters deadLetters,
      IngressProperties props,
      KafkaListenerEndpointRegistry listeners,
      ThreadPoolTaskScheduler senderBackOffScheduler) {
    DefaultErrorHandler errors =
        deadLetters.errorHandler(
            new ContainerPausingBackOffHandler(
                new ListenerContainerPauseService(listeners, senderBackOffScheduler)));
    ExponentialBackOff ledgerBackOff =
        new ExponentialBackOff(Math.max(1, props.sender().initialBackoff().toMillis()), 2);
    ledgerBackOff.setMaxInterval(Math.max(1, props.sender().maxBackoff().toMillis()));
    errors.setBackOffFunction(
        (record, e) -> find(e, LedgerUnavailable.class) != null ? ledgerBackOff : null);
    return WireConsumers.listenerFactory(kafka, WHATSAPP_INBOUND_STATUSES, errors);
  }

  /** Resumes the partitions paused for a back-off ({@link PartitionPausingBackOffHandler}). */
  @Bean
  ThreadPoolTaskScheduler senderBackOffScheduler() {
    ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    scheduler.setThreadNamePrefix("sender-backoff-");
    scheduler.setPoolSize(1);
    scheduler.initialize();
    return scheduler;
  }

  /**
   * Errors of the sender's listener: a {@link TransientSendFailure} (rate limits, 5xx, Graph or
   * tenant-service unreachable) is retried up to {@code max-retries} times after an exponential
   * back-off from {@code initial-backoff} to {@code max-backoff} (131056, {@link
   * RecipientRateLimited}, never reaches it: the listener holds the record for its recipient's
   * back-off, {@link RecipientBackOffs}), every {@code in-flight-backoff} until the claim of the
   * attempt under way goes stale for a message another attempt is sending ({@link SendInFlight}),
   * and without limit while the send ledger is unavailable ({@link LedgerUnavailable}: a database
   * restart delays sends, never dead-letters them); each back-off pauses only the record's
   * partition ({@link PartitionPausingBackOffHandler}), so the thread sends its other partitions
   * meanwhile and never sleeps. Then, like {@link SendFailed} and {@link NumberNotOfTenant} at
   * once, the record goes to {@code whatsapp.outbound.dlt}. Anything else: the platform's back-off.
   */
  @Bean
  ConcurrentKafkaListenerContainerFactory<String, OutboundRecord> outboundContainerFactory(
      KafkaProperties kafka,
      DeadLetters deadLetters,
      IngressProperties props,
      KafkaListenerEndpointRegistry listeners,
      ThreadPoolTaskScheduler senderBackOffScheduler,
      SendLedger ledger,
      SenderMetrics metrics,
      PendingOffsets offsets,
      RecipientBackOffs recipientBackOffs) {
    pollBudget(kafka, props).check(maxPollInterval(kafka));
    IngressProperties.Sender sender = props.sender();
    DefaultErrorHandler errors =
        deadLetters.errorHandler(
            new PartitionPausingBackOffHandler(
                new ListenerContainerPauseService(listeners, senderBackOffScheduler)));
    BackOff transientBackOff =
        backOff(sender.maxRetries(), sender.initialBackoff(), sender.maxBackoff());
    // another attempt is sending it: look again until that attempt has ended or its claim is stale
    Duration inFlight = sender.inFlightBackoff();
    BackOff inFlightBackOff =
        new FixedBackOff(
            inFlight.toMillis(), ledger.staleAfter().dividedBy(inFlight) + sender.maxRetries() + 1);
    // the database is down or restarting: nothing was sent; wait for it however long it takes
    ExponentialBackOff ledgerBackOff =
        new ExponentialBackOff(Math.max(1, sender.initialBackoff().toMillis()), 2);
    ledgerBackOff.setMaxInterval(Math.max(1, sender.maxBackoff().toMillis()));
    errors.setBackOffFunction(
        (record, e) -> {
          TransientSendFailure failure = find(e, TransientSendFailure.class);
          if (failure instanceof SendInFlight) {
            return inFlightBackOff;
          }
          if (failure instanceof LedgerUnavailable) {
            return ledgerBackOff;
          }
          return failure != null ? transientBackOff : null;
        });
    errors.setRetryListeners(
        new RetryListener() {
          @Override
          public void failedDelivery(ConsumerRecord<?, ?> record, Exception e, int attempt) {}

          @Override
          public void recovered(ConsumerRecord<?, ?> record, Exception e) {
            // dead-lettered: finished, its offset may be committed
            offsets.done(record);
            TransientSendFailure failure = find(e, TransientSendFailure.class);
            if (failure != null) {
              metrics.failed(failure.code());
              log.warn(
                  "Event {} not sent after retries: {}",
                  record.value() instanceof OutboundMessage m ? m.eventId() : record.key(),
                  failure.getMessage());
            }
          }
        });
    // offsets are committed by PendingOffsets, never past a record still held for its recipient
    errors.setAckAfterHandle(false);
    ConcurrentKafkaListenerContainerFactory<String, OutboundRecord> factory =
        WireConsumers.listenerFactory(kafka, WHATSAPP_OUTBOUND, errors);
    factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
    factory
        .getContainerProperties()
        .setConsumerRebalanceListener(
            new ConsumerAwareRebalanceListener() {
              @Override
              public void onPartitionsRevokedAfterCommit(
                  Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                recipientBackOffs.forget(partitions);
                offsets.forget(partitions);
              }

              @Override
              public void onPartitionsLost(
                  Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                recipientBackOffs.forget(partitions);
                offsets.forget(partitions);
              }
            });
    return factory;
  }

  static PollBudget pollBudget(KafkaProperties kafka, IngressProperties props) {
    Object records = kafka.buildConsumerProperties().get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG);
    return new PollBudget(
        props.graph().timeout(),
        props.sender().rateWait(),
        records == null ? 500 : Integer.parseInt(records.toString()));
  }

  static Duration maxPollInterval(KafkaProperties kafka) {
    Object interval =
        kafka.buildConsumerProperties().get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
    return Duration.ofMillis(interval == null ? 300_000 : Long.parseLong(interval.toString()));
  }

  private static BackOff backOff(int maxRetries, Duration initial, Duration max) {
    ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(maxRetries);
    backOff.setInitialInterval(Math.max(1, initial.toMillis()));
    backOff.setMultiplier(2);
    backOff.setMaxInterval(Math.max(1, max.toMillis()));
    return backOff;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /**
   * What a dead-lettered outbound record carries beyond spring-kafka's headers: the Graph API's
   * error (of a final failure, or the last one when the retries ran out), or our own rule's
   * refusal. {@link SendFailed} and {@link NumberNotOfTenant} are final at once.
   */
  @Bean
  DeadLetterHook sendFailureHeaders() {
    return new DeadLetterHook() {
      @Override
      public Headers headers(ConsumerRecord<?, ?> record, Exception e) {
        RecordHeaders headers = new RecordHeaders();
        for (Throwable t = e; t != null; t = t.getCause()) {
          if (t instanceof SendFailed failed) {
            headers.add(
                ERROR_CODE_HEADER,
                Integer.toString(failed.code()).getBytes(StandardCharsets.UTF_8));
            headers.add(ERROR_MESSAGE_HEADER, failed.getMessage().getBytes(StandardCharsets.UTF_8));
            break;
          }
          if (t instanceof TransientSendFailure failure) {
            headers.add(
                ERROR_CODE_HEADER,
                Integer.toString(failure.code()).getBytes(StandardCharsets.UTF_8));
            headers.add(
                ERROR_MESSAGE_HEADER,
                ("retries exhausted: " + failure.getMessage()).getBytes(StandardCharsets.UTF_8));
            break;
          }
          if (t instanceof NumberNotOfTenant refused) {
            headers.add(REFUSED_HEADER, NumberNotOfTenant.REASON.getBytes(StandardCharsets.UTF_8));
            headers.add(
                REFUSED_MESSAGE_HEADER, refused.getMessage().getBytes(StandardCharsets.UTF_8));
            break;
          }
        }
        return headers;
      }

      @Override
      public List<Class<? extends Exception>> notRetryable() {
        return List.of(SendFailed.class, NumberNotOfTenant.class);
      }
    };
  }
}
