package io.sahabot.agent.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.schemas.reservation.Actor;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.RejectionReason;
import io.sahabot.schemas.reservation.ReservationCancelled;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationRejected;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.Slot;
import io.sahabot.schemas.tenant.Notifications;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.whatsapp.OutboundContent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who is told what of an outcome. */
class NoticesTest {

  private static final String OWNER = "905320000001";
  private static final String CUSTOMER = "905321000001";
  private static final Instant START = Instant.parse("2026-11-30T17:00:00Z");

  @Test
  void aCustomersBookingIsToldToTheCustomerAndEveryOwner() {
    var event = confirmed(new Actor(Actor.Role.CUSTOMER, CUSTOMER), "Ali");

    assertThat(Notices.requester(event, settings(true)).recipient()).isEqualTo(CUSTOMER);
    List<Notice> others = Notices.others(event, settings(true));
    assertThat(others).extracting(Notice::recipient).containsExactly(OWNER);
    assertThat(others.get(0).text()).contains("Ali").contains("20:00");
    assertThat(Notices.others(event, settings(false))).isEmpty();
  }

  @Test
  void theRequesterIsToldInTheLanguageOfTheirConversationWithTheDetailLeftOut() {
    var booked = confirmed(new Actor(Actor.Role.CUSTOMER, CUSTOMER), "Ali");
    assertThat(Notices.requester(booked, settings(true), "en").text()).startsWith("✅ Booked");
    assertThat(Notices.requester(booked, settings(true), null).text()).contains("onaylandı");

    var taken =
        new ReservationRejected(
            "e",
            Instant.now(),
            UUID.randomUUID(),
            "c",
            RejectionReason.OVERLAP,
            "the slot is taken by reservation 7",
            List.of(new Slot("Saha 1", START.plusSeconds(3600), START.plusSeconds(7200))),
            new Actor(Actor.Role.CUSTOMER, CUSTOMER),
            "wamid.1");
    String tr = Notices.requester(taken, settings(true), null).text();
    assertThat(tr).startsWith("Üzgünüm").doesNotContain("reservation 7");
    assertThat(io.sahabot.agent.offline.domain.LanguageGuess.mixes(tr)).isFalse();
    assertThat(Notices.requester(taken, settings(true), "en").text()).startsWith("Sorry");
  }

  @Test
  void anOwnersChangeIsToldToTheOwnerAndTheCustomer() {
    var event =
        new ReservationCancelled(
            "e",
            Instant.now(),
            UUID.randomUUID(),
            "c",
            view(new CustomerRef("Ayşe", CUSTOMER, null), "cancelled"),
            new Actor(Actor.Role.OWNER, OWNER),
            "wamid.1");

    assertThat(Notices.requester(event, settings(true)).recipient()).isEqualTo(OWNER);
    assertThat(Notices.others(event, settings(true)))
        .singleElement()
        .satisfies(n -> assertThat(n.recipient()).isEqualTo(CUSTOMER));
  }

  @Test
  void aRejectionIsToldOnlyToTheRequesterWithItsAlternatives() {
    var event =
        new ReservationRejected(
            "e",
            Instant.now(),
            UUID.randomUUID(),
            "c",
            RejectionReason.OVERLAP,
            "Saha 1 20:00",
            List.of(new Slot("Saha 1", START.plusSeconds(3600), START.plusSeconds(7200))),
            new Actor(Actor.Role.CUSTOMER, CUSTOMER),
            "wamid.1");

    Notice notice = Notices.requester(event, settings(true));
    assertThat(notice.content()).isInstanceOf(OutboundContent.ListMessage.class);
    assertThat(notice.template().bodyParameters()).singleElement().asString().contains("dolu");
    assertThat(Notices.others(event, settings(true))).isEmpty();
  }

  @Test
  void aCustomerKnownByNameOnlyIsNotMessaged() {
    var event = confirmed(new Actor(Actor.Role.OWNER, OWNER), null);
    var byName =
        new ReservationConfirmed(
            "e",
            Instant.now(),
            UUID.randomUUID(),
            "c",
            view(new CustomerRef("Veli", null, "name:Veli"), "active"),
            new Actor(Actor.Role.OWNER, OWNER),
            "wamid.1");

    assertThat(Notices.others(event, settings(true))).hasSize(1);
    assertThat(Notices.others(byName, settings(true))).isEmpty();
  }

  @Test
  void theBusinessThroughItsApiIsNeverMessagedAndItsCustomerIsToldAsByAnOwner() {
    Actor business = Actor.businessKey(UUID.randomUUID());
    var booked =
        new ReservationConfirmed(
            "e",
            Instant.now(),
            UUID.randomUUID(),
            "c",
            view(new CustomerRef("Ayşe", CUSTOMER, null), "active"),
            business,
            "tenant-api:1");

    assertThat(Notices.requester(booked, settings(true))).isNull();
    assertThat(Notices.requester(booked, settings(true), "en")).isNull();
    List<Notice> others = Notices.others(booked, settings(true));
    assertThat(others).extracting(Notice::recipient).containsExactly(CUSTOMER);
    assertThat(others.get(0).text()).contains("20:00");
    var series =
        new io.sahabot.schemas.reservation.SeriesBooked(
            "e2",
            Instant.now(),
            booked.tenantId(),
            "c2",
            5,
            List.of(view(new CustomerRef("Ayşe", CUSTOMER, null), "active")),
            List.of(),
            Actor.businessOperator(),
            "tenant-api:2");
    assertThat(Notices.requester(series, settings(true))).isNull();
    assertThat(Notices.others(series, settings(true)))
        .extracting(Notice::recipient)
        .containsExactly(CUSTOMER);
  }

  @Test
  void aBlockedSlotIsToldToTheOwnerAsABlockAndToNobodyElse() {
    for (Actor by : List.of(new Actor(Actor.Role.OWNER, OWNER), Actor.businessOperator())) {
      var blocked =
          new ReservationConfirmed(
              "e",
              Instant.now(),
              UUID.randomUUID(),
              "c",
              view(CustomerRef.block("Bakım"), "active"),
              by,
              "wamid.1");
      assertThat(Notices.others(blocked, settings(true))).isEmpty();
      if (by.role() == Actor.Role.OWNER) {
        assertThat(Notices.requester(blocked, settings(true)).text())
            .startsWith("🔧 Kapatıldı")
            .doesNotContain("Ücret");
      } else {
        assertThat(Notices.requester(blocked, settings(true))).isNull(); // the API: not messaged
      }
    }
  }

  private static ReservationConfirmed confirmed(Actor by, String name) {
    return new ReservationConfirmed(
        "e",
        Instant.now(),
        UUID.randomUUID(),
        "c",
        view(new CustomerRef(name, CUSTOMER, CUSTOMER), "active"),
        by,
        "wamid.1");
  }

  private static ReservationView view(CustomerRef customer, String status) {
    return new ReservationView(
        9,
        "Saha 1",
        customer,
        START,
        START.plusSeconds(3600),
        status,
        new BigDecimal("900"),
        "TRY");
  }

  private static TenantSettings settings(boolean tellOwner) {
    TenantSettings d = TenantSettings.defaults();
    return new TenantSettings(
        d.timeZone(),
        "tr",
        d.currency(),
        d.pricePerHour(),
        d.peakPrices(),
        d.openingHours(),
        d.slotMinutes(),
        d.fields(),
        List.of(OWNER),
        null,
        null,
        new Notifications(tellOwner, 180, null, null, null, null));
  }
}
