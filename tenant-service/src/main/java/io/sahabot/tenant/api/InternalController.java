package io.sahabot.tenant.api;

import io.sahabot.tenant.problems.Problems;
import io.sahabot.tenant.provisioning.TenantDirectory;
import io.sahabot.tenant.token.WhatsAppTokenStore;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Service-to-service endpoints; who may call each is {@code security/SecurityConfig}'s. */
@RestController
public class InternalController {

  private final TenantDirectory directory;
  private final WhatsAppTokenStore tokens;

  public InternalController(TenantDirectory directory, WhatsAppTokenStore tokens) {
    this.directory = directory;
    this.tokens = tokens;
  }

  /**
   * Whose the number is, and its tenant's own WhatsApp access token, for the sender: 200 {@code
   * {"tenantId": ..., "accessToken": ...}}, without {@code accessToken} when the tenant set none
   * (the sender then uses the deployment's token); 404 when no tenant has the number. The sender
   * sends a message only from a number of the message's own tenant. ingress-service's credential
   * alone reaches it ({@code security/SecurityConfig}).
   */
  @GetMapping("/internal/tenants/by-phone-number/{phoneNumberId}/whatsapp-token")
  public Mono<Map<String, String>> whatsappToken(@PathVariable String phoneNumberId) {
    return directory
        .findByPhoneNumberId(phoneNumberId)
        .flatMap(
            tenant ->
                tokens
                    .find(tenant.id())
                    .map(token -> Map.of("tenantId", tenant.id().toString(), "accessToken", token))
                    .defaultIfEmpty(Map.of("tenantId", tenant.id().toString())))
        .switchIfEmpty(Mono.error(() -> Problems.notFound("no tenant has this number")));
  }
}
