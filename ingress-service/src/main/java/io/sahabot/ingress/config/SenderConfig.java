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
import io.sahabot.platform.kafka.DeadLetterHook;
import io.sahabot.platform.kafka.DeadLetters;
import io.sahabot.platform.kafka.WireConsumers;
import io.sahabot.platform.security.ServiceSecurityProperties;
import io.sahabot.schemas.whatsapp.OutboundRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

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
      KafkaProperties kafka, DeadLetters deadLetters) {
    return WireConsumers.listenerFactory(kafka, WHATSAPP_OUTBOUND, deadLetters.errorHandler());
  }

  /**
   * What a dead-lettered outbound record carries beyond spring-kafka's headers: the Graph API's
   * error, or our own rule's refusal. Both are final at once: the sender retries transient Graph
   * errors itself, and anything else gets the retries of {@code sahabot.kafka.retry.*}.
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
