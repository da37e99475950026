package dev.modelgov.api.manifest;

import dev.modelgov.api.ImageRef;
import java.util.Map;

/**
 * How a model was built: the code commit, the training image pinned by digest, the training run and its
 * hyperparameters.
 *
 * <p>Hyperparameter values are {@link String}, {@link java.math.BigDecimal} or {@link Boolean}; the map is sorted by
 * key.
 *
 * @param source the source repository and commit (required)
 * @param trainingImage the training container image, pinned by digest (required)
 * @param trainingRun the training run (required)
 * @param hyperparameters the hyperparameters, sorted by name
 */
public record BuildProvenance(
    SourceRef source, ImageRef trainingImage, TrainingRun trainingRun, Map<String, Object> hyperparameters) {

  /** Copies the hyperparameters into an immutable map sorted by name. */
  public BuildProvenance {
    hyperparameters =
        Values.sortedMap(hyperparameters).entrySet().stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    Map.Entry::getKey,
                    e -> e.getValue() instanceof java.math.BigDecimal d ? Values.decimal(d) : e.getValue(),
                    (a, b) -> a,
                    java.util.TreeMap::new));
    hyperparameters = java.util.Collections.unmodifiableMap(hyperparameters);
  }
}
