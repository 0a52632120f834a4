package io.sahabot.ingress.sender;

import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundContent.ListRow;
import io.sahabot.schemas.whatsapp.OutboundContent.ReplyButton;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Outbound messages with the values of the {@code graph-api/send_*.request.json} fixtures. */
public final class Outbound {

  public static final String NUMBER = "699317973274146";
  public static final String TO = "905454031918";

  /** A recipient known only by a business-scoped user id ({@code send_text_bsuid.request.json}). */
  public static final String BSUID = "TR.80012345678901234567";

  /** The tenant whose number {@link #NUMBER} is. */
  public static final UUID TENANT = UUID.fromString("7b0d6a52-3f0e-4c1b-9a57-2f8e1c4d5a60");

  private Outbound() {}

  public static OutboundMessage message(OutboundContent content) {
    return message(TENANT, NUMBER, TO, null, content);
  }

  public static OutboundMessage message(
      UUID tenant, String number, String to, String replyTo, OutboundContent content) {
    return new OutboundMessage(
        UUID.randomUUID().toString(),
        Instant.parse("2026-11-27T10:00:00Z"),
        tenant,
        "wamid.SB.A.0001",
        number,
        to,
        replyTo,
        content);
  }

  /** A message to {@link #TO} that falls back to {@code fallback} outside the 24-hour window. */
  public static OutboundMessage withFallback(
      OutboundContent content, OutboundContent.Template fallback) {
    return new OutboundMessage(
        UUID.randomUUID().toString(),
        Instant.parse("2026-11-27T10:00:00Z"),
        TENANT,
        "wamid.SB.A.0001",
        NUMBER,
        TO,
        null,
        content,
        fallback);
  }

  public static OutboundContent.Template template() {
    return new OutboundContent.Template(
        "reservation_reminder",
        "tr",
        List.of("Saha 1", "Cumartesi 28.11 21:00"),
        List.of("cancel:7f3c9b1e"));
  }

  public static OutboundContent.Text bsuidText() {
    return new OutboundContent.Text(
        "✅ Rezervasyonunuz onaylandı: Saha 1, Cumartesi 28.11 21:00–22:00.");
  }

  public static OutboundContent.Text text() {
    return new OutboundContent.Text(
        "Pazartesi 30 Kasım 20:00-21:00, Saha 1 rezervasyonunuz onaylandı. Ücret: 500 TL");
  }

  public static OutboundContent.Text replyText() {
    return new OutboundContent.Text("Hangi saha? Saha 1 veya Saha 2");
  }

  public static OutboundContent.Buttons buttons() {
    return new OutboundContent.Buttons(
        "Salı 21:00 Saha 2 → Çarşamba 22:00 Saha 1. Onaylıyor musunuz?",
        List.of(
            new ReplyButton("confirm:7f3c", "Onayla"), new ReplyButton("reject:7f3c", "Vazgeç")));
  }

  public static OutboundContent.ListMessage list() {
    return new OutboundContent.ListMessage(
        "Pazartesi 20:00 dolu. Boş saatler:",
        "Saat seç",
        List.of(
            new ListRow("slot:2026-11-30T21:00:field-1", "21:00-22:00", "Saha 1"),
            new ListRow("slot:2026-11-30T22:00:field-1", "22:00-23:00", "Saha 1")),
        "Pazartesi 30 Kasım");
  }

  public static OutboundContent.Image inlineImage() {
    return new OutboundContent.Image(
        null, "iVBORw0KGgo=", "image/png", "23-29 Kasım rezervasyon tablosu");
  }
}
