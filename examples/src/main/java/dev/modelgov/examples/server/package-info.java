/**
 * The example serving app: a logistic-regression credit-scoring model served over HTTP on the JDK's {@code
 * HttpServer}, with ModelGov embedded (verification at startup, per-request metrics, drift, fairness and audit, a
 * Prometheus endpoint, a runtime policy re-check and audit proofs), the files it ships, and a load generator that
 * sends a realistic stream with drift. {@code governance demo} runs it in-process; {@link
 * dev.modelgov.examples.server.ExampleApp} runs it standalone.
 */
package dev.modelgov.examples.server;
