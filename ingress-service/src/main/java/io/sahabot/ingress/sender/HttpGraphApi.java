package io.sahabot.ingress.sender;

import io.sahabot.ingress.sender.domain.AccessToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.client.RestClient;

/** The Graph API over HTTP, at a configured base URL and version. */
public class HttpGraphApi implements GraphApi {

  private final RestClient http;
  private final String version;

  public HttpGraphApi(URI baseUrl, String version, Duration timeout) {
    JdkClientHttpRequestFactory factory =
        new JdkClientHttpRequestFactory(HttpClient.newBuilder().connectTimeout(timeout).build());
    factory.setReadTimeout(timeout);
    this.http = RestClient.builder().baseUrl(baseUrl.toString()).requestFactory(factory).build();
    this.version = version;
  }

  @Override
  public Response sendMessage(String phoneNumberId, AccessToken token, byte[] json) {
    return http.post()
        .uri("/{version}/{id}/messages", version, phoneNumberId)
        .headers(h -> h.setBearerAuth(token.value()))
        .contentType(MediaType.APPLICATION_JSON)
        .body(json)
        .exchange((request, response) -> answer(response));
  }

  @Override
  public Response uploadMedia(String phoneNumberId, AccessToken token, byte[] data, String mime) {
    MultipartBodyBuilder parts = new MultipartBodyBuilder();
    parts.part("messaging_product", "whatsapp");
    parts.part("type", mime);
    parts
        .part(
            "file",
            new ByteArrayResource(data) {
              @Override
              public String getFilename() {
                return "upload." + extension(mime);
              }
            })
        .contentType(MediaType.parseMediaType(mime));
    return http.post()
        .uri("/{version}/{id}/media", version, phoneNumberId)
        .headers(h -> h.setBearerAuth(token.value()))
        .contentType(MediaType.MULTIPART_FORM_DATA)
        .body(parts.build())
        .exchange((request, response) -> answer(response));
  }

  private static Response answer(org.springframework.http.client.ClientHttpResponse response) {
    try {
      return new Response(response.getStatusCode().value(), response.getBody().readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String extension(String mime) {
    int slash = mime.indexOf('/');
    return slash < 0 ? "bin" : mime.substring(slash + 1).replaceAll("[^a-z0-9]", "");
  }
}
