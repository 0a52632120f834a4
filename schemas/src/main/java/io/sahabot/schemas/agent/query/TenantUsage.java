package io.sahabot.schemas.agent.query;

/**
 * A tenant's model tokens in one UTC calendar month, {@code GET
 * /internal/tenants/{tenantId}/usage?month=YYYY-MM} of agent-service (read by tenant-service), and
 * how many of the month's reminders and confirmations its customers read.
 *
 * @param month {@code YYYY-MM}
 * @param cost a decimal string, at least two decimals
 * @param reminders the reminders sent to customers in the month, and how many were read
 * @param confirmations the outcomes of their requests (booked, cancelled, moved...) told to
 *     customers in the month, and how many were read
 */
public record TenantUsage(
    String month,
    long inputTokens,
    long outputTokens,
    String cost,
    ReadCounts reminders,
    ReadCounts confirmations) {

  /**
   * Messages told and how many of them WhatsApp reported read (or played).
   *
   * @param told messages sent
   * @param read of those, the ones whose latest status is {@code read} or {@code played}
   */
  public record ReadCounts(long told, long read) {

    public static final ReadCounts NONE = new ReadCounts(0, 0);
  }

  public TenantUsage {
    reminders = reminders == null ? ReadCounts.NONE : reminders;
    confirmations = confirmations == null ? ReadCounts.NONE : confirmations;
  }

  /** Tokens and cost alone (no read counts). */
  public TenantUsage(String month, long inputTokens, long outputTokens, String cost) {
    this(month, inputTokens, outputTokens, cost, ReadCounts.NONE, ReadCounts.NONE);
  }

  /** Input and output tokens. */
  public long totalTokens() {
    return inputTokens + outputTokens;
  }
}
