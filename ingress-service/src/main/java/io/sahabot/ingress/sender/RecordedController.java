package io.sahabot.ingress.sender;

import io.sahabot.ingress.sender.RecordingGraphApi.Media;
import io.sahabot.ingress.sender.RecordingGraphApi.Recorded;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads back what the recording Graph API kept (only in recording mode):
 *
 * <ul>
 *   <li>{@code GET /recorded?phoneNumberId=&to=} → {@code {"messages":[{"phoneNumberId","to",
 *       "body","at","media"?}]}}, oldest first (newest last); {@code body} is the JSON that would
 *       have been sent; an image sent by id also has {@code media: {id, mimeType, dataBase64}};
 *   <li>{@code GET /recorded/media/{id}} → the uploaded bytes with their content type.
 * </ul>
 */
@RestController
@ConditionalOnProperty(name = "sahabot.ingress.graph.recording", havingValue = "true")
public class RecordedController {

  private final RecordingGraphApi recording;

  public RecordedController(RecordingGraphApi recording) {
    this.recording = recording;
  }

  @GetMapping(path = "/recorded", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> recorded(@RequestParam String phoneNumberId, @RequestParam String to) {
    List<Map<String, Object>> messages =
        recording.recorded(phoneNumberId, to).stream().map(this::view).toList();
    return Map.of("messages", messages);
  }

  @GetMapping("/recorded/media/{id}")
  public ResponseEntity<?> media(@PathVariable String id) {
    Media media = recording.media(id);
    if (media == null) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no medium " + id));
    }
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(media.mimeType()))
        .body(media.data());
  }

  private Map<String, Object> view(Recorded r) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("phoneNumberId", r.phoneNumberId());
    view.put("to", r.to());
    view.put("body", r.body());
    view.put("at", r.at().toString());
    String mediaId = r.body().path("image").path("id").asString(null);
    Media media = mediaId == null ? null : recording.media(mediaId);
    if (media != null) {
      view.put(
          "media",
          Map.of(
              "id",
              media.id(),
              "mimeType",
              media.mimeType(),
              "dataBase64",
              Base64.getEncoder().encodeToString(media.data())));
    }
    return view;
  }
}
