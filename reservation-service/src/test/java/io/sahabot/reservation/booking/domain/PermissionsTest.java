package io.sahabot.reservation.booking.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.reservation.booking.domain.Permissions.CustomerIdentity;
import io.sahabot.schemas.reservation.Actor;
import io.sahabot.schemas.reservation.RejectionReason;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermissionsTest {

  static final List<String> ADMINS = List.of("905551112233");
  static final CustomerIdentity AHMET = new CustomerIdentity("905454031918", null);
  static final CustomerIdentity BSUID_USER = new CustomerIdentity(null, "TR.5f2c9a");

  @Test
  void aCustomerChangesOnlyItsOwnReservations() {
    assertThat(Permissions.mayChange(customer("905454031918"), AHMET, ADMINS)).isEmpty();
    assertThat(Permissions.mayChange(customer("TR.5f2c9a"), BSUID_USER, ADMINS)).isEmpty();
    assertThat(Permissions.mayChange(customer("905320000000"), AHMET, ADMINS))
        .map(Violation::reason)
        .contains(RejectionReason.FORBIDDEN);
    assertThat(Permissions.mayChange(customer("TR.5f2c9a"), AHMET, ADMINS)).isPresent();
  }

  @Test
  void anOwnerChangesAnyReservationOfItsTenant() {
    assertThat(Permissions.mayChange(owner("905551112233"), AHMET, ADMINS)).isEmpty();
    assertThat(Permissions.mayChange(owner("905320000000"), AHMET, ADMINS))
        .map(Violation::reason)
        .contains(RejectionReason.FORBIDDEN);
  }

  @Test
  void onlyTheBusinessMarksANoShow() {
    assertThat(Permissions.mayMarkNoShow(owner("905551112233"), ADMINS)).isEmpty();
    assertThat(Permissions.mayMarkNoShow(customer("905454031918"), ADMINS)).isPresent();
  }

  @Test
  void aCustomerBooksOnlyForItself() {
    assertThat(Permissions.mayBookFor(customer("905454031918"), AHMET, ADMINS)).isEmpty();
    assertThat(Permissions.mayBookFor(customer("905320000000"), AHMET, ADMINS)).isPresent();
    assertThat(Permissions.mayBookFor(owner("905551112233"), AHMET, ADMINS)).isEmpty();
  }

  @Test
  void anOperatorsCommandIsRefusedOnTheCommandTopicWhateverItAsks() {
    assertThat(Permissions.mayCommandThroughTopic(new Actor(Actor.Role.OPERATOR, "ops-console")))
        .map(Violation::reason)
        .contains(RejectionReason.FORBIDDEN);
    assertThat(Permissions.mayCommandThroughTopic(customer("905454031918"))).isEmpty();
    assertThat(Permissions.mayCommandThroughTopic(owner("905551112233"))).isEmpty();
    assertThat(Permissions.mayCommandThroughTopic(Actor.businessOperator())).isEmpty();
  }

  @Test
  void theBusinessThroughItsApiHasAnOwnersRightsWithoutAnAdminNumber() {
    Actor byKey = Actor.businessKey(java.util.UUID.randomUUID());
    Actor byOperator = Actor.businessOperator();
    for (Actor business : List.of(byKey, byOperator)) {
      assertThat(business.role()).isEqualTo(Actor.Role.BUSINESS);
      assertThat(Permissions.mayChange(business, AHMET, ADMINS)).isEmpty();
      assertThat(Permissions.mayChange(business, BSUID_USER, List.of())).isEmpty();
      assertThat(Permissions.mayBookFor(business, AHMET, List.of())).isEmpty();
      assertThat(Permissions.mayMarkNoShow(business, List.of())).isEmpty();
      assertThat(Permissions.mayCommandThroughTopic(business)).isEmpty();
    }
    assertThat(byKey.userId()).startsWith("api-key:");
    assertThat(byOperator.userId()).isEqualTo("operator");
    // an owner needs its admin number still
    assertThat(Permissions.mayBookFor(owner("905551112233"), AHMET, List.of())).isPresent();
  }

  @Test
  void theCancellationNoticeDoesNotBindTheBusiness() {
    java.time.Instant now = java.time.Instant.parse("2026-12-07T10:00:00Z");
    java.time.Instant inAnHour = now.plusSeconds(3600);
    assertThat(CancellationPolicy.check(Actor.businessOperator(), List.of(), 24, inAnHour, now))
        .isEmpty();
    assertThat(CancellationPolicy.check(customer("905454031918"), ADMINS, 24, inAnHour, now))
        .map(Violation::reason)
        .contains(RejectionReason.TOO_LATE);
  }

  static Actor customer(String id) {
    return new Actor(Actor.Role.CUSTOMER, id);
  }

  static Actor owner(String id) {
    return new Actor(Actor.Role.OWNER, id);
  }
}
