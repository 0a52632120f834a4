package io.sahabot.tenant.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sahabot.platform.security.ServiceSecurityProperties;
import io.sahabot.schemas.agent.query.TenantUsage;
import io.sahabot.schemas.reservation.query.TenantStats;
import io.sahabot.tenant.config.TenantProperties;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.YearMonth;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The stats and usage calls against a local stub server standing in for the other services. */
class UpstreamClientTest {

  MockWebServer server = new MockWebServer();
  UpstreamClient client;
  UUID tenant = UUID.randomUUID();

  @BeforeEach
  void start() throws IOException {
    server.start();
    URI base = URI.create(server.url("/").toString());
    client = client(base);
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  @Test
  void asksReservationServiceForStatsWithTheInternalToken() throws InterruptedException {
    server.enqueue(
        json(
            200,
            """
            {"totalCustomers":3,"totalReservations":10,"activeReservations":4,
             "totalRevenue":"12000.00","currency":"TRY"}
            """));

    TenantStats stats = client.stats(tenant).block(Duration.ofSeconds(20));

    assertThat(stats.totalCustomers()).isEqualTo(3);
    assertThat(stats.totalReservations()).isEqualTo(10);
    assertThat(stats.activeReservations()).isEqualTo(4);
    assertThat(stats.totalRevenue()).isEqualTo("12000.00");
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getPath()).isEqualTo("/internal/tenants/" + tenant + "/stats");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer tenant-service-test");
  }

  @Test
  void asksReservationServiceForTheWaitlistOfTheDays() throws InterruptedException {
    server.enqueue(
        json(
            200,
            """
            {"from":"2026-12-08","to":"2026-12-09","timeZone":"Europe/Istanbul","entries":[
             {"entryId":3,"slot":{"field":"Saha 1","start":"2026-12-08T18:00:00Z",
              "end":"2026-12-08T19:00:00Z"},"customer":{"name":"Mehmet","phone":"905321112233"},
              "status":"offered","holdUntil":"2026-12-08T10:15:00Z",
              "joinedAt":"2026-12-07T09:00:00Z"}]}
            """));

    var waitlist =
        client
            .waitlist(
                tenant, java.time.LocalDate.of(2026, 12, 8), java.time.LocalDate.of(2026, 12, 9))
            .block(Duration.ofSeconds(20));

    assertThat(waitlist.entries()).hasSize(1);
    assertThat(waitlist.entries().get(0).status()).isEqualTo("offered");
    assertThat(waitlist.entries().get(0).customer().phone()).isEqualTo("905321112233");
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getPath())
        .isEqualTo("/internal/tenants/" + tenant + "/waitlist?from=2026-12-08&to=2026-12-09");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer tenant-service-test");
  }

  @Test
  void asksAgentServiceForTheMonthsUsage() throws InterruptedException {
    server.enqueue(
        json(
            200,
            "{\"month\":\"2026-11\",\"inputTokens\":100,\"outputTokens\":50,\"cost\":\"0.12\","
                + "\"reminders\":{\"told\":4,\"read\":3},\"confirmations\":{\"told\":2,\"read\":1}}"));

    TenantUsage usage = client.usage(tenant, YearMonth.of(2026, 11)).block(Duration.ofSeconds(20));

    assertThat(usage.inputTokens()).isEqualTo(100);
    assertThat(usage.totalTokens()).isEqualTo(150);
    assertThat(usage.cost()).isEqualTo("0.12");
    assertThat(usage.reminders()).isEqualTo(new TenantUsage.ReadCounts(4, 3));
    assertThat(usage.confirmations()).isEqualTo(new TenantUsage.ReadCounts(2, 1));
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getPath())
        .isEqualTo("/internal/tenants/" + tenant + "/usage?month=2026-11");
  }

  @Test
  void anUpstreamErrorIsABadGateway() {
    server.enqueue(json(500, "{\"error\":\"boom\"}"));

    assertThatThrownBy(() -> client.stats(tenant).block(Duration.ofSeconds(20)))
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY));
  }

  @Test
  void anUnreadableAnswerIsABadGateway() {
    server.enqueue(json(200, "not json"));

    assertThatThrownBy(() -> client.stats(tenant).block(Duration.ofSeconds(20)))
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY));
  }

  @Test
  void aServiceThatIsDownIsUnavailable() throws IOException {
    URI base = URI.create(server.url("/").toString());
    server.shutdown();
    UpstreamClient down = client(base);

    assertThatThrownBy(() -> down.stats(tenant).block(Duration.ofSeconds(20)))
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
  }

  @Test
  void aServiceThatDoesNotAnswerInTimeIsUnavailable() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    assertThatThrownBy(
            () -> client.usage(tenant, YearMonth.of(2026, 11)).block(Duration.ofSeconds(20)))
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
  }

  private static UpstreamClient client(URI base) {
    return client(base, Duration.ofSeconds(10));
  }

  private static UpstreamClient client(URI base, Duration timeout) {
    return new UpstreamClient(
        new TenantProperties(
            "c2FoYWJvdC1sb2NhbC1kZXYta2V5LTMyLWJ5dGVzISE=",
            base,
            base,
            timeout,
            Duration.ofSeconds(1),
            new io.sahabot.tenant.changelog.OutboxSettings(
                Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofDays(7), 100, null),
            Duration.ofSeconds(5)),
        new ServiceSecurityProperties(
            "tenant-service-test", java.util.Map.of(), java.util.List.of()));
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }
}
