package org.hindsight.drill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** A CSV file being written: RFC 4180 quoting where needed, and the line each row lands on. */
public final class Csv {
  private final StringBuilder text = new StringBuilder();
  private int lines;

  public Csv(String... header) {
    row(header);
  }

  /** Appends a row and returns its line number (the header is line 1). */
  public int row(String... cells) {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) text.append(',');
      text.append(quote(cells[i] == null ? "" : cells[i]));
    }
    text.append('\n');
    return ++lines;
  }

  public void write(Path file) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  public static String time(ZonedDateTime t) {
    return t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
  public static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
