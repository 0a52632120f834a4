package io.sahabot.tenant.admin;

import io.sahabot.schemas.Json;
import io.sahabot.schemas.tenant.FieldSpec;
import io.sahabot.schemas.tenant.TenantSettings;
import io.sahabot.tenant.problems.Problems;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a settings change onto the current settings and validates the result with {@link
 * TenantSettings}' own checks. Each top-level property given replaces the current one; the others
 * stay. An invalid result is a 400 naming the field.
 */
public final class SettingsValidation {

  private SettingsValidation() {}

  public static TenantSettings merge(TenantSettings current, JsonNode change) {
    if (change == null || change.isNull()) {
      return null;
    }
    if (!change.isObject()) {
      throw Problems.invalid("settings", "settings: must be a JSON object");
    }
    ObjectNode merged = (ObjectNode) Json.mapper().valueToTree(current);
    change.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
    if (change.has("fields") && !change.has("fieldDetails")) {
      merged.set("fieldDetails", detailsByName(current, change.get("fields")));
    }
    try {
      return Json.mapper().treeToValue(merged, TenantSettings.class);
    } catch (JacksonException e) {
      throw invalid(e);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw fromMessage(e);
    }
  }

  /**
   * The fields named by a change of {@code fields} alone (the API before field details): a name the
   * business already has keeps that field (its id, size and prices, so its bookings), another name
   * is a new field. A rename that keeps the bookings changes {@code fieldDetails[].name}.
   */
  private static JsonNode detailsByName(TenantSettings current, JsonNode names) {
    ArrayNode details = Json.mapper().createArrayNode();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (JsonNode name : names.isArray() ? names : Json.mapper().createArrayNode()) {
      if (!name.isString()
          || name.asString().isBlank()
          || !seen.add(name.asString().strip().toLowerCase(java.util.Locale.ROOT))) {
        // not names: no details, so that TenantSettings reports what is wrong with fields
        return Json.mapper().createArrayNode();
      }
      Optional<FieldSpec> known =
          current.fieldDetails().stream()
              .filter(f -> f.name().equalsIgnoreCase(name.asString().strip()))
              .findFirst();
      details.add(
          known.isPresent()
              ? Json.mapper().valueToTree(known.get().renamed(name.asString().strip()))
              : Json.mapper().createObjectNode().put("name", name.asString()));
    }
    return details;
  }

  private static RuntimeException invalid(JacksonException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
        return fromMessage((RuntimeException) cause);
      }
    }
    String path =
        e.getPath().stream()
            .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
            .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
            .orElse("settings");
    return Problems.invalid(path, path + ": " + e.getOriginalMessage());
  }

  private static RuntimeException fromMessage(RuntimeException e) {
    String message = e.getMessage() == null ? "settings: invalid" : e.getMessage();
    int colon = message.indexOf(':');
    String field = colon > 0 ? message.substring(0, colon) : "settings";
    return Problems.invalid(field, message);
  }
}
