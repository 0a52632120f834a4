package io.sahabot.agent.offline.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A customer's data-rights requests (KVKK / GDPR): "verilerimi sil", "kişisel verilerimi silin",
 * "delete my data", "forget me" ask for the erasure ({@link #ERASE}); "verilerimi gönder", "hangi
 * verilerim var", "send me my data", "what data do you have about me" for a copy ({@link #EXPORT}).
 * Read before the booking grammar, whose "sil" means cancel.
 */
public final class DataRightsGrammar {

  /** The tool that asks to confirm the erasure. */
  public static final String ERASE = "deleteMyData";

  /** The tool that sends the copy. */
  public static final String EXPORT = "sendMyData";

  private static final String MY_DATA =
      "(?:kisisel )?(?:verilerimi|bilgilerimi|kayitlarimi|hesabimi|verilerim|bilgilerim)";

  private static final Pattern ERASE_PATTERN =
      Pattern.compile(
          MY_DATA
              + "\\s+(?:tamamen\\s+)?(?:sil|silin|silermisiniz|siler misiniz|silebilir|silmenizi"
              + "|kaldir|yok et)"
              + "|verilerimin silinmesi|bilgilerimin silinmesi|beni unutun|beni unut\\b"
              + "|(?:delete|erase|remove|wipe) (?:all )?my (?:personal )?(?:data|information|details"
              + "|account)|forget me|right to be forgotten");

  private static final Pattern EXPORT_PATTERN =
      Pattern.compile(
          MY_DATA
              + "\\s+(?:gonder|gonderin|gonderir|gondermenizi|ver|verin|goster|gosterin|gormek"
              + "|gorebilir|istiyorum|iste)"
              + "|hangi verilerim|hakkimda (?:ne|hangi) (?:bilgi|veri)|verilerimin (?:bir )?kopyas"
              + "|(?:send|give|show|export) (?:me )?(?:a copy of )?my (?:personal )?(?:data|information)"
              + "|what (?:data|information|personal data) do you (?:have|hold|keep|store)");

  private DataRightsGrammar() {}

  /** The tool a message asks for, if it is a data-rights request. */
  public static Optional<String> read(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = fold(text);
    if (ERASE_PATTERN.matcher(t).find()) {
      return Optional.of(ERASE);
    }
    if (EXPORT_PATTERN.matcher(t).find()) {
      return Optional.of(EXPORT);
    }
    return Optional.empty();
  }

  /** Lower case (Turkish rules), Turkish letters as their Latin base, single spaces. */
  static String fold(String text) {
    String lower = text.toLowerCase(Locale.forLanguageTag("tr"));
    StringBuilder out = new StringBuilder(lower.length());
    for (char c : lower.toCharArray()) {
      out.append(
          switch (c) {
            case 'ı' -> 'i';
            case 'ş' -> 's';
            case 'ğ' -> 'g';
            case 'ü' -> 'u';
            case 'ö' -> 'o';
            case 'ç' -> 'c';
            case 'â' -> 'a';
            case 'î' -> 'i';
            case 'û' -> 'u';
            case '\'', '’' -> ' ';
            default -> c;
          });
    }
    return out.toString().replaceAll("\\s+", " ").strip();
  }
}
