package io.sahabot.reservation.booking.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.sahabot.schemas.reservation.RejectionReason;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ScheduleTest {

  static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");

  static Interval at(String start, String end) {
    return new Interval(Instant.parse(start), Instant.parse(end));
  }

  static Optional<RejectionReason> reason(Schedule schedule, Interval interval) {
    return schedule.check(interval, LONG_AGO).map(Violation::reason);
  }

  @Nested
  class OpeningHoursInTheTenantsZone {

    @Test
    void acceptsASlotInsideTheHoursAndRefusesOneOutside() {
      Schedule istanbul = new Settings().schedule(); // UTC+3 all year

      assertThat(reason(istanbul, at("2026-11-30T17:00:00Z", "2026-11-30T18:00:00Z"))).isEmpty();
      assertThat(reason(istanbul, at("2026-11-30T05:00:00Z", "2026-11-30T06:00:00Z")))
          .contains(RejectionReason.CLOSED); // 08:00 local
    }

    @Test
    void closesAtMidnightWith2400() {
      Schedule istanbul = new Settings().schedule();

      // 23:00–24:00 local is the last slot of the day
      assertThat(reason(istanbul, at("2026-11-30T20:00:00Z", "2026-11-30T21:00:00Z"))).isEmpty();
      // 23:30–00:30 runs past midnight
      assertThat(reason(istanbul, at("2026-11-30T20:30:00Z", "2026-11-30T21:30:00Z")))
          .contains(RejectionReason.CLOSED);
    }

    @Test
    void refusesADayWithNoOpeningHours() {
      Schedule schedule = new Settings().closed(DayOfWeek.MONDAY).schedule();

      assertThat(reason(schedule, at("2026-11-30T17:00:00Z", "2026-11-30T18:00:00Z")))
          .contains(RejectionReason.CLOSED);
    }

    @Test
    void readsLocalTimesAcrossTheEndOfDaylightSavingInBerlin() {
      Schedule berlin = new Settings().zone("Europe/Berlin").schedule();

      // Monday 19 October, CEST (UTC+2): 08:30Z is 10:30 local, open
      assertThat(reason(berlin, at("2026-10-19T07:30:00Z", "2026-10-19T08:30:00Z"))).isEmpty();
      // Monday 26 October, after the last Sunday of October, CET (UTC+1): 07:30Z is 08:30, closed
      assertThat(reason(berlin, at("2026-10-26T07:30:00Z", "2026-10-26T08:30:00Z")))
          .contains(RejectionReason.CLOSED);
      // 23:00 CET is 22:00Z: the last slot of the 26th is 22:00Z-23:00Z
      assertThat(reason(berlin, at("2026-10-26T22:00:00Z", "2026-10-26T23:00:00Z"))).isEmpty();
      // on the 19th the same UTC hour was 00:00-01:00 CEST of the 20th: closed
      assertThat(reason(berlin, at("2026-10-19T22:00:00Z", "2026-10-19T23:00:00Z")))
          .contains(RejectionReason.CLOSED);
      assertThat(reason(berlin, at("2026-10-19T21:00:00Z", "2026-10-19T22:00:00Z"))).isEmpty();
    }

    @Test
    void theDayDaylightSavingEndsHas25OpenHours() {
      Schedule berlin =
          new Settings().zone("Europe/Berlin").openEveryDay("00:00", "24:00").schedule();

      assertThat(berlin.openMinutes(LocalDate.of(2026, 10, 25), LocalDate.of(2026, 10, 25)))
          .isEqualTo(25 * 60);
      assertThat(berlin.openMinutes(LocalDate.of(2026, 3, 29), LocalDate.of(2026, 3, 29)))
          .isEqualTo(23 * 60);
      assertThat(berlin.openMinutes(LocalDate.of(2026, 10, 26), LocalDate.of(2026, 11, 1)))
          .isEqualTo(7 * 24 * 60);
    }

    @Test
    void offersEveryLocalHourOnceOnTheDayDaylightSavingEnds() {
      Schedule berlin =
          new Settings().zone("Europe/Berlin").openEveryDay("00:00", "24:00").schedule();

      List<Interval> free =
          berlin.freeSlots(LocalDate.of(2026, 10, 25), Duration.ofHours(1), List.of(), LONG_AGO);

      assertThat(free).hasSize(24);
      assertThat(free.get(0).start()).isEqualTo(Instant.parse("2026-10-24T22:00:00Z"));
      assertThat(free.get(23).end()).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
      for (int i = 1; i < free.size(); i++) {
        assertThat(free.get(i).start()).isAfterOrEqualTo(free.get(i - 1).end());
      }
    }
  }

  @Nested
  class LengthAndTime {

    @Test
    void refusesASlotThatHasStarted() {
      Schedule schedule = new Settings().schedule();
      Interval slot = at("2026-11-30T17:00:00Z", "2026-11-30T18:00:00Z");

      assertThat(schedule.check(slot, Instant.parse("2026-11-30T17:00:00Z")).map(Violation::reason))
          .contains(RejectionReason.PAST);
      assertThat(schedule.check(slot, Instant.parse("2026-11-30T16:59:59Z"))).isEmpty();
    }

    @Test
    void requiresAWholeNumberOfSlotsWithinTheMaximum() {
      Schedule schedule = new Settings().schedule();

      assertThat(reason(schedule, at("2026-11-30T10:00:00Z", "2026-11-30T10:30:00Z")))
          .contains(RejectionReason.INVALID);
      assertThat(reason(schedule, at("2026-11-30T10:00:00Z", "2026-11-30T11:30:00Z")))
          .contains(RejectionReason.INVALID);
      assertThat(reason(schedule, at("2026-11-30T10:00:00Z", "2026-11-30T14:00:00Z"))).isEmpty();
      assertThat(reason(schedule, at("2026-11-30T10:00:00Z", "2026-11-30T15:00:00Z")))
          .contains(RejectionReason.INVALID);
    }
  }

  @Nested
  class Pricing {

    Schedule berlinWithEveningPeak =
        new Settings()
            .zone("Europe/Berlin")
            .peak(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), "18:00", "24:00", "1500.00")
            .schedule();

    @Test
    void chargesTheBasePriceOutsidePeakHours() {
      assertThat(berlinWithEveningPeak.price(at("2026-11-30T09:00:00Z", "2026-11-30T11:00:00Z")))
          .isEqualByComparingTo("2000.00");
    }

    @Test
    void chargesThePeakPriceByLocalWeekdayAndHour() {
      // Monday 26 October 20:00-21:00 CET
      assertThat(berlinWithEveningPeak.price(at("2026-10-26T19:00:00Z", "2026-10-26T20:00:00Z")))
          .isEqualByComparingTo("1500.00");
      // Monday 26 October 17:00Z is 18:00 CET: peak; the week before, 17:00Z was 19:00 CEST: peak,
      // and 16:00Z was 18:00 CEST
      assertThat(berlinWithEveningPeak.price(at("2026-10-26T16:00:00Z", "2026-10-26T17:00:00Z")))
          .isEqualByComparingTo("1000.00");
      assertThat(berlinWithEveningPeak.price(at("2026-10-19T16:00:00Z", "2026-10-19T17:00:00Z")))
          .isEqualByComparingTo("1500.00");
      // Saturday evening: no peak
      assertThat(berlinWithEveningPeak.price(at("2026-10-24T18:00:00Z", "2026-10-24T19:00:00Z")))
          .isEqualByComparingTo("1000.00");
    }

    @Test
    void splitsAReservationThatStartsBeforeThePeak() {
      // Friday 23 October 17:30-19:30 CEST: 30 minutes at 1000/h and 90 at 1500/h
      assertThat(berlinWithEveningPeak.price(at("2026-10-23T15:30:00Z", "2026-10-23T17:30:00Z")))
          .isEqualByComparingTo("2750.00");
    }

    @Test
    void roundsToTheCurrency() {
      Schedule quarterHours = new Settings().slotMinutes(15).schedule();
      // 1000/h for 15 minutes
      assertThat(quarterHours.price(at("2026-11-30T10:00:00Z", "2026-11-30T10:15:00Z")))
          .isEqualByComparingTo("250.00");
    }
  }

  @Nested
  class Conflicts {

    @Test
    void intervalsTouchingAtAnEndDoNotOverlap() {
      Interval eight = at("2026-11-30T17:00:00Z", "2026-11-30T18:00:00Z");

      assertThat(eight.overlaps(at("2026-11-30T18:00:00Z", "2026-11-30T19:00:00Z"))).isFalse();
      assertThat(eight.overlaps(at("2026-11-30T17:30:00Z", "2026-11-30T18:30:00Z"))).isTrue();
    }

    @Test
    void offersTheSameTimeOnAnotherFieldAndTheNearestOnTheSameField() {
      Schedule schedule = new Settings().fields("Saha 1", "Saha 2").schedule();
      // Monday 30 November 20:00-21:00 Istanbul is taken on Saha 1
      Interval taken = at("2026-11-30T17:00:00Z", "2026-11-30T18:00:00Z");

      List<Candidate> alternatives =
          schedule.alternatives("Saha 1", taken, Map.of("Saha 1", List.of(taken)), LONG_AGO, 3);

      assertThat(alternatives.get(0)).isEqualTo(new Candidate("Saha 2", taken));
      assertThat(alternatives)
          .containsSubsequence(
              new Candidate("Saha 1", at("2026-11-30T16:00:00Z", "2026-11-30T17:00:00Z")),
              new Candidate("Saha 1", at("2026-11-30T18:00:00Z", "2026-11-30T19:00:00Z")),
              new Candidate("Saha 1", at("2026-11-30T15:00:00Z", "2026-11-30T16:00:00Z")));
      assertThat(alternatives).hasSize(6);
      assertThat(alternatives)
          .noneMatch(c -> c.field().equals("Saha 1") && c.interval().overlaps(taken));
    }

    @Test
    void offersNothingInThePast() {
      Schedule schedule = new Settings().fields("Saha 1").schedule();
      Interval taken = at("2026-11-30T20:00:00Z", "2026-11-30T21:00:00Z"); // 23:00 local

      List<Candidate> alternatives =
          schedule.alternatives(
              "Saha 1",
              taken,
              Map.of("Saha 1", List.of(taken)),
              Instant.parse("2026-11-30T18:30:00Z"),
              3);

      assertThat(alternatives)
          .containsExactly(
              new Candidate("Saha 1", at("2026-11-30T19:00:00Z", "2026-11-30T20:00:00Z")));
    }
  }
}
