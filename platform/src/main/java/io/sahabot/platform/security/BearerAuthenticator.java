package io.sahabot.platform.security;

import org.springframework.security.core.Authentication;
import reactor.core.publisher.Mono;

/**
 * Resolves a bearer token that is none of the configured callers' credentials (tenant-service's
 * tenant API keys, say). Empty when the token is not one of its kind or not valid.
 */
@FunctionalInterface
public interface BearerAuthenticator {

  Mono<Authentication> authenticate(String token);
}
