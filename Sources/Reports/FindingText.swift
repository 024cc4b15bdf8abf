import AdvisorCore

/// The compiler-style lines of one finding (design §1), shared by every text report.
enum FindingText {
    /// A finding's evidence by what each line shows.
    struct Evidence {
        /// Where the query's figures come from and what they are (`pg_stat_statements queryid 812:
        /// 3,412 calls, …`), for query findings.
        var workload: String?
        /// The statement, as the `sql: ` line holds it.
        var sql: String?
        /// Plan nodes, catalog and statistics facts.
        var facts: [String] = []
    }

    /// Query rules start their evidence with the workload figures (prefixed with the group's
    /// origin), then `sql: …` and `plan: …` lines: the one place that reads that convention.
    static func evidence(of finding: Finding) -> Evidence {
        var evidence = Evidence()
        for (offset, line) in finding.evidence.enumerated() {
            if offset == 0 && finding.fingerprint != nil {
                evidence.workload = line
            } else if line.hasPrefix("sql: ") {
                evidence.sql = String(line.dropFirst(5))
            } else {
                evidence.facts.append(line)
            }
        }
        return evidence
    }

    /// `warning[rule]: message`, `--> origin: figures`, `| sql`, `= evidence`, then the finding's
    /// `help:` unless `withHelp` is false (a report that has the index DDL puts that there instead).
    static func lines(_ finding: Finding, withHelp: Bool = true) -> [String] {
        var lines = ["\(finding.severity.rawValue)[\(finding.ruleID)]: \(finding.message)"]
        let evidence = evidence(of: finding)
        if let workload = evidence.workload { lines.append("  --> \(workload)") }
        if let sql = evidence.sql { lines.append("   | " + sql.onOneLine.shortened(to: 160)) }
        lines += evidence.facts.map { "  = \($0)" }
        if withHelp, let help = finding.help { lines.append("  help: \(help)") }
        return lines
    }

}
