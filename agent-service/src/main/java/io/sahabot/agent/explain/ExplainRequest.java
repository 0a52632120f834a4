package io.sahabot.agent.explain;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A message to explain: its text, the sender's role ({@code customer} or {@code owner}), the moment
 * it was sent (default now) and the tenant (its settings; defaults when unknown).
 */
public record ExplainRequest(String text, String role, OffsetDateTime at, UUID tenantId) {

  public ExplainRequest {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("text: must not be blank");
    }
    if (role != null && !role.equals("customer") && !role.equals("owner")) {
      throw new IllegalArgumentException("role: must be 'customer' or 'owner'");
    }
  }
}
