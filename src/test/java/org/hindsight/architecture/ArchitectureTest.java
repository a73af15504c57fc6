package org.hindsight.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout the packs rely on: the core names no pattern (a pattern is a pack that depends on the
 * core, never the reverse), packs do not reach into each other, and no two packages depend on
 * each other in a cycle.
 */
class ArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.hindsight");
  }

  @Test
  void theCoreKnowsNoPattern() {
    noClasses().that().resideOutsideOfPackage("org.hindsight.patterns..")
        .should().dependOnClassesThat().resideInAPackage("org.hindsight.patterns..")
        .because("a pattern is a pack: adding or removing one must not touch the core")
        .check(main);
  }

  @Test
  void packsAreIndependentOfEachOther() {
    slices().matching("org.hindsight.patterns.(*)..").should().notDependOnEachOther().check(main);
  }

  @Test
  void noPackageCycles() {
    slices().matching("org.hindsight.(**)").should().beFreeOfCycles().check(main);
  }
}
