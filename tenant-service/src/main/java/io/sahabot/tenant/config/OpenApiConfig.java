package io.sahabot.tenant.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document of the tenant API, served at {@code /v3/api-docs} by springdoc. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

  @Bean
  OpenAPI tenantApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("SahaBot tenant API")
                .version("1")
                .description(
                    "Tenants, their settings, API keys, stats and usage. Operators use the"
                        + " deployment's admin token; a tenant's sk_ key reaches only its own"
                        + " tenant. /internal/** takes the internal token."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }
}
