package dev.jfastai.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback HTTP server for download tests: serves byte arrays, 404s, and bodies cut short. */
public final class LoopbackServer implements AutoCloseable {
  private record Reply(byte[] body, int bytesToSend) {}

  private final HttpServer server;
  private final Map<String, Reply> replies = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();

  public LoopbackServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Serves {@code body} at {@code path}; returns its full URL. */
  public String serve(String path, byte[] body) {
    replies.put(path, new Reply(body, body.length));
    return url(path);
  }

  /** Announces {@code body.length} bytes at {@code path} but closes the connection after {@code sent}. */
  public String serveTruncated(String path, byte[] body, int sent) {
    replies.put(path, new Reply(body, sent));
    return url(path);
  }

  public String url(String path) {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + path;
  }

  public int requests() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    Reply reply = replies.get(exchange.getRequestURI().getPath());
    try (exchange) {
      if (reply == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.sendResponseHeaders(200, reply.body().length);
      OutputStream out = exchange.getResponseBody();
      out.write(reply.body(), 0, reply.bytesToSend());
      out.flush();
    } catch (IOException e) {
      // a truncated reply makes the server complain on close: that is the point of the test
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
