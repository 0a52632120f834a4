package io.sahabot.tenant.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The deployment's bearer tokens, shared by every service ({@code sahabot.security.*}).
 *
 * @param adminToken operators' token (env {@code SAHABOT_ADMIN_TOKEN})
 * @param internalToken service-to-service token on {@code /internal/**} (env {@code
 *     SAHABOT_INTERNAL_TOKEN})
 */
@Validated
@ConfigurationProperties("sahabot.security")
public record SecurityProperties(@NotBlank String adminToken, @NotBlank String internalToken) {}
