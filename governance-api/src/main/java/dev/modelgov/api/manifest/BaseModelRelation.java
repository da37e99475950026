package dev.modelgov.api.manifest;

import java.util.Locale;
import java.util.Objects;

/**
 * How a model derives from a base model, as in the Hugging Face {@code base_model_relation}. Written on the wire in
 * lowercase, for example {@code finetune}.
 */
public enum BaseModelRelation {
  /** An adapter (LoRA and the like) trained on top of the base. */
  ADAPTER,
  /** A merge of several base models. */
  MERGE,
  /** A quantized copy of the base. */
  QUANTIZED,
  /** The base, fine-tuned. */
  FINETUNE;

  /**
   * The wire name.
   *
   * @return the lowercase name
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Looks a value up by its wire name.
   *
   * @param wireName for example {@code finetune}, must not be {@code null}
   * @return the value
   * @throws IllegalArgumentException if no value has that name
   */
  public static BaseModelRelation fromWireName(String wireName) {
    Objects.requireNonNull(wireName, "wireName must not be null");
    for (BaseModelRelation r : values()) {
      if (r.wireName().equals(wireName)) {
        return r;
      }
    }
    throw new IllegalArgumentException("relation must be one of adapter, merge, quantized, finetune");
  }
}
