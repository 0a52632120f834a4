package io.sahabot.tenant.naming;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where tenant-service asks the Graph API for a business number's name ({@code
 * sahabot.tenant.graph.*}).
 *
 * @param baseUrl the Graph API (env {@code WHATSAPP_GRAPH_BASE_URL})
 * @param version its version (env {@code WHATSAPP_GRAPH_VERSION})
 * @param accessToken the deployment's Cloud API token (env {@code WHATSAPP_ACCESS_TOKEN}), used for
 *     a tenant without its own; empty: only tenants with their own token are named
 * @param timeout of one call
 */
@ConfigurationProperties("sahabot.tenant.graph")
public record GraphProperties(
    @DefaultValue("https://graph.facebook.com") URI baseUrl,
    @DefaultValue("v23.0") String version,
    @DefaultValue("") String accessToken,
    @DefaultValue("10s") Duration timeout) {

  @Override
  public String toString() {
    return "GraphProperties[baseUrl="
        + baseUrl
        + ", version="
        + version
        + ", accessToken="
        + (accessToken == null || accessToken.isBlank() ? "(none)" : "(set)")
        + ", timeout="
        + timeout
        + "]";
  }
}
