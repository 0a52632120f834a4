package io.sahabot.agent.offline.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.testsupport.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every case of {@code shared/fixtures/conversations/utterances.jsonl}, read with the facts its
 * README gives (Friday 2026-11-27 10:00 in Istanbul, Saha 1 and Saha 2, open 09:00–24:00, 60-minute
 * slots). Prints the share understood and requires all of them.
 */
class UtterancesTest {

  static final ZonedDateTime NOW =
      ZonedDateTime.parse("2026-11-27T10:00:00+03:00[Europe/Istanbul]");

  private final Understanding understanding = new Understanding();

  @Test
  void understandsEveryUtteranceOfTheFixture() throws IOException {
    JsonMapper json = JsonMapper.builder().build();
    List<String> lines =
        Files.readAllLines(SharedFixtures.path("conversations/utterances.jsonl")).stream()
            .filter(l -> !l.isBlank())
            .toList();
    List<String> failures = new ArrayList<>();

    for (String line : lines) {
      JsonNode c = json.readTree(line);
      boolean owner = c.path("role").asText().equals("owner");
      Interpretation got = understanding.understand(c.path("text").asText(), context(owner));
      Map<String, String> expected = new TreeMap<>();
      c.path("expect")
          .properties()
          .forEach(e -> expected.put(e.getKey(), e.getValue().toString().replace("\"", "")));
      Map<String, String> actual = new TreeMap<>();
      expected.keySet().forEach(k -> actual.put(k, slot(got, k)));
      if (!expected.equals(actual)) {
        failures.add(
            c.path("id").asText()
                + " \""
                + c.path("text").asText()
                + "\"\n    expected "
                + expected
                + "\n    got      "
                + actual);
      }
    }

    int right = lines.size() - failures.size();
    System.out.printf(
        "Offline model: %d of %d utterances understood (%.1f%%)%n",
        right, lines.size(), 100.0 * right / lines.size());
    failures.forEach(f -> System.out.println("  MISSED " + f));
    assertThat(failures).isEmpty();
  }

  static ConversationContext context(boolean owner) {
    return new ConversationContext(NOW, List.of("Saha 1", "Saha 2"), 9 * 60, 24 * 60, 60, owner);
  }

  /** The interpretation's value for a key of the fixture, written as the fixture writes it. */
  static String slot(Interpretation i, String key) {
    Object value =
        switch (key) {
          case "intent" -> i.intent().key();
          case "start" -> i.start();
          case "end" -> i.end();
          case "date" -> i.date();
          case "field" -> i.field();
          case "customer_name" -> i.customerName();
          case "phone" -> i.phone();
          case "missing" -> i.missing().toString().replace(" ", "");
          case "from" -> i.intent() == Intent.MOVE ? i.from() : i.periodFrom();
          case "to" -> i.periodTo();
          default -> "unknown key " + key;
        };
    return String.valueOf(value);
  }
}
