package org.hindsight.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hindsight.analysis.Analysis;
import org.hindsight.analysis.Assessment;
import org.hindsight.facts.Hypothesis;
import org.hindsight.observe.Symptom;
import org.hindsight.observe.SymptomKinds;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * For every sample and every rule fixture, analyze(reduce(bundle)) gives the same hypotheses,
 * verdicts and cause and trigger lines as analyze(bundle): the reduced bundle cites the raw input
 * through its origin column, so even the file names agree.
 */
class ReduceEquivalenceTest {
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> reducedBundlesAnalyseAlike() throws IOException {
    List<Path> bundles = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("sample-logs"))) {
      s.filter(Files::isDirectory).sorted().forEach(bundles::add);
    }
    try (Stream<Path> packs = Files.list(Path.of("rules"))) {
      for (Path pack : packs.sorted().toList()) {
        Path fixtures = pack.resolve("fixtures");
        if (!Files.isDirectory(fixtures)) continue;
        try (Stream<Path> s = Files.list(fixtures)) {
          s.filter(Files::isDirectory).sorted().forEach(bundles::add);
        }
      }
    }
    assertTrue(bundles.size() > 50, "samples and fixtures found: " + bundles.size());
    return bundles.stream().map(b -> DynamicTest.dynamicTest(b.toString(), () -> assertAlike(b, Reducer.Options.defaults())));
  }

  /** The Cloudflare sample's requests thinned hard (five plain requests a data centre and minute) still tell the same story. */
  @TestFactory
  Stream<DynamicTest> thinnedRequestsAnalyseAlike() {
    return Stream.of(Path.of("sample-logs/cloudflare-2024-06-20"), Path.of("rules/recursive-key-generator/fixtures/two-cycle"))
        .map(b -> DynamicTest.dynamicTest(b.toString(), () -> {
          Path out = assertAlike(b, Reducer.Options.defaults().withRequestsPerMinute(5));
          long kept = Files.lines(out.resolve("requests.csv")).count() - 1;
          long raw = Files.lines(b.resolve("requests.csv")).count() - 1;
          assertTrue(kept < raw, "requests thinned: " + kept + " of " + raw);
        }));
  }

  private Path assertAlike(Path bundle, Reducer.Options options) throws Exception {
    Path out = tmp.resolve(bundle.toString().replace('/', '_') + "-" + options.requestsPerMinute());
    new Reducer(SparkTestSession.get(), options).reduce(List.of(bundle.toString()), out.toString());
    Analysis raw = TestAnalysis.analyze(bundle);
    Analysis reduced = TestAnalysis.analyze(out);
    assertEquals(claims(raw), claims(reduced), bundle + ": hypotheses, verdicts, causes");
    assertEquals(symptoms(raw), symptoms(reduced), bundle + ": the observation model's symptoms, learned anomalies included");
    if (Files.exists(bundle.resolve("metrics.csv"))) {
      assertFalse(Files.readString(out.resolve("metrics.csv")).contains(out.toString()), "metrics cite the raw input");
    }
    return out;
  }

  static List<String> symptoms(Analysis a) {
    List<String> out = new ArrayList<>();
    for (Symptom s : a.world().observations().all()) out.add(s.toString());
    for (Symptom s : a.world().observations().ofKind(SymptomKinds.ANOMALY)) out.add(s.toString());
    return out;
  }

  static List<String> claims(Analysis a) {
    List<String> out = new ArrayList<>();
    for (Assessment x : a.assessments()) {
      Hypothesis h = x.hypothesis();
      out.add(h.pattern() + " " + h.subject() + " site=" + h.site() + " " + x.validation().verdict() + " cause=" + h.cause()
          + " trigger=" + h.trigger());
    }
    return out;
  }
}
