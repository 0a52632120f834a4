package io.sahabot.agent.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where an owner's confirmed settings change goes: tenant-service's internal settings route
 * (agent-service's own credential), which writes it through the outbox to {@code tenant.changelog}.
 *
 * @param url tenant-service's base URL (env {@code TENANT_SERVICE_URL})
 * @param timeout how long the change may take
 */
@Validated
@ConfigurationProperties("sahabot.tenant-service")
public record TenantServiceProperties(
    @NotBlank @DefaultValue("http://localhost:8081") String url,
    @NotNull @DefaultValue("10s") Duration timeout) {}
