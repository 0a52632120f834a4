package io.sahabot.ingress.sender.domain;

/**
 * A WhatsApp access token and where it came from. Its value never appears in {@link #toString()},
 * so a token logged by mistake stays secret.
 */
public record AccessToken(String value, Source source) {

  /** Where a token came from. */
  public enum Source {
    /** the tenant's own token, from tenant-service */
    TENANT,
    /** the deployment's token */
    DEPLOYMENT,
    /** no token (recording mode) */
    NONE
  }

  public static final AccessToken NONE = new AccessToken("", Source.NONE);

  public AccessToken {
    if (value == null || source == null) {
      throw new IllegalArgumentException("value and source must be set");
    }
  }

  @Override
  public String toString() {
    return "AccessToken[" + source + ", <masked>]";
  }
}
