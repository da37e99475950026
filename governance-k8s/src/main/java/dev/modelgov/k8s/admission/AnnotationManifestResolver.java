package dev.modelgov.k8s.admission;

import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.ManifestFormatException;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.k8s.admission.internal.BoundedCache;
import dev.modelgov.k8s.gitops.GitOpsRenderer;
import dev.modelgov.k8s.posture.internal.PodTarget;
import dev.modelgov.k8s.posture.internal.Workloads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The default {@link ManifestResolver}: reads the model from the workload's annotations, on its metadata or else on
 * its pod template (the workload's own win):
 *
 * <ul>
 *   <li>{@value #MANIFEST}: the manifest, base64 of its JSON (required for a governed workload);
 *   <li>{@value #MANIFEST_DIGEST}: its canonical digest, {@code sha256:<64 hex>} (as {@link GitOpsRenderer} writes);
 *   <li>{@value #PROVENANCE}: base64 of the DSSE envelope or Sigstore bundle JSON; any other value (as the renderer's
 *       {@code provenanceRef}) is kept as a reference and not fetched.
 * </ul>
 *
 * A workload without {@value #MANIFEST} is not governed. Thread-safe; the last {@value #CACHE_SIZE} decoded manifests
 * are kept by annotation value, so the same model admitted again is not parsed again.
 *
 * <pre>{@code
 * ManifestResolver resolver = AnnotationManifestResolver.defaults();
 * Optional<ResolvedModel> model = resolver.resolve(deployment);
 * }</pre>
 */
public final class AnnotationManifestResolver implements ManifestResolver {

  /** The manifest annotation: base64 of the manifest's JSON. */
  public static final String MANIFEST = GitOpsRenderer.GOVERNANCE_PREFIX + "manifest";

  /** The manifest digest annotation, as {@link GitOpsRenderer} writes it. */
  public static final String MANIFEST_DIGEST = GitOpsRenderer.GOVERNANCE_PREFIX + "manifest-digest";

  /** The provenance annotation: base64 of the DSSE envelope or Sigstore bundle JSON, or a reference. */
  public static final String PROVENANCE = GitOpsRenderer.GOVERNANCE_PREFIX + "provenance";

  private static final AnnotationManifestResolver DEFAULTS = new AnnotationManifestResolver(ManifestCodec.defaults());

  /** How many decoded manifests are kept, by annotation value. */
  public static final int CACHE_SIZE = 128;

  private final ManifestCodec codec;
  private final BoundedCache<String, ModelManifest> manifests = new BoundedCache<>(CACHE_SIZE);

  private AnnotationManifestResolver(ManifestCodec codec) {
    this.codec = codec;
  }

  /** @return the resolver with the default manifest codec (shared instance) */
  public static AnnotationManifestResolver defaults() {
    return DEFAULTS;
  }

  /**
   * @param codec the codec that reads the manifest (its limits apply), must not be {@code null}
   * @return a resolver reading with it
   */
  public static AnnotationManifestResolver withCodec(ManifestCodec codec) {
    return new AnnotationManifestResolver(Objects.requireNonNull(codec, "codec must not be null"));
  }

  /**
   * Base64 of a manifest's JSON, the value of {@value #MANIFEST}.
   *
   * @param codec the codec, must not be {@code null}
   * @param manifest the manifest, must not be {@code null}
   * @return the annotation value
   */
  public static String encodeManifest(ManifestCodec codec, ModelManifest manifest) {
    return Base64.getEncoder().encodeToString(codec.writeJson(manifest));
  }

  /**
   * Base64 of a provenance envelope or bundle, the value of {@value #PROVENANCE}.
   *
   * @param envelopeOrBundle the JSON, must not be {@code null}
   * @return the annotation value
   */
  public static String encodeProvenance(byte[] envelopeOrBundle) {
    return Base64.getEncoder().encodeToString(envelopeOrBundle);
  }

  @Override
  public Optional<ResolvedModel> resolve(HasMetadata workload) throws ManifestResolutionException {
    Objects.requireNonNull(workload, "workload must not be null");
    Map<String, String> own = workload.getMetadata() == null ? null : workload.getMetadata().getAnnotations();
    Map<String, String> template = templateAnnotations(workload);
    String manifestValue = annotation(own, template, MANIFEST);
    if (manifestValue == null) {
      return Optional.empty();
    }
    ModelManifest manifest = manifests.get(manifestValue);
    if (manifest == null) {
      try {
        manifest = codec.readJson(decode(MANIFEST, manifestValue));
      } catch (ManifestFormatException e) {
        throw new ManifestResolutionException(MANIFEST + ": not a valid manifest: " + clip(e.getMessage()), e);
      }
      manifests.put(manifestValue, manifest);
    }
    ResolvedModel model = ResolvedModel.of(manifest);
    String digest = annotation(own, template, MANIFEST_DIGEST);
    if (digest != null) {
      try {
        model = model.withDeclaredDigest(Digest.parse(digest.trim()));
      } catch (IllegalArgumentException e) {
        throw new ManifestResolutionException(MANIFEST_DIGEST + ": not a digest (sha256:<64 hex>): " + clip(digest), e);
      }
    }
    String provenance = annotation(own, template, PROVENANCE);
    if (provenance != null && !provenance.isBlank()) {
      byte[] bytes = tryDecode(provenance);
      if (bytes != null && bytes.length > 0 && bytes[0] == '{') {
        model = model.withProvenance(bytes);
      } else {
        model = model.withProvenanceReference(clip(provenance.trim()));
      }
    }
    return Optional.of(model);
  }

  private static Map<String, String> templateAnnotations(HasMetadata workload) {
    try {
      List<PodTarget> targets = Workloads.podTargets(workload);
      return targets.isEmpty() ? null : targets.get(0).annotations();
    } catch (IllegalArgumentException e) {
      return null; // an unreadable pod spec: the posture checks report it
    }
  }

  private static String annotation(Map<String, String> own, Map<String, String> template, String key) {
    String value = own == null ? null : own.get(key);
    if (value == null && template != null) {
      value = template.get(key);
    }
    return value;
  }

  private static byte[] decode(String key, String value) throws ManifestResolutionException {
    byte[] bytes = tryDecode(value);
    if (bytes == null) {
      throw new ManifestResolutionException(key + ": not base64 (the annotation holds base64 of the JSON)");
    }
    return bytes;
  }

  private static byte[] tryDecode(String value) {
    String compact = value.indexOf('\n') >= 0 || value.indexOf(' ') >= 0 ? value.replaceAll("\\s+", "") : value;
    try {
      return Base64.getDecoder().decode(compact.getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String clip(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  @Override
  public String toString() {
    return "AnnotationManifestResolver[" + MANIFEST + ", " + MANIFEST_DIGEST + ", " + PROVENANCE + "]";
  }
}
