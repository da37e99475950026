package dev.modelgov.api.manifest;

import java.util.Optional;

/**
 * A model this one derives from (EU AI Act Annex IV (2)(a): pre-trained or third-party models).
 *
 * @param ref the base model's reference: a ModelGov {@code namespace/name@version}, a hub id or a URI (required)
 * @param relation how this model derives from it, if declared
 */
public record BaseModel(String ref, Optional<BaseModelRelation> relation) {

  /** Normalises a {@code null} relation to empty. */
  public BaseModel {
    relation = Values.opt(relation);
  }
}
