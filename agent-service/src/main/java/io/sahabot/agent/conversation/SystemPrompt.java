package io.sahabot.agent.conversation;

import io.sahabot.agent.turn.FactsText;
import io.sahabot.agent.turn.TurnContext;
import io.sahabot.schemas.tenant.OpeningHours;
import io.sahabot.schemas.tenant.TenantSettings;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The system prompt of a turn: the business, its settings, the moment of the message and the
 * sender's role, and the business's own greeting when it has one ({@code settings.greeting}, which
 * replaces the built-in greeting). The facts block is machine-readable too: the offline model reads
 * it back.
 */
public final class SystemPrompt {

  private SystemPrompt() {}

  public static String of(TurnContext turn) {
    return withSharedContact(prompt(turn), turn);
  }

  /**
   * With the contact card the owner shared last: who "this person" of their booking request is
   * (facts {@code contactName}, {@code contactPhone}).
   */
  private static String withSharedContact(String prompt, TurnContext turn) {
    String phone = turn.sharedContactPhone();
    if (phone == null) {
      return prompt;
    }
    String name = turn.sharedContactName();
    String facts =
        (name == null ? "" : "contactName=" + name.replace('\n', ' ') + "\n")
            + "contactPhone="
            + phone
            + "\n";
    return prompt.replace("[/facts]", facts + "[/facts]")
        + "The business shared a contact card: "
        + (name == null ? "" : name + ", ")
        + "+"
        + phone
        + ". A booking request that names no other customer (\"bu kişiye\", \"for them\") is for"
        + " this person: use bookForCustomer with this name and phone.\n";
  }

  private static String prompt(TurnContext turn) {
    TenantSettings s = turn.tenant().settings();
    int open =
        s.openingHours().values().stream().mapToInt(OpeningHours::openMinute).min().orElse(9 * 60);
    int close =
        s.openingHours().values().stream()
            .mapToInt(OpeningHours::closeMinute)
            .max()
            .orElse(24 * 60);
    String hours =
        s.openingHours().entrySet().stream()
            .map(
                e ->
                    e.getKey().name().substring(0, 3)
                        + " "
                        + e.getValue().open()
                        + "-"
                        + e.getValue().close())
            .collect(Collectors.joining(", "));
    String prompt =
        """
        You are the WhatsApp booking assistant of %s, a sports-field business. Answer in the \
        customer's language (%s), briefly and politely. Use the tools to check availability, book, \
        cancel, move and report; never invent availability or prices. Resolve relative dates \
        ("yarın", "haftaya salı", "next Monday") from the message time below, in the business's \
        time zone. A bare hour from 1 to 11 means the evening when the business is open then. \
        Customers act only for themselves; the business's own numbers may act for any customer.
        Opening hours: %s. Fields: %s. Price per hour: %s %s. Default length: %d minutes.

        [facts]
        now=%s
        role=%s
        language=%s
        fields=%s
        open=%02d:%02d
        close=%02d:%02d
        slot=%d
        business=%s
        [/facts]
        """
            .formatted(
                turn.tenant().businessName(),
                turn.language(),
                hours,
                String.join(", ", s.fields()),
                s.pricePerHour().toPlainString(),
                s.currency(),
                s.slotMinutes(),
                turn.at().format(DateTimeFormatter.ISO_ZONED_DATE_TIME),
                turn.owner() ? "owner" : "customer",
                turn.language(),
                String.join("|", s.fields()),
                open / 60,
                open % 60,
                close / 60,
                close % 60,
                s.slotMinutes(),
                turn.tenant().businessName());
    if (s.greeting() == null) {
      return prompt;
    }
    // the business's own greeting replaces the built-in one (its name in a sentence of ours)
    return prompt.replace("[/facts]", "greeting=" + FactsText.oneLine(s.greeting()) + "\n[/facts]")
        + "When someone greets you or asks what you can do, answer with the business's own"
        + " greeting, exactly as written:\n"
        + s.greeting()
        + "\n";
  }

  /** The facts block back as a map (the offline model's reading of its system prompt). */
  public static Map<String, String> facts(String prompt) {
    int from = prompt.indexOf("[facts]");
    int to = prompt.indexOf("[/facts]");
    if (from < 0 || to < 0) {
      return Map.of();
    }
    return prompt
        .substring(from + 7, to)
        .lines()
        .map(String::strip)
        .filter(l -> l.contains("="))
        .collect(
            Collectors.toMap(
                l -> l.substring(0, l.indexOf('=')),
                l -> l.substring(l.indexOf('=') + 1),
                (a, b) -> b));
  }
}
