package dev.modelgov.testkit.junit;

import dev.modelgov.api.audit.AuditLog;
import dev.modelgov.core.Governance;
import dev.modelgov.core.audit.DurableAuditLog;
import dev.modelgov.core.provenance.KeyRing;
import dev.modelgov.testkit.doubles.InMemoryAuditLog;
import dev.modelgov.testkit.doubles.RecordingDecisionListener;
import dev.modelgov.testkit.doubles.TestClock;
import dev.modelgov.testkit.doubles.TestKeyRing;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit Jupiter extension behind {@link GovernanceTest}: builds, for each test, a {@link Governance} from test
 * doubles and injects it and the same doubles as parameters, so that what the test does through the facade can be
 * checked on the doubles.
 *
 * <p>Per test it creates a {@link TestClock} at {@link TestClock#DEFAULT_INSTANT}, a {@link TestKeyRing} with keys
 * {@value KeyRing#RELEASE} and {@value KeyRing#AUDIT}, an audit log (an {@link InMemoryAuditLog}, or with {@link
 * GovernanceTest#durableAudit()} a {@link DurableAuditLog} in a new temporary directory; either has origin {@value
 * #AUDIT_ORIGIN} and checkpoints signed by the ring's {@value KeyRing#AUDIT} key), a {@link RecordingDecisionListener}
 * and a {@code SimpleMeterRegistry}, and builds
 * <pre>{@code
 * Governance.builder().clock(clock).keyRing(keys).auditLog(log).meterRegistry(registry)
 *     .decisionListener(recorder).environment(environment).build();
 * }</pre>
 * All are created on the first parameter that asks for one and closed after the test (after {@code @AfterEach}); a
 * temporary audit directory is deleted.
 *
 * <p>Injectable parameter types (exactly these types): {@link Governance}, {@link AuditLog}, {@link InMemoryAuditLog},
 * {@link DurableAuditLog} (only with {@code durableAudit = true}), {@link KeyRing}, {@link TestKeyRing}, {@link
 * TestClock}, {@link RecordingDecisionListener} and {@link MeterRegistry}, in test methods, {@code @BeforeEach} and
 * {@code @AfterEach} methods and constructors of classes with the default per-method lifecycle. Asking for another
 * type of the {@code dev.modelgov.core} or {@code dev.modelgov.testkit.doubles} packages, or asking in a
 * {@code @BeforeAll} method, fails with a {@link ParameterResolutionException} that says what can be injected.
 *
 * <pre>{@code
 * @ExtendWith(GovernanceExtension.class)   // or simply @GovernanceTest
 * class AuditTrailTest {
 *   @Test
 *   void records_decisions(Governance governance, InMemoryAuditLog audit) { ... }
 * }
 * }</pre>
 */
@SuppressWarnings("exports") // JUnit is optional (requires static): only tests that use this extension need it.
public final class GovernanceExtension implements ParameterResolver {

  /** The origin of the per-test audit log. */
  public static final String AUDIT_ORIGIN = InMemoryAuditLog.DEFAULT_ORIGIN;

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(GovernanceExtension.class);
  private static final String FIXTURE = "fixture";
  private static final List<Class<?>> INJECTABLE =
      List.of(Governance.class, AuditLog.class, InMemoryAuditLog.class, DurableAuditLog.class, KeyRing.class,
          TestKeyRing.class, TestClock.class, RecordingDecisionListener.class, MeterRegistry.class);
  private static final String INJECTABLE_NAMES =
      "Governance, AuditLog, InMemoryAuditLog, DurableAuditLog (with durableAudit = true), KeyRing, TestKeyRing, "
          + "TestClock, RecordingDecisionListener and MeterRegistry";

  /** Creates the extension; JUnit does this for {@link GovernanceTest} and {@code @ExtendWith}. */
  public GovernanceExtension() {}

  /**
   * Constructor parameters are resolved in the test method's context, so that a constructor gets the same per-test
   * instances as the test method.
   *
   * @param context the class's extension context
   * @return {@link ExtensionContextScope#TEST_METHOD}
   */
  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext context) {
    return ExtensionContextScope.TEST_METHOD;
  }

  /**
   * Claims the injectable types, and other types of {@code dev.modelgov.core} and {@code
   * dev.modelgov.testkit.doubles} so that asking for one fails with a message saying what can be injected.
   *
   * @param parameter the parameter
   * @param context the extension context
   * @return whether this extension resolves (or explains) the parameter
   */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (INJECTABLE.contains(type)) {
      return true;
    }
    String pkg = type.getPackageName();
    return pkg.equals("dev.modelgov.core") || pkg.equals("dev.modelgov.testkit.doubles");
  }

  /**
   * Returns this test's instance of the parameter's type, creating the test's fixture on first use.
   *
   * @param parameter the parameter
   * @param context the extension context
   * @return the instance
   * @throws ParameterResolutionException naming the parameter when its type cannot be injected, when the log it asks
   *     for is not the kind configured, outside a test, or when the fixture cannot be created
   */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    String where = describe(parameter);
    if (!INJECTABLE.contains(type)) {
      throw new ParameterResolutionException("@GovernanceTest cannot inject " + where + ": it injects "
          + INJECTABLE_NAMES + hint(type));
    }
    if (context.getTestMethod().isEmpty()) {
      throw new ParameterResolutionException("@GovernanceTest cannot inject " + where + " outside a test: its "
          + "instances are per test, so inject them into test methods, @BeforeEach or @AfterEach methods, or the "
          + "constructor of a class with the per-method lifecycle, not into @BeforeAll methods");
    }
    GovernanceTest settings = settings(context);
    Fixture fixture = context.getStore(NAMESPACE).computeIfAbsent(FIXTURE, k -> open(settings, where), Fixture.class);
    if (type == InMemoryAuditLog.class && fixture.durableLog() != null) {
      throw new ParameterResolutionException("@GovernanceTest cannot inject " + where + ": this test has "
          + "durableAudit = true, so its log is a DurableAuditLog; inject DurableAuditLog or AuditLog");
    }
    if (type == DurableAuditLog.class && fixture.durableLog() == null) {
      throw new ParameterResolutionException("@GovernanceTest cannot inject " + where + ": this test's log is an "
          + "InMemoryAuditLog; set @GovernanceTest(durableAudit = true) for a DurableAuditLog, or inject "
          + "InMemoryAuditLog or AuditLog");
    }
    return fixture.instanceOf(type);
  }

  private static Fixture open(GovernanceTest settings, String where) {
    try {
      return Fixture.open(settings.environment(), settings.durableAudit());
    } catch (IOException | RuntimeException e) {
      throw new ParameterResolutionException("@GovernanceTest could not set up the Governance for " + where + ": "
          + e.getMessage(), e);
    }
  }

  /** The nearest {@link GovernanceTest}: on the method, else its class, else an enclosing class; else the defaults. */
  private static GovernanceTest settings(ExtensionContext context) {
    for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
      Optional<AnnotatedElement> element = c.get().getElement();
      if (element.isPresent()) {
        Optional<GovernanceTest> found = AnnotationSupport.findAnnotation(element.get(), GovernanceTest.class);
        if (found.isPresent()) {
          return found.get();
        }
      }
    }
    return Defaults.class.getAnnotation(GovernanceTest.class);
  }

  private static String describe(ParameterContext parameter) {
    String executable = parameter.getDeclaringExecutable() instanceof Constructor<?> ctor
        ? "constructor of " + ctor.getDeclaringClass().getSimpleName()
        : "method " + parameter.getDeclaringExecutable().getName() + "()";
    return "parameter " + parameter.getIndex() + " (" + parameter.getParameter().getType().getSimpleName() + ") of "
        + executable;
  }

  private static String hint(Class<?> type) {
    return switch (type.getSimpleName()) {
      case "ModelGate" -> "; open one in the test with governance.gate(manifest)...open()";
      case "TestMeters" -> "; bind one in the test with TestMeters.bind(governance.metrics(manifest).build())";
      default -> "";
    };
  }

  /** Carries the annotation's defaults for tests that use {@code @ExtendWith(GovernanceExtension.class)} alone. */
  @GovernanceTest
  private static final class Defaults {}
}
