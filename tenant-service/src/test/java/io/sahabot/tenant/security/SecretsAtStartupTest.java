package io.sahabot.tenant.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sahabot.platform.security.SecretsGuard.MissingSecretsException;
import io.sahabot.tenant.TenantApplication;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Outside the local profile tenant-service does not start while a secret is missing or still has
 * its local value, and says which, one line each, before it connects to anything.
 */
class SecretsAtStartupTest {

  static final String ENCRYPTION_KEY = "c2VjcmV0LWtleS1vZi10aGlzLWRlcGxveW1lbnQtMzI=";

  @Test
  void refusesToStartWithoutItsSecrets() {
    Throwable failure = start();

    assertThat(failure).isInstanceOf(MissingSecretsException.class);
    assertThat(((MissingSecretsException) failure).problems())
        .containsExactlyInAnyOrder(
            "SAHABOT_TENANT_SERVICE_TOKEN is not set (sahabot.security.token)",
            "SAHABOT_ADMIN_TOKEN is not set (sahabot.security.callers.operator)",
            "SAHABOT_INGRESS_TOKEN is not set (sahabot.security.callers.ingress)",
            "SAHABOT_AGENT_TOKEN is not set (sahabot.security.callers.agent)",
            "SAHABOT_TOKEN_ENCRYPTION_KEY is not set (sahabot.tenant.token-encryption-key)");
  }

  @Test
  void refusesToStartWithASecretLeftAtItsLocalValue() {
    Throwable failure =
        start(
            "--sahabot.security.token=tenant-service-secret",
            "--sahabot.security.callers.operator=local-admin-token",
            "--sahabot.security.callers.ingress=ingress-secret",
            "--sahabot.security.callers.agent=agent-secret",
            "--sahabot.tenant.token-encryption-key=" + ENCRYPTION_KEY);

    assertThat(((MissingSecretsException) failure).problems())
        .containsExactly(
            "SAHABOT_ADMIN_TOKEN still has its local value (sahabot.security.callers.operator)");
  }

  private static Throwable start(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    return catchThrowable(
        () ->
            new SpringApplicationBuilder(TenantApplication.class)
                .web(WebApplicationType.NONE)
                .run(all.toArray(String[]::new))
                .close());
  }
}
