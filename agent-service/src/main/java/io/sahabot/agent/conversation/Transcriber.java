package io.sahabot.agent.conversation;

import io.sahabot.agent.config.AgentProperties;
import io.sahabot.schemas.whatsapp.InboundMessage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;

/**
 * Voice notes to text through the deployment's transcription endpoint ({@code
 * sahabot.agent.transcription-url}), when one is configured. The media stays at Meta: the endpoint
 * receives {@code {"tenantId","phoneNumberId","mediaId","mimeType","language"}} with its own key
 * ({@code sahabot.agent.transcription-key}) as a bearer token, never a credential of the
 * deployment's, downloads the media itself, and answers {@code {"text": "..."}}. Any failure, a
 * timeout or an empty text is "no transcript": the sender is asked to type.
 */
@Component
public class Transcriber {

  private static final Logger log = LoggerFactory.getLogger(Transcriber.class);

  private final WebClient http;
  private final Duration timeout;

  Transcriber(WebClient.Builder builder, AgentProperties properties) {
    String key = properties.transcriptionKey();
    this.timeout = properties.transcriptionTimeout();
    this.http =
        properties.transcriptionUrl() == null || properties.transcriptionUrl().isBlank()
            ? null
            : builder
                .clone()
                .baseUrl(properties.transcriptionUrl())
                .defaultHeaders(
                    h -> {
                      if (key != null && !key.isBlank()) {
                        h.setBearerAuth(key.trim());
                      }
                    })
                .build();
  }

  /** Whether an endpoint is configured. */
  public boolean enabled() {
    return http != null;
  }

  /** The voice note's text, or empty when there is no endpoint or it gives none. */
  public Optional<String> transcribe(InboundMessage message, String language) {
    if (http == null || message.media() == null) {
      return Optional.empty();
    }
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("tenantId", message.tenantId());
    request.put("phoneNumberId", message.phoneNumberId());
    request.put("mediaId", message.media().id());
    request.put("mimeType", message.media().mimeType());
    request.put("language", language);
    try {
      JsonNode answer =
          http.post()
              .contentType(MediaType.APPLICATION_JSON)
              .bodyValue(request)
              .retrieve()
              .bodyToMono(JsonNode.class)
              .block(timeout);
      String text = answer == null ? null : answer.path("text").asText("");
      return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    } catch (RuntimeException e) {
      log.warn("Transcription of {} failed: {}", message.wamid(), e.toString());
      return Optional.empty();
    }
  }
}
