package io.sahabot.tenant.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sahabot.tenant.enrichment.DirectoryProvisioner;
import io.sahabot.tenant.provisioning.Provisioned;
import io.sahabot.tenant.provisioning.Tenant;
import io.sahabot.tenant.provisioning.TenantDirectory;
import io.sahabot.testsupport.IntegrationTest;
import io.sahabot.testsupport.SharedFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A new tenant is named from its number's verified name (a local server standing in for the Graph
 * API answers {@code phone_number.response.json}), with the deployment's token; a name the business
 * gave itself is never replaced, and a Graph API that refuses leaves the placeholder.
 */
@IntegrationTest
class VerifiedNamesIT {

  private static final MockWebServer server = new MockWebServer();
  private static final Map<String, RecordedRequest> asked = new ConcurrentHashMap<>();
  private static final Map<String, Boolean> refuse = new ConcurrentHashMap<>();

  static {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String number = request.getRequestUrl().pathSegments().get(1);
            asked.put(number, request);
            if (refuse.containsKey(number)) {
              return new MockResponse()
                  .setResponseCode(401)
                  .setHeader("Content-Type", "application/json")
                  .setBody("{\"error\":{\"code\":190,\"message\":\"expired\"}}");
            }
            return new MockResponse()
                .setHeader("Content-Type", "application/json")
                .setBody(
                    new String(
                        SharedFixtures.bytes("whatsapp/graph-api/phone_number.response.json"),
                        StandardCharsets.UTF_8));
          }
        });
    try {
      server.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void graph(DynamicPropertyRegistry registry) {
    registry.add("sahabot.tenant.graph.base-url", () -> server.url("/").toString());
    registry.add("sahabot.tenant.graph.access-token", () -> "deployment-token");
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  @Autowired TenantDirectory directory;
  @Autowired VerifiedNames names;
  @Autowired ApplicationEventPublisher events;

  @Test
  void aNewTenantIsNamedFromItsNumbersVerifiedName() {
    String number = newNumber();
    DirectoryProvisioner provisioner =
        new DirectoryProvisioner(directory, Duration.ofSeconds(10), events::publishEvent);

    Provisioned provisioned = provisioner.getOrCreate(number, "+90 212 555 01 01");

    assertThat(provisioned.tenant().businessName()).isEqualTo("Tenant " + number);
    await().atMost(Duration.ofSeconds(30)).until(() -> name(number).equals("Yıldız Halı Saha"));
    RecordedRequest request = asked.get(number);
    assertThat(request.getPath())
        .isEqualTo(
            "/v23.0/" + number + "?fields=verified_name,display_phone_number,quality_rating");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer deployment-token");
    // a new version, on its way to tenant.changelog like any change
    assertThat(directory.findByPhoneNumberId(number).block(Duration.ofSeconds(10)).version())
        .isEqualTo(2);
  }

  @Test
  void aNameTheBusinessGaveItselfIsNeverReplaced() {
    String number = newNumber();
    Tenant tenant = directory.getOrCreate(number, null).block(Duration.ofSeconds(10)).tenant();
    Tenant renamed =
        directory
            .update(tenant.id(), tenant.version(), "Moda Halı Saha", null, "test")
            .block(Duration.ofSeconds(10));

    assertThat(names.name(renamed).blockOptional(Duration.ofSeconds(10))).isEmpty();
    // the placeholder seen before the business renamed itself: checked again, left alone
    assertThat(names.name(tenant).blockOptional(Duration.ofSeconds(10))).isEmpty();
    assertThat(name(number)).isEqualTo("Moda Halı Saha");
  }

  @Test
  void aGraphApiThatRefusesLeavesThePlaceholder() {
    String number = newNumber();
    refuse.put(number, true);
    Tenant tenant = directory.getOrCreate(number, null).block(Duration.ofSeconds(10)).tenant();

    assertThat(names.name(tenant).blockOptional(Duration.ofSeconds(10))).isEmpty();
    assertThat(asked).containsKey(number);
    assertThat(name(number)).isEqualTo("Tenant " + number);
  }

  private String name(String number) {
    return directory.findByPhoneNumberId(number).block(Duration.ofSeconds(10)).businessName();
  }

  private static String newNumber() {
    return Long.toString(
        100_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
  }
}
