package dev.jfastai.data.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * fastai's integrity check for a downloaded archive: its size and the MD5 of its first MiB
 * (the values of fastai's {@code download_checks.py}).
 */
public record ArchiveCheck(long size, String md5OfFirstMiB) {
  private static final Map<String, ArchiveCheck> KNOWN = Map.of(
      "https://s3.amazonaws.com/fast-ai-sample/mnist_sample.tgz",
      new ArchiveCheck(3214948, "2dbc7ec6f9259b583af0072c55816a88"),
      "https://s3.amazonaws.com/fast-ai-sample/mnist_tiny.tgz",
      new ArchiveCheck(342207, "56143e8f24db90d925d82a5a74141875"),
      "https://s3.amazonaws.com/fast-ai-imageclas/mnist_png.tgz",
      new ArchiveCheck(15683414, "03639f83c4e3d19e0a3a53a8a997c487"));

  /** The check fastai publishes for {@code url}, or null when there is none. */
  public static ArchiveCheck known(String url) {
    return KNOWN.get(url);
  }

  /** The check computed from a file. */
  public static ArchiveCheck of(Path file) throws IOException {
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no MD5", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      md5.update(in.readNBytes(1 << 20));
    }
    return new ArchiveCheck(Files.size(file), HexFormat.of().formatHex(md5.digest()));
  }
}
