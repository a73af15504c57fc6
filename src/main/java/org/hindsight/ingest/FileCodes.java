package org.hindsight.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The files rows come from, each coded as a small number so a column-wise store keeps a code and a
 * line per row rather than a citation object. Rows arrive file by file, so the last file's code is
 * remembered and looked up only when the file changes.
 */
final class FileCodes {
  private final List<String> files = new ArrayList<>();
  private final Map<String, Integer> codes = new HashMap<>();
  private String last;
  private int lastCode;

  /** The code of {@code file}, given the first time it is seen. */
  int code(String file) {
    if (!file.equals(last)) {
      Integer c = codes.get(file);
      if (c == null) {
        c = files.size();
        files.add(file);
        codes.put(file, c);
      }
      last = file;
      lastCode = c;
    }
    return lastCode;
  }

  String file(int code) {
    return files.get(code);
  }

  String[] toArray() {
    return files.toArray(String[]::new);
  }
}
