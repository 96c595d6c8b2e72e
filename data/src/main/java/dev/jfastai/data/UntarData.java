package dev.jfastai.data;

import dev.jfastai.data.internal.ArchiveCheck;
import dev.jfastai.data.internal.ArchiveExtractor;
import dev.jfastai.data.internal.DatasetContents;
import dev.jfastai.data.internal.Downloader;
import dev.jfastai.tensor.internal.io.AtomicFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * fastai's {@code untar_data}: downloads a dataset archive into {@code <home>/archive}, extracts it into
 * {@code <home>/data/<name>} and returns that folder, reusing whatever is already there. The home folder is
 * {@code $FASTAI_HOME}, else {@code ~/.fastai}, or one given explicitly; instances are immutable.
 *
 * <p>Offline use: place the archive (e.g. {@code mnist_sample.tgz}) in {@code <home>/archive}, or its extracted
 * folder in {@code <home>/data}, and nothing is downloaded. An archive placed by hand is used as it is; fastai's
 * size/MD5 check applies to downloads only.
 */
public final class UntarData {
  private static final String[] ARCHIVE_SUFFIXES = {".tar.gz", ".tgz", ".tar", ".zip"};

  private final Path home;
  private final boolean quiet;
  private final boolean force;
  private final HttpClient client;

  private UntarData(Path home, boolean quiet, boolean force, HttpClient client) {
    this.home = Objects.requireNonNull(home, "home");
    this.quiet = quiet;
    this.force = force;
    this.client = client;
  }

  /** Downloads (if needed) and extracts (if needed) {@code url} in the default cache; returns the data folder. */
  public static Path untarData(String url) throws IOException {
    return fromEnvironment().untar(url);
  }

  /** Like {@link #untarData(String)} with the cache under {@code home} instead of the default. */
  public static Path untarData(String url, Path home) throws IOException {
    return atHome(home).untar(url);
  }

  /** The cache at {@code $FASTAI_HOME}, else {@code ~/.fastai}. */
  public static UntarData fromEnvironment() {
    return atHome(homeFrom(System.getenv(), Path.of(System.getProperty("user.home"))));
  }

  /** The cache folder fastai would use given these environment variables and user home folder. */
  public static Path homeFrom(Map<String, String> environment, Path userHome) {
    String configured = environment.get("FASTAI_HOME");
    if (configured == null || configured.isBlank()) return userHome.resolve(".fastai");
    if (configured.equals("~")) return userHome;
    if (configured.startsWith("~/")) return userHome.resolve(configured.substring(2)); // like expanduser()
    return Path.of(configured);
  }

  /** The cache under {@code home}: archives in {@code home/archive}, data in {@code home/data}. */
  public static UntarData atHome(Path home) {
    return new UntarData(home.toAbsolutePath(), false, false, null);
  }

  /** A copy that never prints a progress bar (one is printed only when the console is a terminal anyway). */
  public UntarData quiet(boolean quiet) {
    return new UntarData(home, quiet, force, client);
  }

  /**
   * A copy that fetches the archive and extracts it again even when cached; the cached archive and folder are
   * replaced only once the new ones are complete, so a failed download leaves them as they were.
   */
  public UntarData force(boolean force) {
    return new UntarData(home, quiet, force, client);
  }

  /** A copy that downloads with this client instead of a default one that follows redirects. */
  public UntarData httpClient(HttpClient client) {
    return new UntarData(home, quiet, force, Objects.requireNonNull(client, "client"));
  }

  public Path home() {
    return home;
  }

  public Path archiveDir() {
    return home.resolve("archive");
  }

  public Path dataDir() {
    return home.resolve("data");
  }

  /** Where the archive of {@code url} is cached: {@code <home>/archive/<file name>}. */
  public Path archivePath(String url) {
    return archiveDir().resolve(fileName(url));
  }

  /** Where {@code url} is extracted: {@code <home>/data/<file name without .tgz/.tar.gz/.tar/.zip>}. */
  public Path dataPath(String url) {
    return dataDir().resolve(stem(fileName(url)));
  }

  /**
   * Downloads (if needed) and extracts (if needed) {@code url}; returns the extracted folder. For fastai's MNIST
   * datasets a cached folder that lacks files the loader needs (a partial extraction) is extracted again.
   */
  public Path untar(String url) throws IOException {
    cleanStale();
    Path dest = dataPath(url);
    Optional<DatasetContents> contents = DatasetContents.known(url);
    if (!force && Files.isDirectory(dest) && (contents.isEmpty() || contents.get().problems(dest).isEmpty())) {
      return dest;
    }
    return extractInto(download(url), dest, contents, force || Files.exists(dest, LinkOption.NOFOLLOW_LINKS));
  }

  /** Downloads {@code url} into the archive folder unless it is there already; returns the archive. */
  public Path download(String url) throws IOException {
    Path archive = archivePath(url);
    if (!force && Files.isRegularFile(archive)) return archive;
    boolean showProgress = !quiet && System.console() != null;
    Downloader downloader = new Downloader(client != null ? client : Downloader.defaultClient(),
        showProgress ? System.err : null);
    try {
      downloader.download(url, archive, ArchiveCheck.known(url));
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException("Could not download " + url + " to " + archive + ": " + e.getMessage() + ".\n"
          + "To work offline, fetch that file some other way and place it at " + archive
          + " (or its extracted folder at " + dataPath(url) + "; set FASTAI_HOME to use another cache folder),"
          + " then run again.", e);
    }
    return archive;
  }

  /** Extracts an archive file into {@code <home>/data/<its name without extension>} unless that folder exists. */
  public Path extract(Path archive) throws IOException {
    cleanStale();
    Path dest = dataDir().resolve(stem(archive.getFileName().toString()));
    if (!force && Files.isDirectory(dest)) return dest;
    return extractInto(archive, dest, Optional.empty(), force || Files.exists(dest, LinkOption.NOFOLLOW_LINKS));
  }

  /** Deletes what downloads and extractions killed midway left in the cache (a partial folder is large). */
  private void cleanStale() {
    AtomicFiles.cleanStale(archiveDir());
    AtomicFiles.cleanStale(dataDir());
  }

  private static Path extractInto(Path archive, Path dest, Optional<DatasetContents> contents, boolean replace)
      throws IOException {
    if (!Files.isRegularFile(archive)) throw new IOException("No archive at " + archive + " to extract");
    return ArchiveExtractor.extract(archive, dest, contents, replace);
  }

  private static String fileName(String url) {
    String path;
    try {
      path = URI.create(url).getPath();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Not a valid URL: '" + url + "'", e);
    }
    String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
    if (name.isEmpty()) throw new IllegalArgumentException("URL '" + url + "' does not end in a file name");
    return name;
  }

  private static String stem(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    for (String suffix : ARCHIVE_SUFFIXES) {
      if (lower.endsWith(suffix) && lower.length() > suffix.length()) {
        return fileName.substring(0, fileName.length() - suffix.length());
      }
    }
    return fileName;
  }
}
