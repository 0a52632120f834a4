package io.sahabot.agent.outcomes;

import io.sahabot.agent.tools.OwnerNotifier;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.schemas.whatsapp.OutboundContent;
import org.springframework.stereotype.Component;

/**
 * A customer's request passed on to the business's admin numbers (a cancellation the customer may
 * no longer make), each told once per request (its key), like any other notice.
 */
@Component
public class OwnerRequests implements OwnerNotifier {

  private final Messenger messenger;

  OwnerRequests(Messenger messenger) {
    this.messenger = messenger;
  }

  @Override
  public int tellOwners(TenantSnapshot tenant, String requestKey, String causationId, String text) {
    int told = 0;
    for (String admin : tenant.settings().adminNumbers()) {
      Notice notice =
          new Notice(
              admin, new OutboundContent.Text(text), Notices.update(tenant.settings(), text), text);
      if (messenger.tell(tenant, requestKey, causationId, notice)) {
        told++;
      }
    }
    return told;
  }
}
