package io.sahabot.agent.tools;

import io.sahabot.schemas.Json;
import io.sahabot.schemas.tenant.FieldSpec;
import io.sahabot.schemas.tenant.Notifications;
import io.sahabot.schemas.tenant.OpeningHours;
import io.sahabot.schemas.tenant.SpecialDay;
import io.sahabot.schemas.tenant.TenantSettings;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A change of the business an owner proposed in chat, carried by the confirmation button ({@code
 * admin|kind|value|field|from|to|open|close}) until the owner taps it: the kind, its values, and
 * the settings properties it replaces. Fields are named by their stable id.
 *
 * @param kind {@code price}, {@code hours}, {@code rename}, {@code closed}, {@code special-hours},
 *     {@code block}, {@code remove-field}, {@code add-admin}, {@code remove-admin}, {@code
 *     reminder}, {@code cancellation-notice}
 * @param value the amount, name, number, minutes or hours the kind needs
 * @param field the field's stable id (price of one field, rename, block, remove-field)
 * @param from first date ({@code yyyy-MM-dd}), or a block's start ({@code yyyy-MM-ddTHH:mm})
 * @param to last date, or a block's end
 * @param open opening time {@code HH:mm}
 * @param close closing time {@code HH:mm}, earlier than {@code open} for past midnight
 */
public record AdminChange(
    String kind, String value, String field, String from, String to, String open, String close) {

  static final List<String> KINDS =
      List.of(
          "price",
          "hours",
          "rename",
          "closed",
          "special-hours",
          "block",
          "remove-field",
          "add-admin",
          "remove-admin",
          "reminder",
          "cancellation-notice");

  public AdminChange {
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("kind: one of " + KINDS + ", was '" + kind + "'");
    }
    for (String part : Arrays.asList(value, field, from, to, open, close)) {
      if (part != null && part.contains("|")) {
        throw new IllegalArgumentException("a value may not contain '|'");
      }
    }
  }

  /** The button's id after {@code admin|}. */
  public String encode() {
    return String.join("|", kind, nz(value), nz(field), nz(from), nz(to), nz(open), nz(close));
  }

  /** Back from {@link #encode()}; empty when it is not one. */
  public static Optional<AdminChange> decode(String encoded) {
    String[] p = encoded.split("\\|", -1);
    if (p.length != 7) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new AdminChange(p[0], nn(p[1]), nn(p[2]), nn(p[3]), nn(p[4]), nn(p[5]), nn(p[6])));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Whether it books a blocked slot rather than changing the settings. */
  public boolean block() {
    return kind.equals("block");
  }

  /**
   * The settings properties this change replaces, computed from {@code current}.
   *
   * @throws IllegalArgumentException when the change makes no valid settings (the message names the
   *     field)
   */
  public ObjectNode settingsChange(TenantSettings current) {
    ObjectNode change = Json.mapper().createObjectNode();
    switch (kind) {
      case "price" -> {
        BigDecimal price = new BigDecimal(value);
        if (field == null) {
          change.put("pricePerHour", price);
        } else {
          change.set("fieldDetails", fields(current, field, f -> f.priced(price)));
        }
      }
      case "hours" -> {
        var hours = new EnumMap<DayOfWeek, OpeningHours>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
          hours.put(d, new OpeningHours(open, close));
        }
        change.set("openingHours", Json.mapper().valueToTree(hours));
      }
      case "rename" -> change.set("fieldDetails", fields(current, field, f -> f.renamed(value)));
      case "remove-field" -> {
        if (current.fieldDetails().stream().noneMatch(f -> f.id().equals(field))) {
          throw new IllegalArgumentException("fieldDetails: no field '" + field + "'");
        }
        if (current.fieldDetails().size() == 1) {
          throw new IllegalArgumentException("fieldDetails: the only field cannot be removed");
        }
        // its past bookings keep its name in the reports (reservation-service keeps the row)
        change.set(
            "fieldDetails",
            Json.mapper()
                .valueToTree(
                    current.fieldDetails().stream().filter(f -> !f.id().equals(field)).toList()));
      }
      case "closed", "special-hours" -> {
        List<SpecialDay> days = new ArrayList<>(current.specialDays());
        days.add(
            new SpecialDay(
                from, to, kind.equals("closed") ? null : new OpeningHours(open, close), null));
        change.set("specialDays", Json.mapper().valueToTree(days));
      }
      case "add-admin", "remove-admin" -> {
        List<String> admins = new ArrayList<>(current.adminNumbers());
        admins.remove(value);
        if (kind.equals("add-admin")) {
          admins.add(value);
        }
        change.set("adminNumbers", Json.mapper().valueToTree(admins));
      }
      case "reminder" -> {
        Notifications n = current.notifications();
        change.set(
            "notifications",
            Json.mapper()
                .valueToTree(
                    new Notifications(
                        n.tellOwner(),
                        Integer.parseInt(value),
                        n.dailySummaryAt(),
                        n.reminderTemplate(),
                        n.updateTemplate(),
                        n.templateLanguage())));
      }
      case "cancellation-notice" -> change.put("cancellationNoticeHours", Integer.parseInt(value));
      default -> throw new IllegalArgumentException("kind: '" + kind + "' changes no setting");
    }
    return change;
  }

  /** {@code current} with {@code change} applied, validated as tenant-service validates it. */
  public TenantSettings applyTo(TenantSettings current) {
    ObjectNode merged = Json.mapper().valueToTree(current);
    settingsChange(current).properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
    if (merged.has("fieldDetails")) {
      merged.remove("fields");
    }
    try {
      return Json.mapper().treeToValue(merged, TenantSettings.class);
    } catch (tools.jackson.core.JacksonException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalArgumentException(cause.getMessage(), e);
    }
  }

  /** The first date of a closure or special hours. */
  LocalDate firstDate() {
    return LocalDate.parse(from);
  }

  LocalDate lastDate() {
    return LocalDate.parse(to);
  }

  LocalDateTime start() {
    return LocalDateTime.parse(from);
  }

  LocalDateTime end() {
    return LocalDateTime.parse(to);
  }

  private static JsonNode fields(
      TenantSettings current, String id, java.util.function.UnaryOperator<FieldSpec> edit) {
    if (current.fieldDetails().stream().noneMatch(f -> f.id().equals(id))) {
      throw new IllegalArgumentException("fieldDetails: no field '" + id + "'");
    }
    return Json.mapper()
        .valueToTree(
            current.fieldDetails().stream()
                .map(f -> f.id().equals(id) ? edit.apply(f) : f)
                .toList());
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String nn(String s) {
    return s.isEmpty() ? null : s;
  }
}
