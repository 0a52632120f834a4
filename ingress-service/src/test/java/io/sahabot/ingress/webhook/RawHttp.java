package io.sahabot.ingress.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, byte by byte when needed: what a slow or stalled client does, which
 * an HTTP client library does not let a test do.
 */
final class RawHttp implements AutoCloseable {

  /** A response: status code and body (Content-Length or chunked). */
  record Response(int status, String body) {}

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawHttp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  void send(String text) throws IOException {
    send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Sends {@code request} and reads its response. */
  Response exchange(String request) throws IOException {
    send(request);
    return response(Duration.ofSeconds(15));
  }

  /** Reads one response, waiting at most {@code wait} for each read. */
  Response response(Duration wait) throws IOException {
    socket.setSoTimeout((int) wait.toMillis());
    String statusLine = line();
    if (statusLine == null) {
      throw new IOException("connection closed before a response");
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    long length = -1;
    boolean chunked = false;
    for (String header = line(); header != null && !header.isEmpty(); header = line()) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring("content-length:".length()).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (chunked) {
      for (long size = Long.parseLong(line().trim(), 16); size > 0; ) {
        body.write(in.readNBytes((int) size));
        line();
        size = Long.parseLong(line().trim(), 16);
      }
      line();
    } else if (length > 0) {
      body.write(in.readNBytes((int) length));
    }
    return new Response(status, body.toString(StandardCharsets.UTF_8));
  }

  /**
   * Waits up to {@code wait} for the server to close the connection, discarding what it sends (such
   * as an error response first). Returns how long it took, or null if it stayed open.
   */
  Duration awaitClosed(Duration wait) throws IOException {
    long started = System.nanoTime();
    long until = started + wait.toNanos();
    while (System.nanoTime() < until) {
      if (closedWithin(Duration.ofMillis(100))) {
        return Duration.ofNanos(System.nanoTime() - started);
      }
    }
    return null;
  }

  /** Whether the server closed the connection within {@code wait} (anything it sends is read). */
  boolean closedWithin(Duration wait) throws IOException {
    socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
    try {
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset by the server
    }
  }

  /** What a trickle got: whether and when the server closed, and what it sent. */
  record Trickled(boolean closed, Duration after, String received) {}

  /**
   * Sends {@code bytes} one at a time, {@code pause} apart, until all are sent or the server closes
   * the connection.
   */
  Trickled trickle(byte[] bytes, Duration pause) throws IOException {
    long started = System.nanoTime();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    socket.setSoTimeout((int) pause.toMillis());
    for (byte b : bytes) {
      try {
        out.write(b);
        out.flush();
      } catch (IOException e) {
        return new Trickled(true, Duration.ofNanos(System.nanoTime() - started), text(received));
      }
      try {
        for (int r = in.read(); ; r = in.read()) {
          if (r < 0) {
            return new Trickled(
                true, Duration.ofNanos(System.nanoTime() - started), text(received));
          }
          received.write(r);
        }
      } catch (SocketTimeoutException e) {
        // still open: next byte
      } catch (IOException e) {
        return new Trickled(true, Duration.ofNanos(System.nanoTime() - started), text(received));
      }
    }
    return new Trickled(false, Duration.ofNanos(System.nanoTime() - started), text(received));
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.ISO_8859_1);
  }

  /** Everything the server sends until it closes the connection or {@code wait} passes. */
  String readUntilClosed(Duration wait) throws IOException {
    socket.setSoTimeout((int) wait.toMillis());
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try {
      for (int b = in.read(); b >= 0; b = in.read()) {
        received.write(b);
      }
    } catch (IOException e) {
      // timed out or reset: what came so far
    }
    return received.toString(StandardCharsets.ISO_8859_1);
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r'
            ? line.substring(0, end - 1)
            : line.toString();
      }
      line.append((char) b);
    }
    return line.isEmpty() ? null : line.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
