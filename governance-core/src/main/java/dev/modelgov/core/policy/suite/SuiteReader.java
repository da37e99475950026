package dev.modelgov.core.policy.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.policy.Effect;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.Outcome;
import dev.modelgov.api.policy.Rule;
import dev.modelgov.api.policy.Waiver;
import dev.modelgov.core.internal.json.StrictJson;
import dev.modelgov.core.policy.PolicyLimits;
import dev.modelgov.core.policy.WaiverFiles;
import dev.modelgov.core.policy.WaiverFormatException;
import dev.modelgov.core.policy.WaiverResolver;
import dev.modelgov.core.policy.suite.internal.ContextReader;
import dev.modelgov.core.policy.suite.internal.Documents;
import dev.modelgov.core.policy.suite.internal.Field;
import dev.modelgov.core.policy.suite.internal.JsonMergePatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads a {@link PolicySuite} document, resolving the files it names. */
final class SuiteReader {

  private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "policies", "waivers", "defaults",
      "cases");
  private static final Set<String> METADATA = Set.of("name", "description");
  private static final Set<String> DEFAULTS = Set.of("manifest", "point", "now", "environment", "context", "params",
      "waivers");
  private static final Set<String> CASE = Set.of("name", "description", "manifest", "patch", "point", "now",
      "environment", "context", "params", "waivers", "expect");
  private static final Set<String> EXPECT = Set.of("effect", "rules", "waiversApplied", "warning");
  private static final Set<String> RULE = Set.of("outcome", "message");
  private static final int MAX_RULE_EXPECTATIONS = 1_000;
  private static final int MAX_WAIVER_IDS = 1_000;
  /** Stands for the manifest digest while a context is checked before any manifest is read. */
  private static final Digest PLACEHOLDER = new Digest(Digest.SHA256, "0".repeat(64));
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final String source;
  private final PolicyLimits limits;
  private final StrictJson strict;
  private final Map<Path, JsonNode> manifests = new HashMap<>();
  private final Map<Path, List<Waiver>> waiverFiles = new HashMap<>();
  private final Map<List<Object>, WaiverResolver> resolvers = new HashMap<>();

  SuiteReader(Path file, PolicyLimits limits) {
    this.file = file;
    this.source = file.toString();
    this.limits = limits;
    this.strict = Documents.strict(limits.maxDocumentBytes());
  }

  PolicySuite read(JsonNode tree) throws PolicyDocumentException {
    Field root = Field.root(source, tree).object("a policy suite", TOP);
    require(root.get("apiVersion"), PolicySuite.API_VERSION);
    require(root.get("kind"), PolicySuite.KIND);
    Field metadata = root.get("metadata");
    if (metadata.isUnset()) {
      throw metadata.error("is required, with a name");
    }
    metadata.object("suite metadata", METADATA);
    String name = metadata.get("name").requiredText();
    metadata.get("description").text();

    List<String> policies = new ArrayList<>();
    Set<String> seenPolicies = new HashSet<>();
    Field policyList = root.get("policies");
    for (Field p : policyList.elements(PolicySuite.MAX_POLICIES)) {
      String ref = p.requiredText();
      if (!seenPolicies.add(ref)) {
        throw p.error("policy " + ref + " is listed twice");
      }
      policies.add(ref);
    }
    if (policies.isEmpty()) {
      throw policyList.error("must list at least one policy: builtin, builtin-cel or a policy file");
    }

    List<Object> suiteWaiverKey = new ArrayList<>();
    List<Waiver> suiteWaivers = new ArrayList<>();
    Field topWaivers = root.get("waivers");
    if (!topWaivers.isUnset()) {
      suiteWaivers.addAll(waivers(topWaivers, suiteWaiverKey, false));
    }

    Field defaults = root.get("defaults");
    if (!defaults.isUnset()) {
      defaults.object("suite defaults", DEFAULTS);
    }
    Field defaultContext = defaults.get("context");
    ContextReader.read(defaultContext, PLACEHOLDER);
    Field defaultParams = defaults.get("params");
    checkParams(defaultParams);
    Field defaultManifest = defaults.get("manifest");
    JsonNode defaultManifestTree = defaultManifest.isUnset() ? null : manifest(defaultManifest);
    Field defaultWaivers = defaults.get("waivers");
    List<Object> defaultWaiverKey = new ArrayList<>();
    List<Waiver> defaultWaiverList =
        defaultWaivers.isUnset() ? List.of() : waivers(defaultWaivers, defaultWaiverKey, false);
    ObjectNode base = JsonNodeFactory.instance.objectNode();
    overlay(base, defaultContext);
    shorthand(base, defaults);

    Field caseList = root.get("cases");
    List<SuiteCase> cases = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Field c : caseList.elements(PolicySuite.MAX_CASES)) {
      int index = cases.size();
      if (!c.node().isObject()) {
        throw c.error("expected a suite case (an object), got " + Field.kind(c.node()));
      }
      String caseName = c.get("name").requiredText();
      if (!names.add(caseName)) {
        throw c.get("name").error("case name \"" + caseName + "\" is used twice");
      }
      Field in = Field.at(source + ": case \"" + caseName + "\"", c.path(), c.node());
      in.object("a suite case", CASE);
      cases.add(readCase(index, caseName, in, base, defaultManifestTree, suiteWaivers, suiteWaiverKey,
          defaultWaiverList, defaultWaiverKey));
    }
    if (cases.isEmpty()) {
      throw caseList.error("must list at least one case");
    }
    return new PolicySuite(file, name, policies, cases);
  }

  private SuiteCase readCase(
      int index, String name, Field c, ObjectNode base, JsonNode defaultManifest, List<Waiver> suiteWaivers,
      List<Object> suiteKey, List<Waiver> defaultWaivers, List<Object> defaultKey) throws PolicyDocumentException {
    c.get("description").text();
    Field manifestField = c.get("manifest");
    JsonNode manifest = manifestField.isUnset() ? defaultManifest : manifest(manifestField);
    if (manifest == null) {
      throw manifestField.error("is required, in the case or in defaults.manifest");
    }
    Field patch = c.get("patch");
    if (!patch.isUnset()) {
      if (!patch.node().isObject()) {
        throw patch.error("expected a merge patch (an object), got " + Field.kind(patch.node()));
      }
      manifest = JsonMergePatch.apply(manifest, patch.node());
    }
    if (!manifest.isObject()) {
      throw manifestField.error("expected a manifest (an object)");
    }

    Field ownContext = c.get("context");
    ContextReader.read(ownContext, PLACEHOLDER);
    checkParams(c.get("params"));
    ObjectNode context = base.deepCopy();
    overlay(context, ownContext);
    shorthand(context, c);
    ContextReader.read(Field.at(c.source(), c.path() + ".context (merged with defaults)", context), PLACEHOLDER);

    List<Object> key = new ArrayList<>(suiteKey);
    List<Waiver> waivers = new ArrayList<>(suiteWaivers);
    Field own = c.get("waivers");
    if (own.isUnset()) {
      key.addAll(defaultKey);
      waivers.addAll(defaultWaivers);
    } else {
      waivers.addAll(waivers(own, key, true));
    }
    WaiverResolver resolver = resolvers.get(key);
    if (resolver == null) {
      try {
        resolver = WaiverResolver.builder().addAll(waivers).build();
      } catch (IllegalArgumentException e) {
        throw own.error(e.getMessage());
      }
      if (!key.contains(own.path())) {
        resolvers.put(key, resolver);
      }
    }
    return new SuiteCase(index, name, (ObjectNode) manifest, context, resolver, expectation(c.get("expect")));
  }

  private Expectation expectation(Field f) throws PolicyDocumentException {
    if (f.isUnset()) {
      throw f.error("is required: state the effect, rules, waiversApplied or warning the decision must show");
    }
    f.object("an expectation", EXPECT);
    Optional<Effect> effect = f.get("effect").enumValue(Effect.class, "effect");
    Map<String, RuleExpectation> rules = new LinkedHashMap<>();
    Field ruleMap = f.get("rules");
    if (!ruleMap.isUnset()) {
      if (!ruleMap.node().isObject()) {
        throw ruleMap.error("expected rule ids mapped to outcomes (an object), got " + Field.kind(ruleMap.node()));
      }
      if (ruleMap.node().size() > MAX_RULE_EXPECTATIONS) {
        throw ruleMap.error("names more than " + MAX_RULE_EXPECTATIONS + " rules");
      }
      for (Map.Entry<String, JsonNode> e : ruleMap.node().properties()) {
        Field r = ruleMap.get(e.getKey());
        if (!Rule.isValidId(e.getKey())) {
          throw r.error("is not a rule id");
        }
        rules.put(e.getKey(), ruleExpectation(r));
      }
    }
    Optional<Set<String>> waivers = Optional.empty();
    Field applied = f.get("waiversApplied");
    if (!applied.isUnset()) {
      Set<String> ids = new LinkedHashSet<>();
      for (Field id : applied.elements(MAX_WAIVER_IDS)) {
        ids.add(id.requiredText());
      }
      waivers = Optional.of(ids);
    }
    Optional<Pattern> warning = pattern(f.get("warning"));
    Expectation expectation = new Expectation(effect, rules, waivers, warning);
    if (expectation.isEmpty()) {
      throw f.error("states nothing: give effect, rules, waiversApplied or warning");
    }
    return expectation;
  }

  private static RuleExpectation ruleExpectation(Field r) throws PolicyDocumentException {
    if (r.node().isTextual()) {
      return new RuleExpectation(outcome(r), Optional.empty());
    }
    if (r.isUnset()) {
      throw r.error("expected an outcome (PASS, FAIL, ERROR, NOT_APPLICABLE, EXEMPTED) or {outcome, message}");
    }
    r.object("an outcome, or {outcome, message}", RULE);
    return new RuleExpectation(outcome(r.get("outcome")), pattern(r.get("message")));
  }

  private static Outcome outcome(Field f) throws PolicyDocumentException {
    return f.enumValue(Outcome.class, "outcome").orElseThrow(() -> f.error("is required"));
  }

  private static Optional<Pattern> pattern(Field f) throws PolicyDocumentException {
    Optional<String> text = f.text();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Pattern.compile(text.get()));
    } catch (PatternSyntaxException e) {
      throw f.error("is not a valid regular expression: " + e.getDescription());
    }
  }

  private static void require(Field f, String expected) throws PolicyDocumentException {
    String value = f.text().orElseThrow(() -> f.error("is required: " + expected));
    if (!value.equals(expected)) {
      throw f.error("must be " + expected);
    }
  }

  private static void checkParams(Field f) throws PolicyDocumentException {
    if (!f.isUnset() && !f.node().isObject()) {
      throw f.error("expected parameters (an object), got " + Field.kind(f.node()));
    }
  }

  /** Sets each member of a context object over the tree; {@code params} merge by name. */
  private static void overlay(ObjectNode target, Field context) {
    if (context.isUnset()) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : context.node().properties()) {
      if (e.getKey().equals("params") && e.getValue().isObject()) {
        mergeParams(target, e.getValue());
      } else {
        target.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  /** Puts the {@code point}, {@code now}, {@code environment} and {@code params} of defaults or a case on top. */
  private static void shorthand(ObjectNode target, Field f) throws PolicyDocumentException {
    if (f.isUnset()) {
      return;
    }
    Field point = f.get("point");
    point.enumValue(EnforcementPoint.class, "enforcement point");
    ContextReader.instant(f.get("now"));
    f.get("environment").text();
    for (String name : List.of("point", "now", "environment")) {
      JsonNode value = f.node().get(name);
      if (value != null) {
        target.set(name, value.deepCopy());
      }
    }
    JsonNode params = f.node().get("params");
    if (params != null && params.isObject()) {
      mergeParams(target, params);
    } else if (params != null && params.isNull()) {
      target.remove("params");
    }
  }

  private static void mergeParams(ObjectNode target, JsonNode params) {
    JsonNode current = target.get("params");
    ObjectNode merged = current != null && current.isObject()
        ? (ObjectNode) current : JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> p : params.properties()) {
      if (p.getValue().isNull()) {
        merged.remove(p.getKey());
      } else {
        merged.set(p.getKey(), p.getValue().deepCopy());
      }
    }
    target.set("params", merged);
  }

  private JsonNode manifest(Field f) throws PolicyDocumentException {
    if (f.node().isObject()) {
      return f.node().deepCopy();
    }
    String relative = f.requiredText();
    Path path = resolve(relative);
    JsonNode cached = manifests.get(path);
    if (cached == null) {
      try {
        cached = Documents.read(path, strict);
      } catch (IOException e) {
        throw f.error(relative + ": " + Documents.problem(e));
      } catch (PolicyDocumentException e) {
        throw f.error(relative + ": " + e.detail());
      }
      manifests.put(path, cached);
    }
    return cached;
  }

  /**
   * Reads a waiver file (a path) or an inline waiver list, and records in {@code key} what it came from.
   */
  private List<Waiver> waivers(Field f, List<Object> key, boolean inlineAllowed) throws PolicyDocumentException {
    if (f.node().isTextual()) {
      String relative = f.requiredText();
      Path path = resolve(relative);
      key.add(path);
      List<Waiver> cached = waiverFiles.get(path);
      if (cached == null) {
        try {
          cached = WaiverFiles.read(path, limits);
        } catch (IOException e) {
          throw f.error(relative + ": " + Documents.problem(e));
        } catch (WaiverFormatException e) {
          throw f.error(e.getMessage());
        }
        waiverFiles.put(path, cached);
      }
      return cached;
    }
    if (inlineAllowed && f.node().isArray()) {
      key.add(f.path());
      ObjectNode list = JsonNodeFactory.instance.objectNode();
      list.put("apiVersion", WaiverFiles.API_VERSION);
      list.put("kind", WaiverFiles.KIND);
      list.set("waivers", f.node().deepCopy());
      try {
        return WaiverFiles.parse(JSON.writeValueAsBytes(list), "inline.json", limits);
      } catch (WaiverFormatException e) {
        String inner = e.path().startsWith("waivers") ? e.path().substring("waivers".length()) : "." + e.path();
        throw new PolicyDocumentException(f.source(), f.path() + inner, e.detail());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw f.error("cannot be written as JSON (" + e.getClass().getSimpleName() + ")");
      }
    }
    throw f.error(inlineAllowed
        ? "expected a waiver file path or a list of waivers, got " + Field.kind(f.node())
        : "expected a waiver file path, got " + Field.kind(f.node()));
  }

  private Path resolve(String relative) {
    Path parent = file.toAbsolutePath().getParent();
    Path base = parent == null ? Path.of("") : parent;
    return base.resolve(relative).normalize();
  }
}
