package io.sahabot.agent.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.agent.fixtures.AgentSettings;
import io.sahabot.agent.offline.OfflineChatModel;
import io.sahabot.agent.offline.domain.LanguageGuess;
import io.sahabot.agent.tools.CustomerTools;
import io.sahabot.agent.tools.OwnerTools;
import io.sahabot.agent.tools.ReservationQueries;
import io.sahabot.platform.security.ServiceSecurityProperties;
import io.sahabot.platform.tenants.TenantSnapshots;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.testsupport.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every dialogue of {@code shared/fixtures/conversations/dialogues.jsonl} and every utterance of
 * {@code utterances.jsonl} (each a dialogue of one turn) through the turn's own path: the dialogue
 * step, the offline model through langchain4j with the conversation's memory, the real tools in dry
 * run against a reservation-service on a mock server (every hour of every day free on both fields;
 * the dialogue's own dry-run bookings are its reservations). The facts of the fixtures' README:
 * Friday 2026-11-27 10:00 in Istanbul, Saha 1 and Saha 2. No reply mixes two languages.
 */
class DialoguesTest {

  static final OffsetDateTime FRIDAY_10 = OffsetDateTime.parse("2026-11-27T10:00:00+03:00");
  static final UUID TENANT = UUID.fromString("0b7e2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f61");
  static final JsonMapper JSON = JsonMapper.builder().build();

  final MockWebServer reservationService = new MockWebServer();
  ExplainService explain;

  @BeforeEach
  void start() throws IOException {
    reservationService.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getRequestUrl().encodedPath();
            String body =
                path.endsWith("/availability")
                    ? allFree(LocalDate.parse(request.getRequestUrl().queryParameter("date")))
                    : path.endsWith("/customers/reservations")
                        ? "[]"
                        : path.endsWith("/customers") ? customers(request) : null;
            return body == null
                ? new MockResponse().setResponseCode(404)
                : new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
          }
        });
    reservationService.start();
    var properties =
        AgentSettings.with(
            Map.of("reservation-service-url", reservationService.url("/").toString()));
    var queries =
        new ReservationQueries(
            WebClient.builder(),
            properties,
            new ServiceSecurityProperties("local-agent-token", Map.of(), List.of()));
    CustomerTools customerTools = new CustomerTools(queries, null, Clock.systemUTC());
    TenantSnapshots tenants = new TenantSnapshots(Map.of(), "test");
    TenantSettings d = TenantSettings.defaults();
    tenants.put(
        new TenantSnapshot(
            "dialogues",
            Instant.parse("2026-11-01T00:00:00Z"),
            TENANT,
            null,
            "pn-dialogues",
            null,
            "Yıldız Halı Saha",
            true,
            new TenantSettings(
                d.timeZone(),
                "tr",
                d.currency(),
                d.pricePerHour(),
                List.of(),
                d.openingHours(),
                60,
                List.of("Saha 1", "Saha 2"),
                List.of("900000000000"),
                null,
                null,
                null),
            1));
    explain =
        new ExplainService(
            new OfflineChatModel(),
            customerTools,
            new OwnerTools(queries, null, customerTools, Clock.systemUTC()),
            tenants,
            Clock.systemUTC(),
            AgentSettings.forUnitTests());
  }

  @AfterEach
  void stop() throws IOException {
    reservationService.shutdown();
  }

  /** One known customer: Veli Can, 0555 111 22 33. */
  static String customers(RecordedRequest request) {
    String q = request.getRequestUrl().queryParameter("q");
    return "Veli Can".equalsIgnoreCase(q)
        ? "[{\"id\":3,\"name\":\"Veli Can\",\"phone\":\"905551112233\",\"userId\":\"905551112233\","
            + "\"reservations\":4,\"lastStart\":null}]"
        : "[]";
  }

  /** Both fields free from 09:00 to 24:00 on {@code date}, in one-hour slots. */
  static String allFree(LocalDate date) {
    List<String> slots = new ArrayList<>();
    for (int h = 9; h < 24; h++) {
      Instant s = date.atTime(h, 0).atZone(ZoneId.of("Europe/Istanbul")).toInstant();
      slots.add("{\"start\":\"" + s + "\",\"end\":\"" + s.plusSeconds(3600) + "\"}");
    }
    String free = String.join(",", slots);
    return """
        {"date":"%s","timeZone":"Europe/Istanbul","lengthMinutes":60,"fields":[
         {"field":"Saha 1","free":[%s]},{"field":"Saha 2","free":[%s]}]}
        """
        .formatted(date, free, free);
  }

  @Test
  void everyDialogueOfTheFixtureTurnByTurn() throws IOException {
    List<String> failures = new ArrayList<>();
    int turns = 0;
    for (String line : lines("conversations/dialogues.jsonl")) {
      JsonNode d = JSON.readTree(line);
      List<DialogueRequest.Turn> asked = new ArrayList<>();
      for (JsonNode t : d.path("turns")) {
        asked.add(new DialogueRequest.Turn(t.path("text").asText(), expect(t.path("expect"))));
      }
      turns += asked.size();
      DialogueRun run = run(d.path("id").asText(), d.path("role").asText(), asked);
      failures.addAll(failures(run));
    }
    System.out.printf("Dialogues: %d of %d turns as expected%n", turns - failures.size(), turns);
    failures.forEach(f -> System.out.println("  MISSED " + f));
    assertThat(failures).isEmpty();
  }

  @Test
  void everyUtteranceOfTheFixtureAsAOneTurnDialogue() throws IOException {
    List<String> failures = new ArrayList<>();
    List<String> lines = lines("conversations/utterances.jsonl");
    for (String line : lines) {
      JsonNode c = JSON.readTree(line);
      DialogueRun run =
          run(
              c.path("id").asText(),
              c.path("role").asText(),
              List.of(new DialogueRequest.Turn(c.path("text").asText(), expect(c.path("expect")))));
      failures.addAll(failures(run));
    }
    System.out.printf(
        "Utterances through the turn: %d of %d as expected%n",
        lines.size() - failures.size(), lines.size());
    failures.forEach(f -> System.out.println("  MISSED " + f));
    assertThat(failures).isEmpty();
  }

  @Test
  void theIssuesConsoleConversationBooksOnYesInEitherLanguage() {
    DialogueRun tr =
        run("issue-tr", "customer", List.of(turn("Cumartesi akşam 8 boş mu?"), turn("evet")));
    assertThat(tr.turns().get(0).reply()).contains("boş").contains("Ayırmamı");
    assertThat(tr.turns().get(1).toolCalls())
        .containsExactly(
            new io.sahabot.agent.turn.TurnContext.ToolCall(
                "bookSlot",
                Map.of("start", "2026-11-28T20:00", "end", "2026-11-28T21:00", "field", "Saha 1")));

    DialogueRun en =
        run(
            "issue-en",
            "customer",
            List.of(turn("Hi, is Sunday 8pm free?"), turn("book it please")));
    assertThat(en.turns().get(0).reply()).contains("is free").contains("Shall I book it");
    assertThat(en.turns().get(0).language()).isEqualTo("en");
    assertThat(en.turns().get(1).toolCalls())
        .extracting(io.sahabot.agent.turn.TurnContext.ToolCall::name)
        .containsExactly("bookSlot");
    assertThat(en.turns().get(1).toolCalls().get(0).arguments())
        .containsEntry("start", "2026-11-29T20:00");
  }

  @Test
  void anOldYesBooksNothing() {
    DialogueRequest request =
        new DialogueRequest(
            "late", "customer", FRIDAY_10, TENANT, List.of(turn("Cumartesi akşam 8 boş mu?")));
    DialogueRun first = explain.converse(request);
    assertThat(first.turns().get(0).toolCalls()).hasSize(1);
    // the same conversation state, 31 minutes later: the offer has expired
    var state =
        io.sahabot.agent.dialogue.DialogueState.empty()
            .withProposal(
                io.sahabot.agent.dialogue.DialogueState.Slots.slot(
                    "availability",
                    java.time.LocalDateTime.parse("2026-11-28T20:00"),
                    java.time.LocalDateTime.parse("2026-11-28T21:00"),
                    "Saha 1",
                    null));
    var stamped =
        new io.sahabot.agent.dialogue.DialogueState(
            "tr", state.proposal(), null, List.of(), null, FRIDAY_10.toInstant());
    var later =
        io.sahabot.agent.offline.domain.Dialogue.resolve(
            "evet",
            stamped,
            new io.sahabot.agent.offline.domain.ConversationContext(
                FRIDAY_10.plusMinutes(31).atZoneSameInstant(ZoneId.of("Europe/Istanbul")),
                List.of("Saha 1"),
                9 * 60,
                24 * 60,
                60,
                false));
    assertThat(later.text()).isEqualTo("evet");
    var soon =
        io.sahabot.agent.offline.domain.Dialogue.resolve(
            "evet",
            stamped,
            new io.sahabot.agent.offline.domain.ConversationContext(
                FRIDAY_10.plusMinutes(5).atZoneSameInstant(ZoneId.of("Europe/Istanbul")),
                List.of("Saha 1"),
                9 * 60,
                24 * 60,
                60,
                false));
    assertThat(soon.text()).isEqualTo("28.11.2026 20:00-21:00 Saha 1 rezervasyon yap");
  }

  @Test
  void changesSlotFillingAndReferences() {
    DialogueRun more =
        run("more", "customer", List.of(turn("Cumartesi 20:00 boş mu"), turn("bir saat daha")));
    assertThat(more.turns().get(1).toolCalls().get(0).arguments())
        .containsEntry("start", "2026-11-28T20:00")
        .containsEntry("end", "2026-11-28T22:00");

    DialogueRun field =
        run("field", "customer", List.of(turn("Cumartesi 20:00 boş mu"), turn("Saha 2 olsun")));
    assertThat(field.turns().get(1).toolCalls().get(0).name()).isEqualTo("checkAvailability");
    assertThat(field.turns().get(1).toolCalls().get(0).arguments())
        .containsEntry("field", "Saha 2");

    // "yarın" lists the day's free slots; "rezervasyon" asks for the time on that day; "9" books
    DialogueRun slots =
        run("slots", "customer", List.of(turn("yarın"), turn("rezervasyon"), turn("9")));
    assertThat(slots.turns().get(1).reply()).isEqualTo("Cumartesi 28.11 için saat kaçta?");
    assertThat(slots.turns().get(2).toolCalls())
        .extracting(io.sahabot.agent.turn.TurnContext.ToolCall::arguments)
        .containsExactly(Map.of("start", "2026-11-28T21:00", "end", "2026-11-28T22:00"));
    DialogueRun asked =
        run("asked", "customer", List.of(turn("yarın için saha ayırmak istiyorum"), turn("9")));
    assertThat(asked.turns().get(1).toolCalls())
        .extracting(io.sahabot.agent.turn.TurnContext.ToolCall::arguments)
        .containsExactly(Map.of("start", "2026-11-28T21:00", "end", "2026-11-28T22:00"));

    DialogueRun first =
        run(
            "first",
            "customer",
            List.of(
                turn("Pazartesi 20:00 ayır"),
                turn("Salı 21:00 de ayır"),
                turn("my bookings"),
                turn("cancel the last one")));
    assertThat(first.turns().get(3).toolCalls().get(0).arguments())
        .containsEntry("start", "2026-12-01T21:00");
    assertThat(first.turns().get(3).language()).isEqualTo("en");

    DialogueRun no =
        run("no", "customer", List.of(turn("Is Saturday 8pm free?"), turn("no thanks")));
    assertThat(no.turns().get(1).toolCalls()).isEmpty();
    assertThat(no.turns().get(1).reply())
        .isEqualTo(io.sahabot.agent.tools.Texts.text("en", "declined"));
  }

  @Test
  void theOwnersBookingForSomeoneNamesThemAndAsksForAMissingPhone() {
    DialogueRun ali =
        run(
            "ali",
            "owner",
            List.of(turn("Ali için yarın 9 rezerve et"), turn("+90 (532) 111-22-33")));
    assertThat(ali.turns().get(0).toolCalls()).isEmpty();
    assertThat(ali.turns().get(0).reply()).isEqualTo("Ali için telefon numarası nedir?");
    assertThat(ali.turns().get(1).toolCalls().get(0).arguments())
        .containsEntry("customerName", "Ali")
        .containsEntry("phone", "905321112233")
        .containsEntry("start", "2026-11-28T21:00");

    // the name of exactly one known customer: booked for them, with their phone
    DialogueRun veli = run("veli", "owner", List.of(turn("Veli Can için yarın 9 rezerve et")));
    assertThat(veli.turns().get(0).toolCalls()).hasSize(1);
    assertThat(veli.turns().get(0).toolCalls().get(0).arguments())
        .containsEntry("customerName", "Veli Can")
        .containsEntry("phone", "905551112233");

    for (String text :
        List.of(
            "yarın 20:00 Mehmet Kaya 05321112233 adına ayır",
            "Can Demir'e yarın 20:00 ayır 0532 111 22 33",
            "yarın 20:00 Mehmet Kaya için ayır, tel 0532-111-2233")) {
      DialogueRun run = run("named", "owner", List.of(turn(text)));
      assertThat(run.turns().get(0).toolCalls()).as(text).hasSize(1);
      assertThat(run.turns().get(0).toolCalls().get(0).arguments())
          .as(text)
          .containsEntry("phone", "905321112233")
          .containsEntry("start", "2026-11-28T20:00");
      assertThat(run.turns().get(0).toolCalls().get(0).arguments().get("customerName"))
          .as(text)
          .isIn("Mehmet Kaya", "Can Demir");
    }
  }

  private static DialogueRequest.Turn turn(String text) {
    return new DialogueRequest.Turn(text, null);
  }

  private DialogueRun run(String id, String role, List<DialogueRequest.Turn> turns) {
    DialogueRun run = explain.converse(new DialogueRequest(id, role, FRIDAY_10, TENANT, turns));
    for (DialogueRun.Turn t : run.turns()) {
      assertThat(LanguageGuess.mixes(t.reply()))
          .as("reply to \"" + t.text() + "\" mixes languages: " + t.reply())
          .isFalse();
    }
    return run;
  }

  private static List<String> failures(DialogueRun run) {
    List<String> out = new ArrayList<>();
    int n = 0;
    for (DialogueRun.Turn t : run.turns()) {
      n++;
      if (Boolean.FALSE.equals(t.passed())) {
        out.add(run.id() + "#" + n + " \"" + t.text() + "\": " + t.mismatch() + " | " + t.reply());
      }
    }
    return out;
  }

  private static Map<String, Object> expect(JsonNode node) {
    Map<String, Object> out = new LinkedHashMap<>();
    node.properties()
        .forEach(
            e ->
                out.put(
                    e.getKey(),
                    e.getValue().isString() ? e.getValue().asText() : e.getValue().toString()));
    return out;
  }

  private static List<String> lines(String fixture) throws IOException {
    return Files.readAllLines(SharedFixtures.path(fixture)).stream()
        .filter(l -> !l.isBlank())
        .toList();
  }
}
