package io.sahabot.agent.offline.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Phone numbers, and the customer's name an owner books for ("Ali Yılmaz için", "isim: ali"). */
final class ContactGrammar {

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d \\-().]{7,18}\\d");

  /** A date or a time inside what looks like a phone number: "30.11.2026 19", "1.12 20". */
  private static final Pattern DATE_LIKE = Pattern.compile("\\b\\d{1,2}[./]\\d{1,2}\\b");

  private static final Pattern NAME_BEFORE_FOR =
      Pattern.compile(
          "((?:\\p{Lu}[\\p{L}]*)(?:\\s+\\p{Lu}[\\p{L}]*){0,3})\\s+(?iu:i[çc]i?n|ad[ıi]?n{1,2}a|nam[ıi]na)");

  /** "for john smith, phone …": an English name in lower case, before its phone. */
  private static final Pattern LOWER_NAME_AFTER_FOR =
      Pattern.compile(
          "\\b(?i:for)\\s+(\\p{L}+(?:\\s+\\p{L}+){0,2})\\s*,?\\s*(?i:phone|number|tel|mobile)\\b");

  /** "Can Demir'e", "Ali Veli'nin", "Ayşe'ye": a proper name with a case suffix. */
  private static final Pattern NAME_WITH_SUFFIX =
      Pattern.compile(
          "(\\p{Lu}\\p{L}*(?:\\s+\\p{Lu}\\p{L}*){0,2})['’](?iu:y?[ae]|n?[ıiuü]n|y?[ıiuü])(?![\\p{L}])");

  private static final Pattern LOWER_NAME_BEFORE_FOR =
      Pattern.compile(
          "((?:\\p{L}+\\s+){0,2}\\p{L}+)\\s+(?iu:i[çc]i?n|ad[ıi]?n{1,2}a|nam[ıi]na)",
          Pattern.UNICODE_CASE);
  private static final Pattern NAME_AFTER_FOR =
      Pattern.compile("\\b(?i:for)\\s+(\\p{Lu}[\\p{L}]*(?:\\s+\\p{Lu}[\\p{L}]*){0,2})");
  private static final Pattern NAME_LABELLED =
      Pattern.compile(
          "(?iu:müşteri|musteri|isim|ismi|adı|adi|name)\\s*[:=]\\s*(\\p{L}+(?:\\s+\\p{L}+){0,2})");

  private static final Set<String> NOT_NAMES =
      Set.of(
          "pazartesi",
          "sali",
          "carsamba",
          "persembe",
          "cuma",
          "cumartesi",
          "pazar",
          "haftaya",
          "gelecek",
          "bu",
          "yarin",
          "bugun",
          "aksam",
          "sabah",
          "gece",
          "saha",
          "saat",
          "saatlerini",
          "saatleri",
          "rezervasyon",
          "rezerve",
          "randevu",
          "ocak",
          "subat",
          "mart",
          "nisan",
          "mayis",
          "haziran",
          "temmuz",
          "agustos",
          "eylul",
          "ekim",
          "kasim",
          "aralik",
          "musteri",
          "lutfen",
          "bir",
          "ve",
          "de",
          "da",
          "benim",
          "arkadasim",
          "monday",
          "tuesday",
          "wednesday",
          "thursday",
          "friday",
          "saturday",
          "sunday",
          "tomorrow",
          "today",
          "field",
          "saatini",
          "saatlik",
          "et",
          "onumuzdeki",
          "obur",
          "gun",
          "hafta",
          "haftanin",
          "sonu",
          "next",
          "this",
          "bucuk",
          "bucukta",
          "ceyrek",
          "var",
          "ile",
          "arasi",
          "saate",
          "saatte",
          "dakika",
          "dakikalik",
          "pm",
          "am",
          "ye",
          "ya",
          "den",
          "dan",
          "te",
          "ta",
          "ayir",
          "ayirt",
          "ayirin",
          "rezervasyonu",
          "tonight",
          "weekend",
          "an",
          "a",
          "hour",
          "hours",
          "and",
          "half",
          "minutes",
          "at",
          "for",
          "the",
          "of",
          "on",
          "quarter",
          "past",
          "to",
          "from",
          "between",
          "phone",
          "please",
          "book");

  static void readPhone(Reading r) {
    Matcher m = PHONE.matcher(r.original);
    while (m.find()) {
      String digits = m.group().replaceAll("\\D", "");
      if (digits.length() < 10 || digits.length() > 13 || DATE_LIKE.matcher(m.group()).find()) {
        continue;
      }
      try {
        PhoneNumber number = PHONES.parse(m.group(), "TR");
        if (PHONES.isPossibleNumber(number)) {
          r.phone = PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164).replace("+", "");
          r.consumeAll(Pattern.compile(Pattern.quote(m.group())));
          // "Mehmet Kaya 0532 111 22 33 adına": the name is next to its "adına"
          r.named = r.original.replace(m.group(), " ").replaceAll("\\s+", " ");
          return;
        }
      } catch (NumberParseException e) {
        // not a phone number: the digits are read by later passes
      }
    }
  }

  static void readName(Reading r) {
    if (!r.ctx.owner()) {
      return;
    }
    String found = nameFrom(NAME_BEFORE_FOR.matcher(r.named), false);
    if (found == null) {
      found = nameFrom(NAME_LABELLED.matcher(r.named), true);
    }
    if (found == null) {
      found = nameFrom(NAME_WITH_SUFFIX.matcher(r.named), false);
    }
    if (found == null) {
      found = nameFrom(NAME_AFTER_FOR.matcher(r.named), false);
    }
    if (found == null) {
      found = nameFrom(LOWER_NAME_BEFORE_FOR.matcher(r.named), true);
    }
    if (found == null) {
      found = nameFrom(LOWER_NAME_AFTER_FOR.matcher(r.named), true);
    }
    if (found != null) {
      r.name = found;
      r.consumeAll(Pattern.compile("\\b" + Pattern.quote(Folding.fold(found)) + "\\b"));
    }
  }

  /** The trailing words of the match that are not calendar or booking words. */
  private static String nameFrom(Matcher m, boolean titleCase) {
    while (m.find()) {
      String[] words = m.group(1).trim().split("\\s+");
      List<String> kept = new ArrayList<>();
      for (String word : words) {
        if (NOT_NAMES.contains(Folding.fold(word)) || word.chars().anyMatch(Character::isDigit)) {
          kept.clear();
        } else {
          kept.add(word);
        }
      }
      if (!kept.isEmpty()) {
        String joined = String.join(" ", kept);
        return titleCase ? Folding.titleCase(joined) : joined;
      }
    }
    return null;
  }

  private ContactGrammar() {}
}
