package org.hindsight.patterns.typoscopedshutdown;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hindsight.ingest.BundleReader;
import org.hindsight.world.World;

/** Builds a World from CSV text, for tests. */
final class Worlds {
  private Worlds() {}

  /** @param files alternating file name and CSV content */
  static World of(Path dir, String... files) throws Exception {
    for (int i = 0; i < files.length; i += 2) Files.writeString(dir.resolve(files[i]), files[i + 1]);
    return new World(BundleReader.builder().build().readArgs(List.of(dir.toString())));
  }

  /** An inventory of {@code n} hosts {@code prefix01..} of one service. */
  static String hosts(String prefix, String service, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= n; i++) b.append(String.format("%s%02d,host,az1,%s%n", prefix, i, service));
    return b.toString();
  }
}
