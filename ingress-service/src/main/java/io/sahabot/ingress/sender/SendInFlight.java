package io.sahabot.ingress.sender;

/**
 * A message another attempt is sending right now (its {@link SendLedger} claim is younger than the
 * longest attempt, e.g. the partition's previous owner during a rebalance while the Graph API is
 * slow): retried after its own back-off, which pauses the record's partition until that attempt has
 * ended or its claim has gone stale, so it is then skipped or sent once more.
 */
public class SendInFlight extends TransientSendFailure {

  public SendInFlight(String eventId) {
    super("event " + eventId + " is being sent by another attempt");
  }
}
