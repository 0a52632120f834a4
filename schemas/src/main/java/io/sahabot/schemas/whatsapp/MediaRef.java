package io.sahabot.schemas.whatsapp;

import static io.sahabot.schemas.Require.nonBlank;

/**
 * A media object as the webhook announces it; the bytes stay at Meta until someone downloads them.
 *
 * @param id Meta's media id
 * @param mimeType e.g. {@code image/jpeg}; may be absent
 * @param sha256 as Meta gives it; may be absent
 * @param caption may be absent
 * @param voice true for a voice note (audio recorded in WhatsApp)
 */
public record MediaRef(String id, String mimeType, String sha256, String caption, boolean voice) {

  public MediaRef {
    nonBlank(id, "media.id");
  }
}
