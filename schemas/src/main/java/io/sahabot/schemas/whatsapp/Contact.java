package io.sahabot.schemas.whatsapp;

import static io.sahabot.schemas.Require.strings;

import java.util.List;

/**
 * A contact card the customer shared (e.g. "book for my friend").
 *
 * @param name the formatted name; may be absent
 * @param phones the card's phone numbers as written on it (not normalized); may be empty
 */
public record Contact(String name, List<String> phones) {

  public Contact {
    phones = strings(phones, "contacts.phones");
  }
}
