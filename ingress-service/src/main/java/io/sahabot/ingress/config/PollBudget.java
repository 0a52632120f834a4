package io.sahabot.ingress.config;

import java.time.Duration;

/**
 * How long one poll's records can hold the sender's listener thread at worst, which must stay under
 * {@code max.poll.interval.ms} or the consumer leaves the group and its records are redelivered
 * elsewhere.
 *
 * <p>A record is one attempt (retries are later deliveries, after a partition pause): at most
 * {@value #CALLS_PER_RECORD} HTTP calls (tenant-service's token, the image upload, the send, the
 * fallback template's send), each bounded by the connect timeout plus the read timeout (both {@code
 * graph.timeout}), and at most two waits for the number's rate limiter ({@code rate-wait}). With
 * the defaults (10 s, 5 s): 4 × 20 s + 2 × 5 s = 90 s per record, × 3 records per poll = 270 s,
 * under the 300 s of {@code max.poll.interval.ms}. A Graph API answering in 5 s a call takes at
 * most 3 × (4 × 5 s + 10 s) = 90 s per poll.
 */
record PollBudget(Duration callTimeout, Duration rateWait, int maxPollRecords) {

  static final int CALLS_PER_RECORD = 4;

  /** The longest one record holds the thread. */
  Duration perRecord() {
    return callTimeout.multipliedBy(2L * CALLS_PER_RECORD).plus(rateWait.multipliedBy(2));
  }

  /** The longest one poll's records hold the thread. */
  Duration perPoll() {
    return perRecord().multipliedBy(maxPollRecords);
  }

  /** Fails when a poll's records may hold the thread past {@code maxPollInterval}. */
  void check(Duration maxPollInterval) {
    if (perPoll().compareTo(maxPollInterval) >= 0) {
      throw new IllegalStateException(
          "sender: "
              + maxPollRecords
              + " records per poll may take "
              + perPoll()
              + " (each up to "
              + perRecord()
              + ": graph.timeout "
              + callTimeout
              + ", rate-wait "
              + rateWait
              + "), not under max.poll.interval.ms "
              + maxPollInterval
              + "; lower spring.kafka.consumer.max-poll-records or the timeouts");
    }
  }
}
