import AdvisorCore

extension CheckReport {
    /// Compiler-style text for a terminal or a CI log: each finding with its `-->` file:line:column,
    /// evidence and help (design §1), then the workload's changed plans and a summary line.
    public var text: String {
        var out: [String] = []
        for located in findings {
            var lines = FindingText.lines(located.finding)
            if let location = located.location { lines.insert("  --> \(location)", at: 1) }
            out += lines
            out.append("")
        }
        let changed = changedComparisons()
        if !comparisons.isEmpty {
            out.append(
                "workload: \(comparisons.count) \(comparisons.count == 1 ? "query" : "queries") planned before and "
                    + "after the migrations, \(changed.count) changed")
            for comparison in changed {
                out.append("  \(comparison.label): \(comparison.costText)")
                if comparison.accessBefore != comparison.accessAfter {
                    out.append("    before: \(comparison.accessBefore.joined(separator: "; "))")
                    out.append("    after:  \(comparison.accessAfter.joined(separator: "; "))")
                }
            }
            for comparison in comparisons where comparison.problem != nil {
                out.append("  \(comparison.label): not compared: \(comparison.problem!)")
            }
            out.append("")
        }
        for note in notes { out.append("note: \(note)") }
        var summary =
            "check: \(countsText) in \(migrationFiles.count) migration file\(migrationFiles.count == 1 ? "" : "s")"
        if !baselined.isEmpty { summary += " (\(baselined.count) more accepted by the baseline)" }
        out.append(summary)
        return out.joined(separator: "\n") + "\n"
    }
}
