package dev.modelgov.cel.internal;

import dev.cel.common.CelOptions;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelOptionalLibrary;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.Set;

/**
 * One CEL compiler and runtime, built once and shared: the standard library and macros, {@code matches}, the optional
 * syntax, heterogeneous numeric comparisons and an iteration cap; the variables {@code manifest}, {@code context},
 * {@code params}, {@code variables} ({@code map(string, dyn)}) and {@code now} ({@code timestamp}). Immutable and
 * thread-safe. For internal use only; may change without notice.
 */
final class CelEnvironment {

  static final String MANIFEST = "manifest";
  static final String CONTEXT = "context";
  static final String PARAMS = "params";
  static final String VARIABLES = "variables";
  static final String NOW = "now";
  static final String OBJECT = "object";
  static final String OLD_OBJECT = "oldObject";
  static final String REQUEST = "request";
  static final String NAMESPACE_OBJECT = "namespaceObject";

  /** The activation's top-level names. */
  static final Set<String> ROOTS =
      Set.of(MANIFEST, CONTEXT, PARAMS, VARIABLES, NOW, OBJECT, OLD_OBJECT, REQUEST, NAMESPACE_OBJECT);

  private final int comprehensionMaxIterations;
  private final CelCompiler compiler;
  private final CelRuntime runtime;

  CelEnvironment(int comprehensionMaxIterations) {
    this.comprehensionMaxIterations = comprehensionMaxIterations;
    CelOptions options =
        CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .comprehensionMaxIterations(comprehensionMaxIterations)
            .enableOptionalSyntax(true)
            .build();
    MapType json = MapType.create(SimpleType.STRING, SimpleType.DYN);
    this.compiler =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(options)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(CelOptionalLibrary.INSTANCE, CelExtensions.strings())
            .addVar(MANIFEST, json)
            .addVar(CONTEXT, json)
            .addVar(PARAMS, json)
            .addVar(VARIABLES, json)
            .addVar(NOW, SimpleType.TIMESTAMP)
            // The Kubernetes admission request (ValidatingAdmissionPolicy names), bound only at admission.
            .addVar(OBJECT, json)
            .addVar(OLD_OBJECT, json)
            .addVar(REQUEST, json)
            .addVar(NAMESPACE_OBJECT, json)
            .build();
    // The legacy interpreter: measured fastest on map input (research note policy.md section 1.3).
    this.runtime =
        CelRuntimeFactory.legacyCelRuntimeBuilder()
            .setOptions(options)
            .addLibraries(CelOptionalLibrary.INSTANCE, CelExtensions.strings())
            .build();
  }

  int comprehensionMaxIterations() {
    return comprehensionMaxIterations;
  }

  CelCompiler compiler() {
    return compiler;
  }

  CelRuntime runtime() {
    return runtime;
  }
}
