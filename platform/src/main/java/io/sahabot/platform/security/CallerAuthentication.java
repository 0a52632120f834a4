package io.sahabot.platform.security;

import java.util.Collection;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated caller: the principal (a caller's name, or what a {@link BearerAuthenticator}
 * made of a token) and its authorities. It never holds the credential.
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

  private final Object principal;

  public CallerAuthentication(
      Object principal, Collection<? extends GrantedAuthority> authorities) {
    super(authorities);
    this.principal = principal;
    setAuthenticated(true);
  }

  /** A caller of {@link Callers}, with its one authority. */
  public static CallerAuthentication caller(String name) {
    return new CallerAuthentication(
        name, List.of(new SimpleGrantedAuthority(Callers.authority(name))));
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Object getPrincipal() {
    return principal;
  }
}
