package org.hindsight.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  void everyBuiltInTypeAndFieldIsDescribedByItsJavadoc() {
    // Every type the reference lists (the contract's rows, every built-in deriver's facts, what rules
    // assert) reads its description, fields and DRL example from its javadoc: none may be left out.
    List<String> missing = new ArrayList<>();
    for (Class<?> t : FactModelDoc.types()) {
      FactJavadoc doc = FactJavadoc.of(t);
      if (doc.type().isEmpty()) missing.add(t.getSimpleName());
      if (doc.example().isEmpty()) missing.add(t.getSimpleName() + " (no <pre> DRL example)");
      for (FactModelDoc.Field f : FactModelDoc.fields(t)) {
        if (f.meaning().isEmpty()) missing.add(t.getSimpleName() + "." + f.name());
      }
    }
    assertEquals(List.of(), missing, "describe these in the types' javadoc (@param for record components)");
    assertFalse(FactModelDoc.render().contains("not described yet"));
  }

  @Test
  void javadocMarkupBecomesMarkdown() {
    String source = """
        package x;
        /**
         * A thing that {@code happens}, see {@link Other#field()}.
         *
         * <p>More detail that is not the summary.
         *
         * <pre>
         * Thing( a &gt; 1 )
         * </pre>
         *
         * @param a how big
         *     it is
         * @param b the {@code b} part
         */
        public record Thing(int a, String b) {
          /** Whether it is big. */
          public boolean big() {
            return a > 1;
          }
        }
        """;
    FactJavadoc doc = FactJavadoc.parse(source, "Thing");
    assertEquals("A thing that `happens`, see `field`.", doc.type());
    assertEquals("Thing( a > 1 )", doc.example());
    assertEquals("how big it is", doc.field("a"));
    assertEquals("the `b` part", doc.field("b"));
    assertEquals("Whether it is big.", doc.field("big"));
    assertEquals("", doc.field("c"));
  }

  @Test
  void fieldsWithoutTheirOwnJavadocInheritTheSupertypes() {
    // origin() is described once, on Fact; a record that does not restate it inherits that text.
    assertEquals(FactJavadoc.of(org.hindsight.facts.Fact.class).field("origin"),
        FactJavadoc.describe(org.hindsight.facts.Placement.class, "origin"));
    assertFalse(FactJavadoc.describe(org.hindsight.facts.Placement.class, "origin").isEmpty());
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
