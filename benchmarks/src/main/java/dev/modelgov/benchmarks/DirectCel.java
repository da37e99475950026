package dev.modelgov.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.NamedExpression;
import dev.modelgov.api.policy.Outcome;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.api.policy.Rule;
import dev.modelgov.api.policy.RuleCheck;
import dev.modelgov.core.manifest.ManifestCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline of {@link PolicyBenchmark}: a CEL policy's variables and rule expressions compiled and evaluated with
 * cel-java alone, the way an application would without ModelGov. Inputs are converted once, up front; each
 * evaluation computes the variables in order and then every rule, and returns the raw results.
 */
final class DirectCel {

  private final List<String> variableNames = new ArrayList<>();
  private final List<CelRuntime.Program> variables = new ArrayList<>();
  private final List<CelRuntime.Program> rules = new ArrayList<>();
  private final List<String> ruleIds = new ArrayList<>();
  private final Map<String, Object> activation;

  private DirectCel(Map<String, Object> activation) {
    this.activation = activation;
  }

  /**
   * Compiles the policy's CEL parts with the same options the governance-cel backend uses and prepares the inputs.
   *
   * <p>Only the rules in {@code applicable} are evaluated, and only the variables they read (directly or through other
   * variables), so the baseline does no work the engine skips for rules that do not apply at the point.
   *
   * @param policy a policy whose rules are all CEL
   * @param applicable the ids of the rules to evaluate
   * @param manifest the manifest
   * @param context the context (only the fields the built-in pack reads are converted)
   * @return the baseline
   * @throws Exception if an expression does not compile
   */
  static DirectCel of(Policy policy, java.util.Set<String> applicable, ModelManifest manifest, EvaluationContext context)
      throws Exception {
    CelOptions options = CelOptions.current()
        .enableHeterogeneousNumericComparisons(true)
        .comprehensionMaxIterations(10_000)
        .enableOptionalSyntax(true)
        .build();
    MapType json = MapType.create(SimpleType.STRING, SimpleType.DYN);
    CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
        .setOptions(options)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addLibraries(CelOptionalLibrary.INSTANCE, CelExtensions.strings())
        .addVar("manifest", json)
        .addVar("context", json)
        .addVar("params", json)
        .addVar("variables", json)
        .addVar("now", SimpleType.TIMESTAMP)
        .build();
    CelRuntime runtime = CelRuntimeFactory.legacyCelRuntimeBuilder()
        .setOptions(options)
        .addLibraries(CelOptionalLibrary.INSTANCE, CelExtensions.strings())
        .build();
    Map<String, Object> activation = new HashMap<>();
    activation.put("manifest", plain(ManifestCodec.defaults().toTree(manifest)));
    activation.put("context", contextMap(manifest, context));
    activation.put("params", new LinkedHashMap<>(policy.params()));
    activation.put("now", Instant.parse("2026-11-28T00:00:00Z"));
    DirectCel d = new DirectCel(activation);
    java.util.Set<String> needed = new java.util.HashSet<>();
    for (Rule r : policy.rules()) {
      if (applicable.contains(r.id())) {
        needed.addAll(variablesIn(((RuleCheck.Cel) r.check()).expression()));
      }
    }
    List<NamedExpression> vars = policy.variables();
    for (int i = vars.size() - 1; i >= 0; i--) {
      if (needed.contains(vars.get(i).name())) {
        needed.addAll(variablesIn(vars.get(i).expression()));
      }
    }
    for (NamedExpression v : vars) {
      if (needed.contains(v.name())) {
        d.variableNames.add(v.name());
        d.variables.add(runtime.createProgram(compiler.compile(v.expression()).getAst()));
      }
    }
    for (Rule r : policy.rules()) {
      if (!applicable.contains(r.id())) {
        continue;
      }
      RuleCheck.Cel cel = (RuleCheck.Cel) r.check();
      d.ruleIds.add(r.id());
      d.rules.add(runtime.createProgram(compiler.compile(cel.expression()).getAst()));
    }
    return d;
  }

  /**
   * Evaluates the variables, then every rule.
   *
   * @return each rule's result ({@code Boolean}), in rule order
   */
  Object[] evaluate() {
    try {
      Map<String, Object> vars = new HashMap<>();
      Map<String, Object> act = new HashMap<>(activation);
      act.put("variables", vars);
      for (int i = 0; i < variables.size(); i++) {
        vars.put(variableNames.get(i), variables.get(i).eval(act));
      }
      Object[] out = new Object[rules.size()];
      for (int i = 0; i < rules.size(); i++) {
        out[i] = rules.get(i).eval(act);
      }
      return out;
    } catch (dev.cel.runtime.CelEvaluationException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Fails unless the baseline and the engine agree on every rule that applied.
   *
   * @param decision the engine's decision on the same input
   */
  void check(Decision decision) {
    Object[] raw = evaluate();
    for (int i = 0; i < raw.length; i++) {
      Outcome o = decision.result(ruleIds.get(i)).orElseThrow().outcome();
      if (o == Outcome.PASS && !Boolean.TRUE.equals(raw[i]) || o == Outcome.FAIL && !Boolean.FALSE.equals(raw[i])) {
        throw new IllegalStateException("baseline and engine disagree on " + ruleIds.get(i));
      }
    }
  }

  private static java.util.Set<String> variablesIn(String expression) {
    java.util.Set<String> names = new java.util.HashSet<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("variables\\.(\\w+)").matcher(expression);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static Map<String, Object> contextMap(ModelManifest manifest, EvaluationContext c) {
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("present", c.provenance().present());
    provenance.put("verified", c.provenance().verified());
    c.provenance().signedManifestDigest().ifPresent(d -> provenance.put("signedManifestDigest", d.toString()));
    c.provenance().keyId().ifPresent(k -> provenance.put("keyId", k));
    Map<String, Object> signals = new LinkedHashMap<>();
    signals.put("requests", c.signals().requests());
    signals.put("drift", List.of());
    signals.put("fairness", List.of());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("point", c.point().wireName());
    c.previousStage().ifPresent(s -> m.put("previousStage", s.name()));
    m.put("manifestDigest", ManifestCodec.defaults().digest(manifest).toString());
    m.put("provenance", provenance);
    m.put("deployedImages", c.deployedImages());
    m.put("signals", signals);
    return m;
  }

  /** A JSON tree as CEL-ready Java values: integers as Long, decimals as Double. */
  private static Object plain(JsonNode n) {
    if (n.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        if (!e.getValue().isNull()) {
          m.put(e.getKey(), plain(e.getValue()));
        }
      }
      return m;
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>();
      n.forEach(x -> l.add(plain(x)));
      return l;
    }
    if (n.isIntegralNumber()) {
      return n.asLong();
    }
    if (n.isNumber()) {
      return n.asDouble();
    }
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    return n.asText();
  }
}
