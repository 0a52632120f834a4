package io.sahabot.schemas.agent.query;

/**
 * A tenant's model tokens in one UTC calendar month, {@code GET
 * /internal/tenants/{tenantId}/usage?month=YYYY-MM} of agent-service (read by tenant-service).
 *
 * @param month {@code YYYY-MM}
 * @param cost a decimal string, at least two decimals
 */
public record TenantUsage(String month, long inputTokens, long outputTokens, String cost) {

  /** Input and output tokens. */
  public long totalTokens() {
    return inputTokens + outputTokens;
  }
}
