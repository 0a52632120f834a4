package io.sahabot.agent.offline.domain;

import java.util.regex.Pattern;

/** What a message asks for, by its keywords in a fixed order of precedence. */
final class IntentGrammar {

  private static final Pattern CANCELLATIONS =
      Pattern.compile(
          "cancellations|most cancel|cancels? the most|who cancel|frequent cancel"
              + "|(?=.*iptal)(?=.*(en cok|en fazla|hangi|kimler|sirala|listele|musteriler|siklikla|sik ))");
  private static final Pattern LOYAL =
      Pattern.compile(
          "sadik|loyal|en iyi musteri|en cok gelen|en cok rezervasyon yapan|top customer|best customer|regular customer|most bookings");
  private static final Pattern PEAK =
      Pattern.compile(
          "yogun|peak|busiest|en cok hangi saat|populer saat|popular hour|en cok tercih");
  private static final Pattern SALES =
      Pattern.compile(
          "sattim|sattik|satis|satil|\\bsell|kazandim|kazanc|kazandik|ciro|gelir|hasilat|kac saat sat|earn|revenue|sales|sold|income|doluluk|occupancy");
  private static final Pattern TABLE =
      Pattern.compile("tablo|\\btable\\b|cizelge|schedule|takvim|\\bprogram");
  private static final Pattern MOVE =
      Pattern.compile(
          "\\btasi|ertele|degistir|kaydir|\\bmove\\b|reschedule|postpone|\\bchange\\b|yerine|'?(?:y?[ae]|[iu]) al\\b|[a-z](?:y?[ae]) al\\b");
  private static final Pattern CANCEL =
      Pattern.compile("iptal|cancel|vazgec|\\bsil\\b|kaldir|istemiyorum");
  private static final Pattern LIST_MINE =
      Pattern.compile(
          "rezervasyonlarim|randevularim|rezervasyonum var|randevum var|my (?:reservations|bookings)|what did i book|rezervasyonlarimi|rezervasyonlarima|my upcoming");
  private static final Pattern PRICE =
      Pattern.compile(
          "ucret|fiyat|kac para|kac tl|ne kadar|\\bprice|\\bcost|how much|\\brate\\b|tarife");
  private static final Pattern AVAILABILITY =
      Pattern.compile(
          "\\bbos\\w*|musait|uygun|\\bfree\\b|available|availability|acik mi|\\bvar mi|doluluk durumu|\\bis there");
  private static final Pattern BOOK =
      Pattern.compile(
          "ayir|rezerv|randevu|\\bbook|reserve|\\btut\\b|tutmak|tutar mi|tutabilir|kirala|istiyorum|alabilir miyim|ayarla|\\bwant\\b|\\bneed\\b");
  private static final Pattern HELP =
      Pattern.compile(
          "merhaba|selam|hello|\\bhi\\b|\\bhey\\b|yardim|help|ne yapabilir|nasil|\\bslm\\b|\\bmrb\\b|iyi gunler|good (?:morning|evening)");

  /** The intent the message's own keywords name, or null when none does. */
  static Intent keyword(Reading r) {
    String t = r.folded;
    if (CANCELLATIONS.matcher(t).find()) {
      return Intent.CANCELLATIONS;
    }
    if (LOYAL.matcher(t).find()) {
      return Intent.LOYAL_CUSTOMERS;
    }
    if (PEAK.matcher(t).find()) {
      return Intent.PEAK_HOURS;
    }
    if (SALES.matcher(t).find()) {
      return Intent.SALES;
    }
    if (TABLE.matcher(t).find()) {
      return Intent.TABLE;
    }
    if (MOVE.matcher(t).find() && (r.times.size() + r.days.size() >= 1)) {
      return Intent.MOVE;
    }
    if (CANCEL.matcher(t).find()) {
      return Intent.CANCEL;
    }
    if (LIST_MINE.matcher(t).find()) {
      return Intent.LIST_MINE;
    }
    if (PRICE.matcher(t).find()) {
      return Intent.PRICE;
    }
    if (AVAILABILITY.matcher(t).find()) {
      return Intent.AVAILABILITY;
    }
    if (BOOK.matcher(t).find()) {
      return Intent.BOOK;
    }
    return null;
  }

  static Intent intent(Reading r) {
    Intent said = keyword(r);
    if (said != null) {
      return said;
    }
    if (!r.times.isEmpty() || !r.days.isEmpty() || !r.unclear.isEmpty()) {
      return Intent.AVAILABILITY;
    }
    return Intent.HELP;
  }

  private IntentGrammar() {}
}
