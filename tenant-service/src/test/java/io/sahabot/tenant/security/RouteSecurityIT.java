package io.sahabot.tenant.security;

import static io.sahabot.testsupport.RouteProbe.only;

import io.sahabot.tenant.apikeys.ApiKeyRepository;
import io.sahabot.tenant.provisioning.Tenant;
import io.sahabot.tenant.provisioning.TenantDirectory;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.RouteProbe;
import io.sahabot.testsupport.RouteProbe.Route;
import io.sahabot.testsupport.RouteSecurityChecks;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every route of tenant-service, read from its own mappings, admits only the callers it names,
 * under every spelling of its path; a tenant's API key never reaches another tenant: the routes are
 * probed on tenant B with B's own key and with tenant A's.
 */
@IntegrationTest
class RouteSecurityIT extends RouteSecurityChecks {

  static final String OWN_KEY = "tenant B's API key";
  static final String OTHER_KEY = "tenant A's API key";

  @Autowired TenantDirectory directory;
  @Autowired ApiKeyRepository keys;

  private Tenant b;
  private final Map<String, String> credentials = new LinkedHashMap<>(RouteProbe.LOCAL_CREDENTIALS);

  @BeforeEach
  void twoTenantsWithAKeyEach() {
    Tenant a = newTenant();
    b = newTenant();
    credentials.put(OTHER_KEY, keys.create(a.id(), "a").block(Duration.ofSeconds(10)).key());
    credentials.put(OWN_KEY, keys.create(b.id(), "b").block(Duration.ofSeconds(10)).key());
  }

  /**
   * Who may call each route of tenant B: the operators everything of the tenant API; B's own key
   * B's tenant-scoped routes but not the operators' (listing, (de)activating, creating keys); A's
   * key nothing of B's; ingress alone the WhatsApp token; the OpenAPI description everyone.
   */
  @Override
  protected Set<String> admitted(Route route) {
    String p = route.pattern();
    if (p.startsWith("/v3/api-docs")) {
      return Set.of();
    }
    if (p.equals("/internal/tenants/by-phone-number/{phoneNumberId}/whatsapp-token")) {
      return only("ingress");
    }
    if (p.equals("/internal/tenants/{id}/settings")) {
      return only("agent");
    }
    if (p.equals("/api/tenants")
        || p.endsWith("/activate")
        || p.endsWith("/deactivate")
        || (p.endsWith("/api-keys") && route.method().equals("POST"))
        || p.endsWith("/customers/{user}/data")) {
      return only("operator");
    }
    if (p.startsWith("/api/tenants/{id}")) {
      return only("operator", OWN_KEY);
    }
    return null;
  }

  @Override
  protected int minimumRoutes() {
    return 17;
  }

  @Override
  protected Map<String, String> credentials() {
    return credentials;
  }

  @Override
  protected Map<String, String> pathValues() {
    return Map.of(
        "id",
        b.id().toString(),
        "keyId",
        UUID.randomUUID().toString(),
        "user",
        "905454031918",
        "phoneNumberId",
        b.phoneNumberId(),
        "reservationId",
        "41",
        "seriesId",
        "7",
        "commandId",
        "api-" + UUID.randomUUID());
  }

  private Tenant newTenant() {
    String number =
        Long.toString(310_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
    return directory.getOrCreate(number, null).block(Duration.ofSeconds(10)).tenant();
  }
}
