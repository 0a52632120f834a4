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
   * Anything else ({@code unsupported}, {@code system}, {@code order}, …); {@code error} may say
   * why.
   */
  UNSUPPORTED
}
