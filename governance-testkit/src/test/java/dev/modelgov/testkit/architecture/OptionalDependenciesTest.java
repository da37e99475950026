package dev.modelgov.testkit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * JUnit Jupiter and QuickTheories are optional dependencies of the testkit: a user on another test framework uses the
 * assertions, doubles and generators without either. Only the packages that need them may mention them.
 */
class OptionalDependenciesTest {

  private static final JavaClasses TESTKIT = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.modelgov.testkit");

  @Test
  void only_the_extension_and_the_compatibility_kit_use_junit() {
    noClasses().that().resideOutsideOfPackages("dev.modelgov.testkit.junit..", "dev.modelgov.testkit.compat..")
        .should().dependOnClassesThat().resideInAPackage("org.junit..")
        .check(TESTKIT);
  }

  @Test
  void only_the_quicktheories_adapters_use_quicktheories() {
    noClasses().that().resideOutsideOfPackage("dev.modelgov.testkit.generators.quicktheories..")
        .should().dependOnClassesThat().resideInAPackage("org.quicktheories..")
        .check(TESTKIT);
  }

  @Test
  void the_testkit_reaches_core_only_through_its_exported_api() {
    noClasses().should().dependOnClassesThat().resideInAPackage("dev.modelgov.core..internal..")
        .check(TESTKIT);
  }
}
