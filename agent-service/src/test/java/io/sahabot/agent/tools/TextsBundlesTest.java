package io.sahabot.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextsBundlesTest {

  private static final Pattern PLACEHOLDER = Pattern.compile("%(?:%|[sdf]|\\.\\d+f)");

  private static final ResourceBundle TR = Texts.bundle(Locale.forLanguageTag("tr"));
  private static final ResourceBundle EN = Texts.bundle(Locale.ENGLISH);

  @Test
  void everyKeyExistsInEveryBundle() {
    Set<String> tr = new TreeSet<>(TR.keySet());
    Set<String> en = new TreeSet<>(EN.keySet());
    assertThat(tr).isNotEmpty();
    assertThat(en).as("keys only in Turkish: %s", minus(tr, en)).containsAll(tr);
    assertThat(tr).as("keys only in English: %s", minus(en, tr)).containsAll(en);
  }

  @Test
  void bothLanguagesTakeTheSameArguments() {
    for (String key : TR.keySet()) {
      assertThat(placeholders(EN.getString(key)))
          .as("placeholders of %s", key)
          .isEqualTo(placeholders(TR.getString(key)));
    }
  }

  @ParameterizedTest
  @CsvSource({"en-GB,en", "en-US,en", "en,en", "tr-TR,tr", "tr,tr", "de-DE,tr", "'',tr"})
  void aLocaleFindsItsBundle(String tag, String language) {
    Locale previous = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY);
    try {
      ResourceBundle bundle = Texts.bundle(Locale.forLanguageTag(tag));
      assertThat(bundle.getLocale().getLanguage()).isEqualTo(language);
      assertThat(bundle.getString("yes")).isEqualTo(language.equals("en") ? "Yes" : "Evet");
    } finally {
      Locale.setDefault(previous);
    }
  }

  @Test
  void turkishTextsAreReadAsUtf8() {
    assertThat(Texts.text("tr", "cancel_button")).isEqualTo("İptal et");
    assertThat(Texts.text("en-GB", "cancel_button")).isEqualTo("Cancel");
  }

  private static List<String> placeholders(String template) {
    List<String> found = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      found.add(m.group());
    }
    found.removeAll(Collections.singleton("%%"));
    return found;
  }

  private static Set<String> minus(Set<String> a, Set<String> b) {
    Set<String> d = new TreeSet<>(a);
    d.removeAll(b);
    return d;
  }
}
