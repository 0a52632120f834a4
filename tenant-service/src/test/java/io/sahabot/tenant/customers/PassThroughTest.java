package io.sahabot.tenant.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sahabot.platform.security.ServiceSecurityProperties;
import io.sahabot.tenant.config.TenantProperties;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.web.ErrorResponseException;

/**
 * The tenant API's customer data and monthly CSV are the other services' answers handed on: a stub
 * server stands in for them.
 */
class PassThroughTest {

  MockWebServer server = new MockWebServer();
  PassThrough upstream;

  @BeforeEach
  void start() throws IOException {
    server.start();
    URI base = URI.create(server.url("/").toString());
    upstream =
        new PassThrough(
            new TenantProperties(
                "c2FoYWJvdC1sb2NhbC1kZXYta2V5LTMyLWJ5dGVzISE=",
                base,
                base,
                Duration.ofSeconds(10),
                Duration.ofSeconds(1),
                new io.sahabot.tenant.changelog.OutboxSettings(
                    Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofDays(7), 100, null),
                Duration.ofSeconds(5)),
            new ServiceSecurityProperties(
                "tenant-service-test", java.util.Map.of(), java.util.List.of()));
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  @Test
  void anErasureRefusedForUpcomingBookingsIsHandedOnAs409WithItsBody() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(409)
            .setHeader("Content-Type", "application/json")
            .setBody("{\"erased\":false,\"upcoming\":[{\"id\":7}]}"));

    var answer =
        upstream
            .agent(HttpMethod.POST, "/internal/tenants/t/customers/erasure?user=905454031918")
            .block(Duration.ofSeconds(20));

    assertThat(answer.getStatusCode().value()).isEqualTo(409);
    assertThat(new String(answer.getBody(), StandardCharsets.UTF_8)).contains("\"upcoming\"");
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath())
        .isEqualTo("/internal/tenants/t/customers/erasure?user=905454031918");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer tenant-service-test");
  }

  @Test
  void theMonthlyCsvKeepsItsTypeAndFileName() {
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", "text/csv;charset=UTF-8")
            .setHeader("Content-Disposition", "attachment; filename=\"report-2026-11.csv\"")
            .setBody("section,name\r\ntotal,2026-11\r\n"));

    var answer =
        upstream
            .reservations("/internal/tenants/t/reports/monthly.csv?month=2026-11")
            .block(Duration.ofSeconds(20));

    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    assertThat(answer.getHeaders().getContentType().toString()).startsWith("text/csv");
    assertThat(answer.getHeaders().getFirst("Content-Disposition")).contains("report-2026-11.csv");
    assertThat(new String(answer.getBody(), StandardCharsets.UTF_8)).startsWith("section,name");
  }

  @Test
  void anErrorIs502AndAServiceDownIs503() throws IOException {
    server.enqueue(new MockResponse().setResponseCode(500));

    assertThatThrownBy(
            () ->
                upstream
                    .agent(HttpMethod.GET, "/internal/tenants/t/customers/data?user=1")
                    .block(Duration.ofSeconds(20)))
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.getStatusCode().value()).isEqualTo(502));
    server.shutdown();
    assertThatThrownBy(
            () ->
                upstream
                    .agent(HttpMethod.GET, "/internal/tenants/t/customers/data?user=1")
                    .block(Duration.ofSeconds(20)))
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.getStatusCode().value()).isEqualTo(503));
  }
}
