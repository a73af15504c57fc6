package org.hindsight.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a record's number of fields fits its header. Exporters differ at the end of a row: some
 * leave out trailing empty fields ({@code a,b} under {@code a,b,c,d}), some write trailing
 * separators ({@code a,b,c,d,,}). Neither loses anything when what is left out is optional or what
 * is added is empty, so both read; a record that leaves out a required column, or carries values
 * beyond the header, is a problem. One definition for {@code analyze} and {@code reduce}.
 */
public final class RecordWidth {
  private RecordWidth() {}

  /**
   * @param kind the file's kind
   * @param columns the header's columns by position, as contract names where they are the
   *     contract's ({@code --map} applied); "" for an unnamed one
   * @param found the record's number of fields
   * @param surplusBlank whether every field beyond the header's is blank
   * @param cutOff whether the record ends the input without a line break and no earlier record of
   *     the file was short: then a short one is taken for a line cut off while it was written, whose
   *     last value may be cut too, not for an exporter's habit
   * @return null when the record fits, else the problem, worded for the user
   */
  public static String problem(LogKind kind, List<String> columns, int found, boolean surplusBlank, boolean cutOff) {
    int width = columns.size();
    if (found == width || found > width && surplusBlank) return null;
    String expected = "expected " + width + " fields as in the header, found " + found;
    if (found > width) return expected;
    if (cutOff) return expected + " (the file ends inside this line: cut off while it was written or copied?)";
    List<String> required = new ArrayList<>();
    for (String c : columns.subList(found, width)) if (kind.requiredColumns().contains(c)) required.add(c);
    return required.isEmpty() ? null : expected + " (required " + String.join(", ", required) + " left out)";
  }
}
