package io.sahabot.reservation.booking.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/**
 * Phone numbers as E.164 digits without '+', read with libphonenumber. Digits that already start
 * with a country code (WhatsApp ids, "905454031918") are taken as international; anything else
 * ("0545 403 19 18", "545 403 1918") is read in the default region, Turkey.
 */
public final class PhoneNumbers {

  public static final String DEFAULT_REGION = "TR";
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private PhoneNumbers() {}

  /** The number as E.164 digits, or empty when it is not a possible phone number. */
  public static Optional<String> normalise(String raw) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    String trimmed = raw.strip();
    String digits = trimmed.replaceAll("[\\s().\\-]", "");
    if (digits.matches("[1-9][0-9]{10,14}")) {
      Optional<String> international = parse("+" + digits);
      if (international.isPresent()) {
        return international;
      }
    }
    if (digits.startsWith("00")) {
      digits = "+" + digits.substring(2);
    }
    return parse(digits);
  }

  private static Optional<String> parse(String text) {
    try {
      PhoneNumber number = UTIL.parse(text, DEFAULT_REGION);
      if (!UTIL.isPossibleNumber(number)) {
        return Optional.empty();
      }
      return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164).substring(1));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }
}
