package org.hindsight.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hindsight.derive.MetricExcursionDeriver;
import org.hindsight.facts.MetricSeries;
import org.hindsight.ingest.Bundle;
import org.hindsight.ingest.BundleReader;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The DuckDB peer loads every row and derives exactly Hindsight's metric excursions. */
class DuckDbPeerTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 7})
  void thePeerFindsTheSameExcursionsAsHindsight(long seed, @TempDir Path dir) throws Exception {
    Path jar = DuckDbPeer.findJar(TestAnalysis.home().resolve("target/peer"));
    assertNotNull(jar, "the build copies DuckDB to target/peer/ (maven-dependency-plugin, process-classes)");
    BundleGenerator.Written w = new BundleGenerator(20_000, seed).writeTo(dir);

    DuckDbPeer.Result peer = DuckDbPeer.run(jar, w.files());

    Bundle bundle = BundleReader.builder().build().readArgs(java.util.List.of(dir.toString()));
    long excursions = 0;
    for (MetricSeries s : bundle.metrics()) excursions += MetricExcursionDeriver.excursions(s).size();
    assertTrue(excursions > 0, "the generated outage makes excursions");
    assertEquals(excursions, peer.excursions());
    assertEquals(bundle.stats().rows(), peer.rows(), "every row of every file loaded");
    assertTrue(peer.failuresAfterSiteLoss() > 0, "the site loss is followed by degraded services");
    assertEquals(4, peer.phases().size());
    assertTrue(Files.isRegularFile(jar));
  }
}
