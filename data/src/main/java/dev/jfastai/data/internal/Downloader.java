package dev.jfastai.data.internal;

import dev.jfastai.tensor.internal.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Downloads one URL to a file through a temporary file in the same folder, renamed only once the body is
 * complete and, where a check is known, verified; a failed download leaves nothing behind.
 */
public final class Downloader {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient client;
  private final PrintStream progress;

  /** {@code progress} receives the progress bar, or null for none. */
  public Downloader(HttpClient client, PrintStream progress) {
    this.client = client;
    this.progress = progress;
  }

  /** A client that follows redirects, as fastai's downloads need (http to https, S3 redirects). */
  public static HttpClient defaultClient() {
    return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(TIMEOUT).build();
  }

  /** Downloads {@code url} to {@code dest}, replacing it; {@code check} may be null. */
  public void download(String url, Path dest, ArchiveCheck check) throws IOException {
    Path parent = dest.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    AtomicFiles.cleanStale(parent);
    Path tmp = AtomicFiles.createTempFile(parent, dest.getFileName() + ".part");
    boolean published = false;
    try {
      long received = fetch(url, tmp);
      if (check != null) {
        ArchiveCheck got = ArchiveCheck.of(tmp);
        if (!got.equals(check)) {
          throw new IOException("downloaded file fails fastai's check: expected " + check.size() + " bytes with"
              + " MD5 of the first MiB " + check.md5OfFirstMiB() + ", got " + received + " bytes with "
              + got.md5OfFirstMiB());
        }
      }
      AtomicFiles.syncFile(tmp);
      AtomicFiles.publish(tmp, dest); // an archive cached before is replaced only now, by a verified one
      published = true;
    } finally {
      if (!published) Files.deleteIfExists(tmp);
    }
  }

  private long fetch(String url, Path into) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
        .header("User-Agent", "jfastai").GET().build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("download of " + url + " interrupted", e);
    } catch (IOException e) { // a ConnectException has no message of its own
      throw new IOException("no answer from " + url + ": " + Messages.describe(e), e);
    }
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("the server answered HTTP " + response.statusCode() + " for " + url);
      }
      long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      ProgressBar bar = progress == null ? null
          : new ProgressBar(progress, url.substring(url.lastIndexOf('/') + 1), total);
      long received = 0;
      try (OutputStream out = Files.newOutputStream(into)) {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = read(in, buffer, received, total)) >= 0; ) {
          out.write(buffer, 0, n);
          received += n;
          if (bar != null) bar.update(received);
        }
      }
      if (bar != null) bar.finish(received);
      if (total >= 0 && received != total) throw cutShort(received, total, null);
      return received;
    }
  }

  private static int read(InputStream in, byte[] buffer, long received, long total) throws IOException {
    try {
      return in.read(buffer);
    } catch (IOException e) {
      throw cutShort(received, total, e);
    }
  }

  private static IOException cutShort(long received, long total, IOException cause) {
    String of = total >= 0 ? " of " + total : "";
    String why = cause == null ? "" : " (" + Messages.describe(cause) + ")";
    return new IOException("the connection ended after " + received + of + " bytes" + why, cause);
  }
}
