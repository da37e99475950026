package dev.modelgov.testkit.generators;

import java.util.List;

/**
 * A problem domain that generated manifests are about, so that names, purposes, inputs and regulations fit together.
 *
 * @param namespace the model id namespace
 * @param names model names
 * @param task the ML task
 * @param purpose the intended purpose
 * @param users who uses the output
 * @param outOfScopeUses uses the model is not meant for
 * @param domains application domains
 * @param inputs input fields as {@code name:type[:unit]}
 * @param outputs output fields as {@code name:type}
 * @param regulations regulatory context of a high-risk model in this domain
 * @param personalCategories personal-data categories, empty when the domain holds none
 * @param dataset the base name of the training set
 * @param fairnessAttributes protected attributes fairness is measured on
 * @param limitations known limitations
 * @param org the organisation's mail domain
 */
record Theme(
    String namespace,
    List<String> names,
    String task,
    String purpose,
    List<String> users,
    List<String> outOfScopeUses,
    List<String> domains,
    List<String> inputs,
    List<String> outputs,
    List<String> regulations,
    List<String> personalCategories,
    String dataset,
    List<String> fairnessAttributes,
    List<String> limitations,
    String org) {

  static final List<Theme> ALL =
      List.of(
          new Theme(
              "risk",
              List.of("credit-scoring", "affordability", "limit-advisor"),
              "binary-classification",
              "Pre-screen consumer credit applications; a credit officer decides.",
              List.of("credit officers", "underwriters"),
              List.of("employment decisions", "insurance pricing", "business loans"),
              List.of("consumer-credit"),
              List.of("income:number:EUR/year", "debt_ratio:number", "employment_years:number", "region:category"),
              List.of("score:number", "decision:category"),
              List.of("EU-AI-Act Annex III 5(b)", "GDPR", "CCD2"),
              List.of("financial", "demographic"),
              "applications",
              List.of("sex", "age_band", "nationality"),
              List.of("Not validated for business loans", "Trained on EU applications only",
                  "Scores drift when interest rates move quickly"),
              "bank.example"),
          new Theme(
              "payments",
              List.of("card-fraud", "account-takeover", "mule-detector"),
              "anomaly-detection",
              "Flag card transactions for manual fraud review before settlement.",
              List.of("fraud analysts"),
              List.of("blocking customers without review", "credit decisions"),
              List.of("payments", "fraud"),
              List.of("amount:number:EUR", "merchant_category:category", "hour_of_day:number", "device_age_days:number"),
              List.of("fraud_score:number", "action:category"),
              List.of("PSD2", "GDPR"),
              List.of("financial", "location"),
              "transactions",
              List.of("age_band", "region"),
              List.of("Weak on first-time merchants", "Labels lag by up to 90 days (chargebacks)"),
              "pay.example"),
          new Theme(
              "hr",
              List.of("cv-screening", "attrition-risk", "skills-matcher"),
              "ranking",
              "Rank applications for a recruiter's first review; the recruiter shortlists.",
              List.of("recruiters"),
              List.of("automatic rejection", "promotion or dismissal decisions", "salary setting"),
              List.of("recruitment"),
              List.of("skills:text", "years_experience:number", "role_family:category"),
              List.of("rank_score:number"),
              List.of("EU-AI-Act Annex III 4(a)", "GDPR", "Equality Act 2010"),
              List.of("employment", "education"),
              "applications-hr",
              List.of("sex", "age_band", "disability"),
              List.of("English-language CVs only", "Not for roles with fewer than 50 past hires"),
              "people.example"),
          new Theme(
              "clinical",
              List.of("sepsis-alert", "readmission-risk", "triage-priority"),
              "binary-classification",
              "Alert ward staff to patients at risk of sepsis; a clinician assesses every alert.",
              List.of("nurses", "physicians"),
              List.of("diagnosis", "treatment decisions without a clinician", "paediatric patients"),
              List.of("hospital-care"),
              List.of("heart_rate:number:bpm", "lactate:number:mmol/L", "temperature:number:Cel", "age:number:years"),
              List.of("risk:number", "alert:category"),
              List.of("EU MDR Class IIa", "EU-AI-Act Annex I", "HIPAA", "GDPR Art. 9"),
              List.of("health"),
              "ehr-vitals",
              List.of("sex", "age_band", "ethnicity"),
              List.of("Validated on adult inpatients only", "Needs vitals at least every 4 hours"),
              "hospital.example"),
          new Theme(
              "support",
              List.of("ticket-router", "reply-suggester", "intent-classifier"),
              "text-classification",
              "Route customer support tickets to the right queue; agents can re-route.",
              List.of("support agents"),
              List.of("legal advice", "replying to customers without an agent"),
              List.of("customer-service"),
              List.of("ticket_text:text", "channel:category", "language:category"),
              List.of("queue:category", "confidence:number"),
              List.of("EU-AI-Act Art. 50", "GDPR"),
              List.of("contact"),
              "tickets",
              List.of("language"),
              List.of("Tickets under 10 words are often misrouted", "Trained on English and German only"),
              "shop.example"),
          new Theme(
              "supply",
              List.of("demand-forecast", "price-elasticity", "stock-planner"),
              "regression",
              "Forecast weekly demand per store and product to plan replenishment.",
              List.of("supply planners"),
              List.of("pricing individual customers", "financial reporting"),
              List.of("retail", "logistics"),
              List.of("store:category", "week:number", "promotion:category", "price:number:EUR"),
              List.of("units:number"),
              List.of("ISO/IEC 42001"),
              List.of(),
              "sales-history",
              List.of("region"),
              List.of("New products have no history for 8 weeks", "Holidays are modelled by country only"),
              "retail.example"));
}
