package dev.modelgov.k8s.admission.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Strict reading of AdmissionReview JSON (duplicate keys and trailing content rejected, depth and string limits) and
 * salvage of the request uid from a document that fails to parse. For internal use only; may change without notice.
 */
public final class ReviewJson {

  /** The deepest nesting accepted, as for Kubernetes manifests. */
  public static final int MAX_DEPTH = 100;

  private final ObjectMapper mapper;

  /**
   * @param maxBytes the largest document
   */
  public ReviewJson(int maxBytes) {
    StreamReadConstraints constraints = StreamReadConstraints.builder()
        .maxNestingDepth(MAX_DEPTH)
        .maxDocumentLength(maxBytes)
        .maxStringLength(maxBytes)
        .maxNumberLength(1000)
        .build();
    JsonFactory factory = JsonFactory.builder().streamReadConstraints(constraints)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    this.mapper = JsonMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .build();
  }

  /** @return the strict mapper (for trees and maps) */
  public ObjectMapper mapper() {
    return mapper;
  }

  /**
   * Parses a document.
   *
   * @param bytes the JSON
   * @return the tree
   * @throws IllegalArgumentException naming the problem and its byte offset
   */
  public JsonNode read(byte[] bytes) {
    if (bytes.length == 0) {
      throw new IllegalArgumentException("the body is empty");
    }
    try (JsonParser parser = mapper.createParser(bytes)) {
      try {
        JsonNode node = mapper.readTree(parser);
        if (node == null || node.isMissingNode()) {
          throw new IllegalArgumentException("the body is empty");
        }
        return node;
      } catch (JsonProcessingException e) {
        long offset = e.getLocation() != null ? e.getLocation().getByteOffset()
            : parser.currentLocation().getByteOffset();
        throw new IllegalArgumentException("not valid JSON at byte offset " + offset + ": " + e.getOriginalMessage());
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getMessage());
    }
  }

  /**
   * Reads the request uid from a document that may be broken further on: {@code request.uid} of a review, or {@code
   * uid} at the top of a bare request, whichever comes first before the first syntax error.
   *
   * @param bytes the JSON
   * @return the uid, if one was read before the document broke
   */
  public Optional<String> salvageUid(byte[] bytes) {
    Deque<String> path = new ArrayDeque<>();
    try (JsonParser p = mapper.getFactory().createParser(bytes)) {
      String field = null;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        switch (t) {
          case FIELD_NAME -> field = p.currentName();
          case START_OBJECT, START_ARRAY -> {
            path.push(field == null ? "" : field);
            field = null;
          }
          case END_OBJECT, END_ARRAY -> path.pop();
          case VALUE_STRING -> {
            if ("uid".equals(field) && uidDepth(path)) {
              String uid = p.getText();
              return uid.isEmpty() || uid.length() > 128 ? Optional.empty() : Optional.of(uid);
            }
            field = null;
          }
          default -> field = null;
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static boolean uidDepth(Deque<String> path) {
    if (path.size() == 1) {
      return true; // a bare request: {"uid": ...}
    }
    return path.size() == 2 && "request".equals(path.peek());
  }
}
