package dev.modelgov.api.manifest;

/**
 * What a dataset was used for.
 *
 * <p>Written on the wire as the constant's name, for example {@code TRAIN}.
 */
public enum DatasetRole {
  /** Fitting the model. */
  TRAIN,
  /** Tuning and model selection. */
  VALIDATION,
  /** Held-out evaluation. */
  TEST,
  /** Fine-tuning a base model. */
  FINETUNE,
  /** Calibrating scores or thresholds. */
  CALIBRATION,
  /** The reference distribution for drift monitoring. */
  REFERENCE
}
