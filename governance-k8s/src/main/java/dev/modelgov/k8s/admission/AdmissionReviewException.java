package dev.modelgov.k8s.admission;

/**
 * An AdmissionReview that cannot be answered at all: too large, not JSON, or without a readable request uid. A
 * transport maps it to HTTP 400. (A review whose uid can be read is answered with {@code allowed: false} and code 400
 * instead.) The message names the problem and, for JSON errors, the byte offset; never the payload.
 *
 * <pre>{@code
 * try {
 *   body = handler.handle(requestBytes);
 * } catch (AdmissionReviewException e) {
 *   respond(400, e.getMessage());
 * }
 * }</pre>
 */
public final class AdmissionReviewException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong with the review
   */
  public AdmissionReviewException(String message) {
    super(message);
  }
}
