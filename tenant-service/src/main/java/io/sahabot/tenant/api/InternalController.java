package io.sahabot.tenant.api;

import io.sahabot.tenant.admin.TenantAdminService;
import io.sahabot.tenant.problems.Problems;
import io.sahabot.tenant.provisioning.TenantDirectory;
import io.sahabot.tenant.token.WhatsAppTokenStore;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Service-to-service endpoints; who may call each is {@code security/SecurityConfig}'s. */
@RestController
public class InternalController {

  private final TenantDirectory directory;
  private final WhatsAppTokenStore tokens;
  private final TenantAdminService tenants;

  public InternalController(
      TenantDirectory directory, WhatsAppTokenStore tokens, TenantAdminService tenants) {
    this.directory = directory;
    this.tokens = tokens;
    this.tenants = tenants;
  }

  /**
   * A settings change an owner confirmed in chat, sent by agent-service (its credential alone): the
   * same change as the tenant API's PATCH (merged, validated, versioned, through the outbox to
   * {@code tenant.changelog}), with the rules of a tenant's own key (the operators' settings are
   * not the owner's). {@code causationId} is the confirming message's id. The answer lists the
   * bookings on dates the change newly closed; a removed field with bookings to come is 409.
   */
  @PatchMapping("/internal/tenants/{id}/settings")
  public Mono<TenantController.TenantView> ownerChange(
      @PathVariable UUID id, @RequestBody OwnerChange change) {
    return tenants
        .get(id)
        .doOnNext(current -> TenantController.tenantMayChange(current, change.settings()))
        .then(
            Mono.defer(
                () ->
                    tenants.updateWithImpact(
                        id, null, change.settings(), null, change.causationId())))
        .map(u -> TenantController.TenantView.of(u.tenant(), u.onClosedDates()));
  }

  /** An owner's settings change: the settings properties to replace, and what caused it. */
  public record OwnerChange(JsonNode settings, String causationId) {}

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
