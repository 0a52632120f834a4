package io.sahabot.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sahabot.testsupport.MetaWebhooks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Through all four services, as their jars, on the shared broker and database: signed webhooks in
 * (as Meta signs them), Graph API calls out (the recording sink), the offline model in between.
 */
@ExtendWith(RunningSystem.Extension.class)
class EndToEndIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration REPLY = Duration.ofSeconds(60);

  /** Every call to a service is bounded: one that does not answer fails its test by name. */
  private static final Duration CALL = Duration.ofSeconds(20);

  private static final Path DIAGNOSTICS = Path.of("target", "e2e-diagnostics").toAbsolutePath();

  private static Services.Ports ports;
  private static RunningSystem system;

  /**
   * When a test fails, every service's metrics as they stand (webhooks in, records enriched, turns,
   * messages sent) go to {@code target/e2e-diagnostics/}, beside the services' logs.
   */
  @RegisterExtension
  static final AfterTestExecutionCallback METRICS_ON_FAILURE =
      context -> {
        if (context.getExecutionException().isEmpty() || ports == null) {
          return;
        }
        Files.createDirectories(DIAGNOSTICS);
        Map<String, Integer> services =
            Map.of(
                "ingress-service", ports.ingress(),
                "tenant-service", ports.tenant(),
                "agent-service", ports.agent(),
                "reservation-service", ports.reservation());
        for (Map.Entry<String, Integer> service : services.entrySet()) {
          Path file =
              DIAGNOSTICS.resolve(
                  context.getRequiredTestMethod().getName() + "." + service.getKey() + ".prom");
          try {
            HttpResponse<String> metrics =
                HTTP.send(
                    HttpRequest.newBuilder(
                            URI.create(
                                "http://localhost:" + service.getValue() + "/actuator/prometheus"))
                        .timeout(CALL)
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
            Files.writeString(file, metrics.body());
          } catch (IOException e) {
            Files.writeString(file, "# no answer: " + e);
          }
        }
      };

  @BeforeAll
  static void theSystem(RunningSystem running) {
    system = running;
    ports = running.ports();
  }

  /**
   * Issue 14's fault: reservation-service dies (SIGKILL) while 50 customers' booking requests are
   * in flight and comes back 5 s later. Every customer gets exactly one final outcome, told by the
   * turn when it came in time and by the outcome notifier when it came later, and no customer's
   * last message is a promise.
   */
  @Test
  void reservationServiceKilledWithBookingsInFlightEveryCustomerIsToldOnce() throws Exception {
    String business = "700000000050";
    say(business, "905320019999", "merhaba");
    awaitReply(business, "905320019999", 1);
    // 12:00 to 22:00 only: the offline model reads an hour before noon as the evening
    String[] days = {"Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi"};
    List<String> customers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String customer = String.format(java.util.Locale.ROOT, "9053200100%02d", i);
      customers.add(customer);
      int hour = 12 + i % 11;
      say(
          business,
          customer,
          String.format(
              java.util.Locale.ROOT,
              "%s %02d:00-%02d:00 için saha ayırmak istiyorum",
              days[i / 11],
              hour,
              hour + 1));
      if (i == 9) {
        system.kill("reservation-service");
      }
    }
    await().pollDelay(Duration.ofSeconds(5)).until(() -> true);
    system.restart("reservation-service");

    for (String customer : customers) {
      List<JsonNode> told =
          await()
              .atMost(Duration.ofMinutes(3))
              .pollInterval(Duration.ofSeconds(1))
              .until(
                  () -> replies(business, customer),
                  r -> r.stream().anyMatch(m -> m.toString().contains("onaylandı")));
      assertThat(told.stream().filter(m -> m.toString().contains("onaylandı")).count())
          .as(customer + " is told its confirmation once: " + told)
          .isEqualTo(1);
      assertThat(told.get(told.size() - 1).toString())
          .as(customer + "'s last message is the outcome, not a promise: " + told)
          .contains("onaylandı");
    }
    assertThat(
            tenantApi("GET", "/api/tenants/" + tenantId(business) + "/stats", null)
                .path("activeReservations")
                .asLong())
        .isEqualTo(50);
  }

  @Test
  void twoBusinessesBookTheSameCustomerAtTheSameTimeAndEachSeesOnlyItsOwn() throws Exception {
    say("699317973274146", "905454031918", "Pazartesi 20:00-21:00 için saha ayırmak istiyorum");
    say("699999999999", "905454031918", "Pazartesi 20:00-21:00 için saha ayırmak istiyorum");

    assertThat(awaitReply("699317973274146", "905454031918", 1).get(0).toString())
        .contains("onaylandı");
    assertThat(awaitReply("699999999999", "905454031918", 1).get(0).toString())
        .contains("onaylandı");
    for (String business : List.of("699317973274146", "699999999999")) {
      JsonNode stats = tenantApi("GET", "/api/tenants/" + tenantId(business) + "/stats", null);
      assertThat(stats.path("totalCustomers").asLong()).as(business).isEqualTo(1);
      assertThat(stats.path("totalReservations").asLong()).as(business).isEqualTo(1);
    }
  }

  @Test
  void theSecondCustomerForASlotIsOfferedAlternativesAndBooksOne() throws Exception {
    String business = "700000000001";
    say(business, "905320000001", "Salı akşam 9 rezervasyon");
    assertThat(awaitReply(business, "905320000001", 1).get(0).toString()).contains("onaylandı");

    say(business, "905320000002", "Salı akşam 9 rezervasyon");
    JsonNode offer = awaitReply(business, "905320000002", 1).get(0);
    assertThat(offer.path("type").asText()).isEqualTo("interactive");
    JsonNode row =
        offer.path("interactive").path("action").path("sections").get(0).path("rows").get(0);
    tap(
        business,
        "905320000002",
        "list_reply",
        row.path("id").asText(),
        row.path("title").asText());

    // the taken slot's reply is the list of free slots and the offer to join its waitlist
    List<JsonNode> replies = awaitReply(business, "905320000002", 3);
    assertThat(replies.get(1).toString()).contains("Sıraya gir");
    assertThat(replies.get(2).toString()).contains("onaylandı");
    assertThat(
            tenantApi("GET", "/api/tenants/" + tenantId(business) + "/stats", null)
                .path("activeReservations")
                .asLong())
        .isEqualTo(2);
  }

  @Test
  void theSameWebhookDeliveredTwiceGivesOneReplyAndOneReservation() throws Exception {
    String business = "700000000002";
    String body = webhook(business, "905320000003", text("Çarşamba 19:00-20:00 ayır"));

    post(body);
    post(body);

    awaitReply(business, "905320000003", 1);
    await()
        .during(Duration.ofSeconds(8))
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(replies(business, "905320000003")).hasSize(1));
    assertThat(
            tenantApi("GET", "/api/tenants/" + tenantId(business) + "/stats", null)
                .path("totalReservations")
                .asLong())
        .isEqualTo(1);
  }

  @Test
  void aDeactivatedBusinessGetsNoReplyAndNothingIsBooked() throws Exception {
    String business = "700000000003";
    say(business, "905320000004", "merhaba");
    awaitReply(business, "905320000004", 1);
    String id = tenantId(business);

    tenantApi("POST", "/api/tenants/" + id + "/deactivate", "");
    say(business, "905320000004", "Perşembe 20:00-21:00 ayır");

    await()
        .during(Duration.ofSeconds(10))
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(replies(business, "905320000004")).hasSize(1));
    assertThat(
            tenantApi("GET", "/api/tenants/" + id + "/stats", null)
                .path("totalReservations")
                .asLong())
        .isZero();
  }

  @Test
  void theOwnerBooksForACustomerAndGetsTheWeeksTableAndSales() throws Exception {
    String business = "700000000004";
    String owner = "905329990000";
    say(business, "905320000005", "merhaba");
    awaitReply(business, "905320000005", 1);
    String id = tenantId(business);
    ObjectNode tenant = (ObjectNode) tenantApi("GET", "/api/tenants/" + id, null);
    ObjectNode settings = (ObjectNode) tenant.path("settings");
    settings.putArray("adminNumbers").add(owner);
    tenantApi(
        "PATCH",
        "/api/tenants/" + id,
        JSON.writeValueAsString(JSON.createObjectNode().set("settings", settings)));

    // the new admin reaches the agent through tenant.changelog: ask an owner-only question until
    // it is answered as the owner's
    await()
        .atMost(REPLY)
        .pollInterval(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              say(business, owner, "Bu hafta kaç saat sattım?");
              assertThat(replies(business, owner).toString()).contains("saat satıldı");
            });

    // earlier probes may still be answered: look for each answer, not at a position
    say(business, owner, "Cuma 19:00-20:00 Mehmet Kaya için rezervasyon, numarası 0532 111 22 33");
    await()
        .atMost(REPLY)
        .untilAsserted(
            () ->
                assertThat(replies(business, owner).toString())
                    .contains("Mehmet Kaya için rezervasyon onaylandı"));

    say(business, owner, "Bu haftanın tablosunu göster");
    await()
        .atMost(REPLY)
        .untilAsserted(
            () ->
                assertThat(replies(business, owner))
                    .anySatisfy(m -> assertThat(m.path("type").asText()).isEqualTo("image")));
  }

  @Test
  void aCustomerCancelsTheirReservation() throws Exception {
    String business = "700000000005";
    say(business, "905320000006", "Cumartesi 18:00-19:00 ayır");
    assertThat(awaitReply(business, "905320000006", 1).get(0).toString()).contains("onaylandı");

    say(business, "905320000006", "Cumartesi rezervasyonumu iptal et");

    assertThat(awaitReply(business, "905320000006", 2).get(1).toString()).contains("iptal edildi");
    assertThat(
            tenantApi("GET", "/api/tenants/" + tenantId(business) + "/stats", null)
                .path("activeReservations")
                .asLong())
        .isZero();
  }

  /**
   * Issue 17: a username user (known only by a business-scoped user id) books and is answered in
   * {@code recipient}; later the same person writes from their phone with the user id present, and
   * then changes number: one customer, one history (reservations and conversation) throughout.
   */
  @Test
  void aUsernameUserWhoLaterWritesFromTheirPhoneIsOneCustomerWithOneHistory() throws Exception {
    String business = "700000000017";
    String bsuid = "TR.80012345678901234567";
    String phone = "905320000017";
    post(
        webhookOf(business, null, bsuid, text("Perşembe 19:00-20:00 için saha ayırmak istiyorum")));
    JsonNode booked = awaitReply(business, bsuid, 1).get(0);
    assertThat(booked.path("recipient").asText()).isEqualTo(bsuid);
    assertThat(booked.has("to")).as(booked.toString()).isFalse();
    assertThat(booked.toString()).contains("onaylandı");

    post(webhookOf(business, phone, bsuid, text("rezervasyonlarım")));
    JsonNode mine = awaitReply(business, phone, 1).get(0);
    assertThat(mine.path("to").asText()).isEqualTo(phone);
    assertThat(mine.toString()).as("the reservation booked as a username").contains("19:00");

    post(webhookOf(business, phone, bsuid, text("Cuma 19:00-20:00 ayır")));
    assertThat(awaitReply(business, phone, 2).get(1).toString()).contains("onaylandı");

    String tenant = tenantId(business);
    JsonNode stats = tenantApi("GET", "/api/tenants/" + tenant + "/stats", null);
    assertThat(stats.path("totalCustomers").asLong()).isEqualTo(1);
    assertThat(stats.path("totalReservations").asLong()).isEqualTo(2);
    List<String> histories =
        ownerQuery(
            "SELECT user_id || ' ' || messages::text FROM conversation_messages"
                + " WHERE tenant_id = '"
                + tenant
                + "'");
    assertThat(histories).hasSize(1);
    assertThat(histories.get(0))
        .startsWith(bsuid + " ")
        .contains("Perşembe 19:00-20:00")
        .contains("rezervasyonlarım")
        .contains("Cuma 19:00-20:00");

    // the user changes number (and so user id): the new number is the same customer
    String newPhone = "905320000018";
    String newBsuid = "TR.80012345678901234568";
    ObjectNode changed = JSON.createObjectNode().put("type", "system");
    changed
        .putObject("system")
        .put("body", "User changed from " + phone + " to " + newPhone)
        .put("type", "user_changed_number")
        .put("wa_id", newPhone)
        .put("user_id", newBsuid)
        .put("previous_user_id", bsuid);
    post(webhookOf(business, phone, null, changed));
    await()
        .atMost(REPLY)
        .until(
            () ->
                ownerQuery(
                    "SELECT person FROM user_identities WHERE tenant_id = '"
                        + tenant
                        + "' AND address = '"
                        + newPhone
                        + "'"),
            persons -> persons.equals(List.of(bsuid)));
    post(webhookOf(business, newPhone, newBsuid, text("rezervasyonlarım")));
    String after = awaitReply(business, newPhone, 1).get(0).toString();
    assertThat(after).contains("19:00");
    assertThat(
            tenantApi("GET", "/api/tenants/" + tenant + "/stats", null)
                .path("totalCustomers")
                .asLong())
        .isEqualTo(1);
  }

  private static List<String> ownerQuery(String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (java.sql.Connection c =
            io.sahabot.testsupport.SahaBotInfrastructure.get().database().connectAsOwner();
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  /**
   * A webhook from a user known by {@code phone} and/or {@code bsuid} (a username user: no phone);
   * a system message carries no contacts.
   */
  private static String webhookOf(String business, String phone, String bsuid, ObjectNode message) {
    String body = webhook(business, phone == null ? "000000000000" : phone, message);
    JsonNode root = JSON.readTree(body);
    ObjectNode value = (ObjectNode) root.path("entry").get(0).path("changes").get(0).path("value");
    ObjectNode sent = (ObjectNode) value.path("messages").get(0);
    ObjectNode contact = (ObjectNode) value.path("contacts").get(0);
    if (phone == null) {
      sent.remove("from");
      sent.put("from_user_id", bsuid);
      contact.remove("wa_id");
    }
    if (bsuid != null) {
      contact.put("user_id", bsuid);
    }
    if ("system".equals(sent.path("type").asText())) {
      value.remove("contacts");
    }
    return new String(MetaWebhooks.escaped(root), StandardCharsets.US_ASCII);
  }

  /**
   * Issue 18's data rights through all four services: a customer gets their data, is told to cancel
   * an upcoming booking before the erasure, and once it is played erases their data: every report's
   * totals stay as they were (stats, sales, the monthly CSV) and no table holds their phone or
   * name.
   */
  @Test
  void aCustomerGetsAndErasesTheirDataAndTheFiguresStayTheSame() throws Exception {
    String business = "700000000018";
    String customer = "905320000018";
    String name = "Müşteri 0018"; // the profile name webhook() sends
    say(business, customer, "Cumartesi 18:00-19:00 ayır");
    assertThat(awaitReply(business, customer, 1).get(0).toString()).contains("onaylandı");
    String id = tenantId(business);

    say(business, customer, "Verilerimi gönder");
    assertThat(awaitReply(business, customer, 2).get(1).toString())
        .contains(name)
        .contains("+" + customer)
        .contains("Rezervasyonlar (1)");

    say(business, customer, "Verilerimi sil");
    List<JsonNode> asked = awaitReply(business, customer, 4);
    assertThat(asked.get(3).toString()).contains("erase-data").contains("Evet, sil");
    tap(business, customer, "button_reply", "erase-data", "Evet, sil");
    assertThat(awaitReply(business, customer, 5).get(4).toString())
        .contains("Yaklaşan rezervasyonlarınız var");

    // the game is played: two weeks earlier, written past row-level security
    java.time.LocalDate played = shiftIntoThePast(id, 14);
    String month = java.time.YearMonth.from(played).toString();
    String sales = "/api/tenants/" + id + "/stats";
    JsonNode statsBefore = tenantApi("GET", sales, null);
    String csvBefore = csv(id, month);
    assertThat(csvBefore).contains("\r\ntotal," + month + ",,,1,1.00,");

    tap(business, customer, "button_reply", "erase-data", "Evet, sil");
    assertThat(awaitReply(business, customer, 6).get(5).toString()).contains("silindi");

    assertThat(tenantApi("GET", sales, null)).isEqualTo(statsBefore);
    assertThat(csv(id, month)).isEqualTo(csvBefore);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(rowsNaming(id, customer)).isEmpty());
    assertThat(rowsNaming(id, name)).isEmpty();
    // the reservation and the customer row stay, anonymous: the stats above count them
    assertThat(statsBefore.path("totalReservations").asLong()).isEqualTo(1);
    assertThat(statsBefore.path("totalCustomers").asLong()).isEqualTo(1);
    String operators = "/api/tenants/" + id + "/customers/" + customer + "/data";
    assertThat(tenantApi("GET", operators, null).path("customers")).isEmpty();
    assertThat(tenantApi("DELETE", operators, null).path("erased").asBoolean()).isTrue();
  }

  /** Moves the tenant's reservations {@code days} back; the new day of the first. */
  private static java.time.LocalDate shiftIntoThePast(String tenant, int days) throws Exception {
    try (var c = io.sahabot.testsupport.SahaBotInfrastructure.get().database().connectAsOwner();
        var s =
            c.prepareStatement(
                "UPDATE reservations SET start_time = start_time - make_interval(days => ?),"
                    + " end_time = end_time - make_interval(days => ?) WHERE tenant_id = ?"
                    + " RETURNING (start_time AT TIME ZONE 'Europe/Istanbul')::date")) {
      s.setInt(1, days);
      s.setInt(2, days);
      s.setObject(3, UUID.fromString(tenant));
      try (var rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getObject(1, java.time.LocalDate.class);
      }
    }
  }

  private static String csv(String tenant, String month) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:"
                            + ports.tenant()
                            + "/api/tenants/"
                            + tenant
                            + "/reports/monthly.csv?month="
                            + month))
                .header("Authorization", "Bearer local-admin-token")
                .timeout(CALL)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  /** Every row of the tenant in every table with a {@code tenant_id} that contains the needle. */
  private static List<String> rowsNaming(String tenant, String needle) throws Exception {
    List<String> found = new ArrayList<>();
    try (var c = io.sahabot.testsupport.SahaBotInfrastructure.get().database().connectAsOwner()) {
      List<String> tables = new ArrayList<>();
      try (var s =
              c.prepareStatement(
                  "SELECT c.table_name FROM information_schema.columns c JOIN"
                      + " information_schema.tables t ON t.table_schema = c.table_schema AND"
                      + " t.table_name = c.table_name WHERE c.table_schema = 'public' AND"
                      + " c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'");
          var rs = s.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String table : tables) {
        try (var s =
            c.prepareStatement(
                "SELECT t::text FROM "
                    + table
                    + " t WHERE t.tenant_id = ? AND lower(t::text) LIKE lower(?)")) {
          s.setObject(1, UUID.fromString(tenant));
          s.setString(2, "%" + needle + "%");
          try (var rs = s.executeQuery()) {
            while (rs.next()) {
              found.add(table + ": " + rs.getString(1));
            }
          }
        }
      }
    }
    return found;
  }

  // ---- a small WhatsApp test DSL -------------------------------------------------------------

  @Test
  void explainShowsHowTheAgentUnderstandsATextWithoutWritingAnything() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        SahaBotLocal.run(
            List.of(
                "explain",
                "Yarın akşam 9'da 1 saatlik rezervasyon",
                "--at",
                "2026-11-27T10:00+03:00",
                "--agent-url",
                "http://localhost:" + ports.agent()),
            Map.of(),
            new PrintStream(out, true),
            new PrintStream(err, true));

    assertThat(code).as(err.toString()).isZero();
    JsonNode explanation = JSON.readTree(out.toString());
    assertThat(explanation.path("toolCalls").get(0).path("name").asText()).isEqualTo("bookSlot");
    assertThat(explanation.path("toolCalls").get(0).path("arguments").path("start").asText())
        .isEqualTo("2026-11-28T21:00");
    assertThat(explanation.path("reply").asText()).isNotBlank();

    err.reset();
    code =
        SahaBotLocal.run(
            List.of(
                "explain",
                "merhaba",
                "--agent-url",
                "http://localhost:" + ports.agent(),
                "--token",
                "wrong"),
            Map.of(),
            new PrintStream(new ByteArrayOutputStream(), true),
            new PrintStream(err, true));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("401");
  }

  private static void say(String business, String from, String text) throws Exception {
    post(webhook(business, from, text(text)));
  }

  private static void tap(String business, String from, String kind, String id, String title)
      throws Exception {
    ObjectNode interactive = JSON.createObjectNode().put("type", kind);
    interactive.putObject(kind).put("id", id).put("title", title);
    ObjectNode message = JSON.createObjectNode().put("type", "interactive");
    message.set("interactive", interactive);
    post(webhook(business, from, message));
  }

  private static ObjectNode text(String body) {
    ObjectNode message = JSON.createObjectNode().put("type", "text");
    message.putObject("text").put("body", body);
    return message;
  }

  /** A webhook body in Meta's shape, non-ASCII escaped as Meta escapes it. */
  private static String webhook(String business, String from, ObjectNode message) {
    message
        .put("from", from)
        .put("id", "wamid.e2e." + UUID.randomUUID())
        .put("timestamp", Long.toString(Instant.now().getEpochSecond()));
    ObjectNode value = JSON.createObjectNode().put("messaging_product", "whatsapp");
    value
        .putObject("metadata")
        .put("display_phone_number", "90555" + business.substring(business.length() - 7))
        .put("phone_number_id", business);
    value
        .putArray("contacts")
        .addObject()
        .put("wa_id", from)
        .putObject("profile")
        .put("name", "Müşteri " + from.substring(8));
    value.putArray("messages").add(message);
    ObjectNode root = JSON.createObjectNode().put("object", "whatsapp_business_account");
    ObjectNode change =
        root.putArray("entry")
            .addObject()
            .put("id", "e2e")
            .putArray("changes")
            .addObject()
            .put("field", "messages");
    change.set("value", value);
    return new String(MetaWebhooks.escaped(root), StandardCharsets.US_ASCII);
  }

  private static void post(String body) throws Exception {
    String signature =
        MetaWebhooks.signature(body.getBytes(StandardCharsets.US_ASCII), "dev-app-secret");
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + ports.ingress() + "/webhook"))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", signature)
                .timeout(CALL)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  /** What the Graph API would have been sent for this recipient of this business, oldest first. */
  private static List<JsonNode> replies(String business, String to) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:"
                            + ports.ingress()
                            + "/recorded?phoneNumberId="
                            + business
                            + "&to="
                            + to))
                .timeout(CALL)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    List<JsonNode> bodies = new ArrayList<>();
    JSON.readTree(response.body()).path("messages").forEach(m -> bodies.add(m.path("body")));
    return bodies;
  }

  private static List<JsonNode> awaitReply(String business, String to, int count) {
    return await()
        .atMost(REPLY)
        .pollInterval(Duration.ofMillis(300))
        .until(() -> replies(business, to), r -> r.size() >= count);
  }

  private static String tenantId(String business) throws Exception {
    JsonNode page = tenantApi("GET", "/api/tenants?size=100", null);
    for (JsonNode t : page.path("items")) {
      if (t.path("phoneNumberId").asText().equals(business)) {
        return t.path("id").asText();
      }
    }
    throw new AssertionError("no tenant for " + business);
  }

  private static JsonNode tenantApi(String method, String path, String body) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + ports.tenant() + path))
                .header("Authorization", "Bearer local-admin-token")
                .header("Content-Type", "application/json")
                .timeout(CALL)
                .method(
                    method,
                    body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as(method + " " + path + ": " + response.body())
        .isBetween(200, 299);
    return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
  }
}
