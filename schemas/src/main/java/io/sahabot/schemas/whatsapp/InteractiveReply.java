package io.sahabot.schemas.whatsapp;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nullOrNonBlank;

/**
 * The customer's choice of a reply button, a list row or a template quick reply.
 *
 * @param id the id we gave the button or row (a template button's payload)
 * @param title its title as the customer saw it; may be absent
 * @param description a list row's description; may be absent
 */
public record InteractiveReply(String id, String title, String description) {

  public InteractiveReply {
    nonBlank(id, "reply.id");
    nullOrNonBlank(title, "reply.title");
  }
}
