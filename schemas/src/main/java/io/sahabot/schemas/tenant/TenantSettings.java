package io.sahabot.schemas.tenant;

import static io.sahabot.schemas.Require.distinct;
import static io.sahabot.schemas.Require.list;
import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.optionalText;
import static io.sahabot.schemas.Require.text;

import io.sahabot.schemas.Require;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A tenant's business settings. The constructor rejects invalid settings with an {@link
 * IllegalArgumentException} (or {@link NullPointerException}) whose message starts with the field's
 * name, e.g. {@code "timeZone: unknown time zone 'Mars/X'"}.
 *
 * @param timeZone IANA time zone id, e.g. {@code Europe/Istanbul}
 * @param language BCP 47 language tag, e.g. {@code tr} or {@code en-GB}
 * @param currency ISO 4217 code, e.g. {@code TRY}
 * @param pricePerHour the base price of one hour, at least 0
 * @param peakPrices prices replacing the base price at some times; empty when none
 * @param openingHours the hours of each weekday; a weekday that is absent is closed
 * @param slotMinutes the length of a bookable slot, 15 to 240
 * @param fields the names of the tenant's pitches, at least one, unique; the first is the default
 * @param adminNumbers owners' and staff's phone numbers, E.164 digits without '+'; may be empty
 * @param greeting the first message to a new customer; absent for the built-in one
 * @param monthlyTokenBudget model tokens the tenant may spend per month; absent for no limit
 * @param notifications owner notices, reminders and templates; absent for {@link
 *     Notifications#defaults()}
 * @param waitlistHoldMinutes how long a freed slot is held for the first customer on its waitlist
 *     before the next one is offered it, 1 to 1440; absent for {@link
 *     #DEFAULT_WAITLIST_HOLD_MINUTES}
 */
public record TenantSettings(
    String timeZone,
    String language,
    String currency,
    BigDecimal pricePerHour,
    List<PeakPrice> peakPrices,
    Map<DayOfWeek, OpeningHours> openingHours,
    int slotMinutes,
    List<String> fields,
    List<String> adminNumbers,
    String greeting,
    Long monthlyTokenBudget,
    Notifications notifications,
    Integer waitlistHoldMinutes) {

  /** The waitlist hold when the business has not set one. */
  public static final int DEFAULT_WAITLIST_HOLD_MINUTES = 15;

  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");

  public TenantSettings {
    nonNull(timeZone, "timeZone");
    if (!ZoneId.getAvailableZoneIds().contains(timeZone)) {
      throw new IllegalArgumentException("timeZone: unknown time zone '" + timeZone + "'");
    }
    nonNull(language, "language");
    if (!LANGUAGE.matcher(language).matches()) {
      throw new IllegalArgumentException(
          "language: must be a BCP 47 language tag such as 'tr' or 'en-GB', was '"
              + language
              + "'");
    }
    nonNull(currency, "currency");
    try {
      Currency.getInstance(currency);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("currency: unknown ISO 4217 currency '" + currency + "'");
    }
    price(pricePerHour, "pricePerHour");
    peakPrices = list(peakPrices, "peakPrices");
    openingHours = openingHours(openingHours);
    if (slotMinutes < 15 || slotMinutes > 240) {
      throw new IllegalArgumentException(
          "slotMinutes: must be between 15 and 240, was " + slotMinutes);
    }
    fields = distinct(list(fields, "fields"), Function.identity(), "fields");
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("fields: at least one field is required");
    }
    for (int i = 0; i < fields.size(); i++) {
      text(fields.get(i), 100, "fields[" + i + "]");
    }
    adminNumbers =
        distinct(list(adminNumbers, "adminNumbers"), Function.identity(), "adminNumbers");
    for (int i = 0; i < adminNumbers.size(); i++) {
      Require.optionalPhone(adminNumbers.get(i), "adminNumbers[" + i + "]");
    }
    optionalText(greeting, 1024, "greeting");
    if (monthlyTokenBudget != null && monthlyTokenBudget < 0) {
      throw new IllegalArgumentException(
          "monthlyTokenBudget: must be at least 0, was " + monthlyTokenBudget);
    }
    notifications = notifications == null ? Notifications.defaults() : notifications;
    waitlistHoldMinutes =
        waitlistHoldMinutes == null ? DEFAULT_WAITLIST_HOLD_MINUTES : waitlistHoldMinutes;
    if (waitlistHoldMinutes < 1 || waitlistHoldMinutes > 1440) {
      throw new IllegalArgumentException(
          "waitlistHoldMinutes: must be between 1 and 1440, was " + waitlistHoldMinutes);
    }
  }

  /** Settings with the default waitlist hold. */
  public TenantSettings(
      String timeZone,
      String language,
      String currency,
      BigDecimal pricePerHour,
      List<PeakPrice> peakPrices,
      Map<DayOfWeek, OpeningHours> openingHours,
      int slotMinutes,
      List<String> fields,
      List<String> adminNumbers,
      String greeting,
      Long monthlyTokenBudget,
      Notifications notifications) {
    this(
        timeZone,
        language,
        currency,
        pricePerHour,
        peakPrices,
        openingHours,
        slotMinutes,
        fields,
        adminNumbers,
        greeting,
        monthlyTokenBudget,
        notifications,
        null);
  }

  /** Settings with the default {@link Notifications}. */
  public TenantSettings(
      String timeZone,
      String language,
      String currency,
      BigDecimal pricePerHour,
      List<PeakPrice> peakPrices,
      Map<DayOfWeek, OpeningHours> openingHours,
      int slotMinutes,
      List<String> fields,
      List<String> adminNumbers,
      String greeting,
      Long monthlyTokenBudget) {
    this(
        timeZone,
        language,
        currency,
        pricePerHour,
        peakPrices,
        openingHours,
        slotMinutes,
        fields,
        adminNumbers,
        greeting,
        monthlyTokenBudget,
        null);
  }

  /**
   * The settings of a newly provisioned tenant: Europe/Istanbul, Turkish, TRY 1000.00 per hour, no
   * peak prices, open 09:00–24:00 every day, 60-minute slots, one field "Saha 1", no admins, the
   * built-in greeting, no token budget, the default notifications.
   */
  public static TenantSettings defaults() {
    var hours = new EnumMap<DayOfWeek, OpeningHours>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      hours.put(day, new OpeningHours("09:00", "24:00"));
    }
    return new TenantSettings(
        "Europe/Istanbul",
        "tr",
        "TRY",
        new BigDecimal("1000.00"),
        List.of(),
        hours,
        60,
        List.of("Saha 1"),
        List.of(),
        null,
        null);
  }

  /** {@link #timeZone()} as a {@link ZoneId}. */
  public ZoneId zone() {
    return ZoneId.of(timeZone);
  }

  /** {@link #currency()} as a {@link Currency}. */
  public Currency currencyUnit() {
    return Currency.getInstance(currency);
  }

  /** The default field: the first one. */
  public String defaultField() {
    return fields.get(0);
  }

  static BigDecimal price(BigDecimal price, String field) {
    nonNull(price, field);
    if (price.signum() < 0) {
      throw new IllegalArgumentException(field + ": must be at least 0, was " + price);
    }
    return price;
  }

  private static Map<DayOfWeek, OpeningHours> openingHours(Map<DayOfWeek, OpeningHours> hours) {
    nonNull(hours, "openingHours");
    var copy = new EnumMap<DayOfWeek, OpeningHours>(DayOfWeek.class);
    hours.forEach(
        (day, open) -> {
          nonNull(day, "openingHours");
          copy.put(day, nonNull(open, "openingHours." + day));
        });
    return Collections.unmodifiableMap(copy);
  }
}
