package io.sahabot.ingress.sender.domain;

import tools.jackson.databind.JsonNode;

/**
 * A Graph API error answer: {@code {"error": {"code", "error_subcode", "message", ...}}}.
 *
 * @param httpStatus the HTTP status of the answer
 * @param code {@code error.code}; 0 when the answer carried none (e.g. a proxy's 502)
 * @param subcode {@code error.error_subcode}; 0 when absent
 * @param message {@code error.message}, or a short description when absent
 */
public record GraphError(int httpStatus, int code, int subcode, String message) {

  /** Reads the error of an answer body (which may not be JSON at all). */
  public static GraphError of(int httpStatus, JsonNode body) {
    JsonNode error = body == null ? null : body.path("error");
    if (error == null || !error.isObject()) {
      return new GraphError(httpStatus, 0, 0, "HTTP " + httpStatus + " without a Graph error");
    }
    return new GraphError(
        httpStatus,
        error.path("code").asInt(0),
        error.path("error_subcode").asInt(0),
        error.path("message").asString("HTTP " + httpStatus));
  }
}
