package io.sahabot.schemas;

import io.sahabot.schemas.agent.query.TenantUsage;
import io.sahabot.schemas.reservation.AcceptWaitlistOffer;
import io.sahabot.schemas.reservation.Actor;
import io.sahabot.schemas.reservation.CancelReservation;
import io.sahabot.schemas.reservation.CancelSeries;
import io.sahabot.schemas.reservation.CustomerRef;
import io.sahabot.schemas.reservation.JoinWaitlist;
import io.sahabot.schemas.reservation.MarkNoShow;
import io.sahabot.schemas.reservation.MoveReservation;
import io.sahabot.schemas.reservation.RejectionReason;
import io.sahabot.schemas.reservation.ReminderDue;
import io.sahabot.schemas.reservation.RequestReservation;
import io.sahabot.schemas.reservation.RequestSeries;
import io.sahabot.schemas.reservation.ReservationCancelled;
import io.sahabot.schemas.reservation.ReservationConfirmed;
import io.sahabot.schemas.reservation.ReservationMarkedNoShow;
import io.sahabot.schemas.reservation.ReservationMoved;
import io.sahabot.schemas.reservation.ReservationRejected;
import io.sahabot.schemas.reservation.ReservationView;
import io.sahabot.schemas.reservation.SeriesBooked;
import io.sahabot.schemas.reservation.SeriesCancelled;
import io.sahabot.schemas.reservation.Slot;
import io.sahabot.schemas.reservation.WaitlistJoined;
import io.sahabot.schemas.reservation.WaitlistOfferExpired;
import io.sahabot.schemas.reservation.WaitlistOffered;
import io.sahabot.schemas.reservation.query.Availability;
import io.sahabot.schemas.reservation.query.Cancellations;
import io.sahabot.schemas.reservation.query.Canceller;
import io.sahabot.schemas.reservation.query.CustomerSummary;
import io.sahabot.schemas.reservation.query.FieldAvailability;
import io.sahabot.schemas.reservation.query.FreeSlot;
import io.sahabot.schemas.reservation.query.LoyalCustomer;
import io.sahabot.schemas.reservation.query.Loyalty;
import io.sahabot.schemas.reservation.query.PeakHour;
import io.sahabot.schemas.reservation.query.PeakHours;
import io.sahabot.schemas.reservation.query.Reservations;
import io.sahabot.schemas.reservation.query.Sales;
import io.sahabot.schemas.reservation.query.TenantStats;
import io.sahabot.schemas.reservation.query.Waitlist;
import io.sahabot.schemas.reservation.query.WaitlistEntry;
import io.sahabot.schemas.tenant.Notifications;
import io.sahabot.schemas.tenant.OpeningHours;
import io.sahabot.schemas.tenant.PeakPrice;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.schemas.tenant.TenantSnapshot;
import io.sahabot.schemas.whatsapp.Contact;
import io.sahabot.schemas.whatsapp.DeliveryStatus;
import io.sahabot.schemas.whatsapp.ErrorDetail;
import io.sahabot.schemas.whatsapp.IdentityChange;
import io.sahabot.schemas.whatsapp.InboundMessage;
import io.sahabot.schemas.whatsapp.InteractiveReply;
import io.sahabot.schemas.whatsapp.Location;
import io.sahabot.schemas.whatsapp.MediaRef;
import io.sahabot.schemas.whatsapp.MessageKind;
import io.sahabot.schemas.whatsapp.OutboundContent;
import io.sahabot.schemas.whatsapp.OutboundMessage;
import io.sahabot.schemas.whatsapp.RawWebhookChange;
import io.sahabot.schemas.whatsapp.Reaction;
import io.sahabot.schemas.whatsapp.RejectedInbound;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Sample wire records with sensible defaults: one tenant, one customer, Monday 20:00–21:00. */
public final class Fixtures {

  public static final UUID TENANT = UUID.fromString("6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60");
  public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  public static final Instant START = Instant.parse("2026-03-02T17:00:00Z");
  public static final Instant END = Instant.parse("2026-03-02T18:00:00Z");
  public static final String PHONE_NUMBER_ID = "106540352242922";
  public static final String WA_ID = "905321234567";
  public static final Actor CUSTOMER_ACTOR = new Actor(Actor.Role.CUSTOMER, WA_ID);
  public static final CustomerRef CUSTOMER = new CustomerRef("Ahmet Yılmaz", WA_ID, WA_ID);

  private Fixtures() {}

  public static JsonNode change() {
    return Json.mapper()
        .readTree(
            """
            {"messaging_product":"whatsapp",
             "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
             "contacts":[{"profile":{"name":"Ahmet"},"wa_id":"905321234567"}],
             "messages":[{"from":"905321234567","id":"wamid.HBgM","timestamp":"1772366400",
                          "type":"text","text":{"body":"Yarın akşam 9 boş mu?"},
                          "some_future_field":{"nested":[1,2.5,true,null]}}]}
            """);
  }

  public static RawWebhookChange rawChange() {
    return new RawWebhookChange("dlv-1", NOW, PHONE_NUMBER_ID, "messages", change());
  }

  /** An inbound message of {@code kind} with the payload that kind requires. */
  public static InboundMessage inbound(MessageKind kind) {
    String text = null;
    InteractiveReply reply = null;
    Location location = null;
    MediaRef media = null;
    Reaction reaction = null;
    List<Contact> contacts = List.of();
    ErrorDetail error = null;
    IdentityChange identityChange = null;
    switch (kind) {
      case TEXT -> text = "Yarın akşam 9 boş mu?";
      case BUTTON_REPLY -> reply = new InteractiveReply("confirm:42", "Onayla", null);
      case LIST_REPLY -> reply = new InteractiveReply("slot:2026-03-02T20:00", "20:00", "Saha 1");
      case TEMPLATE_BUTTON -> reply = new InteractiveReply("remind-yes", "Evet", null);
      case LOCATION -> location = new Location(41.0082, 28.9784, "Saha", "Kadıköy, İstanbul");
      case IMAGE, VIDEO, DOCUMENT, STICKER ->
          media = new MediaRef("1234567890", "image/jpeg", "abc=", "dekont", false);
      case AUDIO -> media = new MediaRef("1234567891", "audio/ogg; codecs=opus", null, null, true);
      case REACTION -> reaction = new Reaction("👍", "wamid.OUT1");
      case CONTACTS -> contacts = List.of(new Contact("Mehmet", List.of("+90 532 765 43 21")));
      case UNSUPPORTED -> error = new ErrorDetail(131051, "Message type unknown", null, "poll");
      case SYSTEM ->
          identityChange =
              new IdentityChange(
                  IdentityChange.CHANGED_NUMBER,
                  "905327654321",
                  "TR.13491208655302741919",
                  "TR.13491208655302741918");
    }
    return new InboundMessage(
        "evt-in-" + kind.name().toLowerCase(),
        NOW,
        TENANT,
        "dlv-1",
        PHONE_NUMBER_ID,
        "15550783881",
        WA_ID,
        WA_ID,
        null,
        "Ahmet",
        "wamid.HBgM-" + kind.name(),
        NOW.minusSeconds(2),
        kind,
        text,
        reply,
        location,
        media,
        reaction,
        contacts,
        kind == MessageKind.TEXT ? "wamid.OUT0" : null,
        error,
        identityChange);
  }

  /** A text message from a username-only sender: no wa_id, the BSUID is the user id. */
  public static InboundMessage inboundFromBsuid() {
    return new InboundMessage(
        "evt-in-bsuid",
        NOW,
        TENANT,
        "dlv-2",
        PHONE_NUMBER_ID,
        null,
        "TR.13491208655302741918",
        null,
        "TR.13491208655302741918",
        null,
        "wamid.HBgN",
        NOW,
        MessageKind.TEXT,
        "merhaba",
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  public static DeliveryStatus status(DeliveryStatus.Status status) {
    List<ErrorDetail> errors =
        status == DeliveryStatus.Status.FAILED
            ? List.of(
                new ErrorDetail(
                    131047, "Re-engagement message", "Re-engagement message", "24h passed"))
            : List.of();
    return new DeliveryStatus(
        "evt-st-" + status,
        NOW,
        TENANT,
        "dlv-3",
        PHONE_NUMBER_ID,
        WA_ID,
        "wamid.OUT1",
        status,
        NOW.minusSeconds(1),
        errors,
        status == DeliveryStatus.Status.FAILED ? "out-1" : null);
  }

  public static RejectedInbound rejectedInbound(RejectedInbound.Reason reason) {
    return new RejectedInbound(
        "evt-rej-" + reason,
        NOW,
        "dlv-4",
        PHONE_NUMBER_ID,
        reason == RejectedInbound.Reason.TENANT_INACTIVE ? TENANT : null,
        reason,
        reason == RejectedInbound.Reason.UNREADABLE ? "no messages nor statuses" : null,
        change());
  }

  public static OutboundMessage outbound(OutboundContent content) {
    return new OutboundMessage(
        "evt-out-1", NOW, TENANT, "evt-in-text", PHONE_NUMBER_ID, WA_ID, "wamid.HBgM", content);
  }

  /**
   * A text with the template that replaces it outside the 24-hour window: the outcome notifier's
   * notice, telling the outcome of command {@code cmd-1}.
   */
  public static OutboundMessage outboundWithFallback() {
    OutboundMessage text = outbound(new OutboundContent.Text("Rezervasyonunuz onaylandı."));
    return new OutboundMessage(
        text.eventId(),
        text.occurredAt(),
        text.tenantId(),
        text.causationId(),
        text.phoneNumberId(),
        text.to(),
        null,
        text.content(),
        new OutboundContent.Template(
            "reservation_update", "tr", List.of("Rezervasyonunuz onaylandı."), List.of()),
        List.of("cmd-1"));
  }

  public static List<OutboundContent> contents() {
    return List.of(
        new OutboundContent.Text("Pazartesi 20:00-21:00 Saha 1 boş. Ayırayım mı?"),
        new OutboundContent.Buttons(
            "Pazartesi 20:00-21:00, Saha 1, 1000,00 TL. Onaylıyor musunuz?",
            List.of(
                new OutboundContent.ReplyButton("confirm:cmd-1", "Onayla"),
                new OutboundContent.ReplyButton("cancel:cmd-1", "Vazgeç"))),
        new OutboundContent.ListMessage(
            "Boş saatler",
            "Saat seç",
            List.of(
                new OutboundContent.ListRow("slot:1", "20:00-21:00", "Saha 1"),
                new OutboundContent.ListRow("slot:2", "21:00-22:00", null)),
            "Pazartesi 30 Kasım"),
        new OutboundContent.ListMessage(
            "Boş saatler",
            "Saat seç",
            List.of(new OutboundContent.ListRow("slot:1", "20:00", null))),
        new OutboundContent.Image(
            "https://example.com/table.png", null, null, "Bu haftanın tablosu"),
        new OutboundContent.Image(null, "iVBORw0KGgo=", "image/png", null),
        new OutboundContent.Template(
            "reservation_reminder",
            "tr",
            List.of("Saha 1", "Cumartesi 28.11 21:00"),
            List.of("cancel:7f3c9b1e")),
        new OutboundContent.Template("reservation_update", "en_US", List.of(), List.of()),
        new OutboundContent.MarkRead("wamid.HBgM", true));
  }

  public static TenantSettings settings() {
    var hours = new EnumMap<DayOfWeek, OpeningHours>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day != DayOfWeek.MONDAY) {
        hours.put(day, new OpeningHours("10:00", day == DayOfWeek.SUNDAY ? "22:00" : "24:00"));
      }
    }
    return new TenantSettings(
        "Europe/Istanbul",
        "tr",
        "TRY",
        new BigDecimal("1200.00"),
        List.of(
            new PeakPrice(
                Set.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY),
                "19:00",
                "24:00",
                new BigDecimal("1500.00"))),
        hours,
        60,
        List.of("Saha 1", "Saha 2"),
        List.of("905551112233"),
        "Merhaba! Yeşil Vadi Halı Saha'ya hoş geldiniz.",
        2_000_000L,
        new Notifications(false, 120, "22:30", "hatirlatma", "guncelleme", "tr"));
  }

  /** Fields with ids, sizes and own prices; a night past midnight; special days; a notice. */
  public static TenantSettings rich() {
    TenantSettings s = settings();
    var hours = new EnumMap<DayOfWeek, OpeningHours>(DayOfWeek.class);
    hours.put(DayOfWeek.FRIDAY, new OpeningHours("09:00", "02:00"));
    return new TenantSettings(
        s.timeZone(),
        s.language(),
        s.currency(),
        s.pricePerHour(),
        s.peakPrices(),
        hours,
        s.slotMinutes(),
        List.of(),
        s.adminNumbers(),
        s.greeting(),
        s.monthlyTokenBudget(),
        s.notifications(),
        List.of(
            new io.sahabot.schemas.tenant.FieldSpec(
                "saha-1",
                "Ana Saha",
                "7+7",
                new BigDecimal("1500.00"),
                List.of(
                    new PeakPrice(
                        Set.of(DayOfWeek.FRIDAY), "20:00", "24:00", new BigDecimal("1800.00")))),
            new io.sahabot.schemas.tenant.FieldSpec(
                "saha-2", "Küçük Saha", "5+5", null, List.of())),
        List.of(
            new io.sahabot.schemas.tenant.SpecialDay("2026-12-31", "2026-12-31", null, "Yılbaşı"),
            new io.sahabot.schemas.tenant.SpecialDay(
                "2027-03-20", "2027-03-22", new OpeningHours("12:00", "20:00"), null)),
        3);
  }

  public static TenantSnapshot snapshot(TenantSettings settings) {
    return new TenantSnapshot(
        "evt-tenant-1",
        NOW,
        TENANT,
        "dlv-0",
        PHONE_NUMBER_ID,
        "15550783881",
        "Yeşil Vadi Halı Saha",
        true,
        settings,
        3);
  }

  public static RequestReservation request() {
    return new RequestReservation(
        "cmd-1", NOW, TENANT, "evt-in-text", CUSTOMER_ACTOR, CUSTOMER, "Saha 1", START, END);
  }

  public static CancelReservation cancel() {
    return new CancelReservation(
        "cmd-2", NOW, TENANT, "evt-in-2", CUSTOMER_ACTOR, 42, "Maç iptal oldu");
  }

  public static MoveReservation move() {
    return new MoveReservation(
        "cmd-3",
        NOW,
        TENANT,
        "evt-in-3",
        new Actor(Actor.Role.OWNER, "905551112233"),
        42,
        null,
        START.plusSeconds(3600),
        END.plusSeconds(3600));
  }

  public static MarkNoShow noShow() {
    return new MarkNoShow(
        "cmd-4", NOW, TENANT, "admin-req-9", new Actor(Actor.Role.OPERATOR, "ops-console"), 42);
  }

  public static ReservationView view(String status) {
    return new ReservationView(
        42,
        "Saha 1",
        new CustomerRef(null, null, "TR.13491208655302741918"),
        START,
        END,
        status,
        new BigDecimal("1000.00"),
        "TRY");
  }

  public static ReservationConfirmed confirmed() {
    return new ReservationConfirmed(
        "evt-res-1", NOW, TENANT, "cmd-1", view(ReservationView.ACTIVE));
  }

  public static ReservationRejected reservationRejected() {
    return new ReservationRejected(
        "evt-res-2",
        NOW,
        TENANT,
        "cmd-1",
        RejectionReason.OVERLAP,
        "Saha 1 is booked 20:00-21:00",
        List.of(new Slot("Saha 1", END, END.plusSeconds(3600)), new Slot("Saha 2", START, END)));
  }

  public static ReservationCancelled cancelled() {
    return new ReservationCancelled(
        "evt-res-3", NOW, TENANT, "cmd-2", view(ReservationView.CANCELLED));
  }

  public static ReservationMoved moved() {
    return new ReservationMoved(
        "evt-res-4",
        NOW,
        TENANT,
        "cmd-3",
        view(ReservationView.ACTIVE),
        new Slot("Saha 2", START.minusSeconds(3600), END.minusSeconds(3600)));
  }

  public static ReservationMarkedNoShow markedNoShow() {
    return new ReservationMarkedNoShow(
        "evt-res-5", NOW, TENANT, "cmd-4", view(ReservationView.NO_SHOW));
  }

  /** A confirmation naming who asked and the message it answered. */
  public static ReservationConfirmed confirmedFor() {
    return new ReservationConfirmed(
        "evt-res-6",
        NOW,
        TENANT,
        "cmd-5",
        view(ReservationView.ACTIVE),
        new Actor(Actor.Role.OWNER, "905321112233"),
        "wamid.HBgMOTA1MzIxMTEyMjMzFQIAEhgUM0EA");
  }

  /** A rejection naming who asked and the message it answered. */
  public static ReservationRejected rejectedFor() {
    return new ReservationRejected(
        "evt-res-7",
        NOW,
        TENANT,
        "cmd-6",
        RejectionReason.CLOSED,
        null,
        List.of(),
        new Actor(Actor.Role.CUSTOMER, "TR.13491208655302741918"),
        "wamid.HBgMOTA1MzIxMTEyMjMzFQIAEhgUM0EB");
  }

  public static ReminderDue reminderDue() {
    ReservationView view = view(ReservationView.ACTIVE);
    return new ReminderDue("evt-res-8", NOW, TENANT, ReminderDue.idOf(view), view);
  }

  public static RequestSeries requestSeries() {
    return new RequestSeries(
        "cmd-7",
        NOW,
        TENANT,
        "evt-in-7",
        new Actor(Actor.Role.OWNER, "905551112233"),
        new CustomerRef("Kartallar", "905321234567", null),
        "Saha 1",
        START,
        END,
        8);
  }

  public static CancelSeries cancelSeries() {
    return new CancelSeries("cmd-8", NOW, TENANT, "evt-in-8", CUSTOMER_ACTOR, 42);
  }

  public static JoinWaitlist joinWaitlist() {
    return new JoinWaitlist(
        "cmd-9", NOW, TENANT, "evt-in-9", CUSTOMER_ACTOR, CUSTOMER, "Saha 1", START, END);
  }

  public static AcceptWaitlistOffer acceptOffer() {
    return new AcceptWaitlistOffer("cmd-10", NOW, TENANT, "evt-in-10", CUSTOMER_ACTOR, 3);
  }

  public static SeriesBooked seriesBooked() {
    return new SeriesBooked(
        "evt-res-9",
        NOW,
        TENANT,
        "cmd-7",
        5,
        List.of(view(ReservationView.ACTIVE)),
        List.of(
            new SeriesBooked.MissedOccurrence(
                new Slot("Saha 1", START.plusSeconds(604800), END.plusSeconds(604800)),
                RejectionReason.OVERLAP,
                List.of(new Slot("Saha 2", START.plusSeconds(604800), END.plusSeconds(604800))))),
        new Actor(Actor.Role.OWNER, "905551112233"),
        "evt-in-7");
  }

  public static SeriesCancelled seriesCancelled() {
    return new SeriesCancelled(
        "evt-res-10",
        NOW,
        TENANT,
        "cmd-8",
        5,
        List.of(view(ReservationView.CANCELLED)),
        CUSTOMER_ACTOR,
        "evt-in-8");
  }

  public static WaitlistJoined waitlistJoined() {
    return new WaitlistJoined(
        "evt-res-11",
        NOW,
        TENANT,
        "cmd-9",
        3,
        new Slot("Saha 1", START, END),
        1,
        CUSTOMER,
        CUSTOMER_ACTOR,
        "evt-in-9");
  }

  public static WaitlistOffered waitlistOffered() {
    return new WaitlistOffered(
        "evt-res-12",
        NOW,
        TENANT,
        WaitlistOffered.idOf(3),
        3,
        new Slot("Saha 1", START, END),
        CUSTOMER,
        NOW.plusSeconds(900));
  }

  public static WaitlistOfferExpired waitlistOfferExpired() {
    return new WaitlistOfferExpired(
        "evt-res-13",
        NOW,
        TENANT,
        WaitlistOfferExpired.idOf(3),
        3,
        new Slot("Saha 1", START, END),
        CUSTOMER);
  }

  /** One or more samples of every concrete wire record, by a readable name. */
  public static Map<String, Object> samples() {
    var samples = new LinkedHashMap<String, Object>();
    samples.put("RawWebhookChange", rawChange());
    for (MessageKind kind : MessageKind.values()) {
      samples.put("InboundMessage " + kind, inbound(kind));
    }
    samples.put("InboundMessage from BSUID", inboundFromBsuid());
    for (DeliveryStatus.Status status : DeliveryStatus.Status.values()) {
      samples.put("DeliveryStatus " + status, status(status));
    }
    for (RejectedInbound.Reason reason : RejectedInbound.Reason.values()) {
      samples.put("RejectedInbound " + reason, rejectedInbound(reason));
    }
    samples.put(
        "RejectedInbound by ingress, without a number",
        new RejectedInbound(
            "evt-rej-ingress",
            NOW,
            "dlv-5",
            null,
            null,
            RejectedInbound.Reason.UNREADABLE,
            "changes[].value is not an object",
            change()));
    List<OutboundContent> contents = contents();
    for (int i = 0; i < contents.size(); i++) {
      samples.put(
          "OutboundMessage " + contents.get(i).getClass().getSimpleName() + " " + i,
          outbound(contents.get(i)));
    }
    samples.put("OutboundMessage with fallback", outboundWithFallback());
    samples.put("TenantSnapshot", snapshot(settings()));
    samples.put("TenantSnapshot defaults", snapshot(TenantSettings.defaults()));
    samples.put("TenantSnapshot with fields, special days, cancellation notice", snapshot(rich()));
    samples.put("RequestReservation", request());
    samples.put("CancelReservation", cancel());
    samples.put("MoveReservation", move());
    samples.put("MarkNoShow", noShow());
    samples.put("ReservationConfirmed", confirmed());
    samples.put("ReservationRejected", reservationRejected());
    samples.put("ReservationCancelled", cancelled());
    samples.put("ReservationMoved", moved());
    samples.put("ReservationMarkedNoShow", markedNoShow());
    samples.put("ReservationConfirmed with requester", confirmedFor());
    samples.put("ReservationRejected with requester", rejectedFor());
    samples.put("ReminderDue", reminderDue());
    samples.put("RequestSeries", requestSeries());
    samples.put("CancelSeries", cancelSeries());
    samples.put("JoinWaitlist", joinWaitlist());
    samples.put("AcceptWaitlistOffer", acceptOffer());
    samples.put("SeriesBooked", seriesBooked());
    samples.put("SeriesCancelled", seriesCancelled());
    samples.put("WaitlistJoined", waitlistJoined());
    samples.put("WaitlistOffered", waitlistOffered());
    samples.put("WaitlistOfferExpired", waitlistOfferExpired());
    return samples;
  }

  /** The day of {@link #START} in Istanbul. */
  public static final LocalDate DAY = LocalDate.parse("2026-03-02");

  /**
   * Sample answers of the internal HTTP APIs ({@link HttpAnswers}): each with every property set,
   * and with the ones that may be {@code null} left out.
   */
  public static Map<String, Object> answers() {
    var answers = new LinkedHashMap<String, Object>();
    answers.put("TenantStats", new TenantStats(2, 3, 2, "2000.00", "TRY"));
    answers.put(
        "Availability",
        new Availability(
            DAY,
            "Europe/Istanbul",
            60,
            List.of(
                new FieldAvailability(
                    "Saha 1",
                    List.of(new FreeSlot(START, END)),
                    "saha-1",
                    "7+7",
                    new BigDecimal("1500.00")),
                new FieldAvailability("Saha 2", List.of()))));
    answers.put(
        "Reservations",
        new Reservations(
            DAY,
            DAY.plusDays(6),
            "Europe/Istanbul",
            List.of(
                view(ReservationView.ACTIVE),
                new ReservationView(
                    8,
                    "Saha 2",
                    new CustomerRef(null, null, "name:Mehmet"),
                    START,
                    END,
                    ReservationView.CANCELLED,
                    new BigDecimal("1000.00"),
                    "TRY"))));
    answers.put(
        "Waitlist",
        new Waitlist(
            DAY,
            DAY,
            "Europe/Istanbul",
            List.of(
                new WaitlistEntry(3, new Slot("Saha 1", START, END), CUSTOMER, "offered", END, NOW),
                new WaitlistEntry(
                    4,
                    new Slot("Saha 1", START, END),
                    new CustomerRef("Ayşe", "905337776655", null),
                    "waiting",
                    null,
                    NOW))));
    answers.put("CustomerSummary", new CustomerSummary(7, "Ahmet Yılmaz", WA_ID, WA_ID, 2, START));
    answers.put(
        "CustomerSummary without name or reservations",
        new CustomerSummary(8, null, null, "name:Mehmet", 0, null));
    answers.put(
        "Sales",
        new Sales(DAY, DAY, "Europe/Istanbul", 2, "2.00", "2000.00", "TRY", "30.00", "0.0667", 1));
    answers.put(
        "Loyalty",
        new Loyalty(
            DAY,
            DAY,
            "TRY",
            List.of(
                new LoyalCustomer(7, "Ahmet Yılmaz", WA_ID, WA_ID, 2, "2.00", "2000.00"),
                new LoyalCustomer(8, null, null, "name:Mehmet", 1, "1.50", "1500.00"))));
    answers.put(
        "Cancellations",
        new Cancellations(
            DAY, DAY, List.of(new Canceller(8, "Mehmet", null, WA_ID, 2, 1, "0.5000", 1))));
    answers.put(
        "PeakHours",
        new PeakHours(
            DAY,
            DAY,
            "Europe/Istanbul",
            List.of(new PeakHour("MONDAY", 20, 2), new PeakHour("SUNDAY", 0, 1))));
    answers.put(
        "MonthlyReport",
        new io.sahabot.schemas.reservation.query.MonthlyReport(
            "2026-11",
            "Europe/Istanbul",
            "TRY",
            2,
            "2.00",
            "2000.00",
            "450.00",
            "0.0044",
            1,
            1,
            List.of(
                new io.sahabot.schemas.reservation.query.MonthlyReport.FieldRevenue(
                    "Saha 1", 2, "2.00", "2000.00")),
            List.of(
                new io.sahabot.schemas.reservation.query.MonthlyReport.SlotOccupancy(
                    "MONDAY", 20, "2.00", "5.00", "0.4000"))));
    answers.put(
        "CustomerData",
        new io.sahabot.schemas.reservation.query.CustomerData(
            List.of(new CustomerSummary(7, "Ahmet Yılmaz", WA_ID, WA_ID, 1, START)),
            List.of(view(ReservationView.ACTIVE))));
    answers.put(
        "CustomerErasure",
        new io.sahabot.schemas.reservation.query.CustomerErasure(
            false, 0, 0, 0, List.of(view(ReservationView.ACTIVE))));
    answers.put(
        "TenantUsage",
        new TenantUsage(
            "2026-03",
            100,
            50,
            "0.12",
            new TenantUsage.ReadCounts(12, 9),
            new TenantUsage.ReadCounts(30, 25)));
    return answers;
  }
}
