package io.sahabot.tenant.config;

import io.sahabot.tenant.changelog.OutboxSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * tenant-service's settings ({@code sahabot.tenant.*}).
 *
 * @param tokenEncryptionKey base64 of a 256-bit AES key for tenants' WhatsApp tokens (env {@code
 *     SAHABOT_TOKEN_ENCRYPTION_KEY})
 * @param reservationServiceUrl base URL of reservation-service
 * @param agentServiceUrl base URL of agent-service
 * @param upstreamTimeout how long a stats or usage call may take
 * @param provisioningTimeout how long the enrichment topology waits for the database to provision
 * @param outbox the relay of {@code tenant_outbox} to {@code tenant.changelog}
 * @param commandWait how long the tenant API waits for a reservation command's outcome before it
 *     answers 202 (the outcome is then read at {@code /api/tenants/{id}/commands/{commandId}})
 */
@Validated
@ConfigurationProperties("sahabot.tenant")
public record TenantProperties(
    @NotBlank String tokenEncryptionKey,
    @NotNull URI reservationServiceUrl,
    @NotNull URI agentServiceUrl,
    @NotNull Duration upstreamTimeout,
    @NotNull Duration provisioningTimeout,
    @Valid @NotNull OutboxSettings outbox,
    @NotNull Duration commandWait) {}
