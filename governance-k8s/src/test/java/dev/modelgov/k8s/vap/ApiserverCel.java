package dev.modelgov.k8s.vap;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelOptionalLibrary;
import dev.cel.parser.CelStandardMacro;

/**
 * A cel-java compiler declaring exactly the variables the Kubernetes apiserver binds in a ValidatingAdmissionPolicy
 * ({@code object}, {@code oldObject}, {@code request}, {@code params}, {@code namespaceObject}, {@code variables},
 * {@code authorizer}, all {@code dyn}), with the optional syntax and the strings extension that Kubernetes enables.
 * An expression that reads {@code manifest}, {@code context} or {@code now} does not compile here.
 */
final class ApiserverCel {

  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setOptions(CelOptions.current().enableOptionalSyntax(true).build())
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addLibraries(CelOptionalLibrary.INSTANCE, CelExtensions.strings())
          .addVar("object", SimpleType.DYN)
          .addVar("oldObject", SimpleType.DYN)
          .addVar("request", SimpleType.DYN)
          .addVar("params", SimpleType.DYN)
          .addVar("namespaceObject", SimpleType.DYN)
          .addVar("variables", SimpleType.DYN)
          .addVar("authorizer", SimpleType.DYN)
          .build();

  private ApiserverCel() {}

  /** Compiles or throws with the compiler's message. */
  static CelAbstractSyntaxTree compile(String expression) throws CelValidationException {
    return COMPILER.compile(expression).getAst();
  }
}
