package io.sahabot.reservation.booking.domain;

import io.sahabot.schemas.tenant.OpeningHours;
import io.sahabot.schemas.tenant.PeakPrice;
import io.sahabot.schemas.tenant.TenantSettings;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A fixtures builder for tenant settings: Istanbul, TRY 1000/h, 09:00–24:00 daily, 60 minutes. */
final class Settings {

  private String zone = "Europe/Istanbul";
  private final List<PeakPrice> peaks = new ArrayList<>();
  private final Map<DayOfWeek, OpeningHours> hours = new EnumMap<>(DayOfWeek.class);
  private int slotMinutes = 60;
  private List<String> fields = List.of("Saha 1", "Saha 2");
  private List<String> admins = List.of("905551112233");

  Settings() {
    openEveryDay("09:00", "24:00");
  }

  Settings zone(String zone) {
    this.zone = zone;
    return this;
  }

  Settings openEveryDay(String open, String close) {
    for (DayOfWeek d : DayOfWeek.values()) {
      hours.put(d, new OpeningHours(open, close));
    }
    return this;
  }

  Settings closed(DayOfWeek day) {
    hours.remove(day);
    return this;
  }

  Settings peak(java.util.Set<DayOfWeek> days, String from, String to, String price) {
    peaks.add(new PeakPrice(days, from, to, new BigDecimal(price)));
    return this;
  }

  Settings slotMinutes(int minutes) {
    this.slotMinutes = minutes;
    return this;
  }

  Settings fields(String... names) {
    this.fields = List.of(names);
    return this;
  }

  TenantSettings build() {
    return new TenantSettings(
        zone,
        "tr",
        "TRY",
        new BigDecimal("1000.00"),
        peaks,
        hours,
        slotMinutes,
        fields,
        admins,
        null,
        null);
  }

  Schedule schedule() {
    return new Schedule(build(), java.time.Duration.ofHours(4));
  }
}
