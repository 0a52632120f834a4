package io.sahabot.schemas.whatsapp;

import static io.sahabot.schemas.Require.nonBlank;
import static io.sahabot.schemas.Require.nullOrNonBlank;

/**
 * A WhatsApp system message saying that a user's identifiers changed: the user changed their phone
 * number ({@code user_changed_number}, which also gives them a new business-scoped user id) or
 * their business-scoped user id changed ({@code user_changed_user_id}). The message's {@code
 * userId} is the sender as WhatsApp still names it (the old number or id).
 *
 * @param type {@code user_changed_number} or {@code user_changed_user_id} (as WhatsApp writes it)
 * @param newWaId the new phone number ({@code system.wa_id}); may be absent
 * @param newUserId the new business-scoped user id ({@code system.user_id}); may be absent
 * @param previousUserId the previous business-scoped user id ({@code system.previous_user_id}); may
 *     be absent
 */
public record IdentityChange(String type, String newWaId, String newUserId, String previousUserId) {

  public static final String CHANGED_NUMBER = "user_changed_number";
  public static final String CHANGED_USER_ID = "user_changed_user_id";

  public IdentityChange {
    nonBlank(type, "identityChange.type");
    nullOrNonBlank(newWaId, "identityChange.newWaId");
    nullOrNonBlank(newUserId, "identityChange.newUserId");
    nullOrNonBlank(previousUserId, "identityChange.previousUserId");
  }
}
