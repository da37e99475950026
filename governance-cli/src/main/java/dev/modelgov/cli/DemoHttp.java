package dev.modelgov.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * The few HTTP calls {@code governance demo} makes to the example server it started on the loopback address: GET and
 * POST with timeouts and a size limit on every answer. For internal use only; may change without notice.
 *
 * <pre>{@code
 * DemoHttp http = new DemoHttp(server.uri());
 * DemoHttp.Answer metrics = http.get("/metrics");
 * }</pre>
 */
final class DemoHttp {

  /** The largest answer read. */
  static final int MAX_ANSWER_BYTES = 16 << 20;

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /**
   * An answer.
   *
   * @param status the HTTP status
   * @param body the body
   */
  record Answer(int status, byte[] body) {

    /** @return the body as UTF-8 text */
    String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private final URI base;
  private final HttpClient client;

  /**
   * @param base the server's base URI, such as {@code http://127.0.0.1:8080/}
   */
  DemoHttp(URI base) {
    this.base = Objects.requireNonNull(base, "base must not be null");
    this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /**
   * GETs a path.
   *
   * @param pathAndQuery such as {@code /governance/audit/proof?index=3}
   * @return the answer
   * @throws IOException if the server cannot be reached or the answer is too large
   * @throws InterruptedException if interrupted
   */
  Answer get(String pathAndQuery) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(TIMEOUT).GET().build());
  }

  /**
   * POSTs a JSON body to a path.
   *
   * @param path such as {@code /admission}
   * @param json the body
   * @return the answer
   * @throws IOException if the server cannot be reached or the answer is too large
   * @throws InterruptedException if interrupted
   */
  Answer postJson(String path, byte[] json) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build());
  }

  private Answer send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      byte[] body = in.readNBytes(MAX_ANSWER_BYTES + 1);
      if (body.length > MAX_ANSWER_BYTES) {
        throw new IOException(request.uri().getPath() + ": the answer is larger than " + MAX_ANSWER_BYTES + " bytes");
      }
      return new Answer(response.statusCode(), body);
    }
  }
}
