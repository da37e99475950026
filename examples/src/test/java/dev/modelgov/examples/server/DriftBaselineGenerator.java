package dev.modelgov.examples.server;

import dev.modelgov.core.metrics.DriftBaseline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fits the shipped {@code drift-baseline.json} from the load generator's undrifted applicant stream. Run {@link #main}
 * to regenerate the resource after changing {@link Applicant}; {@code ExampleFilesTest} fails until it is.
 */
final class DriftBaselineGenerator {

  /** The seed of the reference sample (not one the load generator uses by default). */
  static final long SEED = 20_261_128L;

  /** The size of the reference sample. */
  static final int SAMPLES = 20_000;

  private DriftBaselineGenerator() {}

  /**
   * The baseline: deciles of every numeric input, the employment categories.
   *
   * @return the fitted baseline
   */
  static DriftBaseline fit() {
    List<Applicant> sample = LoadGenerator.applicants(SEED, SAMPLES, -1);
    return DriftBaseline.builder()
        .numeric("income", sample.stream().mapToDouble(Applicant::income).toArray())
        .numeric("debt_ratio", sample.stream().mapToDouble(Applicant::debtRatio).toArray())
        .numeric("age", sample.stream().mapToDouble(Applicant::age).toArray())
        .numeric("credit_history_years", sample.stream().mapToDouble(Applicant::creditHistoryYears).toArray())
        .categorical("employment", sample.stream().map(Applicant::employment).toArray(String[]::new))
        .bins(10)
        .topK(10)
        .build();
  }

  /**
   * Writes the baseline.
   *
   * @param args the target file, default the resource in the source tree (run from the examples module)
   * @throws IOException if it cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path target = Path.of(args.length > 0 ? args[0]
        : "src/main/resources/dev/modelgov/examples/server/" + ExampleFiles.DRIFT_BASELINE);
    Files.write(target, fit().toJson());
    System.out.println("wrote " + target.toAbsolutePath());
  }
}
