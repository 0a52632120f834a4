package io.sahabot.ingress.sender;

import io.sahabot.ingress.sender.domain.AccessToken;
import io.sahabot.schemas.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * The Graph API of the local stack and the tests: keeps what would have been sent, per business
 * number and recipient, and answers as Meta does ({@code send.response.json}, {@code
 * media_upload.response.json}). Uploaded media are kept too, so an image sent by id can be shown.
 * At most {@value #KEEP} messages are kept per recipient, and {@value #KEEP_MEDIA} media in all.
 */
public class RecordingGraphApi implements GraphApi {

  static final int KEEP = 200;
  static final int KEEP_MEDIA = 200;

  /** A message as it would have been sent. */
  public record Recorded(String phoneNumberId, String to, JsonNode body, Instant at) {}

  /** An uploaded medium. */
  public record Media(String id, String mimeType, byte[] data) {}

  private final Clock clock;
  private final AtomicLong ids = new AtomicLong(1_000_000_000_000_000L);
  private final Map<String, Deque<Recorded>> messages = new ConcurrentHashMap<>();
  private final Map<String, Media> media = new ConcurrentHashMap<>();
  private final Deque<String> mediaOrder = new ArrayDeque<>();

  public RecordingGraphApi(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Response sendMessage(String phoneNumberId, AccessToken token, byte[] json) {
    JsonNode body = Json.mapper().readTree(json);
    if ("read".equals(body.path("status").asString(""))) {
      // a read receipt (with "typing…"), as Meta answers it: not a message, nothing kept
      return new Response(200, "{\"success\":true}".getBytes(StandardCharsets.UTF_8));
    }
    // a phone number in "to", a business-scoped user id in "recipient"
    String to = body.path("to").asString(body.path("recipient").asString(""));
    Deque<Recorded> list =
        messages.computeIfAbsent(key(phoneNumberId, to), k -> new ArrayDeque<>());
    synchronized (list) {
      list.addLast(new Recorded(phoneNumberId, to, body, clock.instant()));
      while (list.size() > KEEP) {
        list.removeFirst();
      }
    }
    String wamid = "wamid.RECORDED." + ids.incrementAndGet();
    String answer =
        "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\""
            + to
            + "\",\"wa_id\":\""
            + to
            + "\"}],\"messages\":[{\"id\":\""
            + wamid
            + "\"}]}";
    return new Response(200, answer.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public Response uploadMedia(String phoneNumberId, AccessToken token, byte[] data, String mime) {
    String id = Long.toString(ids.incrementAndGet());
    synchronized (mediaOrder) {
      media.put(id, new Media(id, mime, data.clone()));
      mediaOrder.addLast(id);
      while (mediaOrder.size() > KEEP_MEDIA) {
        media.remove(mediaOrder.removeFirst());
      }
    }
    return new Response(200, ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  /** What was sent from {@code phoneNumberId} to {@code to}, oldest first. */
  public List<Recorded> recorded(String phoneNumberId, String to) {
    Deque<Recorded> list = messages.get(key(phoneNumberId, to));
    if (list == null) {
      return List.of();
    }
    synchronized (list) {
      return new ArrayList<>(list);
    }
  }

  /** An uploaded medium, or {@code null}. */
  public Media media(String id) {
    return media.get(id);
  }

  private static String key(String phoneNumberId, String to) {
    return phoneNumberId + "|" + to;
  }
}
