package io.sahabot.ingress.sender;

/**
 * The send ledger (PostgreSQL) could not be read or written before a send: nothing was sent. The
 * record is retried without limit, after back-offs growing to {@code max-backoff} that pause its
 * partition, so a database restart delays sends but never dead-letters them.
 */
public class LedgerUnavailable extends TransientSendFailure {

  public LedgerUnavailable(String message) {
    super(message);
  }
}
