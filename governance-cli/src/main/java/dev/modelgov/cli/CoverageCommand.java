package dev.modelgov.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.manifest.coverage.ComplianceCoverage;
import dev.modelgov.core.manifest.coverage.CoverageItem;
import dev.modelgov.core.manifest.coverage.CoverageReport;
import dev.modelgov.core.manifest.coverage.RegulatoryFramework;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code governance manifest coverage FILE}: which items of EU AI Act Annex IV and the NIST AI RMF a manifest gives
 * evidence for, and what is missing. A report, so it exits 0 whatever the coverage. For internal use only; may change
 * without notice.
 */
@Command(
    name = "coverage",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Reports which EU AI Act Annex IV and NIST AI RMF items the manifest gives evidence for, and what is missing.",
      "A checklist to help documentation, not a legal assessment."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Report printed, whatever the coverage.",
      "1:The manifest is invalid.",
      "2:Usage error or unreadable file."
    })
final class CoverageCommand extends SingleManifestCommand {


  /** Picocli creates the command. */
  CoverageCommand() {}

  @Override
  int run(ModelManifest manifest) {
    CoverageReport report = ComplianceCoverage.assess(manifest);
    if (json()) {
      JsonOutput.print(out(), toJson(manifest, report));
    } else {
      printTable(out(), manifest, report);
    }
    return ExitCodes.OK;
  }

  private ObjectNode toJson(ModelManifest manifest, CoverageReport report) {
    ObjectNode node = JsonOutput.object();
    node.put("file", file.toString());
    node.put("id", manifest.id().toString());
    node.put("version", manifest.version());
    ObjectNode summary = node.putObject("summary");
    summary.put("evidenced", report.evidenced());
    summary.put("partial", report.partial());
    summary.put("missing", report.missing());
    summary.put("total", report.items().size());
    ArrayNode items = node.putArray("items");
    for (CoverageItem item : report.items()) {
      ObjectNode entry = items.addObject();
      entry.put("framework", item.framework().name());
      entry.put("frameworkName", item.framework().displayName());
      entry.put("itemId", item.itemId());
      entry.put("title", item.title());
      entry.put("status", item.status().name());
      entry.set("evidence", JsonOutput.strings(item.evidence()));
      entry.set("missing", JsonOutput.strings(item.missing()));
    }
    return node;
  }

  /**
   * Prints the report as one table per framework, with the evidence and the missing fields under each item.
   *
   * <pre>
   * EU AI Act Annex IV
   *   ITEM   STATUS     TITLE
   *   1(a)   EVIDENCED  General description: intended purpose
   *                     evidence: intendedUse.purpose
   * </pre>
   */
  private void printTable(PrintWriter out, ModelManifest manifest, CoverageReport report) {
    out.println(file + ": " + manifest.coordinates());
    int idWidth = "ITEM".length();
    for (CoverageItem item : report.items()) {
      idWidth = Math.max(idWidth, item.itemId().length());
    }
    int statusWidth = "EVIDENCED".length();
    String indent = " ".repeat(2 + idWidth + 2 + statusWidth + 2);
    for (RegulatoryFramework framework : RegulatoryFramework.values()) {
      List<CoverageItem> items = report.items(framework);
      if (items.isEmpty()) {
        continue;
      }
      out.println();
      out.println(framework.displayName());
      out.println(row(idWidth, statusWidth, "ITEM", "STATUS", "TITLE"));
      for (CoverageItem item : items) {
        out.println(row(idWidth, statusWidth, item.itemId(), item.status().name(), item.title()));
        if (!item.evidence().isEmpty()) {
          out.println(indent + "evidence: " + String.join(", ", item.evidence()));
        }
        if (!item.missing().isEmpty()) {
          out.println(indent + "missing: " + String.join(", ", item.missing()));
        }
      }
    }
    out.println();
    out.println(report.evidenced() + " evidenced, " + report.partial() + " partial, " + report.missing()
        + " missing, of " + report.items().size() + " items");
  }

  private static String row(int idWidth, int statusWidth, String id, String status, String title) {
    return "  " + pad(id, idWidth) + "  " + pad(status, statusWidth) + "  " + title;
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
