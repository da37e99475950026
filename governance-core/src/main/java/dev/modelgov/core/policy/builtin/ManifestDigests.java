package dev.modelgov.core.policy.builtin;

import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.manifest.ManifestCodec;

/**
 * The canonical digest of a manifest, remembered for the last manifest instance asked about, so a policy evaluated
 * again and again on the same manifest (the runtime re-check) hashes it once.
 */
final class ManifestDigests {

  private record Entry(ModelManifest manifest, Digest digest) {}

  private static volatile Entry last;

  private ManifestDigests() {}

  static Digest of(ModelManifest manifest) {
    Entry e = last;
    if (e != null && e.manifest() == manifest) {
      return e.digest();
    }
    Digest d = ManifestCodec.defaults().digest(manifest);
    last = new Entry(manifest, d);
    return d;
  }
}
