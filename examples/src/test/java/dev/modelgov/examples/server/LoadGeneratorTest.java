package dev.modelgov.examples.server;

import static dev.modelgov.testkit.GovernanceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.core.metrics.DriftBaseline;
import dev.modelgov.core.metrics.DriftMethod;
import dev.modelgov.core.metrics.ModelMetrics;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

  private static DriftBaseline shippedBaseline() throws Exception {
    return DriftBaseline.readJson(ExampleFiles.read(ExampleFiles.DRIFT_BASELINE));
  }

  private static CreditScoringModel shippedModel() throws Exception {
    return CreditScoringModel.parse(ExampleFiles.read("model/credit-scoring/model.json"));
  }

  /** Metrics with the example's config, fed directly, computing each window on the feeding thread. */
  private static ModelMetrics metricsOver(List<Applicant> applicants) throws Exception {
    ModelMetrics metrics = ModelMetrics.builder("credit-scoring", "test").config(ExampleSetup.metricsConfig())
        .drift(shippedBaseline()).driftExecutor(Runnable::run).build();
    applicants.forEach(a -> metrics.observe(a.features()));
    return metrics;
  }

  @Test
  void the_same_seed_gives_the_same_applicants_and_another_seed_others() {
    // GIVEN two draws with seed 7 and one with seed 8
    List<Applicant> a = LoadGenerator.applicants(7, 50, -1);
    List<Applicant> b = LoadGenerator.applicants(7, 50, -1);
    List<Applicant> c = LoadGenerator.applicants(8, 50, -1);
    // THEN the same seed repeats, another differs, and ids are unique A-nnnnnn
    assertThat(a).isEqualTo(b);
    assertThat(c).isNotEqualTo(a);
    assertThat(a).extracting(Applicant::id).doesNotHaveDuplicates().allMatch(id -> id.matches("A-\\d{6}"));
  }

  @Test
  void drift_shifts_the_same_applicants_from_the_given_index() {
    // GIVEN the same seed without and with drift from index 10
    List<Applicant> plain = LoadGenerator.applicants(3, 20, -1);
    List<Applicant> drifted = LoadGenerator.applicants(3, 20, 10);
    // THEN the first ten are identical, and later ones earn less and owe more
    assertThat(drifted.subList(0, 10)).isEqualTo(plain.subList(0, 10));
    for (int i = 10; i < 20; i++) {
      assertThat(drifted.get(i).income()).isLessThan(plain.get(i).income());
      assertThat(drifted.get(i).debtRatio()).isGreaterThanOrEqualTo(plain.get(i).debtRatio());
      assertThat(drifted.get(i).sex()).isEqualTo(plain.get(i).sex());
    }
  }

  @Test
  void a_window_of_undrifted_applicants_matches_the_baseline() throws Exception {
    // GIVEN one window of undrifted applicants from the default seed
    List<Applicant> window = LoadGenerator.applicants(42, ExampleSetup.DRIFT_WINDOW_SAMPLES, -1);
    // WHEN the example's drift monitor sees them
    ModelMetrics metrics = metricsOver(window);
    // THEN no feature drifts
    assertThat(metrics).hasNoDriftDetected();
    assertThat(metrics).hasDriftBelow("income", 0.1).hasDriftBelow("debt_ratio", 0.1);
  }

  @Test
  void a_window_of_drifted_applicants_has_severe_psi_on_income_and_debt_ratio() throws Exception {
    // GIVEN one window of drifted applicants
    List<Applicant> window = LoadGenerator.applicants(42, ExampleSetup.DRIFT_WINDOW_SAMPLES, 0);
    // WHEN the example's drift monitor sees them
    ModelMetrics metrics = metricsOver(window);
    // THEN PSI exceeds the severe threshold 0.25 on both shifted features, and drift is flagged on them
    assertThat(metrics).hasDriftAbove("income", 0.25).hasDriftAbove("debt_ratio", 0.25)
        .hasDriftDetectedIn("income").hasDriftDetectedIn("debt_ratio");
    double psi = metrics.driftMonitor().orElseThrow().lastReport().orElseThrow()
        .result("income", DriftMethod.PSI).orElseThrow().statistic();
    assertThat(psi).isGreaterThan(0.25);
  }

  @Test
  void approvals_differ_by_sex_enough_to_fail_the_four_fifths_screen() throws Exception {
    // GIVEN 2,000 undrifted applicants scored by the shipped model
    CreditScoringModel model = shippedModel();
    List<Applicant> applicants = LoadGenerator.applicants(42, 2_000, -1);
    int[] requests = new int[2];
    int[] approvals = new int[2];
    for (Applicant a : applicants) {
      int g = a.sex().equals("m") ? 1 : 0;
      requests[g]++;
      approvals[g] += model.score(a.features()).approved() ? 1 : 0;
    }
    // WHEN the selection rates are compared
    double female = (double) approvals[0] / requests[0];
    double male = (double) approvals[1] / requests[1];
    // THEN both groups are well represented, most men are approved, and the ratio is under 0.8
    assertThat(requests[0]).isBetween(900, 1_100);
    assertThat(male).isBetween(0.5, 0.9);
    assertThat(female / male).isLessThan(0.8);
  }

  @Test
  void build_names_the_bad_setting() {
    // GIVEN builders with one bad setting each, THEN build() names it
    URI target = URI.create("http://127.0.0.1:1/");
    assertThatThrownBy(() -> LoadGenerator.builder().build()).hasMessageContaining("target");
    assertThatThrownBy(() -> LoadGenerator.builder().target(URI.create("ftp://x/")).build())
        .hasMessageContaining("target");
    assertThatThrownBy(() -> LoadGenerator.builder().target(target).requests(0).build())
        .hasMessageContaining("requests");
    assertThatThrownBy(() -> LoadGenerator.builder().target(target).requests(10).driftFrom(11).build())
        .hasMessageContaining("driftFrom");
    assertThatThrownBy(() -> LoadGenerator.builder().target(target).driftFrom(-2).build())
        .hasMessageContaining("driftFrom");
    assertThatThrownBy(() -> LoadGenerator.builder().target(target).concurrency(0).build())
        .hasMessageContaining("concurrency");
    assertThat(LoadGenerator.builder().target(target).requests(10).driftFrom(10).build().toString())
        .contains("requests=10");
  }

  @Test
  void run_fails_when_no_request_reaches_the_server() throws Exception {
    // GIVEN a port nobody listens on
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    LoadGenerator generator =
        LoadGenerator.builder().target(URI.create("http://127.0.0.1:" + port + "/")).requests(3).build();
    // WHEN it runs THEN it says no request got through
    assertThatThrownBy(generator::run).isInstanceOf(IOException.class).hasMessageContaining("no request reached");
  }

  @Test
  void the_request_body_carries_the_applicant_and_its_features() {
    // GIVEN an applicant
    Applicant a = new Applicant("A-000007", "f", 41_200, 0.287, 36, 9, "salaried");
    // WHEN its body is written
    String body = new String(LoadGenerator.body(a), java.nio.charset.StandardCharsets.UTF_8);
    // THEN it is the /predict shape
    assertThat(body).isEqualTo("{\"applicantId\":\"A-000007\",\"sex\":\"f\",\"features\":{\"income\":41200,"
        + "\"debt_ratio\":0.287,\"age\":36,\"credit_history_years\":9,\"employment\":\"salaried\"}}");
  }
}
