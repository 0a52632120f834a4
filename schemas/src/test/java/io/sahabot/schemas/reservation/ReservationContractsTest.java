package io.sahabot.schemas.reservation;

import static io.sahabot.schemas.Fixtures.CUSTOMER;
import static io.sahabot.schemas.Fixtures.CUSTOMER_ACTOR;
import static io.sahabot.schemas.Fixtures.END;
import static io.sahabot.schemas.Fixtures.NOW;
import static io.sahabot.schemas.Fixtures.START;
import static io.sahabot.schemas.Fixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sahabot.schemas.Fixtures;
import java.math.BigDecimal;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class ReservationContractsTest {

  @Test
  void requestRefusesEndBeforeOrAtStart() {
    assertThatThrownBy(() -> request(END, START))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("end: must be after start");
    assertThatThrownBy(() -> request(START, START)).hasMessageStartingWith("end:");
  }

  @Test
  void requestRefusesNullTenant() {
    assertThatNullPointerException()
        .isThrownBy(
            () ->
                new RequestReservation(
                    "cmd", NOW, null, "c", CUSTOMER_ACTOR, CUSTOMER, null, START, END))
        .withMessage("tenantId: must not be null");
  }

  @Test
  void moveRefusesNewEndBeforeNewStart() {
    assertThatThrownBy(
            () -> new MoveReservation("cmd", NOW, TENANT, "c", CUSTOMER_ACTOR, 1, null, END, START))
        .hasMessageStartingWith("newEnd: must be after newStart");
  }

  @Test
  void commandsRefuseNonPositiveReservationIdAndBlankCommandId() {
    assertThatThrownBy(
            () -> new CancelReservation("cmd", NOW, TENANT, "c", CUSTOMER_ACTOR, 0, null))
        .hasMessageStartingWith("reservationId:");
    assertThatThrownBy(() -> new MarkNoShow("", NOW, TENANT, "c", CUSTOMER_ACTOR, 1))
        .hasMessageStartingWith("commandId:");
  }

  @Test
  void customerNeedsPhoneOrUserIdAndPhoneIsE164Digits() {
    assertThatThrownBy(() -> new CustomerRef("Ali", null, null))
        .hasMessageStartingWith("customer:");
    assertThatThrownBy(() -> new CustomerRef("Ali", "0532 123 45 67", null))
        .hasMessageStartingWith("customer.phone:");
    assertThat(new CustomerRef(null, "905321234567", null).phone()).isEqualTo("905321234567");
  }

  @Test
  void viewAndSlotRefuseInvalidContent() {
    assertThatThrownBy(
            () ->
                new ReservationView(
                    1, "Saha 1", CUSTOMER, START, END, "Active", BigDecimal.ONE, "TRY"))
        .hasMessageStartingWith("reservation.status:");
    assertThatThrownBy(
            () ->
                new ReservationView(
                    1, "Saha 1", CUSTOMER, START, END, "active", new BigDecimal("-1"), "TRY"))
        .hasMessageStartingWith("reservation.price:");
    assertThatThrownBy(() -> new Slot("Saha 1", END, START)).hasMessageStartingWith("end:");
  }

  @Test
  void rejectedCopiesAlternatives() {
    var alternatives = new ArrayList<Slot>(Fixtures.reservationRejected().alternatives());
    var rejected =
        new ReservationRejected(
            "e", NOW, TENANT, "cmd", RejectionReason.OVERLAP, null, alternatives);

    alternatives.clear();

    assertThat(rejected.alternatives()).hasSize(2);
    assertThat(
            new ReservationRejected("e", NOW, TENANT, "cmd", RejectionReason.PAST, null, null)
                .alternatives())
        .isEmpty();
  }

  @Test
  void commandsAndEventsAreKeyedByTenant() {
    assertThat(Fixtures.request().key()).isEqualTo(TENANT.toString());
    assertThat(Fixtures.moved().key()).isEqualTo(TENANT.toString());
    assertThat(Fixtures.moved().reservation().slot()).isEqualTo(new Slot("Saha 1", START, END));
  }

  private static RequestReservation request(java.time.Instant start, java.time.Instant end) {
    return new RequestReservation(
        "cmd", NOW, TENANT, "c", CUSTOMER_ACTOR, CUSTOMER, "Saha 1", start, end);
  }
}
