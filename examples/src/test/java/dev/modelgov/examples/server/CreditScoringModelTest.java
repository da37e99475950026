package dev.modelgov.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreditScoringModelTest {

  /** Simple coefficients whose logits can be computed by hand. */
  private static final String SIMPLE = """
      {"format": "modelgov.example/logistic-regression/v1", "threshold": 0.5, "intercept": 0.5,
       "numeric": [{"name": "x", "mean": 10, "scale": 2, "weight": 1.5, "min": 0, "max": 100},
                   {"name": "y", "mean": 0, "scale": 1, "weight": -2}],
       "categorical": [{"name": "c", "weights": {"a": 0.25, "b": -1}}]}
      """;

  private static CreditScoringModel simple() throws Exception {
    return CreditScoringModel.parse(SIMPLE.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void scores_known_inputs_to_hand_computed_probabilities() throws Exception {
    // GIVEN a model with intercept 0.5, x standardised by (10, 2) with weight 1.5, y with weight -2, c=a +0.25, c=b -1
    CreditScoringModel model = simple();
    // WHEN two applicants are scored
    Score high = model.score(Map.of("x", 14, "y", 0.5, "c", "a"));
    Score low = model.score(Map.of("x", 10.0, "y", 1L, "c", "b"));
    // THEN logit 0.5 + 1.5 * 2 - 2 * 0.5 + 0.25 = 2.75 gives 1 / (1 + e^-2.75) = 0.93991335 (approved), and
    //      logit 0.5 + 0 - 2 - 1 = -2.5 gives 0.07585818 (declined)
    assertThat(high.probability()).isCloseTo(0.9399133498, within(1e-9));
    assertThat(high.approved()).isTrue();
    assertThat(low.probability()).isCloseTo(0.0758581800, within(1e-9));
    assertThat(low.approved()).isFalse();
  }

  @Test
  void the_shipped_model_scores_the_documented_applicant_by_its_published_coefficients() throws Exception {
    // GIVEN the shipped model and the applicant of the README's example request
    CreditScoringModel model = CreditScoringModel.parse(ExampleFiles.read("model/credit-scoring/model.json"));
    Map<String, Object> applicant = Map.of("income", 52_000, "debt_ratio", 0.31, "age", 41,
        "credit_history_years", 12, "employment", "salaried");
    // WHEN it is scored
    Score score = model.score(applicant);
    // THEN logit = 0.35 + 1.2 * 9000/20000 - 0.9 * (-0.02/0.12) + 0.1 * (-2/12) + 0.45 * 0 + 0.3 = 1.32333,
    //      p = 1 / (1 + e^-1.32333) = 0.78974
    assertThat(score.probability()).isCloseTo(0.7897357517, within(1e-9));
    assertThat(score.approved()).isTrue();
    assertThat(model.featureNames())
        .containsExactly("income", "debt_ratio", "age", "credit_history_years", "employment");
    assertThat(model.categories("employment")).containsExactly("salaried", "self_employed", "contractor", "unemployed");
  }

  @Test
  void the_decision_flips_exactly_at_the_threshold() throws Exception {
    // GIVEN the simple model and an applicant whose logit is exactly 0 (p = 0.5): 0.5 + 1.5 * z - 2 * y + 0.25 = 0
    //       with x = 10 (z = 0) and y = 0.375
    CreditScoringModel model = simple();
    // WHEN it is scored
    Score atThreshold = model.score(Map.of("x", 10, "y", 0.375, "c", "a"));
    // THEN p = 0.5 and the applicant is approved (p >= threshold)
    assertThat(atThreshold.probability()).isCloseTo(0.5, within(1e-12));
    assertThat(atThreshold.approved()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      missing numeric        | x  |           | feature 'x' is missing
      wrong type             | x  | "14"      | feature 'x' must be a number, got a String
      out of range           | x  | 101       | feature 'x' must be in [0, 100]
      non-finite             | x  | NaN       | feature 'x' must be a finite number
      unknown category       | c  | "zzz"     | feature 'c' must be one of [a, b]
      categorical not string | c  | 7         | feature 'c' must be a string, got a Integer
      unknown feature        | z  | 1         | unknown feature 'z'
      """)
  void rejects_a_bad_feature_naming_it(String title, String feature, String value, String message) throws Exception {
    // GIVEN a valid applicant with one feature changed
    Map<String, Object> features = new HashMap<>(Map.of("x", 14, "y", 0.5, "c", "a"));
    if (value == null) {
      features.remove(feature);
    } else if (value.startsWith("\"")) {
      features.put(feature, value.substring(1, value.length() - 1));
    } else if (value.equals("NaN")) {
      features.put(feature, Double.NaN);
    } else {
      features.put(feature, Integer.valueOf(value));
    }
    CreditScoringModel model = simple();
    // WHEN it is scored THEN the error names the feature
    assertThatThrownBy(() -> model.score(features))
        .isInstanceOf(InvalidFeatureException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((InvalidFeatureException) e).feature()).isEqualTo(feature));
  }

  @Test
  void an_unknown_category_is_not_echoed_back() throws Exception {
    // GIVEN a categorical value that could be anything a client sends
    Map<String, Object> features = new LinkedHashMap<>(Map.of("x", 14, "y", 0.5));
    features.put("c", "secret-value-123");
    // WHEN it is scored THEN the message lists the allowed categories, not the value
    assertThatThrownBy(() -> simple().score(features))
        .isInstanceOf(InvalidFeatureException.class)
        .hasMessageNotContaining("secret-value-123");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      duplicate key        | {"threshold": 0.5, "threshold": 0.6}                                   | byte offset
      trailing content     | {"threshold": 0.5} {}                                                   | byte offset
      not an object        | []                                                                      | the document: must be an object
      unknown field        | NUMERIC0 "wieght": 1}]}                                                 | numeric[0].wieght: unknown field
      missing intercept    | {"format": "modelgov.example/logistic-regression/v1", "threshold": 0.5} | intercept: is missing
      threshold as string  | {"format": "modelgov.example/logistic-regression/v1", "threshold": "0.5"} | threshold: must be a number
      threshold out of range | {"format": "modelgov.example/logistic-regression/v1", "threshold": 1.5} | threshold: must be between 0 and 1
      wrong format         | {"format": "onnx", "threshold": 0.5}                                    | format: must be
      zero scale           | NUMERIC0 "weight": 1, "scale": 0}]}                                     | numeric[0].scale: must be a positive number
      min above max        | NUMERIC0 "weight": 1, "min": 5, "max": 1}]}                             | numeric[0].min: must not be above max
      duplicate feature    | NUMERIC0 "weight": 1}, {"name": "x", "mean": 0, "scale": 1, "weight": 1}]} | numeric[1].name: feature 'x' is declared twice
      bad feature name     | NUMERIC0 "weight": 1}], "categorical": [{"name": "Bad Name", "weights": {"a": 1}}]} | categorical[0].name: must match
      empty weights        | NUMERIC0 "weight": 1}], "categorical": [{"name": "c", "weights": {}}]}  | categorical[0].weights: must hold 1 to
      weight as string     | NUMERIC0 "weight": 1}], "categorical": [{"name": "c", "weights": {"a": "1"}}]} | categorical[0].weights.a: must be a number
      no numeric features  | {"format": "modelgov.example/logistic-regression/v1", "threshold": 0.5, "intercept": 0, "numeric": []} | numeric: must hold 1 to
      """)
  void reads_model_json_strictly_naming_the_bad_field(String title, String json, String message) {
    // GIVEN a broken model.json (NUMERIC0 stands for a valid prefix up to the first numeric feature's fields)
    String document = json.replace("NUMERIC0", "{\"format\": \"modelgov.example/logistic-regression/v1\", "
            + "\"threshold\": 0.5, \"intercept\": 0, \"numeric\": [{\"name\": \"x\", \"mean\": 0, \"scale\": 1,")
        .replace("\"scale\": 1, \"weight\": 1, \"scale\": 0", "\"weight\": 1, \"scale\": 0");
    // WHEN it is read THEN the error names the field or the byte offset
    assertThatThrownBy(() -> CreditScoringModel.parse(document.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageStartingWith("model.json: ")
        .hasMessageContaining(message);
  }

  @Test
  void refuses_a_model_file_over_the_size_limit(@TempDir Path dir) throws Exception {
    // GIVEN a model.json of 64 KiB + 1 byte (valid JSON padded with spaces)
    byte[] padded = (SIMPLE + " ".repeat(CreditScoringModel.MAX_FILE_BYTES)).getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve(CreditScoringModel.FILE_NAME), padded);
    // WHEN it is loaded THEN the size limit is named
    assertThatThrownBy(() -> CreditScoringModel.load(dir))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("larger than the limit of " + CreditScoringModel.MAX_FILE_BYTES + " bytes");
  }

  @Test
  void loads_a_model_directory(@TempDir Path dir) throws Exception {
    // GIVEN a model directory with the simple coefficients
    Files.writeString(dir.resolve(CreditScoringModel.FILE_NAME), SIMPLE);
    // WHEN it is loaded
    CreditScoringModel model = CreditScoringModel.load(dir);
    // THEN it has the file's features and threshold
    assertThat(model.featureNames()).containsExactly("x", "y", "c");
    assertThat(model.numericFeatures()).containsExactly("x", "y");
    assertThat(model.threshold()).isEqualTo(0.5);
  }
}
