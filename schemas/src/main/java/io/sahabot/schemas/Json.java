package io.sahabot.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of the wire. Every service serializes and deserializes the records of this
 * module with it (Kafka serdes included), so all of them read and write the same JSON.
 *
 * <ul>
 *   <li>{@code java.time} values are ISO-8601 strings ({@code "2026-03-02T18:00:00Z"}), never
 *       numeric timestamps;
 *   <li>unknown properties are ignored on read, so a producer may add a field before its consumers
 *       know it;
 *   <li>{@code null} properties are omitted on write (an absent property reads back as {@code
 *       null});
 *   <li>properties are written in record component order.
 * </ul>
 *
 * <p>An unknown {@code type} (a new event a consumer does not know yet) still fails on read: deploy
 * consumers before producers when a topic gets a new type.
 */
public final class Json {

  private static final JsonMapper MAPPER = newMapper();

  private Json() {}

  /** The shared, immutable and thread-safe wire mapper. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  private static JsonMapper newMapper() {
    return JsonMapper.builder()
        .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .changeDefaultPropertyInclusion(
            incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
        .build();
  }
}
