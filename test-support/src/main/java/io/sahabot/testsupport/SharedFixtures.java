package io.sahabot.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's shared fixtures ({@code shared/fixtures}, beside the checkout here and in CI),
 * found by walking up from the working directory. {@code SAHABOT_SHARED_DIR} overrides it.
 */
public final class SharedFixtures {

  private SharedFixtures() {}

  /** A path under {@code shared/fixtures}, e.g. {@code whatsapp/webhooks/text_tr.json}. */
  public static Path path(String relative) {
    return root().resolve(relative);
  }

  public static Path root() {
    String override = System.getenv("SAHABOT_SHARED_DIR");
    if (override != null && !override.isBlank()) {
      return Path.of(override).resolve("fixtures");
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("fixtures");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "shared/fixtures not found above "
            + Path.of("").toAbsolutePath()
            + "; set SAHABOT_SHARED_DIR to the shared directory");
  }
}
