package io.sahabot.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathVariantFilterTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/internal;x/tenants/1/reservations",
        "/internal/tenants/1/stats;",
        "/%69nternal/explain",
        "/internal%2Ftenants/1",
        "/internal%2ftenants/1",
        "/internal//tenants/1",
        "//internal/explain",
        "/internal/./explain",
        "/internal/x/../explain",
        "/internal/%2E%2E/explain",
        "/internal\\explain",
        "/internal/%25/explain",
        "/internal/%3Bx/explain",
        "/internal/%00/explain",
        "/internal/tenants/%31"
      })
  void refusesEverySpellingButThePlainOne(String rawPath) {
    assertThat(PathVariantFilter.rejection(rawPath)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/internal/explain",
        "/internal/tenants/6e4fa190-1003-42c7-a9bc-7e6700a027c3/table.png",
        "/api/tenants/x/api-keys",
        "/recorded/media/m%C3%BC",
        "/",
        "/actuator/health"
      })
  void letsPlainPathsThrough(String rawPath) {
    assertThat(PathVariantFilter.rejection(rawPath)).isNull();
  }
}
