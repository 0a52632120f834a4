package io.sahabot.platform.security;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Authenticates {@code Authorization: Bearer <token>}: first against every configured caller's
 * credential (all are compared, in constant time, whichever matches), then through the service's
 * {@link BearerAuthenticator}s. A token that none accepts fails with 401; a request without one
 * goes on unauthenticated, and only public routes let it through.
 */
public final class BearerAuthenticationManager implements ReactiveAuthenticationManager {

  private final Map<String, String> callers;
  private final List<BearerAuthenticator> others;

  public BearerAuthenticationManager(
      Map<String, String> callers, List<BearerAuthenticator> others) {
    this.callers = Map.copyOf(callers);
    this.others = List.copyOf(others);
  }

  @Override
  public Mono<Authentication> authenticate(Authentication authentication) {
    if (!(authentication instanceof PresentedToken presented)) {
      return Mono.empty();
    }
    String caller = null;
    for (var entry : callers.entrySet()) {
      if (Credentials.matches(presented.token, entry.getValue()) && caller == null) {
        caller = entry.getKey();
      }
    }
    if (caller != null) {
      return Mono.just(CallerAuthentication.caller(caller));
    }
    return Flux.fromIterable(others)
        .concatMap(other -> other.authenticate(presented.token))
        .next()
        .switchIfEmpty(
            Mono.error(() -> new BadCredentialsException("the bearer token is not valid")));
  }

  /** Reads the bearer token of a request; empty when it has none. */
  public static ServerAuthenticationConverter converter() {
    return (ServerWebExchange exchange) -> {
      String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
      if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return Mono.empty();
      }
      String token = header.substring(7).trim();
      return token.isEmpty() ? Mono.empty() : Mono.just(new PresentedToken(token));
    };
  }

  /** A bearer token as presented, not yet authenticated. */
  static final class PresentedToken extends AbstractAuthenticationToken {

    private final String token;

    PresentedToken(String token) {
      super(List.of());
      this.token = token;
    }

    @Override
    public Object getCredentials() {
      return token;
    }

    @Override
    public Object getPrincipal() {
      return "bearer";
    }

    @Override
    public String toString() {
      return "PresentedToken[<masked>]";
    }
  }
}
