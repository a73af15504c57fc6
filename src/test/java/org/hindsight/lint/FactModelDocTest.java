package org.hindsight.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hindsight.facts.FactCatalog;
import org.hindsight.ingest.LogKind;
import org.junit.jupiter.api.Test;

class FactModelDocTest {
  @Test
  void checkedInReferenceIsTheGeneratedOne() throws Exception {
    Path doc = Path.of(System.getProperty("hindsight.home", "."), "docs", "fact-model.md");
    String generated = FactModelDoc.render();
    assertEquals(generated, Files.readString(doc, StandardCharsets.UTF_8),
        "docs/fact-model.md is out of date: regenerate it with ./hindsight rules facts > docs/fact-model.md");
  }

  @Test
  void everyBuiltInTypeAndFieldIsDescribed() {
    List<String> missing = new ArrayList<>();
    // The contract's row facts and what rules assert must be fully described; a deriver's new type
    // shows up in the reference marked "not described yet" until someone adds it to FactCatalog.
    List<Class<?>> core = new ArrayList<>(FactModelDoc.FACT_OF_KIND.values());
    core.addAll(List.of(org.hindsight.facts.MetricExcursion.class, org.hindsight.facts.Hypothesis.class,
        org.hindsight.facts.Finding.class));
    for (Class<?> t : core) {
      if (FactCatalog.describe(t).isEmpty()) missing.add(t.getSimpleName());
      for (FactModelDoc.Field f : FactModelDoc.fields(t)) {
        if (f.meaning().isEmpty()) missing.add(t.getSimpleName() + "." + f.name());
      }
      assertTrue(!FactCatalog.example(t).isEmpty(), "no DRL example for " + t.getSimpleName());
    }
    assertEquals(List.of(), missing, "describe these in FactCatalog");
  }

  @Test
  void everyContractColumnOfAFactKindIsDocumentedAsSomeFieldsSource() {
    List<String> uncovered = new ArrayList<>();
    for (Map.Entry<LogKind, Class<? extends org.hindsight.facts.Fact>> e : FactModelDoc.FACT_OF_KIND.entrySet()) {
      List<String> columns = FactModelDoc.fields(e.getValue()).stream().map(FactModelDoc.Field::column).toList();
      List<String> all = new ArrayList<>(e.getKey().requiredColumns());
      all.addAll(e.getKey().optionalColumns());
      for (String c : all) {
        if (columns.stream().noneMatch(x -> x.equals(c) || x.startsWith(c + " "))) uncovered.add(e.getKey().fileName() + "." + c);
      }
    }
    assertEquals(List.of(), uncovered);
  }

  @Test
  void columnsMapFromCamelCaseFields() {
    assertEquals("depends_on", FactModelDoc.column(LogKind.DEPENDENCIES, "dependsOn"));
    assertEquals("timestamp", FactModelDoc.column(LogKind.EVENTS, "time"));
    assertEquals("window_start", FactModelDoc.column(LogKind.CHANGES, "windowStart"));
  }
}
