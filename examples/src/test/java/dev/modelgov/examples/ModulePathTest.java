package dev.modelgov.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import dev.modelgov.core.manifest.ManifestCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a user's program against governance-core on the module path (tests otherwise run on the class path), so the
 * module descriptors are proven to resolve, export what users need and load core's own resources.
 */
class ModulePathTest {

  private static final List<String> MODULE_JARS =
      List.of(
          "governance-api", "governance-core", "jackson-", "snakeyaml", "bcprov", "java-json-canonicalization",
          "commons-statistics-", "commons-numbers-", "commons-rng-");

  @Test
  void a_user_program_reads_and_digests_a_manifest_on_the_module_path(@TempDir Path dir) throws Exception {
    // GIVEN governance-core and its dependencies on a module path, and a program in another (unnamed) module
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String modulePath =
        Arrays.stream(classPath.split(File.pathSeparator))
            .filter(e -> MODULE_JARS.stream().anyMatch(name -> Path.of(e).toString().contains(name)))
            .collect(Collectors.joining(File.pathSeparator));
    Path root = Path.of(System.getProperty("modelgov.root", ".."));
    Path program = dir.resolve("Demo.java");
    Files.writeString(
        program,
        String.join(
            "\n",
            "import dev.modelgov.core.manifest.ManifestCodec;",
            "import java.nio.file.Path;",
            "public class Demo {",
            "  public static void main(String[] args) throws Exception {",
            "    var m = ManifestCodec.defaults().read(Path.of(args[0]));",
            "    System.out.println(ManifestCodec.class.getModule().getName());",
            "    System.out.println(ManifestCodec.defaults().ref(m));",
            "    System.out.println(ManifestCodec.jsonSchema().contains(\"model-manifest-v1\"));",
            "  }",
            "}"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("--module-path", modulePath, "--add-modules", "dev.modelgov.core"));
    command.addAll(List.of(program.toString(), root.resolve("examples/manifests/credit-scoring.yaml").toString()));
    // WHEN it runs
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    // THEN core is a named module, its exported API works and it reads its own schema resource
    assertThat(p.exitValue()).as(output).isZero();
    String expectedRef =
        ManifestCodec.defaults().ref(ManifestCodec.defaults().read(root.resolve("examples/manifests/credit-scoring.yaml"))).toString();
    assertThat(output.lines()).containsExactly("dev.modelgov.core", expectedRef, "true");
  }

  private static final List<String> TESTKIT_JARS =
      List.of("governance-testkit", "assertj-core", "byte-buddy", "micrometer-", "HdrHistogram", "LatencyUtils");

  @Test
  void a_users_test_code_runs_the_testkit_on_the_module_path(@TempDir Path dir) throws Exception {
    // GIVEN the testkit, its dependencies and core's on a module path, without JUnit and QuickTheories (optional)
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String modulePath =
        Arrays.stream(classPath.split(File.pathSeparator))
            .filter(e -> MODULE_JARS.stream().anyMatch(name -> Path.of(e).toString().contains(name))
                || TESTKIT_JARS.stream().anyMatch(name -> Path.of(e).getFileName().toString().startsWith(name)))
            .collect(Collectors.joining(File.pathSeparator));
    Path program = dir.resolve("TestkitDemo.java");
    Files.writeString(
        program,
        String.join(
            "\n",
            "import static dev.modelgov.testkit.GovernanceAssertions.assertThat;",
            "import dev.modelgov.core.Governance;",
            "import dev.modelgov.testkit.doubles.InMemoryAuditLog;",
            "import dev.modelgov.testkit.generators.Defect;",
            "import dev.modelgov.testkit.generators.ManifestGenerator;",
            "public class TestkitDemo {",
            "  public static void main(String[] args) throws Exception {",
            "    InMemoryAuditLog log = InMemoryAuditLog.create();",
            "    try (Governance g = Governance.builder().auditLog(log).build()) {",
            "      var m = ManifestGenerator.defaults().withDefect(Defect.NO_LICENSE, 1);",
            "      var d = g.evaluate(m, ManifestGenerator.promotionContext(m));",
            "      assertThat(d).isDenied().denies(\"model.license\");",
            "      assertThat(log).containsEventOfType(\"policy.decision\").verifiesWith(log.verifier()).hasNoGaps();",
            "      System.out.println(InMemoryAuditLog.class.getModule().getName());",
            "      System.out.println(g.meterRegistry().getClass().getModule().getName());",
            "      System.out.println(d.effect());",
            "    }",
            "  }",
            "}"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("--module-path", modulePath, "--add-modules", "dev.modelgov.testkit"));
    command.add(program.toString());
    // WHEN it runs
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    // THEN the testkit is a named module whose assertions, doubles and generators work, and the facade found Micrometer
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(modulePath).doesNotContain("junit-jupiter").doesNotContain("quicktheories");
    assertThat(output.lines()).containsExactly("dev.modelgov.testkit", "micrometer.core", "DENY");
  }
}
