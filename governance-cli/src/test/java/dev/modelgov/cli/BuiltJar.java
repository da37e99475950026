package dev.modelgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the built CLI jar (or any command) as a separate process, for the black-box integration tests. */
final class BuiltJar {

  private BuiltJar() {}

  /** One finished process. */
  record Run(List<String> command, int exitCode, String out, String err) {
    @Override
    public String toString() {
      return command + " exited " + exitCode + "\nstdout:\n" + out + "stderr:\n" + err;
    }
  }

  /**
   * @return the jar under test: {@code -Dgovernance.jar}, or the module's build output
   */
  static Path jar() {
    String property = System.getProperty("governance.jar");
    Path jar = property != null ? Path.of(property) : Cli.root().resolve("governance-cli/target/governance.jar");
    assertThat(jar).as("the built jar; run mvn verify").isRegularFile();
    return jar;
  }

  /**
   * @param args the CLI arguments
   * @return {@code java -jar governance.jar args...} with this JVM's java
   */
  static List<String> governance(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    return command;
  }

  /**
   * Runs a command to its end, capturing its output in files under {@code tmp}.
   *
   * @param directory the working directory
   * @param tmp where the output files go
   * @param timeoutSeconds how long it may take before the test fails
   * @param command the command
   * @return the finished process
   * @throws Exception if it cannot start or times out
   */
  static Run run(Path directory, Path tmp, long timeoutSeconds, List<String> command) throws Exception {
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    return new Run(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
