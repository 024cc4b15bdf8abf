import AdvisorCore

/// The compiler-style lines of one finding (design §1), shared by every text report.
enum FindingText {
    /// `warning[rule]: message`, `--> origin: figures`, `| sql`, `= evidence`, then the finding's
    /// `help:` unless `withHelp` is false (a report that has the index DDL puts that there instead).
    static func lines(_ finding: Finding, withHelp: Bool = true) -> [String] {
        var lines = ["\(finding.severity.rawValue)[\(finding.ruleID)]: \(finding.message)"]
        // Query rules start their evidence with the workload figures (prefixed with the group's
        // origin), then `sql: …` and `plan: …` lines; they become the `-->`, `|` and `= plan:` lines.
        for (offset, evidence) in finding.evidence.enumerated() {
            if offset == 0 && finding.fingerprint != nil {
                lines.append("  --> \(evidence)")
            } else if evidence.hasPrefix("sql: ") {
                lines.append("   | " + oneLine(String(evidence.dropFirst(5)), limit: 160))
            } else {
                lines.append("  = \(evidence)")
            }
        }
        if withHelp, let help = finding.help { lines.append("  help: \(help)") }
        return lines
    }

    /// `sql` on one line, cut at `limit` characters with an ellipsis.
    static func oneLine(_ sql: String, limit: Int) -> String {
        let flat = sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }
}
