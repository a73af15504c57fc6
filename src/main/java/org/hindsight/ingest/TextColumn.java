package org.hindsight.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Free text (event messages, command lines) kept as UTF-8 in 1 MiB chunks: a row costs its bytes,
 * a one- or two-byte length and a four-byte position, where a {@code String} costs about 40 bytes of
 * headers besides. Logs' messages rarely repeat (they carry ids, pids, addresses), so they are not
 * dictionary-coded; a string is made again each time a row is read.
 */
final class TextColumn {
  private static final int CHUNK_BITS = 20;
  private static final int CHUNK = 1 << CHUNK_BITS;

  private byte[][] chunks = new byte[0][];
  private int chunk = -1; // the chunk being filled
  private int used = CHUNK; // bytes used of it (full: the first add opens one)
  private int[] position = new int[0]; // chunk << CHUNK_BITS | offset of the row's length
  private int n;

  void add(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    int need = b.length + (b.length < 0x80 ? 1 : b.length < 0x4000 ? 2 : 5);
    if (used + need > CHUNK || chunk < 0) {
      // a text longer than a chunk gets a chunk of its own, starting at offset 0
      if (chunk + 1 >= 1 << (31 - CHUNK_BITS)) throw new IllegalStateException("more than 2 GiB of text in one column");
      chunks = Arrays.copyOf(chunks, chunk + 2);
      chunk++;
      chunks[chunk] = new byte[Math.max(CHUNK, need)];
      used = 0;
    }
    if (n == position.length) position = Arrays.copyOf(position, n + (n >> 1) + 64);
    position[n++] = chunk << CHUNK_BITS | used;
    byte[] c = chunks[chunk];
    int len = b.length;
    if (len < 0x80) {
      c[used++] = (byte) len;
    } else if (len < 0x4000) {
      c[used++] = (byte) (0x80 | len >>> 8);
      c[used++] = (byte) len;
    } else {
      c[used++] = (byte) 0xC0;
      c[used++] = (byte) (len >>> 24);
      c[used++] = (byte) (len >>> 16);
      c[used++] = (byte) (len >>> 8);
      c[used++] = (byte) len;
    }
    System.arraycopy(b, 0, c, used, len);
    used += len;
  }

  String get(int row) {
    int p = position[row];
    byte[] c = chunks[p >>> CHUNK_BITS];
    int at = p & (CHUNK - 1);
    int first = c[at++] & 0xFF;
    int len;
    if (first < 0x80) {
      len = first;
    } else if (first < 0xC0) {
      len = (first & 0x3F) << 8 | c[at++] & 0xFF;
    } else {
      len = (c[at] & 0xFF) << 24 | (c[at + 1] & 0xFF) << 16 | (c[at + 2] & 0xFF) << 8 | c[at + 3] & 0xFF;
      at += 4;
    }
    return len == 0 ? "" : new String(c, at, len, StandardCharsets.UTF_8);
  }

  int size() {
    return n;
  }

  /** Drops the growth slack of the positions and of the last chunk. */
  void freeze() {
    position = Arrays.copyOf(position, n);
    if (chunk >= 0 && used < chunks[chunk].length) chunks[chunk] = Arrays.copyOf(chunks[chunk], used);
    used = CHUNK; // a later add opens a new chunk rather than writing past the trimmed one
  }
}
