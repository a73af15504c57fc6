package org.hindsight.drill;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

/**
 * The trainee's progress on one drill, kept beside the bundle in {@code drill.progress}: when the
 * first hint was taken and the highest hint level seen. Holds nothing about the answer.
 */
public record DrillProgress(Instant firstHint, int hintLevel) {
  public static final String FILE = "drill.progress";

  public static DrillProgress read(Path dir) {
    Path f = dir.resolve(FILE);
    if (!Files.isRegularFile(f)) return new DrillProgress(null, 0);
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      p.load(r);
      String first = p.getProperty("first_hint", "");
      return new DrillProgress(first.isEmpty() ? null : Instant.parse(first), Integer.parseInt(p.getProperty("hint_level", "0")));
    } catch (IOException | RuntimeException e) {
      return new DrillProgress(null, 0); // a damaged progress file only loses the hint record
    }
  }

  /** Records that hints up to {@code level} were shown at {@code now}. */
  public DrillProgress withHint(int level, Instant now) {
    return new DrillProgress(firstHint == null ? now : firstHint, Math.max(hintLevel, level));
  }

  /** Saves; a read-only drill folder only means the hint is not recorded. */
  public boolean write(Path dir) {
    Properties p = new Properties();
    if (firstHint != null) p.setProperty("first_hint", firstHint.toString());
    p.setProperty("hint_level", Integer.toString(hintLevel));
    try (Writer w = Files.newBufferedWriter(dir.resolve(FILE), StandardCharsets.UTF_8)) {
      p.store(w, "hindsight drill progress");
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
