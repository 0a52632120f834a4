package io.sahabot.platform.security;

import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers 400 to a request whose raw path is not in its one plain form, before anything routes or
 * authorizes it: {@code ;} parameters, a backslash, {@code //}, a {@code .} or {@code ..} segment,
 * or a percent-encoded character that has a plain form ({@code %69} for {@code i}) or that changes
 * the path's structure ({@code %2F}, {@code %5C}, {@code %25}, {@code %3B}, {@code %2E}), or a
 * control character. Every route then has exactly one spelling, so what the security rules match is
 * what the handlers receive. Spring Security's strict firewall runs after it as a second line.
 */
public final class PathVariantFilter implements WebFilter, Ordered {

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String reason = rejection(exchange.getRequest().getURI().getRawPath());
    if (reason == null) {
      return chain.filter(exchange);
    }
    return SecurityProblems.write(exchange, HttpStatus.BAD_REQUEST, "the request path " + reason);
  }

  /** Why a raw path is refused, or null when it is in its plain form. */
  public static String rejection(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return null;
    }
    if (rawPath.indexOf(';') >= 0) {
      return "carries ';' parameters";
    }
    if (rawPath.indexOf('\\') >= 0) {
      return "carries a backslash";
    }
    if (rawPath.contains("//")) {
      return "carries an empty segment ('//')";
    }
    for (String segment : rawPath.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return "carries a '" + segment + "' segment";
      }
    }
    for (int i = 0; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return "carries a control character";
      }
      if (c != '%') {
        continue;
      }
      if (i + 2 >= rawPath.length()) {
        return "carries a malformed percent-encoding";
      }
      int high = Character.digit(rawPath.charAt(i + 1), 16);
      int low = Character.digit(rawPath.charAt(i + 2), 16);
      if (high < 0 || low < 0) {
        return "carries a malformed percent-encoding";
      }
      int decoded = high * 16 + low;
      if (unreserved(decoded)
          || "/\\%;".indexOf(decoded) >= 0
          || decoded < 0x20
          || decoded == 0x7f) {
        return "percent-encodes '"
            + new String(new byte[] {(byte) decoded}, StandardCharsets.ISO_8859_1)
                .replaceAll("\\p{Cntrl}", "?")
            + "'";
      }
      i += 2;
    }
    return null;
  }

  private static boolean unreserved(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }
}
