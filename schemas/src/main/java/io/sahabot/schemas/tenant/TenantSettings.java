package io.sahabot.schemas.tenant;

import static io.sahabot.schemas.Require.distinct;
import static io.sahabot.schemas.Require.list;
import static io.sahabot.schemas.Require.nonNull;
import static io.sahabot.schemas.Require.optionalText;
import static io.sahabot.schemas.Require.text;

import io.sahabot.schemas.Require;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * @param location where the business is, sent when a customer asks for the address; may be absent
 * @param fieldDetails the fields as they are (stable id, name, size, own prices), in the order of
 *     {@code fields}; absent or empty: one per name of {@code fields}, its id the name. When given,
 *     {@code fields} is their names
 * @param specialDays dates closed or open at other hours (holidays); empty when none
 * @param cancellationNoticeHours customers may not cancel, nor move, a reservation within this many
 *     hours of its start (the owner may); absent or 0 for no limit, at most 720
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
    BusinessLocation location,
    List<FieldSpec> fieldDetails,
    List<SpecialDay> specialDays,
    Integer cancellationNoticeHours,
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
    fieldDetails = fieldDetails(fieldDetails, fields);
    fields = fieldDetails.stream().map(FieldSpec::name).toList();
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
    specialDays = list(specialDays, "specialDays");
    if (cancellationNoticeHours != null
        && (cancellationNoticeHours < 0 || cancellationNoticeHours > 720)) {
      throw new IllegalArgumentException(
          "cancellationNoticeHours: must be between 0 (no limit) and 720, was "
              + cancellationNoticeHours);
    }
    waitlistHoldMinutes =
        waitlistHoldMinutes == null ? DEFAULT_WAITLIST_HOLD_MINUTES : waitlistHoldMinutes;
    if (waitlistHoldMinutes < 1 || waitlistHoldMinutes > 1440) {
      throw new IllegalArgumentException(
          "waitlistHoldMinutes: must be between 1 and 1440, was " + waitlistHoldMinutes);
    }
  }

  /** Settings with a waitlist hold, and no location, fields' details or special days. */
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
      Notifications notifications,
      Integer waitlistHoldMinutes) {
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
        null,
        null,
        null,
        null,
        waitlistHoldMinutes);
  }

  /**
   * Settings with a {@link BusinessLocation} and nothing of the fields' details or special days.
   */
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
      Notifications notifications,
      BusinessLocation location) {
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
        location,
        null,
        null,
        null,
        null);
  }

  /** Settings with the fields' details, special days and cancellation notice, no location. */
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
      Notifications notifications,
      List<FieldSpec> fieldDetails,
      List<SpecialDay> specialDays,
      Integer cancellationNoticeHours) {
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
        null,
        fieldDetails,
        specialDays,
        cancellationNoticeHours,
        null);
  }

  /** Settings without a location, fields' details or special days. */
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
        null,
        null,
        null,
        null,
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
        (Notifications) null);
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

  /** The field of this id, else of this name (case-insensitive, spaces stripped). */
  public Optional<FieldSpec> field(String idOrName) {
    if (idOrName == null) {
      return Optional.empty();
    }
    String wanted = idOrName.strip();
    return fieldDetails.stream()
        .filter(f -> f.id().equals(wanted))
        .findFirst()
        .or(() -> fieldDetails.stream().filter(f -> f.name().equalsIgnoreCase(wanted)).findFirst());
  }

  /** The special day covering {@code date}, the last given winning; empty on an ordinary day. */
  public Optional<SpecialDay> specialDay(LocalDate date) {
    SpecialDay found = null;
    for (SpecialDay day : specialDays) {
      if (day.covers(date)) {
        found = day;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The hours of {@code date}: a special day's, else its weekday's; empty when closed. */
  public Optional<OpeningHours> hoursOn(LocalDate date) {
    Optional<SpecialDay> special = specialDay(date);
    if (special.isPresent()) {
      return Optional.ofNullable(special.get().hours());
    }
    return Optional.ofNullable(openingHours.get(date.getDayOfWeek()));
  }

  /** The hours before a start in which a customer may no longer cancel or move; 0 for no limit. */
  public int customerCancelLimitHours() {
    return cancellationNoticeHours == null ? 0 : cancellationNoticeHours;
  }

  /** These settings with {@code changes} applied to a copy of their field list. */
  public TenantSettings withFields(List<FieldSpec> details) {
    return new TenantSettings(
        timeZone,
        language,
        currency,
        pricePerHour,
        peakPrices,
        openingHours,
        slotMinutes,
        List.of(),
        adminNumbers,
        greeting,
        monthlyTokenBudget,
        notifications,
        details,
        specialDays,
        cancellationNoticeHours);
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

  /**
   * The fields as given, each without an id given its name (made unique); or, when none are given,
   * one per name of {@code names}.
   */
  private static List<FieldSpec> fieldDetails(List<FieldSpec> details, List<String> names) {
    List<FieldSpec> given = list(details, "fieldDetails");
    if (given.isEmpty()) {
      List<String> plain = list(names, "fields");
      for (int i = 0; i < plain.size(); i++) {
        text(plain.get(i), 100, "fields[" + i + "]");
      }
      return plain.stream().map(FieldSpec::named).toList();
    }
    Set<String> ids = new HashSet<>();
    given.stream().map(FieldSpec::id).filter(Objects::nonNull).forEach(ids::add);
    List<FieldSpec> result = new ArrayList<>();
    for (FieldSpec f : given) {
      if (f.id() != null) {
        result.add(f);
        continue;
      }
      String id = f.name();
      for (int n = 2; ids.contains(id); n++) {
        id = f.name() + " (" + n + ")";
      }
      ids.add(id);
      result.add(new FieldSpec(id, f.name(), f.size(), f.pricePerHour(), f.peakPrices()));
    }
    distinct(result, FieldSpec::id, "fieldDetails.id");
    distinct(result, f -> f.name().toLowerCase(java.util.Locale.ROOT), "fieldDetails.name");
    return List.copyOf(result);
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
