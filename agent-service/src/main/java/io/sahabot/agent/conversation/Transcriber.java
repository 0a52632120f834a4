package io.sahabot.agent.conversation;

import io.sahabot.agent.config.AgentProperties;
import io.sahabot.schemas.whatsapp.InboundMessage;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;

/**
 * Voice notes to text through an OpenAI-compatible transcription endpoint ({@code POST
 * /v1/audio/transcriptions}: OpenAI, a self-hosted whisper server, …) at {@code
 * sahabot.agent.transcription-url}, when one is configured.
 *
 * <p>The audio is downloaded as the Cloud API says: {@code GET /{version}/{media-id}} with the
 * deployment's WhatsApp token gives the media's {@code url}, and {@code GET url} with the same
 * token gives the bytes ({@link VoiceProperties}). They go to the endpoint as {@code
 * multipart/form-data} ({@code file}, {@code model}, {@code language}, {@code
 * response_format=json}) with the endpoint's own key ({@code sahabot.agent.transcription-key}) as a
 * bearer token, never the WhatsApp token; it answers {@code {"text": "..."}}. Any failure, a
 * timeout or an empty text is "no transcript": the sender is asked to type.
 */
@Component
public class Transcriber {

  private static final Logger log = LoggerFactory.getLogger(Transcriber.class);

  private final WebClient transcription;
  private final WebClient graph;
  private final String path;
  private final VoiceProperties voice;
  private final Duration timeout;

  Transcriber(WebClient.Builder builder, AgentProperties properties, VoiceProperties voice) {
    this.voice = voice;
    this.timeout = properties.transcriptionTimeout();
    String url = properties.transcriptionUrl();
    String key = properties.transcriptionKey();
    if (url == null || url.isBlank()) {
      this.transcription = null;
      this.path = null;
    } else {
      this.transcription =
          builder
              .clone()
              .defaultHeaders(
                  h -> {
                    if (key != null && !key.isBlank()) {
                      h.setBearerAuth(key.trim());
                    }
                  })
              .build();
      this.path = endpoint(url.trim());
    }
    String token = voice.accessToken();
    this.graph =
        builder
            .clone()
            .codecs(c -> c.defaultCodecs().maxInMemorySize(voice.maxBytes()))
            .defaultHeaders(
                h -> {
                  if (token != null && !token.isBlank()) {
                    h.setBearerAuth(token.trim());
                  }
                })
            .build();
  }

  /**
   * The transcription URL: {@code url} itself when it names {@code /audio/transcriptions}, else
   * that path under it ({@code http://whisper:8000} → {@code
   * http://whisper:8000/v1/audio/transcriptions}; {@code https://api.openai.com/v1} → {@code
   * https://api.openai.com/v1/audio/transcriptions}).
   */
  static String endpoint(String url) {
    String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    if (base.endsWith("/audio/transcriptions")) {
      return base;
    }
    return base.endsWith("/v1")
        ? base + "/audio/transcriptions"
        : base + "/v1/audio/transcriptions";
  }

  /** Whether an endpoint is configured. */
  public boolean enabled() {
    return transcription != null;
  }

  /** The voice note's text, or empty when there is no endpoint or it gives none. */
  public Optional<String> transcribe(InboundMessage message, String language) {
    if (transcription == null || message.media() == null) {
      return Optional.empty();
    }
    try {
      byte[] audio = download(message.media().id());
      if (audio == null || audio.length == 0) {
        return Optional.empty();
      }
      MultipartBodyBuilder form = new MultipartBodyBuilder();
      String mime = message.media().mimeType();
      form.part(
              "file",
              new ByteArrayResource(audio) {
                @Override
                public String getFilename() {
                  return "voice" + extension(mime);
                }
              })
          .contentType(mediaType(mime));
      form.part("model", voice.model());
      form.part("language", isoLanguage(language));
      form.part("response_format", "json");
      JsonNode answer =
          transcription
              .post()
              .uri(path)
              .contentType(MediaType.MULTIPART_FORM_DATA)
              .body(BodyInserters.fromMultipartData(form.build()))
              .retrieve()
              .bodyToMono(JsonNode.class)
              .block(timeout);
      String text = answer == null ? null : answer.path("text").asString("");
      return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    } catch (RuntimeException e) {
      log.warn("Transcription of {} failed: {}", message.wamid(), e.toString());
      return Optional.empty();
    }
  }

  /** The media's bytes: its URL from {@code GET /{version}/{media-id}}, then the URL itself. */
  private byte[] download(String mediaId) {
    String base = voice.graphBaseUrl();
    base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return graph
        .get()
        .uri(base + "/" + voice.graphVersion() + "/{id}", mediaId)
        .retrieve()
        .bodyToMono(JsonNode.class)
        .flatMap(
            media -> {
              String url = media.path("url").asString("");
              if (url.isBlank()) {
                return reactor.core.publisher.Mono.error(
                    new IllegalStateException("the media lookup gave no url"));
              }
              return graph.get().uri(java.net.URI.create(url)).retrieve().bodyToMono(byte[].class);
            })
        .block(voice.downloadTimeout());
  }

  /** {@code tr} for {@code tr}, {@code en} for {@code en-GB}: the ISO-639-1 code Whisper takes. */
  static String isoLanguage(String language) {
    String code = language == null ? "tr" : language.toLowerCase(Locale.ROOT);
    int dash = code.indexOf('-');
    return dash > 0 ? code.substring(0, dash) : code;
  }

  private static MediaType mediaType(String mime) {
    try {
      return mime == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(mime);
    } catch (RuntimeException e) {
      return MediaType.APPLICATION_OCTET_STREAM;
    }
  }

  /** A file name extension the endpoint recognises the format by. */
  static String extension(String mime) {
    String m = mime == null ? "" : mime.toLowerCase(Locale.ROOT);
    if (m.contains("ogg") || m.contains("opus")) {
      return ".ogg";
    }
    if (m.contains("mpeg") || m.contains("mp3")) {
      return ".mp3";
    }
    if (m.contains("mp4") || m.contains("m4a") || m.contains("aac")) {
      return ".m4a";
    }
    if (m.contains("amr")) {
      return ".amr";
    }
    if (m.contains("wav")) {
      return ".wav";
    }
    return ".ogg";
  }
}
