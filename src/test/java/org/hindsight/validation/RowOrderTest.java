package org.hindsight.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.hindsight.analysis.Assessment;
import org.hindsight.facts.SourceRef;
import org.hindsight.testing.CsvTable;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The order of rows in a file says nothing: exports often list the newest first, and merged logs
 * interleave. Every sample with its rows reversed, and shuffled, gets the same top hypothesis, verdict
 * and cause (the same row, wherever it now stands: also one of a component's several replica rows).
 */
class RowOrderTest {
  @TestFactory
  Stream<DynamicTest> samplesReadTheSameInAnyRowOrder() throws Exception {
    List<Path> samples;
    try (Stream<Path> s = Files.list(TestAnalysis.home().resolve("sample-logs"))) {
      samples = s.filter(Files::isDirectory).sorted().toList();
    }
    return samples.stream().flatMap(dir -> Stream.of("reversed", "shuffled").map(order ->
        DynamicTest.dynamicTest(dir.getFileName() + " " + order, () -> check(dir, order))));
  }

  private static void check(Path sample, String order) throws Exception {
    Assessment truth = TestAnalysis.analyze(sample).assessments().get(0);
    SourceRef cause = truth.hypothesis().cause();
    String[] causeRow = CsvTable.read(sample.resolve(Path.of(cause.file()).getFileName().toString())).atLine(cause.line());
    Path dir = Files.createTempDirectory("reordered");
    CsvTable.copyBundle(sample, dir);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        CsvTable t = CsvTable.read(f);
        if (order.equals("reversed")) Collections.reverse(t.rows());
        else Collections.shuffle(t.rows(), new Random(f.getFileName().toString().hashCode()));
        t.write();
      }
    }
    Assessment top = TestAnalysis.analyze(dir).assessments().get(0);
    assertEquals(truth.hypothesis().pattern() + " " + truth.hypothesis().subject() + " " + truth.validation().verdict(),
        top.hypothesis().pattern() + " " + top.hypothesis().subject() + " " + top.validation().verdict());
    SourceRef moved = top.hypothesis().cause();
    // a structural row too (inventory: one of a component's equal replicas): the one cited is chosen by what the rows
    // say, not where the file lists them
    assertEquals(Arrays.asList(causeRow), Arrays.asList(CsvTable.read(dir.resolve(Path.of(moved.file()).getFileName().toString())).atLine(moved.line())),
        "the cause is the same row");
  }
}
