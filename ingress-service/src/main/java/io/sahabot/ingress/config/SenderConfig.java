package io.sahabot.ingress.config;

import static io.sahabot.schemas.topics.Topics.WHATSAPP_OUTBOUND;

import io.micrometer.core.instrument.MeterRegistry;
import io.sahabot.ingress.sender.AccessTokens;
import io.sahabot.ingress.sender.GraphApi;
import io.sahabot.ingress.sender.HttpGraphApi;
import io.sahabot.ingress.sender.NumberNotOfTenant;
import io.sahabot.ingress.sender.OutboundListener;
import io.sahabot.ingress.sender.OutboundSender;
import io.sahabot.ingress.sender.RecordedController;
import io.sahabot.ingress.sender.RecordingGraphApi;
import io.sahabot.ingress.sender.SendFailed;
import io.sahabot.ingress.sender.SenderMetrics;
import io.sahabot.ingress.sender.domain.AccessToken;
import io.sahabot.platform.kafka.WireSerdes;
import io.sahabot.platform.security.ServiceSecurityProperties;
import io.sahabot.schemas.whatsapp.OutboundRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/** The sender: whatsapp.outbound in, Graph API calls out, final failures to the DLT. */
@Configuration(proxyBeanMethods = false)
class SenderConfig {

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
        OutboundSender.retryTemplate(
            props.sender().maxRetries(),
            props.sender().initialBackoff(),
            props.sender().maxBackoff()),
        metrics,
        clock,
        props.sender().restrictionPause(),
        props.sender().sentIdsTtl(),
        props.sender().sentIdsSize());
  }

  @Bean
  OutboundListener outboundListener(OutboundSender sender) {
    return new OutboundListener(sender);
  }

  @Bean
  ConcurrentKafkaListenerContainerFactory<String, OutboundRecord> outboundContainerFactory(
      KafkaProperties kafka, KafkaTemplate<String, Object> template) {
    Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
    var factory = new ConcurrentKafkaListenerContainerFactory<String, OutboundRecord>();
    factory.setConsumerFactory(
        new DefaultKafkaConsumerFactory<>(
            config, new StringDeserializer(), WireSerdes.safeValueDeserializer(WHATSAPP_OUTBOUND)));
    factory.setCommonErrorHandler(errorHandler(template));
    return factory;
  }

  /** Final failures and unreadable records to the DLT, same partition, with the Graph error. */
  static DefaultErrorHandler errorHandler(KafkaTemplate<String, Object> template) {
    var recoverer =
        new DeadLetterPublishingRecoverer(
            template,
            (record, e) -> new TopicPartition(WHATSAPP_OUTBOUND.deadLetter(), record.partition()));
    recoverer.setHeadersFunction(
        (record, e) -> {
          RecordHeaders headers = new RecordHeaders();
          for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SendFailed failed) {
              headers.add(
                  ERROR_CODE_HEADER,
                  Integer.toString(failed.code()).getBytes(StandardCharsets.UTF_8));
              headers.add(
                  ERROR_MESSAGE_HEADER, failed.getMessage().getBytes(StandardCharsets.UTF_8));
              break;
            }
            if (t instanceof NumberNotOfTenant refused) {
              headers.add(
                  REFUSED_HEADER, NumberNotOfTenant.REASON.getBytes(StandardCharsets.UTF_8));
              headers.add(
                  REFUSED_MESSAGE_HEADER, refused.getMessage().getBytes(StandardCharsets.UTF_8));
              break;
            }
          }
          return headers;
        });
    // the sender retries transient Graph errors itself; anything else gets two more tries
    var handler = new DefaultErrorHandler(recoverer, new FixedBackOff(1000L, 2));
    handler.addNotRetryableExceptions(
        SendFailed.class, NumberNotOfTenant.class, IllegalArgumentException.class);
    return handler;
  }
}
