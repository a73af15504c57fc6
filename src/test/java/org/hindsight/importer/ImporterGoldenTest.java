package org.hindsight.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden tests, one folder per format under {@code src/test/resources/import/<format>/}: every input
 * (any file but {@code args.txt}, {@code bad.*}, {@code expected*} and {@code *.csv} helpers named in
 * args) is imported through the real command line with the arguments in {@code args.txt}; each
 * {@code expected/<kind>-<format>.csv} must equal what was written, byte for byte, and nothing else
 * may be written. {@code bad.*} must fail with exit 2 and exactly the {@code file:line: problem}
 * lines of {@code expected-problems.txt}. To regenerate after a deliberate change, run with
 * {@code -Dhindsight.golden.update=true} and review the diff.
 */
class ImporterGoldenTest {
  static final Path ROOT = Path.of("src/test/resources/import");
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> everyFormatFolder() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(ROOT)) {
      for (Path dir : dirs.filter(Files::isDirectory).filter(d -> Files.exists(d.resolve("args.txt"))).sorted().toList()) {
        String format = dir.getFileName().toString();
        tests.add(DynamicTest.dynamicTest(format + " golden", () -> golden(format, dir)));
        if (Files.exists(dir.resolve("expected-problems.txt"))) {
          tests.add(DynamicTest.dynamicTest(format + " bad lines", () -> bad(format, dir)));
        }
      }
    }
    assertTrue(tests.size() >= 2, "no golden folders found under " + ROOT);
    return tests.stream();
  }

  @org.junit.jupiter.api.Test
  void everyFormatThatReadsFilesHasAGoldenFolderWithBadLines() throws IOException {
    for (Importer i : Importers.all()) {
      if (!i.readsFiles()) continue; // the live pull: PrometheusLiveTest
      Path dir = ROOT.resolve(i.name());
      assertTrue(Files.exists(dir.resolve("args.txt")) && Files.isDirectory(dir.resolve("expected")), "no golden folder for " + i.name());
      assertTrue(Files.size(dir.resolve("expected-problems.txt")) > 0, "no bad-line example for " + i.name());
    }
    var listed = PrometheusLiveTest.cli("import", "--list");
    assertEquals(0, listed.code());
    for (Importer i : Importers.all()) assertTrue(listed.out().contains(i.name() + " "), listed.out());
  }

  private static List<String> args(Path dir) throws IOException {
    String text = Files.readString(dir.resolve("args.txt")).trim();
    List<String> out = new ArrayList<>();
    var m = java.util.regex.Pattern.compile("'([^']*)'|(\\S+)").matcher(text);
    while (m.find()) out.add(m.group(1) != null ? m.group(1) : m.group(2));
    return out;
  }

  private static List<String> inputs(Path dir, List<String> args) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
          .filter(n -> !n.equals("args.txt") && !n.startsWith("bad.") && !n.startsWith("expected"))
          .filter(n -> args.stream().noneMatch(a -> a.endsWith("/" + n)))
          .sorted().map(n -> dir.resolve(n).toString()).toList();
    }
  }

  private void golden(String format, Path dir) throws Exception {
    List<String> args = args(dir);
    Path out = tmp.resolve(format);
    List<String> cli = new ArrayList<>(List.of("import", format));
    cli.addAll(inputs(dir, args));
    cli.addAll(args);
    cli.addAll(List.of("--out", out.toString()));
    PrometheusLiveTest.Result r = PrometheusLiveTest.cli(cli.toArray(String[]::new));
    assertEquals(0, r.code(), String.join(" ", cli) + "\n" + r.err());
    Path expected = dir.resolve("expected");
    List<String> written;
    try (Stream<Path> s = Files.list(out)) {
      written = s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
    }
    if (Boolean.getBoolean("hindsight.golden.update")) {
      Files.createDirectories(expected);
      for (String f : written) Files.copy(out.resolve(f), expected.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    List<String> wanted;
    try (Stream<Path> s = Files.list(expected)) {
      wanted = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(wanted, written, "files written");
    for (String f : wanted) {
      assertEquals(Files.readString(expected.resolve(f)), Files.readString(out.resolve(f)), format + ": " + f);
    }
  }

  private void bad(String format, Path dir) throws Exception {
    List<String> args = args(dir);
    List<String> bad;
    try (Stream<Path> s = Files.list(dir)) {
      bad = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("bad.")).sorted().map(n -> dir.resolve(n).toString()).toList();
    }
    List<String> cli = new ArrayList<>(List.of("import", format));
    cli.addAll(bad);
    cli.addAll(args);
    cli.addAll(List.of("--out", tmp.resolve(format + "-bad").toString()));
    PrometheusLiveTest.Result r = PrometheusLiveTest.cli(cli.toArray(String[]::new));
    assertEquals(2, r.code(), r.err());
    List<String> problems = r.err().lines().filter(l -> !l.startsWith("hindsight: ")).toList();
    if (Boolean.getBoolean("hindsight.golden.update")) Files.write(dir.resolve("expected-problems.txt"), problems);
    assertEquals(Files.readAllLines(dir.resolve("expected-problems.txt")), problems);
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(Files.exists(tmp.resolve(format + "-bad").resolve("config-commands-" + format + ".csv")), "nothing is written");
    assertTrue(Arrays.stream(problems.toArray(String[]::new)).allMatch(l -> l.matches(".+:\\d+: .+|.+: .+")), problems.toString());
  }
}
