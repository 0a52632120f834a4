package io.sahabot.tenant.security;

import io.sahabot.tenant.apikeys.ApiKeyRepository;
import io.sahabot.tenant.config.SecurityProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Authenticates {@code /api/**} (operator token or a tenant's {@code sk_} key) and {@code
 * /internal/**} (the internal token). A request without a valid bearer token gets 401; which tenant
 * a caller may reach (403) is decided by the handlers through {@link Caller#mayAccess}. Tokens are
 * compared in constant time.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BearerAuthFilter implements WebFilter {

  private final byte[] adminToken;
  private final byte[] internalToken;
  private final ApiKeyRepository apiKeys;

  public BearerAuthFilter(SecurityProperties security, ApiKeyRepository apiKeys) {
    this.adminToken = security.adminToken().getBytes(StandardCharsets.UTF_8);
    this.internalToken = security.internalToken().getBytes(StandardCharsets.UTF_8);
    this.apiKeys = apiKeys;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = exchange.getRequest().getPath().pathWithinApplication().value();
    boolean api = path.equals("/api") || path.startsWith("/api/");
    boolean internal = path.startsWith("/internal/");
    if (!api && !internal) {
      return chain.filter(exchange);
    }
    String token = bearer(exchange);
    if (token == null) {
      return unauthorized(exchange, "a bearer token is required");
    }
    byte[] presented = token.getBytes(StandardCharsets.UTF_8);
    if (internal) {
      if (MessageDigest.isEqual(presented, internalToken)) {
        return proceed(exchange, chain, new Caller.Service());
      }
      return unauthorized(exchange, "the internal token is not valid");
    }
    if (MessageDigest.isEqual(presented, adminToken)) {
      return proceed(exchange, chain, new Caller.Operator());
    }
    if (token.startsWith(ApiKeyRepository.PREFIX)) {
      return apiKeys
          .resolve(token)
          .flatMap(key -> proceed(exchange, chain, key))
          .switchIfEmpty(Mono.defer(() -> unauthorized(exchange, "the API key is not valid")));
    }
    return unauthorized(exchange, "the bearer token is not valid");
  }

  private static Mono<Void> proceed(
      ServerWebExchange exchange, WebFilterChain chain, Caller caller) {
    exchange.getAttributes().put(Caller.ATTRIBUTE, caller);
    return chain.filter(exchange);
  }

  private static String bearer(ServerWebExchange exchange) {
    String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = header.substring(7).trim();
    return token.isEmpty() ? null : token;
  }

  private static Mono<Void> unauthorized(ServerWebExchange exchange, String detail) {
    var response = exchange.getResponse();
    response.setStatusCode(HttpStatus.UNAUTHORIZED);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    String body =
        "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\""
            + detail
            + "\",\"instance\":\""
            + exchange.getRequest().getPath().value().replace("\"", "")
            + "\"}";
    return response.writeWith(
        Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
  }
}
