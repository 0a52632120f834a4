package io.sahabot.agent.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TranscriberTest {

  @Test
  void theEndpointIsTheOpenAiTranscriptionsPathUnderTheConfiguredUrl() {
    assertThat(Transcriber.endpoint("http://whisper:8000"))
        .isEqualTo("http://whisper:8000/v1/audio/transcriptions");
    assertThat(Transcriber.endpoint("https://api.openai.com/v1/"))
        .isEqualTo("https://api.openai.com/v1/audio/transcriptions");
    assertThat(Transcriber.endpoint("http://localhost:9000/v1/audio/transcriptions"))
        .isEqualTo("http://localhost:9000/v1/audio/transcriptions");
  }

  @Test
  void theLanguageIsItsTwoLetterCode() {
    assertThat(Transcriber.isoLanguage("tr")).isEqualTo("tr");
    assertThat(Transcriber.isoLanguage("en-GB")).isEqualTo("en");
  }

  @Test
  void aVoiceNoteFileIsNamedForItsFormat() {
    assertThat(Transcriber.extension("audio/ogg; codecs=opus")).isEqualTo(".ogg");
    assertThat(Transcriber.extension("audio/mpeg")).isEqualTo(".mp3");
    assertThat(Transcriber.extension(null)).isEqualTo(".ogg");
  }
}
