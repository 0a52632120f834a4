package io.sahabot.schemas.whatsapp;

/** What a customer sent; decides which payload field of an {@link InboundMessage} is set. */
public enum MessageKind {
  /** {@code text}. */
  TEXT,
  /** {@code interactive.button_reply}: {@code reply}. */
  BUTTON_REPLY,
  /** {@code interactive.list_reply}: {@code reply}. */
  LIST_REPLY,
  /**
   * {@code button} (quick reply of a template): {@code reply} with payload as id, text as title.
   */
  TEMPLATE_BUTTON,
  /** {@code location}. */
  LOCATION,
  /** {@code image}: {@code media}. */
  IMAGE,
  /** {@code audio}: {@code media} ({@code voice} for voice notes). */
  AUDIO,
  /** {@code video}: {@code media}. */
  VIDEO,
  /** {@code document}: {@code media}. */
  DOCUMENT,
  /** {@code sticker}: {@code media}. */
  STICKER,
  /** {@code reaction}. */
  REACTION,
  /** {@code contacts}: at least one contact. */
  CONTACTS,
  /**
   * {@code system} with {@code system.type} {@code user_changed_number} or {@code
   * user_changed_user_id}: {@code identityChange}.
   */
  SYSTEM,
  /**
   * Anything else ({@code unsupported}, other {@code system} messages, {@code order}, …); {@code
   * error} may say why.
   */
  UNSUPPORTED
}
