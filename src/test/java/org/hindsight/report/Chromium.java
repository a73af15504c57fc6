package org.hindsight.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Headless Chromium driven from the command line (no WebDriver, no extra dependency): dump the
 * rendered DOM, take a screenshot, and collect console messages from its log. Every run uses a
 * fresh profile and keeps Chromium off the network.
 */
final class Chromium {
  /** What one page load produced. */
  record Render(String dom, List<String> console, Path screenshot) {}

  private final Path binary;

  private Chromium(Path binary) {
    this.binary = binary;
  }

  /** {@code /usr/bin/chromium}, or {@code chromium}/{@code chromium-browser} on the PATH. */
  static Optional<Chromium> find() {
    List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/bin/chromium")));
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) continue;
      candidates.add(Path.of(dir, "chromium"));
      candidates.add(Path.of(dir, "chromium-browser"));
    }
    return candidates.stream().filter(Files::isExecutable).findFirst().map(Chromium::new);
  }

  Render render(Path html, Path screenshot) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("hindsight-chromium-");
    try {
      List<String> common = List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
          "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--hide-scrollbars", "--user-data-dir=" + profile.toAbsolutePath(), "--enable-logging=stderr", "--v=0");
      String url = html.toAbsolutePath().toUri().toString();
      List<String> dumpCmd = new ArrayList<>(common);
      dumpCmd.addAll(List.of("--dump-dom", url));
      Result dump = run(dumpCmd, profile.resolve("dump"));
      Files.createDirectories(screenshot.toAbsolutePath().getParent());
      List<String> shotCmd = new ArrayList<>(common);
      shotCmd.addAll(List.of("--screenshot=" + screenshot.toAbsolutePath(), "--window-size=1280,4000", url));
      Result shot = run(shotCmd, profile.resolve("shot"));
      List<String> console = new ArrayList<>(consoleLines(dump.stderr));
      console.addAll(consoleLines(shot.stderr));
      return new Render(dump.stdout, console, screenshot);
    } finally {
      try (Stream<Path> walk = Files.walk(profile)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Console output of the page: Chromium logs it as {@code …:CONSOLE(n)] "message", source: …}. */
  static List<String> consoleLines(String stderr) {
    return stderr.lines().filter(l -> l.contains(":CONSOLE") || l.contains("Uncaught")).toList();
  }

  private record Result(String stdout, String stderr) {}

  private static Result run(List<String> cmd, Path scratch) throws IOException, InterruptedException {
    Files.createDirectories(scratch);
    Path out = scratch.resolve("stdout");
    Path err = scratch.resolve("stderr");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("chromium did not finish within 90 s: " + String.join(" ", cmd));
    }
    return new Result(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }
}
