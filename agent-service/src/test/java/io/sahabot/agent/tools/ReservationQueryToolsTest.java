package io.sahabot.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.invocation.InvocationParameters;
import io.sahabot.agent.fixtures.AgentSettings;
import io.sahabot.agent.turn.ButtonPayload;
import io.sahabot.agent.turn.TurnContext;
import io.sahabot.platform.security.ServiceSecurityProperties;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.MessageKind;
import io.sahabot.schemas.whatsapp.OutboundContent;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The tools read reservation-service's answers as the records of schemas: given the JSON
 * reservation-service writes (nulls included, and a property the agent does not know), what the
 * sender reads. Istanbul is UTC+3: 17:00Z is 20:00.
 */
class ReservationQueryToolsTest {

  static final UUID TENANT = UUID.fromString("6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60");
  static final String AHMET = "905454031918";

  static final Map<String, String> ANSWERS =
      Map.of(
          "/availability",
          """
          {"date":"2026-03-02","timeZone":"Europe/Istanbul","lengthMinutes":60,"fields":[
           {"field":"Saha 1","free":[
             {"start":"2026-03-02T17:00:00Z","end":"2026-03-02T18:00:00Z"},
             {"start":"2026-03-02T18:00:00Z","end":"2026-03-02T19:00:00Z"}]},
           {"field":"Saha 2","free":[]}],"addedLater":true}
          """,
          "/customers/reservations",
          """
          [{"id":1,"field":"Saha 1","customer":{"name":"Ahmet Çelik","phone":"905454031918",
            "userId":"905454031918"},"start":"2026-03-02T17:00:00Z","end":"2026-03-02T18:00:00Z",
            "status":"active","price":1000.00,"currency":"TRY"},
           {"id":2,"field":"Saha 1","customer":{"name":"Ahmet Çelik","phone":"905454031918",
            "userId":"905454031918"},"start":"2026-03-02T18:00:00Z","end":"2026-03-02T19:00:00Z",
            "status":"cancelled","price":1000.00,"currency":"TRY"}]
          """,
          "/reservations",
          """
          {"from":"2026-03-02","to":"2026-03-02","timeZone":"Europe/Istanbul","reservations":[
           {"id":7,"field":"Saha 2","customer":{"name":null,"phone":null,"userId":"905320001122"},
            "start":"2026-03-02T17:00:00Z","end":"2026-03-02T18:30:00Z","status":"active",
            "price":1500.00,"currency":"TRY"}]}
          """,
          "/reports/sales",
          """
          {"from":"2026-03-02","to":"2026-03-02","timeZone":"Europe/Istanbul","reservations":2,
           "hoursSold":"2.00","revenue":"2000.00","currency":"TRY","openHours":"30.00",
           "occupancyRate":"0.0667","noShows":0}
          """,
          "/reports/loyal-customers",
          """
          {"from":"2025-12-02","to":"2026-03-02","currency":"TRY","customers":[
           {"customerId":1,"name":"Ahmet Çelik","phone":"905454031918","userId":"905454031918",
            "bookings":2,"hours":"2.00","spend":"2000.00"},
           {"customerId":2,"name":null,"phone":"905320001122","userId":"905320001122",
            "bookings":1,"hours":"1.50","spend":"1500.00"}]}
          """,
          "/reports/cancellations",
          """
          {"from":"2025-12-02","to":"2026-03-02","customers":[
           {"customerId":2,"name":"Mehmet","phone":null,"userId":"905320001122","bookings":1,
            "cancellations":1,"cancellationRate":"1.0000","noShows":0}]}
          """,
          "/reports/peak-hours",
          """
          {"from":"2025-12-02","to":"2026-03-02","timeZone":"Europe/Istanbul","hours":[
           {"weekday":"MONDAY","hour":20,"bookings":1},{"weekday":"FRIDAY","hour":21,"bookings":3}]}
          """);

  final MockWebServer reservationService = new MockWebServer();
  CustomerTools customerTools;
  OwnerTools ownerTools;

  @BeforeEach
  void start() throws IOException {
    reservationService.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getRequestUrl().encodedPath();
            return ANSWERS.entrySet().stream()
                .filter(answer -> path.equals("/internal/tenants/" + TENANT + answer.getKey()))
                .findFirst()
                .map(
                    answer ->
                        new MockResponse()
                            .setHeader("Content-Type", "application/json")
                            .setBody(answer.getValue()))
                .orElse(new MockResponse().setResponseCode(404));
          }
        });
    reservationService.start();
    var properties =
        AgentSettings.with(
            Map.of(
                "max-in-flight", "1",
                "model-concurrency", "1",
                "command-timeout", "5s",
                "reservation-service-url", reservationService.url("/").toString(),
                "listener-concurrency", "1"));
    var security = new ServiceSecurityProperties("local-agent-token", Map.of(), List.of());
    var queries = new ReservationQueries(WebClient.builder(), properties, security);
    customerTools = new CustomerTools(queries, null, Clock.systemUTC());
    ownerTools = new OwnerTools(queries, null, customerTools, Clock.systemUTC());
  }

  @AfterEach
  void stop() throws IOException {
    reservationService.shutdown();
  }

  @Test
  void availabilityIsAFreeFieldForATimeWithinTheFreeSlotsAndTheSlotsOfADay() {
    String at2030 = customerTools.checkAvailability("2026-03-02", "20:30", null, turn());
    String at2200 = customerTools.checkAvailability("2026-03-02", "22:00", "", turn());
    String day = customerTools.checkAvailability("2026-03-02", null, null, turn());

    assertThat(at2030).startsWith("✅ Saha 1 ").contains("20:30 boş");
    assertThat(at2200).startsWith("❌ ").contains("22:00 dolu");
    assertThat(day).endsWith("boş saatler:\nSaha 1: 20:00, 21:00");
  }

  @Test
  void myReservationsAreTheActiveOnes() {
    assertThat(customerTools.myReservations(turn()))
        .isEqualTo("Rezervasyonlarınız:\n• Saha 1 Pazartesi 02.03 20:00–21:00");
  }

  @Test
  void theOwnerConfirmsACancellationOfACustomerKnownByUserIdOnly() {
    TurnContext turn = new TurnContext(message(), tenant(), true, at(), false);
    String question =
        ownerTools.cancelReservation(
            "2026-03-02", "2026-03-02T20:00", InvocationParameters.from(TurnContext.KEY, turn));

    assertThat(question)
        .isEqualTo(
            "905320001122 adına Saha 2, Saha 2 Pazartesi 02.03 20:00–21:30 rezervasyonu iptal"
                + " edilsin mi?");
    assertThat(turn.attachments())
        .singleElement()
        .isInstanceOfSatisfying(
            OutboundContent.Buttons.class,
            b ->
                assertThat(b.buttons().get(0).id())
                    .isEqualTo(new ButtonPayload.ConfirmCancel(7).encode()));
  }

  @Test
  void reportsReadTheirFigures() {
    assertThat(ownerTools.salesReport("2026-03-02", "2026-03-02", turn()))
        .endsWith(": 2 rezervasyon, 2.00 saat satıldı, gelir 2000.00 TRY, doluluk %7.");
    String loyal = ownerTools.loyalCustomers(null, "2026-03-02", turn());
    String cancellers = ownerTools.cancellationRanking(null, "2026-03-02", turn());
    String peaks = ownerTools.peakHours(null, "2026-03-02", turn());

    // plain sentences: the period, weekdays and figures in words, never MONDAY or 2026-03-02
    assertThat(loyal)
        .isEqualTo(
            "En sadık müşteriler (2 Aralık 2025 – 2 Mart 2026):\n"
                + "• Ahmet Çelik: 2 rezervasyon, 2 saat, 2.000 TRY\n"
                + "• 905320001122: 1 rezervasyon, 1,5 saat, 1.500 TRY");
    assertThat(cancellers).endsWith(":\n• Mehmet: 1 iptal, 0 gelmedi; toplam 1 rezervasyon (%100)");
    assertThat(peaks)
        .isEqualTo(
            "En yoğun saatler (2 Aralık 2025 – 2 Mart 2026):\n"
                + "• Cuma 21:00–22:00: 3 rezervasyon\n"
                + "• Pazartesi 20:00–21:00: 1 rezervasyon");
    for (String text : java.util.List.of(loyal, cancellers, peaks)) {
      assertThat(text)
          .doesNotContainPattern("MONDAY|FRIDAY|[A-Z]{5,}DAY")
          .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
    }
  }

  @Test
  void reportsReadInEnglishToo() {
    tools.jackson.databind.node.ObjectNode settings =
        io.sahabot.schemas.Json.mapper().valueToTree(TenantSettings.defaults());
    settings.put("language", "en-GB");
    TenantSnapshot english =
        new TenantSnapshot(
            "snap-2",
            Instant.now(),
            TENANT,
            null,
            "106540352242922",
            null,
            "Star",
            true,
            io.sahabot.schemas.Json.mapper().treeToValue(settings, TenantSettings.class),
            1);
    InvocationParameters turn =
        InvocationParameters.from(
            TurnContext.KEY, new TurnContext(message(), english, false, at(), false));

    assertThat(ownerTools.peakHours(null, "2026-03-02", turn))
        .isEqualTo(
            "Busiest hours (2 December 2025 – 2 March 2026):\n"
                + "• Friday 21:00–22:00: 3 bookings\n"
                + "• Monday 20:00–21:00: 1 booking");
    assertThat(ownerTools.loyalCustomers(null, "2026-03-02", turn))
        .endsWith(
            ":\n• Ahmet Çelik: 2 bookings, 2 hours, 2,000 TRY\n"
                + "• 905320001122: 1 booking, 1.5 hours, 1,500 TRY");
  }

  static InvocationParameters turn() {
    return InvocationParameters.from(
        TurnContext.KEY, new TurnContext(message(), tenant(), false, at(), false));
  }

  static java.time.ZonedDateTime at() {
    return Instant.parse("2026-03-02T09:00:00Z").atZone(ZoneId.of("Europe/Istanbul"));
  }

  static TenantSnapshot tenant() {
    TenantSettings defaults = TenantSettings.defaults();
    return new TenantSnapshot(
        "snap-1",
        Instant.now(),
        TENANT,
        null,
        "106540352242922",
        null,
        "Yıldız",
        true,
        defaults,
        1);
  }

  static InboundMessage message() {
    return new InboundMessage(
        "evt-1",
        Instant.now(),
        TENANT,
        "dlv-1",
        "106540352242922",
        null,
        AHMET,
        AHMET,
        null,
        "Ahmet",
        "wamid.1",
        Instant.now(),
        MessageKind.TEXT,
        "merhaba",
        null,
        null,
        null,
        null,
        List.of(),
        null,
        null);
  }
}
