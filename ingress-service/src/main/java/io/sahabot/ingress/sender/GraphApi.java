package io.sahabot.ingress.sender;

import io.sahabot.ingress.sender.domain.AccessToken;

/** The two Cloud API calls the sender makes. Answers are returned whatever their status. */
public interface GraphApi {

  /** An answer: HTTP status and body bytes. */
  record Response(int status, byte[] body) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /** {@code POST /{version}/{phoneNumberId}/messages} with a JSON body. */
  Response sendMessage(String phoneNumberId, AccessToken token, byte[] json);

  /** {@code POST /{version}/{phoneNumberId}/media}, multipart, answering {@code {"id": ...}}. */
  Response uploadMedia(String phoneNumberId, AccessToken token, byte[] data, String mimeType);
}
