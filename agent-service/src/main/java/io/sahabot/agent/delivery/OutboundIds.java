package io.sahabot.agent.delivery;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The ids of the agent's outbound messages that others must be able to name. */
public final class OutboundIds {

  private OutboundIds() {}

  /**
   * The id of a turn's reply at {@code position} to the inbound message {@code wamid}: derived, so
   * a second run of the message produces the same ids, and the turn's told outcome ({@code
   * told_outcomes.outbound_id}, position 0) names the reply that told it.
   */
  public static String reply(String wamid, int position) {
    return UUID.nameUUIDFromBytes((wamid + "|reply|" + position).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** The id of the read receipt (with "typing…") of the inbound message {@code wamid}. */
  public static String read(String wamid) {
    return UUID.nameUUIDFromBytes((wamid + "|read").getBytes(StandardCharsets.UTF_8)).toString();
  }
}
