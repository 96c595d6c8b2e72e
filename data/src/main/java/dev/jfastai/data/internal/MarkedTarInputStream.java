package dev.jfastai.data.internal;

import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A tar reader that tells a complete archive from one cut at an entry boundary: only the first ends with the
 * end-of-archive marker, two zero blocks. (The library returns "no more entries" for both.)
 */
final class MarkedTarInputStream extends TarArchiveInputStream {
  private int trailingZeroRecords;

  MarkedTarInputStream(InputStream in) {
    super(in);
  }

  @Override
  protected byte[] readRecord() throws IOException {
    byte[] record = super.readRecord();
    if (record != null) trailingZeroRecords = isZero(record) ? trailingZeroRecords + 1 : 0;
    return record;
  }

  /** Whether the last two records read were the end-of-archive marker. */
  boolean endedWithMarker() {
    return trailingZeroRecords >= 2;
  }

  private static boolean isZero(byte[] record) {
    for (byte b : record) {
      if (b != 0) return false;
    }
    return true;
  }
}
