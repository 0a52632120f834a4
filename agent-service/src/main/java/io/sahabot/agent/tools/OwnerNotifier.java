package io.sahabot.agent.tools;

import io.sahabot.schemas.tenant.TenantSnapshot;

/**
 * Passes a customer's request on to the business's admin numbers, each once per request key (the
 * outcome notifier's messenger implements it: the 24-hour window, templates, told once).
 */
public interface OwnerNotifier {

  /**
   * Tells {@code text} to every admin number of the tenant, once for {@code requestKey}.
   *
   * @return how many admin numbers were told now
   */
  int tellOwners(TenantSnapshot tenant, String requestKey, String causationId, String text);
}
