package io.sahabot.schemas.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sahabot.schemas.Fixtures;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantSettingsTest {

  private static final TenantSettings D = TenantSettings.defaults();

  @Test
  void defaultsAreThoseOfANewHaliSaha() {
    assertThat(D.zone()).isEqualTo(ZoneId.of("Europe/Istanbul"));
    assertThat(D.language()).isEqualTo("tr");
    assertThat(D.currency()).isEqualTo("TRY");
    assertThat(D.pricePerHour()).isEqualTo(new BigDecimal("1000.00"));
    assertThat(D.peakPrices()).isEmpty();
    assertThat(D.openingHours()).hasSize(7).containsOnlyKeys(DayOfWeek.values());
    assertThat(D.openingHours().get(DayOfWeek.SUNDAY).openMinute()).isEqualTo(9 * 60);
    assertThat(D.openingHours().get(DayOfWeek.SUNDAY).closeMinute()).isEqualTo(24 * 60);
    assertThat(D.slotMinutes()).isEqualTo(60);
    assertThat(D.fields()).containsExactly("Saha 1");
    assertThat(D.defaultField()).isEqualTo("Saha 1");
    assertThat(D.adminNumbers()).isEmpty();
    assertThat(D.greeting()).isNull();
    assertThat(D.monthlyTokenBudget()).isNull();
  }

  @Test
  void notificationsLeftOutOrGivenInPartAreTheDefaultsForWhatIsMissing() {
    assertThat(D.notifications()).isEqualTo(Notifications.defaults());
    assertThat(D.notifications().tellOwner()).isTrue();
    assertThat(D.notifications().reminderMinutesBefore()).isEqualTo(180);

    Notifications partial =
        io.sahabot.schemas.Json.mapper()
            .readValue("{\"reminderMinutesBefore\":60}", Notifications.class);

    assertThat(partial.tellOwner()).isTrue();
    assertThat(partial.reminderMinutesBefore()).isEqualTo(60);
    assertThat(partial.reminderTemplate()).isEqualTo("reservation_reminder");
    assertThatThrownBy(() -> new Notifications(true, 20_000, null, null, null, null))
        .hasMessageStartingWith("notifications.reminderMinutesBefore:");
    assertThatThrownBy(() -> new Notifications(true, 60, "25:00", null, null, null))
        .hasMessageStartingWith("notifications.dailySummaryAt:");
  }

  @Test
  void theWaitlistHoldIsFifteenMinutesUnlessSetAndBetweenOneMinuteAndADay() {
    assertThat(D.waitlistHoldMinutes()).isEqualTo(15);
    TenantSettings thirty =
        io.sahabot.schemas.Json.mapper()
            .readValue(
                io.sahabot.schemas.Json.mapper()
                    .writeValueAsString(D)
                    .replace("\"waitlistHoldMinutes\":15", "\"waitlistHoldMinutes\":30"),
                TenantSettings.class);
    assertThat(thirty.waitlistHoldMinutes()).isEqualTo(30);
    assertThatThrownBy(
            () ->
                new TenantSettings(
                    D.timeZone(),
                    D.language(),
                    D.currency(),
                    D.pricePerHour(),
                    D.peakPrices(),
                    D.openingHours(),
                    D.slotMinutes(),
                    D.fields(),
                    D.adminNumbers(),
                    null,
                    null,
                    null,
                    0))
        .hasMessageStartingWith("waitlistHoldMinutes:");
  }

  @Test
  void refusesUnknownTimeZoneNamingTheField() {
    assertThatThrownBy(() -> withTimeZone("Mars/X"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeZone: unknown time zone 'Mars/X'");
    assertThatThrownBy(() -> withTimeZone("+03:00")).hasMessageStartingWith("timeZone:");
  }

  @Test
  void refusesUnknownCurrency() {
    assertThatThrownBy(
            () -> settings("TL", D.pricePerHour(), D.slotMinutes(), D.fields(), List.of()))
        .hasMessage("currency: unknown ISO 4217 currency 'TL'");
  }

  @Test
  void refusesAdminNumberThatIsNotE164Digits() {
    assertThatThrownBy(
            () ->
                settings(
                    "TRY",
                    D.pricePerHour(),
                    60,
                    D.fields(),
                    List.of("905551112233", "+905551112233")))
        .hasMessageStartingWith("adminNumbers[1]: must be E.164 digits");
    assertThatThrownBy(() -> settings("TRY", D.pricePerHour(), 60, D.fields(), List.of("0555123")))
        .hasMessageStartingWith("adminNumbers[0]:");
  }

  @Test
  void refusesNegativePriceSlotOutOfRangeAndNoField() {
    assertThatThrownBy(
            () -> settings("TRY", new BigDecimal("-1"), 60, D.fields(), D.adminNumbers()))
        .hasMessageStartingWith("pricePerHour:");
    assertThatThrownBy(() -> settings("TRY", D.pricePerHour(), 10, D.fields(), List.of()))
        .hasMessage("slotMinutes: must be between 15 and 240, was 10");
    assertThatThrownBy(() -> settings("TRY", D.pricePerHour(), 60, List.of(), List.of()))
        .hasMessageStartingWith("fields:");
    assertThatThrownBy(
            () -> settings("TRY", D.pricePerHour(), 60, List.of("Saha 1", "Saha 1"), List.of()))
        .hasMessageStartingWith("fields: duplicate");
  }

  @Test
  void openingHoursCloseAfterOpenOrPastMidnight() {
    assertThat(new OpeningHours("00:00", "24:00").closeMinute()).isEqualTo(1440);
    assertThat(new OpeningHours("09:00", "02:00").closeMinute()).isEqualTo(26 * 60);
    assertThat(new OpeningHours("09:00", "02:00").pastMidnight()).isTrue();
    assertThat(new OpeningHours("09:00", "00:00").closeMinute()).isEqualTo(1440);
    assertThatThrownBy(() -> new OpeningHours("22:00", "22:00"))
        .hasMessageStartingWith("openingHours.close: must differ from openingHours.open");
    assertThatThrownBy(() -> new OpeningHours("9:00", "22:00"))
        .hasMessageStartingWith("openingHours.open: must be a time HH:mm");
    assertThatThrownBy(() -> new OpeningHours("09:00", "24:30"))
        .hasMessageStartingWith("openingHours.close:");
  }

  @Test
  void fieldsHaveStableIdsNamesSizesAndTheirOwnPrices() {
    var settings =
        TenantSettings.defaults()
            .withFields(
                List.of(
                    new FieldSpec("a", "Ana Saha", "7+7", new BigDecimal("1500"), List.of()),
                    new FieldSpec(null, "Küçük Saha", "5 x 5", null, List.of())));

    assertThat(settings.fields()).containsExactly("Ana Saha", "Küçük Saha");
    assertThat(settings.fieldDetails().get(1).id()).isEqualTo("Küçük Saha");
    assertThat(settings.fieldDetails().get(1).size()).isEqualTo("5+5");
    assertThat(settings.field("a").orElseThrow().name()).isEqualTo("Ana Saha");
    assertThat(settings.field("ana saha").orElseThrow().id()).isEqualTo("a");
    assertThat(TenantSettings.defaults().fieldDetails())
        .containsExactly(new FieldSpec("Saha 1", "Saha 1", null, null, List.of()));
    assertThatThrownBy(
            () ->
                TenantSettings.defaults()
                    .withFields(
                        List.of(
                            new FieldSpec("a", "A", null, null, List.of()),
                            new FieldSpec("a", "B", null, null, List.of()))))
        .hasMessageStartingWith("fieldDetails.id: duplicate");
    assertThatThrownBy(() -> new FieldSpec("a", "A", "big", null, List.of()))
        .hasMessageStartingWith("fieldDetails.size:");
  }

  @Test
  void aSpecialDayReplacesTheWeekdaysHours() {
    var settings =
        new TenantSettings(
            "Europe/Istanbul",
            "tr",
            "TRY",
            BigDecimal.TEN,
            List.of(),
            TenantSettings.defaults().openingHours(),
            60,
            List.of("Saha 1"),
            List.of(),
            null,
            null,
            null,
            null,
            List.of(
                new SpecialDay("2026-12-31", null, null, "Yılbaşı"),
                new SpecialDay(
                    "2027-03-20", "2027-03-22", new OpeningHours("12:00", "20:00"), null)),
            3);

    assertThat(settings.hoursOn(java.time.LocalDate.parse("2026-12-31"))).isEmpty();
    assertThat(settings.hoursOn(java.time.LocalDate.parse("2027-03-21")))
        .contains(new OpeningHours("12:00", "20:00"));
    assertThat(settings.hoursOn(java.time.LocalDate.parse("2027-03-23")))
        .contains(new OpeningHours("09:00", "24:00"));
    assertThat(settings.customerCancelLimitHours()).isEqualTo(3);
    assertThatThrownBy(() -> new SpecialDay("2027-03-22", "2027-03-20", null, null))
        .hasMessageStartingWith("specialDays.to:");
  }

  @Test
  void peakPriceNeedsDaysAndAnOrderedWindow() {
    var peak =
        new PeakPrice(
            Set.of(DayOfWeek.SUNDAY, DayOfWeek.FRIDAY), "18:00", "24:00", D.pricePerHour());
    assertThat(peak.days()).containsExactly(DayOfWeek.FRIDAY, DayOfWeek.SUNDAY);
    assertThat(peak.fromMinute()).isEqualTo(18 * 60);

    assertThatThrownBy(() -> new PeakPrice(Set.of(), "18:00", "24:00", BigDecimal.ONE))
        .hasMessageStartingWith("peakPrices.days:");
    assertThatThrownBy(
            () -> new PeakPrice(Set.of(DayOfWeek.MONDAY), "18:00", "18:00", BigDecimal.ONE))
        .hasMessageStartingWith("peakPrices.to:");
    assertThatThrownBy(
            () -> new PeakPrice(Set.of(DayOfWeek.MONDAY), "18:00", "20:00", new BigDecimal("-5")))
        .hasMessageStartingWith("peakPrices.pricePerHour:");
  }

  @Test
  void collectionsAreCopied() {
    var hours = new EnumMap<DayOfWeek, OpeningHours>(DayOfWeek.class);
    hours.put(DayOfWeek.MONDAY, new OpeningHours("10:00", "20:00"));
    var settings =
        new TenantSettings(
            "Europe/Berlin",
            "en-GB",
            "EUR",
            BigDecimal.TEN,
            null,
            hours,
            90,
            List.of("Court A"),
            null,
            null,
            0L);

    hours.clear();

    assertThat(settings.openingHours()).containsOnlyKeys(DayOfWeek.MONDAY);
    assertThat(settings.peakPrices()).isEmpty();
    assertThat(settings.adminNumbers()).isEmpty();
    assertThatThrownBy(() -> settings.openingHours().put(DayOfWeek.TUESDAY, null))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void snapshotKeyIsTheTenantAndVersionIsPositive() {
    var snapshot = Fixtures.snapshot(D);
    assertThat(snapshot.key()).isEqualTo(Fixtures.TENANT.toString());
    assertThatThrownBy(
            () ->
                new TenantSnapshot(
                    "e", Fixtures.NOW, Fixtures.TENANT, null, "p", null, "Saha", true, D, 0))
        .hasMessageStartingWith("version:");
  }

  private static TenantSettings withTimeZone(String zone) {
    return new TenantSettings(
        zone,
        D.language(),
        D.currency(),
        D.pricePerHour(),
        D.peakPrices(),
        D.openingHours(),
        D.slotMinutes(),
        D.fields(),
        D.adminNumbers(),
        D.greeting(),
        D.monthlyTokenBudget());
  }

  private static TenantSettings settings(
      String currency,
      BigDecimal price,
      int slotMinutes,
      List<String> fields,
      List<String> admins) {
    Map<DayOfWeek, OpeningHours> hours = D.openingHours();
    return new TenantSettings(
        D.timeZone(),
        D.language(),
        currency,
        price,
        D.peakPrices(),
        hours,
        slotMinutes,
        fields,
        admins,
        D.greeting(),
        D.monthlyTokenBudget());
  }
}
