package io.sahabot.reservation.booking.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.reservation.booking.domain.Restorations.Kind;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.RejectionReason;
import io.sahabot.schemas.reservation.ReminderDue;
import io.sahabot.schemas.reservation.ReservationCancelled;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationEvent;
import io.sahabot.schemas.reservation.ReservationMoved;
import io.sahabot.schemas.reservation.ReservationRejected;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.Slot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RestorationsTest {

  static final UUID TENANT = UUID.randomUUID();
  static final Instant T20 = Instant.parse("2026-12-14T17:00:00Z");
  static final CustomerRef AHMET = new CustomerRef("Ahmet", "905454031918", "905454031918");

  static ReservationView view(long id, Instant start, String status) {
    return new ReservationView(
        id, "Saha 1", AHMET, start, start.plusSeconds(3600), status, BigDecimal.TEN, "TRY");
  }

  static ReservationConfirmed confirmed(String command, ReservationView v) {
    return new ReservationConfirmed("e-" + command, T20, TENANT, command, v);
  }

  static ReservationCancelled cancelled(String command, ReservationView v) {
    return new ReservationCancelled("e-" + command, T20, TENANT, command, v, null, null);
  }

  @Test
  void onlyMissingOutcomesAreReappliedInTopicOrderEachCommandOnce() {
    ReservationEvent a = confirmed("a", view(1, T20, "active"));
    ReservationEvent b = confirmed("b", view(2, T20.plusSeconds(3600), "active"));
    ReservationEvent cancelB = cancelled("c", view(2, T20.plusSeconds(3600), "cancelled"));
    ReservationEvent reminder =
        new ReminderDue("e-r", T20, TENANT, "reminder:1:1", view(1, T20, "active"));

    List<ReservationEvent> missing =
        Restorations.missing(List.of(a, b, b, reminder, cancelB), Set.of("a"));

    assertThat(missing).containsExactly(b, cancelB);
  }

  @Test
  void answersNeverStoredWhenDecidedAreNotRestored() {
    ReservationRejected unknownTenant =
        new ReservationRejected(
            "e",
            T20,
            TENANT,
            "x",
            RejectionReason.TENANT_INACTIVE,
            "tenant not known to reservation-service",
            List.of(),
            null,
            null);
    ReservationRejected overlap =
        new ReservationRejected(
            "e", T20, TENANT, "y", RejectionReason.OVERLAP, "taken", List.of(), null, null);

    assertThat(Restorations.missing(List.of(unknownTenant, overlap), Set.of()))
        .containsExactly(overlap);
    assertThat(Restorations.of(overlap)).isEmpty();
  }

  @Test
  void aBookingCancelledLaterInTheRunIsInsertedCancelled() {
    ReservationView booked = view(2, T20, "active");
    ReservationEvent confirm = confirmed("b", booked);
    ReservationEvent cancel = cancelled("c", view(2, T20, "cancelled"));

    var last = Restorations.lastViews(List.of(confirm, cancel));
    var restoration = Restorations.of(confirm).get(0);

    assertThat(restoration.kind()).isEqualTo(Kind.BOOKED);
    assertThat(restoration.rowCommandId()).isEqualTo("b");
    assertThat(restoration.insertStatus(last.get(2L))).isEqualTo("cancelled");
    assertThat(restoration.insertStatus(null)).isEqualTo("active");
  }

  @Test
  void aRowIsTheReservationOnlyWithItsSlotAndItsCustomer() {
    ReservationView moved = view(5, T20.plusSeconds(7200), "active");
    var restoration =
        Restorations.of(
                new ReservationMoved(
                    "e",
                    T20,
                    TENANT,
                    "m",
                    moved,
                    new Slot("Saha 1", T20, T20.plusSeconds(3600)),
                    null,
                    null))
            .get(0);

    assertThat(restoration.kind()).isEqualTo(Kind.CHANGED);
    // before the move, and after it
    assertThat(restoration.isRowOf(T20, T20.plusSeconds(3600), "905454031918", null)).isTrue();
    assertThat(
            restoration.isRowOf(
                T20.plusSeconds(7200), T20.plusSeconds(10800), null, "905454031918"))
        .isTrue();
    // the same id handed to another customer's booking of the same hour after the restore
    assertThat(restoration.isRowOf(T20, T20.plusSeconds(3600), "905321112233", "905321112233"))
        .isFalse();
    // another hour
    assertThat(
            restoration.isRowOf(T20.plusSeconds(3600), T20.plusSeconds(7200), "905454031918", null))
        .isFalse();
  }

  @Test
  void aCompletedReservationIsStoredActive() {
    assertThat(Restorations.storedStatus("completed")).isEqualTo("active");
    assertThat(Restorations.storedStatus("no_show")).isEqualTo("no_show");
  }
}
