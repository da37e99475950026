package dev.modelgov.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module walls of docs/ARCHITECTURE.md, checked on the compiled classes of api and core. */
class ModuleWallsTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.modelgov.api", "dev.modelgov.core");

  @Test
  void api_depends_on_nothing_but_the_jdk() {
    classes()
        .that()
        .resideInAPackage("dev.modelgov.api..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("dev.modelgov.api..", "java..")
        .check(CLASSES);
  }

  @Test
  void core_never_reaches_into_adapters_cli_or_testkit() {
    noClasses()
        .that()
        .resideInAPackage("dev.modelgov.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.modelgov.cel..", "dev.modelgov.k8s..", "dev.modelgov.cli..", "dev.modelgov.testkit..",
            "io.fabric8..", "dev.cel..", "picocli..", "org.assertj..")
        .check(CLASSES);
  }

  @Test
  void public_core_packages_do_not_expose_internal_types_to_users() {
    noClasses()
        .that()
        .resideInAPackage("dev.modelgov.api..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..internal..")
        .check(CLASSES);
  }

  @Test
  void micrometer_stays_optional_behind_one_adapter() {
    // Micrometer is an optional dependency: only the adapters loaded when a registry is passed may mention it: the
    // audit writer's meters and the builder method that takes the registry, the model-metrics binder and its meter
    // package, the waiver gauge binder, and the facade's registry getter and setter. Drift and fairness statistics and the policy engine run without it.
    noClasses()
        .that()
        .resideInAPackage("dev.modelgov.core..")
        .and()
        .doNotHaveFullyQualifiedName("dev.modelgov.core.audit.internal.store.MicrometerWriterMetrics")
        .and()
        .doNotHaveFullyQualifiedName("dev.modelgov.core.audit.DurableAuditLog$Builder")
        .and()
        .haveNameNotMatching("dev\\.modelgov\\.core\\.Governance(\\$Builder)?")
        .and()
        .haveNameNotMatching("dev\\.modelgov\\.core\\.metrics\\.ModelMetrics(\\$.*)?")
        .and()
        .resideOutsideOfPackage("dev.modelgov.core.metrics.internal.micrometer..")
        .and()
        .haveNameNotMatching("dev\\.modelgov\\.core\\.policy\\.WaiverMeterBinder(\\$.*)?")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.micrometer..")
        .check(CLASSES);
  }
}
