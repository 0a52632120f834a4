package io.sahabot.agent.tools;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * What the bot says, in Turkish or English: the texts live in the bundles {@code
 * i18n/messages_tr.properties} and {@code i18n/messages_en.properties}.
 */
public final class Texts {

  private static final Locale TR = Locale.forLanguageTag("tr");

  /** Bundles are found by language only; the JVM's default locale never picks one. */
  private static final ResourceBundle.Control EXACT =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  static final String BUNDLE = "i18n.messages";

  private Texts() {}

  public static String text(String language, String key, Object... args) {
    ResourceBundle bundle = bundle(locale(language));
    if (!bundle.containsKey(key)) {
      throw new IllegalArgumentException("no text " + key);
    }
    String template = bundle.getString(key);
    return args.length == 0 ? template : String.format(locale(language), template, args);
  }

  /** The bundle of a locale such as {@code en-GB} or {@code tr-TR}: English or Turkish. */
  public static ResourceBundle bundle(Locale locale) {
    return ResourceBundle.getBundle(BUNDLE, locale(locale.getLanguage()), EXACT);
  }

  /** English for any English tag ({@code en}, {@code en-GB}); Turkish otherwise. */
  public static Locale locale(String language) {
    return language != null && language.toLowerCase(Locale.ROOT).startsWith("en")
        ? Locale.ENGLISH
        : TR;
  }

  /** "Pzt 30.11 20:00–21:00" / "Mon 30 Nov 20:00–21:00". */
  public static String slot(String language, Instant start, Instant end, ZoneId zone) {
    ZonedDateTime s = start.atZone(zone);
    ZonedDateTime e = end.atZone(zone);
    return day(language, s.toLocalDate()) + " " + hm(s) + "–" + hm(e);
  }

  public static String day(String language, LocalDate date) {
    Locale locale = locale(language);
    String weekday = date.getDayOfWeek().getDisplayName(TextStyle.FULL, locale);
    String pattern = locale(language) == Locale.ENGLISH ? "d MMM" : "dd.MM";
    return weekday + " " + date.format(DateTimeFormatter.ofPattern(pattern, locale));
  }

  public static String hm(ZonedDateTime t) {
    return t.format(DateTimeFormatter.ofPattern("HH:mm"));
  }
}
