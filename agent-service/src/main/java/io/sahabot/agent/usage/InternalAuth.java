package io.sahabot.agent.usage;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Guards every {@code /internal/**} endpoint of the service: the request must carry {@code
 * Authorization: Bearer <sahabot.security.internal-token>} (env {@code SAHABOT_INTERNAL_TOKEN},
 * default {@code local-internal-token}), compared in constant time. Otherwise 401 with a {@code
 * ProblemDetail} body, and the handler does not run.
 */
@Component
public class InternalAuth implements WebFilter {

  public static final String PATH_PREFIX = "/internal/";

  private final byte[] expected;

  public InternalAuth(
      @Value("${sahabot.security.internal-token:${SAHABOT_INTERNAL_TOKEN:local-internal-token}}")
          String internalToken) {
    if (internalToken == null || internalToken.isBlank()) {
      throw new IllegalArgumentException("sahabot.security.internal-token must not be blank");
    }
    this.expected = ("Bearer " + internalToken).getBytes(StandardCharsets.UTF_8);
  }

  /** Whether an {@code Authorization} header value carries the internal token. */
  public boolean authorized(String authorization) {
    return authorization != null
        && MessageDigest.isEqual(expected, authorization.trim().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = exchange.getRequest().getPath().pathWithinApplication().value();
    if (!path.startsWith(PATH_PREFIX)
        || authorized(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))) {
      return chain.filter(exchange);
    }
    return unauthorized(exchange.getResponse(), path);
  }

  private static Mono<Void> unauthorized(ServerHttpResponse response, String path) {
    response.setStatusCode(HttpStatus.UNAUTHORIZED);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    String body =
        "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
            + "\"detail\":\"The internal token is missing or wrong.\",\"instance\":\""
            + URI.create(path).getRawPath().replace("\"", "")
            + "\"}";
    DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
    return response.writeWith(Mono.just(buffer));
  }
}
