package io.sahabot.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

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

  /** A file under {@code shared/fixtures} that must exist. */
  public static Path file(String relative) {
    Path file = path(relative);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("no fixture " + file);
    }
    return file;
  }

  public static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(file(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code .json} files of a fixture folder, sorted by name. */
  public static List<Path> jsonFiles(String folder) {
    try (Stream<Path> files = Files.list(root().resolve(folder))) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
