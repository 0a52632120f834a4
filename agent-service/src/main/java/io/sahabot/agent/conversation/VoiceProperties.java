package io.sahabot.agent.conversation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Voice notes: where their audio is downloaded from (the Graph API's media endpoints, with the
 * deployment's WhatsApp token) and which model the transcription endpoint ({@code
 * sahabot.agent.transcription-url}, {@code -key}) is asked for.
 *
 * <p>Prefix {@code sahabot.agent.voice}.
 *
 * @param graphBaseUrl the Graph API, default {@code https://graph.facebook.com} (env {@code
 *     WHATSAPP_GRAPH_BASE_URL})
 * @param graphVersion default {@code v23.0} (env {@code WHATSAPP_GRAPH_VERSION})
 * @param accessToken the deployment's Cloud API token (env {@code WHATSAPP_ACCESS_TOKEN}); none: a
 *     voice note cannot be downloaded and gets "please type"
 * @param model the transcription model, default {@code whisper-1} (env {@code
 *     SAHABOT_TRANSCRIPTION_MODEL})
 * @param maxBytes the largest audio downloaded, default 16 MB (WhatsApp's limit for audio)
 * @param downloadTimeout for the media lookup and download together, default 20s
 */
@ConfigurationProperties("sahabot.agent.voice")
public record VoiceProperties(
    @DefaultValue("https://graph.facebook.com") String graphBaseUrl,
    @DefaultValue("v23.0") String graphVersion,
    String accessToken,
    @DefaultValue("whisper-1") String model,
    @DefaultValue("16777216") int maxBytes,
    @DefaultValue("20s") Duration downloadTimeout) {

  public VoiceProperties {
    if (graphBaseUrl == null || graphBaseUrl.isBlank()) {
      graphBaseUrl = "https://graph.facebook.com";
    }
    if (graphVersion == null || graphVersion.isBlank()) {
      graphVersion = "v23.0";
    }
    if (model == null || model.isBlank()) {
      model = "whisper-1";
    }
    if (downloadTimeout == null) {
      downloadTimeout = Duration.ofSeconds(20);
    }
  }
}
