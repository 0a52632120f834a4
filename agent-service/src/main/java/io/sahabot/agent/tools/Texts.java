package io.sahabot.agent.tools;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;

/** What the bot says, in the tenant's language (Turkish or English). */
public final class Texts {

  private static final Locale TR = Locale.forLanguageTag("tr");

  private static final Map<String, String[]> TEXTS =
      Map.ofEntries(
          entry(
              "confirmed",
              "✅ Rezervasyonunuz onaylandı: %s, %s. Ücret: %s.",
              "✅ Booked: %s, %s. Price: %s."),
          entry(
              "confirmed_for",
              "✅ %s için rezervasyon onaylandı: %s, %s. Ücret: %s.",
              "✅ Booked for %s: %s, %s. Price: %s."),
          entry(
              "overlap",
              "Üzgünüm, %s dolu. Uygun saatlerden birini seçebilirsiniz.",
              "Sorry, %s is taken. You can pick one of the free slots."),
          entry(
              "overlap_none",
              "Üzgünüm, %s dolu ve o gün başka boş saat yok.",
              "Sorry, %s is taken and there is no other free slot that day."),
          entry(
              "rejected_CLOSED",
              "O saatte kapalıyız. Çalışma saatlerimiz: %s.",
              "We are closed then. Our hours: %s."),
          entry(
              "rejected_PAST",
              "Geçmiş bir saat için rezervasyon yapılamaz.",
              "That time has already passed."),
          entry(
              "rejected_UNKNOWN_FIELD",
              "Böyle bir saha yok. Sahalarımız: %s.",
              "There is no such field. Our fields: %s."),
          entry(
              "rejected_INVALID", "Bu rezervasyon yapılamadı: %s", "That could not be booked: %s"),
          entry(
              "rejected_TENANT_INACTIVE",
              "Şu anda rezervasyon alınmıyor.",
              "We are not taking bookings at the moment."),
          entry(
              "rejected_NOT_FOUND",
              "Böyle bir rezervasyon bulamadım.",
              "I could not find that reservation."),
          entry(
              "rejected_FORBIDDEN",
              "Bu rezervasyon size ait değil.",
              "That reservation is not yours."),
          entry("rejected_OVERLAP", "O saat dolu.", "That slot is taken."),
          entry(
              "pending",
              "İsteğiniz alındı; sonucunu ayrı bir mesajla bildireceğim.",
              "Your request is in; I will send you its outcome in a separate message."),
          entry(
              "already_told",
              "Sonucunu az önce ayrı bir mesajla bildirdim.",
              "I have just sent you its outcome in a separate message."),
          entry(
              "no_show", "🚫 Gelmedi olarak işaretlendi: %s, %s.", "🚫 Marked as no-show: %s, %s."),
          entry(
              "no_show_none",
              "Buna uyan geçmiş bir rezervasyon bulamadım.",
              "I found no past reservation that matches."),
          entry(
              "owner_booked", "📅 Yeni rezervasyon – %s: %s, %s.", "📅 New booking – %s: %s, %s."),
          entry("owner_cancelled", "❌ İptal – %s: %s, %s.", "❌ Cancelled – %s: %s, %s."),
          entry("owner_moved", "🔁 Taşındı – %s: %s, %s.", "🔁 Moved – %s: %s, %s."),
          entry(
              "reminder",
              "⏰ Hatırlatma: %s, %s rezervasyonunuz var. Geliyor musunuz?",
              "⏰ Reminder: you have %s, %s booked. Are you coming?"),
          entry("coming", "Geliyorum", "I'm coming"),
          entry(
              "daily_summary",
              "📋 Bugünün rezervasyonları (%s):\n%s",
              "📋 Today's bookings (%s):\n%s"),
          entry(
              "daily_summary_none", "📋 Bugün (%s) rezervasyon yok.", "📋 No bookings today (%s)."),
          entry("cancel_button", "İptal et", "Cancel"),
          entry("coming_ack", "Harika, görüşmek üzere! ⚽", "Great, see you then! ⚽"),
          entry("cancelled", "❌ Rezervasyon iptal edildi: %s, %s.", "❌ Cancelled: %s, %s."),
          entry("moved", "🔁 Rezervasyon taşındı: %s, %s.", "🔁 Moved to %s, %s."),
          entry(
              "free_at",
              "✅ %s %s boş. Ayırmamı ister misiniz? (örn. \"%s ayır\")",
              "✅ %s is free on %s. Shall I book it? (e.g. \"book %s\")"),
          entry("taken_at", "❌ %s dolu.", "❌ %s is taken."),
          entry("free_slots", "%s için boş saatler:\n%s", "Free slots on %s:\n%s"),
          entry("no_free_slots", "%s için boş saat kalmadı.", "No free slots left on %s."),
          entry("mine_none", "Yaklaşan rezervasyonunuz yok.", "You have no upcoming reservations."),
          entry("mine", "Rezervasyonlarınız:\n%s", "Your reservations:\n%s"),
          entry("which_one", "Hangisi? Birini seçin:", "Which one? Pick one:"),
          entry(
              "none_found",
              "O tarihte bir rezervasyon bulamadım.",
              "I found no reservation on that date."),
          entry("price", "Saatlik ücret %s.%s", "The price is %s per hour.%s"),
          entry("peak_price", " Yoğun saatlerde: %s.", " At peak times: %s."),
          entry("table_caption", "%s – %s rezervasyon tablosu", "Reservations %s – %s"),
          entry("table_sent", "Tablo gönderildi.", "Here is the table."),
          entry(
              "sales",
              "%s – %s: %d rezervasyon, %s saat satıldı, gelir %s %s, doluluk %%%s.",
              "%s – %s: %d bookings, %s hours sold, revenue %s %s, occupancy %s%%."),
          entry(
              "loyal", "En sadık müşteriler (%s – %s):\n%s", "Most loyal customers (%s – %s):\n%s"),
          entry(
              "cancellers",
              "En çok iptal edenler (%s – %s):\n%s",
              "Who cancels most (%s – %s):\n%s"),
          entry("peaks", "En yoğun saatler (%s – %s):\n%s", "Busiest hours (%s – %s):\n%s"),
          entry("nothing_yet", "Bu dönemde kayıt yok.", "Nothing in that period."),
          entry(
              "confirm_cancel",
              "%s adına %s, %s rezervasyonu iptal edilsin mi?",
              "Cancel %s's reservation on %s, %s?"),
          entry(
              "confirm_move",
              "%s adına %s rezervasyonu %s saatine taşınsın mı?",
              "Move %s's reservation on %s to %s?"),
          entry("kept", "Tamam, değişiklik yapılmadı.", "OK, nothing changed."),
          entry(
              "owners_only",
              "Bu bilgi yalnızca işletme sahibine açık.",
              "Only the business can see that."),
          entry(
              "help",
              "Merhaba! %s rezervasyon asistanıyım. Örneğin: \"Yarın akşam 9 boş mu?\", \"Pazartesi 20:00-21:00 ayır\", \"rezervasyonlarım\", \"iptal et\".",
              "Hi! I am %s's booking assistant. Try: \"is tomorrow 9pm free?\", \"book Monday 20:00-21:00\", \"my bookings\", \"cancel\"."),
          entry(
              "ask_date_time",
              "Hangi gün ve saat için? Örneğin \"Pazartesi 20:00\".",
              "For which day and time? For example \"Monday 20:00\"."),
          entry("ask_time", "%s için saat kaçta?", "At what time on %s?"),
          entry("ask_date", "Hangi gün için?", "For which day?"),
          entry(
              "sorry",
              "Üzgünüm, şu anda isteğinizi işleyemedim. Lütfen biraz sonra tekrar yazın.",
              "Sorry, I could not handle that just now. Please write again in a moment."),
          entry(
              "slow_down",
              "Mesajlarınız çok hızlı geliyor; öncekileri yanıtlıyorum. Lütfen yanıtımı bekleyip"
                  + " sonra tekrar yazın. 🙏",
              "Your messages are arriving faster than I can answer; I am still on the earlier ones."
                  + " Please wait for my reply, then write again. 🙏"),
          entry(
              "please_type",
              "Sesli mesajları dinleyemiyorum, lütfen yazarak iletin. 🙏",
              "I cannot listen to voice messages; please type it. 🙏"),
          entry(
              "location",
              "Konumunuz için teşekkürler! Rezervasyon için gün ve saat yazmanız yeterli.",
              "Thanks for the location! To book, just write a day and time."),
          entry("reaction", "👍", "👍"),
          entry(
              "unsupported",
              "Şimdilik yalnızca yazılı mesajları anlıyorum. Örneğin: \"Cumartesi 22:00 boş mu?\"",
              "For now I only understand text. For example: \"is Saturday 22:00 free?\""),
          entry(
              "budget",
              "Bu ayın model bütçesi doldu; asistan ay sonuna kadar temel modda çalışacak.",
              "This month's model budget is used up; the assistant runs in basic mode until the month ends."),
          entry("pick_slot", "Boş saatler", "Free slots"),
          entry("pick_one", "Seç", "Choose"),
          entry("yes", "Evet", "Yes"),
          entry("no", "Hayır", "No"));

  private Texts() {}

  private static Map.Entry<String, String[]> entry(String key, String tr, String en) {
    return Map.entry(key, new String[] {tr, en});
  }

  public static String text(String language, String key, Object... args) {
    String[] pair = TEXTS.get(key);
    if (pair == null) {
      throw new IllegalArgumentException("no text " + key);
    }
    String template = "en".equalsIgnoreCase(language) ? pair[1] : pair[0];
    return args.length == 0 ? template : String.format(locale(language), template, args);
  }

  public static Locale locale(String language) {
    return "en".equalsIgnoreCase(language) ? Locale.ENGLISH : TR;
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
    String pattern = "en".equalsIgnoreCase(language) ? "d MMM" : "dd.MM";
    return weekday + " " + date.format(DateTimeFormatter.ofPattern(pattern, locale));
  }

  public static String hm(ZonedDateTime t) {
    return t.format(DateTimeFormatter.ofPattern("HH:mm"));
  }
}
