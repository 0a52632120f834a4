package io.sahabot.agent.offline.domain;

/** What a message asks for. */
public enum Intent {
  BOOK,
  AVAILABILITY,
  LIST_MINE,
  CANCEL,
  MOVE,
  PRICE,
  TABLE,
  SALES,
  LOYAL_CUSTOMERS,
  CANCELLATIONS,
  PEAK_HOURS,
  HELP,
  CLARIFY;

  /** The name used in the utterance fixtures and tool routing: {@code list_mine}. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
