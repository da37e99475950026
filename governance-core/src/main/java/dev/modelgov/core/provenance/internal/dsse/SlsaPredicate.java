package dev.modelgov.core.provenance.internal.dsse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.manifest.BaseModel;
import dev.modelgov.api.manifest.BuildProvenance;
import dev.modelgov.api.manifest.Dataset;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.TrainingRun;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * SLSA Provenance v1 ({@code https://slsa.dev/provenance/v1}) for the training run a manifest records. For internal
 * use only; may change without notice.
 */
public final class SlsaPredicate {

  /** The build type: a ModelGov training run described by a model manifest. */
  public static final String BUILD_TYPE = "https://modelgov.dev/slsa/training/v1";

  /** The builder id prefix when the training run has no URL. */
  public static final String BUILDER_PREFIX = "https://modelgov.dev/training-systems/";

  private SlsaPredicate() {}

  /**
   * The predicate for the manifest's build provenance, datasets and base models.
   *
   * @param manifest the manifest
   * @return the predicate
   */
  public static ObjectNode write(ModelManifest manifest) {
    BuildProvenance build = manifest.build();
    TrainingRun run = build.trainingRun();
    ObjectNode predicate = ProvenanceJson.object();

    ObjectNode definition = predicate.putObject("buildDefinition");
    definition.put("buildType", BUILD_TYPE);
    ObjectNode external = definition.putObject("externalParameters");
    ObjectNode source = external.putObject("source");
    source.put("repository", build.source().repo());
    source.put("commit", build.source().commit());
    ObjectNode runNode = external.putObject("trainingRun");
    runNode.put("system", run.system());
    runNode.put("id", run.id());
    run.url().ifPresent(u -> runNode.put("url", u));

    ArrayNode deps = definition.putArray("resolvedDependencies");
    ObjectNode code = deps.addObject();
    String repo = build.source().repo();
    code.put("uri", repo.startsWith("git+") ? repo : "git+" + repo);
    code.putObject("digest").put("gitCommit", build.source().commit());
    code.putObject("annotations").put("role", "source");

    ObjectNode image = deps.addObject();
    image.put("name", build.trainingImage().repository());
    image.putObject("digest").put("sha256", build.trainingImage().digest().hex());
    image.putObject("annotations").put("role", "training-image");

    for (Dataset d : manifest.datasets()) {
      ObjectNode dn = deps.addObject();
      dn.put("name", d.name());
      d.uri().ifPresent(u -> dn.put("uri", u));
      dn.putObject("digest").put("sha256", d.digest().hex());
      ObjectNode ann = dn.putObject("annotations");
      ann.put("role", "dataset");
      ann.put("datasetRole", d.role().name());
      ann.put("version", d.version());
    }
    for (BaseModel b : manifest.baseModels()) {
      ObjectNode bn = deps.addObject();
      bn.put("name", b.ref());
      bn.put("uri", b.ref());
      ObjectNode ann = bn.putObject("annotations");
      ann.put("role", "base-model");
      b.relation().ifPresent(r -> ann.put("relation", r.wireName()));
    }

    ObjectNode details = predicate.putObject("runDetails");
    details.putObject("builder").put("id", builderId(run));
    ObjectNode metadata = details.putObject("metadata");
    metadata.put("invocationId", run.id());
    run.startedAt().ifPresent(t -> metadata.put("startedOn", t.toString()));
    run.endedAt().ifPresent(t -> metadata.put("finishedOn", t.toString()));
    return predicate;
  }

  /**
   * The builder id: the training run's URL, or a ModelGov URI naming the tracking system.
   *
   * @param run the training run
   * @return the builder id
   */
  public static String builderId(TrainingRun run) {
    return run.url().orElseGet(() -> BUILDER_PREFIX + URLEncoder.encode(run.system(), StandardCharsets.UTF_8));
  }
}
