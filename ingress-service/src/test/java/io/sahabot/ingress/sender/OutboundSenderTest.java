package io.sahabot.ingress.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sahabot.schemas.Json;
import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import io.sahabot.testsupport.SharedFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The sender against a local HTTP server standing in for the Graph API and tenant-service. */
class OutboundSenderTest {

  private final MockWebServer server = new MockWebServer();
  private final GraphStandIn standIn = new GraphStandIn();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SenderMetrics metrics = new SenderMetrics(registry);
  private OutboundSender sender;
  private AccessTokens tokens;

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(standIn);
    server.start();
    sender = sender(80);
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  private OutboundSender sender(int ratePerSecond) {
    return sender(ratePerSecond, Ledgers.of(Duration.ofMinutes(2)));
  }

  /** A sender of its own (another instance, or the same after a restart) on the same database. */
  private OutboundSender sender(int ratePerSecond, SendLedger ledger) {
    var base = server.url("/").uri();
    tokens =
        new AccessTokens(
            base,
            "internal-secret",
            "deployment-token",
            Duration.ofMinutes(1),
            Duration.ofSeconds(5));
    return new OutboundSender(
        new HttpGraphApi(base, "v23.0", Duration.ofSeconds(5)),
        tokens::forMessage,
        tokens::invalidate,
        OutboundSender.rateLimiters(ratePerSecond, Duration.ofSeconds(5)),
        metrics,
        Clock.systemUTC(),
        Duration.ofHours(1),
        ledger);
  }

  @Test
  void sendsEachKindInTheFixtureShapeWithTheTenantsOwnToken() {
    standIn.tenantToken = "tenant-own-token";

    List<OutboundMessage> sent =
        List.of(
            Outbound.message(Outbound.text()),
            Outbound.message(Outbound.buttons()),
            Outbound.message(Outbound.inlineImage()),
            Outbound.message(Outbound.template()));
    String wamid = sender.send(sent.get(0));
    sent.subList(1, sent.size()).forEach(sender::send);

    assertThat(wamid).isEqualTo("wamid.SB.A.OUT.0007");
    assertThat(standIn.tokenRequests).hasSize(1); // cached
    RecordedRequest tokenRequest = standIn.tokenRequests.get(0);
    assertThat(tokenRequest.getHeader("Authorization")).isEqualTo("Bearer internal-secret");
    assertThat(standIn.messages).hasSize(4);
    assertThat(standIn.messages)
        .extracting(r -> json(r).path("biz_opaque_callback_data").asString())
        .containsExactlyElementsOf(sent.stream().map(OutboundMessage::eventId).toList());
    assertThat(standIn.messages)
        .allSatisfy(
            r -> {
              assertThat(r.getPath()).isEqualTo("/v23.0/" + Outbound.NUMBER + "/messages");
              assertThat(r.getHeader("Authorization")).isEqualTo("Bearer tenant-own-token");
            });
    assertThat(withoutCallback(standIn.messages.get(0)))
        .isEqualTo(fixture("send_text.request.json"));
    assertThat(withoutCallback(standIn.messages.get(1)))
        .isEqualTo(fixture("send_interactive_buttons.request.json"));
    assertThat(withoutCallback(standIn.messages.get(2)))
        .isEqualTo(fixture("send_image_by_id.request.json"));
    assertThat(withoutCallback(standIn.messages.get(3)))
        .isEqualTo(fixture("send_template.request.json"));
    RecordedRequest upload = standIn.uploads.get(0);
    assertThat(upload.getPath()).isEqualTo("/v23.0/" + Outbound.NUMBER + "/media");
    assertThat(upload.getHeader("Content-Type")).startsWith("multipart/form-data");
    assertThat(upload.getBody().readUtf8())
        .contains("name=\"messaging_product\"")
        .contains("whatsapp")
        .contains("name=\"file\"")
        .contains("image/png");
    assertThat(registry.counter("sahabot.ingress.sender.sent").count()).isEqualTo(4);
  }

  @Test
  void aReadReceiptIsSentOnceInTheFixtureShapeAndAFailedOneIsDroppedNotRetried() {
    OutboundMessage read = Outbound.message(new OutboundContent.MarkRead("wamid.SB.A.0001", true));
    standIn.answers.add(
        new MockResponse()
            .setHeader("Content-Type", "application/json")
            .setBody("{\"success\":true}"));

    sender.send(read);
    sender.send(read); // the same inbound message marked again (a turn run twice): not sent

    assertThat(standIn.messages).hasSize(1);
    assertThat(standIn.messages.get(0).getPath())
        .isEqualTo("/v23.0/" + Outbound.NUMBER + "/messages");
    assertThat(json(standIn.messages.get(0))).isEqualTo(fixture("mark_read_typing.request.json"));

    // refused (e.g. a message too old to mark): dropped, neither thrown nor retried
    OutboundMessage refused =
        Outbound.message(new OutboundContent.MarkRead("wamid.SB.A.0002", true));
    standIn.answers.add(
        new MockResponse()
            .setResponseCode(400)
            .setHeader("Content-Type", "application/json")
            .setBody("{\"error\":{\"code\":100,\"message\":\"Invalid parameter\"}}"));
    sender.send(refused);
    assertThat(standIn.messages).hasSize(2);
  }

  @Test
  void usesTheDeploymentTokenWhenTheTenantHasNone() {
    standIn.tenantToken = null; // tenant-service names the tenant, without a token

    sender.send(Outbound.message(Outbound.text()));

    assertThat(standIn.messages.get(0).getHeader("Authorization"))
        .isEqualTo("Bearer deployment-token");
  }

  @Test
  void aMessageFromAnotherTenantsNumberIsRefusedWithoutAGraphCall() {
    standIn.owner = UUID.randomUUID();
    OutboundMessage message = Outbound.message(Outbound.text());

    assertThatThrownBy(() -> sender.send(message))
        .isInstanceOfSatisfying(
            NumberNotOfTenant.class,
            e -> {
              assertThat(e.tenantId()).isEqualTo(Outbound.TENANT);
              assertThat(e.ownerTenantId()).isEqualTo(standIn.owner);
              assertThat(e.getMessage())
                  .contains(Outbound.NUMBER)
                  .doesNotContain(Outbound.TO)
                  .doesNotContain("Pazartesi");
            });

    assertThat(standIn.messages).isEmpty();
    assertThat(standIn.uploads).isEmpty();
    assertThat(standIn.tokenRequests).hasSize(2); // the cached answer is checked once more
    assertThat(
            registry
                .counter("sahabot.ingress.sender.refused", "reason", "number-not-of-tenant")
                .count())
        .isEqualTo(1);
  }

  @Test
  void aNumberOfNoTenantIsRefusedAndNotSentWithTheDeploymentToken() {
    standIn.owner = null; // tenant-service answers 404

    assertThatThrownBy(() -> sender.send(Outbound.message(Outbound.inlineImage())))
        .isInstanceOfSatisfying(
            NumberNotOfTenant.class, e -> assertThat(e.ownerTenantId()).isNull());

    assertThat(standIn.messages).isEmpty();
    assertThat(standIn.uploads).isEmpty();
  }

  @Test
  void aNumberThatChangedHandsIsAskedAgainBeforeARefusal() {
    UUID previous = UUID.randomUUID();
    standIn.owner = previous;
    sender.send(Outbound.message(previous, Outbound.NUMBER, Outbound.TO, null, Outbound.text()));
    standIn.owner = Outbound.TENANT; // the cache still says previous

    sender.send(Outbound.message(Outbound.text()));

    assertThat(standIn.messages).hasSize(2);
    assertThatThrownBy(
            () ->
                sender.send(
                    Outbound.message(
                        previous, Outbound.NUMBER, Outbound.TO, null, Outbound.text())))
        .isInstanceOf(NumberNotOfTenant.class);
    assertThat(standIn.messages).hasSize(2);
  }

  @Test
  void throughputLimitIsLeftToTheContainersBackOffAndTheNextAttemptSendsIt() {
    standIn.answers.add(error(400, "error_130429.response.json"));
    OutboundMessage message = Outbound.message(Outbound.text());

    assertThatThrownBy(() -> sender.send(message))
        .isInstanceOfSatisfying(
            TransientSendFailure.class,
            e -> {
              assertThat(e).isNotInstanceOf(RecipientRateLimited.class);
              assertThat(e.code()).isEqualTo(130429);
            });
    assertThat(standIn.messages).hasSize(1); // one attempt: the thread is not held

    String wamid = sender.send(message); // the redelivery after the back-off

    assertThat(wamid).isEqualTo("wamid.SB.A.OUT.0007");
    assertThat(standIn.messages).hasSize(2);
    assertThat(registry.counter("sahabot.ingress.sender.retries", "code", "130429").count())
        .isEqualTo(1);
    assertThat(registry.counter("sahabot.ingress.sender.sent").count()).isEqualTo(1);
  }

  @Test
  void tooManyMessagesToOneRecipientIsARecipientBackOff() {
    standIn.answers.add(graphError(400, 131056, "(#131056) Pair rate limit hit"));

    assertThatThrownBy(() -> sender.send(Outbound.message(Outbound.text())))
        .isInstanceOfSatisfying(
            RecipientRateLimited.class, e -> assertThat(e.code()).isEqualTo(131056));

    assertThat(standIn.messages).hasSize(1);
  }

  @Test
  void outsideTheCustomerServiceWindowIsNotRetriedAndIsRecordedWithItsCode() {
    standIn.answers.add(graphError(400, 131047, "Re-engagement message"));

    assertThatThrownBy(() -> sender.send(Outbound.message(Outbound.text())))
        .isInstanceOfSatisfying(SendFailed.class, e -> assertThat(e.code()).isEqualTo(131047));

    assertThat(standIn.messages).hasSize(1);
    assertThat(registry.counter("sahabot.ingress.sender.failed", "code", "131047").count())
        .isEqualTo(1);
    assertThat(registry.counter("sahabot.ingress.sender.fallbacks").count()).isZero();
  }

  @Test
  void outsideTheWindowTheFallbackTemplateIsSentOnceInsteadAndTheTextNeverAgain() {
    standIn.answers.add(graphError(400, 131047, "Re-engagement message"));
    OutboundMessage message = Outbound.withFallback(Outbound.text(), Outbound.template());

    String wamid = sender.send(message);
    sender.send(message); // a redelivery

    assertThat(wamid).isEqualTo("wamid.SB.A.OUT.0007");
    assertThat(standIn.messages).hasSize(2);
    assertThat(json(standIn.messages.get(0)).path("type").asString()).isEqualTo("text");
    JsonNode template = json(standIn.messages.get(1));
    assertThat(template.path("biz_opaque_callback_data").asString())
        .isEqualTo(message.eventId() + ":fallback");
    assertThat(withoutCallback(standIn.messages.get(1)))
        .isEqualTo(fixture("send_template.request.json"));
    assertThat(registry.counter("sahabot.ingress.sender.fallbacks").count()).isEqualTo(1);
  }

  @Test
  void aFallbackThatFailsForAWhileIsRetriedWithoutSendingTheTextAgain() {
    standIn.answers.add(graphError(400, 131047, "Re-engagement message"));
    standIn.answers.add(new MockResponse().setResponseCode(503).setBody("upstream down"));
    OutboundMessage message = Outbound.withFallback(Outbound.text(), Outbound.template());

    assertThatThrownBy(() -> sender.send(message)).isInstanceOf(TransientSendFailure.class);
    // the redelivery after the back-off, by another instance (or this one restarted): the refused
    // text is known to the ledger, so it goes straight to the fallback
    sender(80).send(message);
    sender(80).send(message); // and a redelivery of that sends nothing

    assertThat(standIn.messages)
        .extracting(r -> json(r).path("type").asString())
        .containsExactly("text", "template", "template");
    assertThat(registry.counter("sahabot.ingress.sender.fallbacks").count()).isEqualTo(1);
    assertThat(registry.counter("sahabot.ingress.sender.duplicates.skipped").count()).isEqualTo(1);
  }

  @Test
  void aTemplateRefusedOutsideTheWindowIsRecordedAndNothingElseIsSent() {
    standIn.answers.add(graphError(400, 131047, "Re-engagement message"));

    assertThatThrownBy(() -> sender.send(Outbound.message(Outbound.template())))
        .isInstanceOfSatisfying(SendFailed.class, e -> assertThat(e.code()).isEqualTo(131047));

    assertThat(standIn.messages).hasSize(1);
  }

  @Test
  void aBusinessScopedUserIdNotAllowedIsRecordedWithAClearReasonAndNotRetried() {
    standIn.answers.add(graphError(400, 131062, "Business-scoped user ID not allowed"));

    assertThatThrownBy(
            () ->
                sender.send(
                    Outbound.message(
                        Outbound.TENANT, Outbound.NUMBER, Outbound.BSUID, null, Outbound.text())))
        .isInstanceOfSatisfying(
            SendFailed.class,
            e -> {
              assertThat(e.code()).isEqualTo(131062);
              assertThat(e.getMessage()).contains("business-scoped user id (BSUID) is not allowed");
            });

    assertThat(standIn.messages).hasSize(1);
    assertThat(json(standIn.messages.get(0)).path("recipient").asString())
        .isEqualTo(Outbound.BSUID);
  }

  @Test
  void brokenTokenIsNotRetriedAndIsCountedForTheTenantAndItsTokenForgotten() {
    UUID tenant = UUID.randomUUID();
    standIn.owner = tenant;
    standIn.tenantToken = "expired-token";
    standIn.answers.add(error(401, "error_190.response.json"));
    OutboundMessage message =
        Outbound.message(tenant, Outbound.NUMBER, Outbound.TO, null, Outbound.text());

    assertThatThrownBy(() -> sender.send(message))
        .isInstanceOfSatisfying(SendFailed.class, e -> assertThat(e.code()).isEqualTo(190))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("expired-token"));

    assertThat(standIn.messages).hasSize(1);
    assertThat(metrics.brokenTokenCount(tenant.toString(), Outbound.NUMBER)).isEqualTo(1);
    standIn.tenantToken = "renewed-token";
    sender.send(Outbound.message(tenant, Outbound.NUMBER, Outbound.TO, null, Outbound.text()));
    assertThat(standIn.messages.get(1).getHeader("Authorization"))
        .isEqualTo("Bearer renewed-token");
  }

  @Test
  void serverErrorsAreTransient() {
    standIn.answers.add(new MockResponse().setResponseCode(503).setBody("upstream down"));

    assertThatThrownBy(() -> sender.send(Outbound.message(Outbound.text())))
        .isInstanceOfSatisfying(TransientSendFailure.class, e -> assertThat(e.code()).isZero());

    assertThat(standIn.messages).hasSize(1);
  }

  @Test
  void anUnreachableTenantServiceIsRetriedAndNothingIsSentWithAGuessedToken() throws Exception {
    int closed;
    try (var socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    var unreachable =
        new AccessTokens(
            java.net.URI.create("http://127.0.0.1:" + closed),
            "internal-secret",
            "deployment-token",
            Duration.ofMinutes(1),
            Duration.ofSeconds(2));
    var blind =
        new OutboundSender(
            new HttpGraphApi(server.url("/").uri(), "v23.0", Duration.ofSeconds(5)),
            unreachable::forMessage,
            unreachable::invalidate,
            OutboundSender.rateLimiters(80, Duration.ofSeconds(5)),
            metrics,
            Clock.systemUTC(),
            Duration.ofHours(1),
            Ledgers.of(Duration.ofMinutes(2)));

    assertThatThrownBy(() -> blind.send(Outbound.message(Outbound.text())))
        .isInstanceOfSatisfying(TransientSendFailure.class, e -> assertThat(e.code()).isZero());

    assertThat(standIn.messages).isEmpty();
  }

  @Test
  void tokensAndSecretsNeverShowInToString() {
    var token =
        new io.sahabot.ingress.sender.domain.AccessToken(
            "EAAG-secret", io.sahabot.ingress.sender.domain.AccessToken.Source.TENANT);
    var props =
        new io.sahabot.ingress.config.IngressProperties(
            new io.sahabot.ingress.config.IngressProperties.Webhook(
                java.util.List.of("app-secret"),
                "verify-secret",
                org.springframework.util.unit.DataSize.ofMegabytes(3),
                Duration.ofSeconds(10),
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                10_000,
                org.springframework.util.unit.DataSize.ofMegabytes(3)),
            new io.sahabot.ingress.config.IngressProperties.Graph(
                java.net.URI.create("https://graph.facebook.com"),
                "v23.0",
                "EAAG-deployment",
                false,
                Duration.ofSeconds(10)),
            new io.sahabot.ingress.config.IngressProperties.Sender(
                "g",
                1,
                80,
                Duration.ofSeconds(5),
                5,
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                Duration.ofSeconds(6),
                Duration.ofSeconds(60),
                Duration.ofHours(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5)),
            java.net.URI.create("http://localhost:8081"));

    assertThat(token.toString()).doesNotContain("EAAG-secret");
    assertThat(props.toString())
        .doesNotContain("app-secret")
        .doesNotContain("verify-secret")
        .doesNotContain("EAAG-deployment");
  }

  @Test
  void aRedeliveredEventIsNotSentTwiceByAnyInstance() {
    OutboundMessage message = Outbound.message(Outbound.text());

    String wamid = sender.send(message);
    String again = sender.send(message);
    String elsewhere = sender(80).send(message); // another instance, or this one restarted

    assertThat(standIn.messages).hasSize(1);
    assertThat(again).isEqualTo(wamid);
    assertThat(elsewhere).isEqualTo(wamid);
    assertThat(registry.counter("sahabot.ingress.sender.duplicates.skipped").count()).isEqualTo(2);
    assertThat(registry.counter("sahabot.ingress.sender.sent").count()).isEqualTo(1);
  }

  @Test
  void aMessageAnotherAttemptIsSendingIsLeftToItAndTriedLater() {
    OutboundMessage message = Outbound.message(Outbound.text());
    SendLedger ledger = Ledgers.of(Duration.ofMinutes(2));
    SendLedger.Claim other = ledger.claim(message.tenantId(), message.eventId());
    assertThat(other.outcome()).isEqualTo(SendLedger.Outcome.CLAIMED);

    assertThatThrownBy(() -> sender.send(message)).isInstanceOf(SendInFlight.class);
    assertThat(standIn.messages).isEmpty();

    ledger.sent(other, "wamid.OTHER");
    assertThat(sender.send(message)).isEqualTo("wamid.OTHER");
    assertThat(standIn.messages).isEmpty();
  }

  @Test
  void aStaleClaimIsTakenOverAndSentOnceMore() {
    OutboundMessage message = Outbound.message(Outbound.text());
    SendLedger crashed = Ledgers.of(Duration.ofMinutes(2));
    assertThat(crashed.claim(message.tenantId(), message.eventId()).outcome())
        .isEqualTo(SendLedger.Outcome.CLAIMED);

    // a claim of any age is stale to this one: the attempt that made it is taken to have crashed
    OutboundSender successor = sender(80, Ledgers.of(Duration.ZERO));
    successor.send(message);
    successor.send(message);

    assertThat(standIn.messages).hasSize(1);
  }

  @Test
  void aSendWhoseRowCouldNotBeMarkedIsNotSentAgainAndIsMarkedOnceTheDatabaseIsBack() {
    // the chaos run's PostgreSQL stop: Meta took the message, the row stayed "sending"; the agent
    // published the reply again, and when the claim went stale it was sent a second time
    var marks = new java.util.concurrent.atomic.AtomicInteger();
    SendLedger flaky =
        new SendLedger(Ledgers.scope(), Duration.ofMinutes(2), Duration.ofSeconds(10)) {
          @Override
          public void sent(Claim claim, String wamid) {
            if (marks.getAndIncrement() == 0) {
              throw new LedgerUnavailable("send ledger unavailable (sent): R2DBC rollback");
            }
            super.sent(claim, wamid);
          }
        };
    OutboundSender instance = sender(80, flaky);
    OutboundMessage message = Outbound.message(Outbound.text());

    String wamid = instance.send(message);
    assertThat(instance.unmarkedSends()).isEqualTo(1);
    assertThat(instance.send(message)).isEqualTo(wamid); // redelivered while unmarked: skipped
    assertThat(standIn.messages).hasSize(1);

    instance.send(Outbound.message(Outbound.buttons())); // the database is back: marked first
    assertThat(instance.unmarkedSends()).isZero();
    // an instance to which every claim in flight is stale finds it sent, not in flight
    assertThat(sender(80, Ledgers.of(Duration.ZERO)).send(message)).isEqualTo(wamid);
    assertThat(standIn.messages).hasSize(2);
  }

  @Test
  void aNoticeRepeatingAnOutcomeTheRecipientWasToldIsNotSentButAReplyAlwaysIs() {
    // the chaos run's restored backup: the turn's reply told the booking, the agent's record of it
    // went with the database, and the notifier told it again as a template
    String booked = "cmd-booked";
    OutboundMessage reply =
        Outbound.message(
                Outbound.TENANT, Outbound.NUMBER, Outbound.TO, "wamid.IN.1", Outbound.text())
            .telling(List.of(booked));
    OutboundMessage again = Outbound.message(Outbound.template()).telling(List.of(booked));
    OutboundMessage other = Outbound.message(Outbound.template()).telling(List.of("cmd-other"));
    OutboundMessage elsewhere =
        Outbound.message(
                Outbound.TENANT, Outbound.NUMBER, "905329998877", null, Outbound.template())
            .telling(List.of(booked));

    assertThat(sender.send(reply)).isNotNull();
    assertThat(sender.send(again)).isNull(); // every outcome it tells was told: not sent
    assertThat(sender.send(other)).isNotNull(); // a new outcome
    assertThat(sender.send(elsewhere)).isNotNull(); // another recipient
    OutboundMessage both = Outbound.message(Outbound.template()).telling(List.of(booked, "cmd-3"));
    assertThat(sender.send(both)).isNotNull(); // tells something new too

    // a reply that tells what a notice told is sent anyway: it answers a message
    OutboundMessage later =
        Outbound.message(
                Outbound.TENANT, Outbound.NUMBER, Outbound.TO, "wamid.IN.2", Outbound.text())
            .telling(List.of("cmd-other"));
    assertThat(sender.send(later)).isNotNull();

    assertThat(standIn.messages)
        .extracting(r -> json(r).path("biz_opaque_callback_data").asString())
        .containsExactly(
            reply.eventId(), other.eventId(), elsewhere.eventId(), both.eventId(), later.eventId());
    assertThat(registry.counter("sahabot.ingress.sender.duplicates.skipped").count()).isEqualTo(1);
  }

  @Test
  void withoutItsLedgerNothingIsSentAndTheSendIsRetriedLater() throws Exception {
    int closed;
    try (var socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    OutboundSender blind = sender(80, Ledgers.unreachable(closed));

    assertThatThrownBy(() -> blind.send(Outbound.message(Outbound.text())))
        .isInstanceOf(LedgerUnavailable.class);
    assertThat(standIn.messages).isEmpty();
  }

  @Test
  void aFailedAttemptGivesItsClaimUpSoTheRetrySendsAtOnce() {
    standIn.answers.add(new MockResponse().setResponseCode(503).setBody("upstream down"));
    OutboundMessage message = Outbound.message(Outbound.text());

    assertThatThrownBy(() -> sender.send(message))
        .isInstanceOf(TransientSendFailure.class)
        .isNotInstanceOf(SendInFlight.class);
    sender(80).send(message);

    assertThat(standIn.messages).hasSize(2);
  }

  @Test
  void theLedgerIsRowLevelSecuredAndKeepsTheWamidAndNoPersonalData() throws Exception {
    OutboundMessage message = Outbound.message(Outbound.text());
    sender.send(message);

    var db = io.sahabot.testsupport.SahaBotInfrastructure.get().database();
    try (var c = db.connectAsApp();
        var s = c.createStatement()) {
      // without a tenant context the application role sees no row
      var none = s.executeQuery("SELECT count(*) FROM outbound_sends");
      none.next();
      assertThat(none.getLong(1)).isZero();
    }
    try (var c = db.connectAsOwner();
        var s =
            c.prepareStatement(
                "SELECT * FROM outbound_sends WHERE tenant_id = ? AND event_id = ?")) {
      s.setObject(1, message.tenantId());
      s.setString(2, message.eventId());
      var row = s.executeQuery();
      assertThat(row.next()).isTrue();
      assertThat(row.getString("state")).isEqualTo("sent");
      assertThat(row.getString("wamid")).isEqualTo("wamid.SB.A.OUT.0007");
      assertThat(row.getTimestamp("sent_at")).isNotNull();
      for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
        assertThat(String.valueOf(row.getObject(i))).doesNotContain(Outbound.TO);
      }
    }
  }

  @Test
  void staysUnderTheRateOfTheBusinessNumber() {
    OutboundSender slow = sender(2);
    long started = System.nanoTime();

    for (int i = 0; i < 5; i++) {
      slow.send(Outbound.message(Outbound.text()));
    }

    // 2 permits per second: the 5th message waits for the third period
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1000));
    assertThat(standIn.messages).hasSize(5);
  }

  private static JsonNode json(RecordedRequest request) {
    return Json.mapper().readTree(request.getBody().clone().readByteArray());
  }

  private static JsonNode withoutCallback(RecordedRequest request) {
    tools.jackson.databind.node.ObjectNode body =
        (tools.jackson.databind.node.ObjectNode) json(request);
    body.remove("biz_opaque_callback_data");
    return body;
  }

  private static JsonNode fixture(String name) {
    return Json.mapper().readTree(SharedFixtures.bytes("whatsapp/graph-api/" + name));
  }

  private static MockResponse error(int status, String fixture) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(
            new String(
                SharedFixtures.bytes("whatsapp/graph-api/" + fixture), StandardCharsets.UTF_8));
  }

  private static MockResponse graphError(int status, int code, String message) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"error\":{\"message\":\""
                + message
                + "\",\"type\":\"OAuthException\",\"code\":"
                + code
                + "}}");
  }

  /** Graph API and tenant-service in one: records requests, answers from a queue or success. */
  static final class GraphStandIn extends Dispatcher {
    volatile UUID owner = Outbound.TENANT;
    volatile String tenantToken;
    final Deque<MockResponse> answers = new ConcurrentLinkedDeque<>();
    final List<RecordedRequest> messages = Collections.synchronizedList(new ArrayList<>());
    final List<RecordedRequest> uploads = Collections.synchronizedList(new ArrayList<>());
    final List<RecordedRequest> tokenRequests = Collections.synchronizedList(new ArrayList<>());

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getPath();
      if (path.startsWith("/internal/tenants/by-phone-number/")) {
        tokenRequests.add(request);
        UUID tenant = owner;
        String token = tenantToken;
        if (tenant == null) {
          return new MockResponse().setResponseCode(404);
        }
        return ok(
            "{\"tenantId\":\""
                + tenant
                + "\""
                + (token == null ? "" : ",\"accessToken\":\"" + token + "\"")
                + "}");
      }
      if (path.endsWith("/media")) {
        uploads.add(request);
        return ok(fixtureText("media_upload.response.json"));
      }
      messages.add(request);
      MockResponse answer = answers.poll();
      return answer != null ? answer : ok(fixtureText("send.response.json"));
    }

    private static MockResponse ok(String body) {
      return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    private static String fixtureText(String name) {
      return new String(SharedFixtures.bytes("whatsapp/graph-api/" + name), StandardCharsets.UTF_8);
    }
  }
}
