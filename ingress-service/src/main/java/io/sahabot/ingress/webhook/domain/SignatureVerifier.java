package io.sahabot.ingress.webhook.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Meta's {@code X-Hub-Signature-256} header: {@code sha256=} followed by the hex HMAC-SHA256
 * of the raw body, keyed with an app secret. The body is never re-encoded (Meta escapes non-ASCII
 * characters and signs exactly what it sends). Several app secrets may be configured (one
 * deployment serving several Meta apps); every one is tried, and the comparison is in constant
 * time.
 */
public final class SignatureVerifier {

  private static final String PREFIX = "sha256=";
  private static final String ALGORITHM = "HmacSHA256";

  /** One initialised {@link Mac} per key and thread: {@code getInstance} and init cost per call. */
  private final List<ThreadLocal<Mac>> macs;

  public SignatureVerifier(List<String> appSecrets) {
    if (appSecrets == null || appSecrets.isEmpty()) {
      throw new IllegalArgumentException("appSecrets: at least one is needed");
    }
    this.macs =
        appSecrets.stream()
            .map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), ALGORITHM))
            .map(key -> ThreadLocal.withInitial(() -> newMac(key)))
            .toList();
  }

  /** Whether {@code header} is a valid signature of {@code body} under one of the app secrets. */
  public boolean verify(byte[] body, String header) {
    byte[] given = parse(header);
    if (given == null) {
      return false;
    }
    boolean matched = false;
    for (ThreadLocal<Mac> mac : macs) {
      // no early exit: the time taken does not depend on which secret matched
      matched |= MessageDigest.isEqual(mac.get().doFinal(body), given);
    }
    return matched;
  }

  /** The header value Meta would send for {@code body} signed with {@code secret}. */
  public static String sign(byte[] body, String secret) {
    Mac mac = newMac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
    return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
  }

  private static byte[] parse(String header) {
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return null;
    }
    String hex = header.substring(PREFIX.length()).trim();
    if (hex.length() != 64) {
      return null;
    }
    try {
      return HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Mac newMac(SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
