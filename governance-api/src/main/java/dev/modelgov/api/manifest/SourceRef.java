package dev.modelgov.api.manifest;

/**
 * The source code a model was built from: a repository and a full commit id.
 *
 * @param repo the repository URL (required)
 * @param commit the full commit id, 40 (SHA-1) or 64 (SHA-256) lowercase hex digits (required)
 */
public record SourceRef(String repo, String commit) {}
