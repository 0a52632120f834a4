package io.sahabot.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Compares a presented secret with a configured one in constant time. A configured value is either
 * the secret itself or {@code sha256:<hex>}, its SHA-256 digest (or several, comma-separated), so a
 * service that only checks a caller's credential need not hold the credential. Both sides are
 * compared as digests: the time taken depends on neither the secret's content nor its length.
 */
public final class Credentials {

  private static final String SHA256_PREFIX = "sha256:";

  private Credentials() {}

  /**
   * Whether {@code presented} is a secret that {@code configured} names; never for blanks. {@code
   * configured} may name several, comma-separated ({@code old,new} while a credential is rotated);
   * each is compared, whichever matches.
   */
  public static boolean matches(String presented, String configured) {
    if (presented == null || presented.isEmpty() || configured == null || configured.isBlank()) {
      return false;
    }
    byte[] digest = sha256(presented);
    boolean matched = false;
    for (String one : configured.split(",")) {
      if (!one.isBlank()) {
        matched |= MessageDigest.isEqual(digest, expectedDigest(one.trim()));
      }
    }
    return matched;
  }

  /** The SHA-256 digest of a secret as {@code sha256:<hex>}, the form a service may be given. */
  public static String digestOf(String secret) {
    return SHA256_PREFIX + HexFormat.of().formatHex(sha256(secret));
  }

  private static byte[] expectedDigest(String configured) {
    String value = configured.trim();
    if (value.regionMatches(true, 0, SHA256_PREFIX, 0, SHA256_PREFIX.length())) {
      String hex = value.substring(SHA256_PREFIX.length()).toLowerCase(Locale.ROOT);
      if (hex.length() == 64 && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        return HexFormat.of().parseHex(hex);
      }
    }
    return sha256(configured);
  }

  static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
