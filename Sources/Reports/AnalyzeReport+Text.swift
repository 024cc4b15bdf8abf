import AdvisorCore

extension AnalyzeReport {
    /// Compiler-style text for a terminal or a CI log (design §1).
    public var text: String {
        var out: [String] = []
        for finding in findings {
            out += findingLines(finding)
            out.append("")
        }
        out += suggestionLines()
        out += declinedLines()
        out += footerLines()
        return out.joined(separator: "\n") + "\n"
    }

    /// The suggestion that serves a query finding's table and query, with that query's gain.
    func suggestion(for finding: Finding) -> (suggestion: SuggestedIndex, gain: QueryGain)? {
        guard let fingerprint = finding.fingerprint else { return nil }
        for suggestion in suggestions where suggestion.recommendation.index.table == finding.table {
            if let gain = suggestion.recommendation.queries.first(where: { $0.fingerprint == fingerprint }) {
                return (suggestion, gain)
            }
        }
        return nil
    }

    private func findingLines(_ finding: Finding) -> [String] {
        guard let (suggestion, queryGain) = suggestion(for: finding) else { return FindingText.lines(finding) }
        var lines = FindingText.lines(finding, withHelp: false)
        lines.append("  = gain: \(Figures.gain(queryGain.gain, unit: " per call"))")
        lines.append("  help: " + suggestion.createStatement.replacingOccurrences(of: "\n", with: "\n        "))
        return lines
    }

    private func suggestionLines() -> [String] {
        guard !suggestions.isEmpty else { return [] }
        var lines = ["suggested indexes:"]
        for (number, suggestion) in suggestions.enumerated() {
            let r = suggestion.recommendation
            lines.append("  \(number + 1). \(r.name) ON \(r.index)")
            lines.append("     " + suggestion.facts.joined(separator: "; "))
            if let overhead = r.writeOverhead { lines.append("     write overhead: \(overhead)") }
            for file in suggestion.files { lines.append("     file: \(file)") }
        }
        lines.append("")
        return lines
    }

    private func declinedLines() -> [String] {
        guard !declined.isEmpty else { return [] }
        return ["considered and declined:"] + declined.map { "  - \($0.index): \($0.reason)" } + [""]
    }

    private func footerLines() -> [String] {
        var lines = ["workload: \(workloadSummary)"]
        if let estimateSummary { lines.append("estimate: \(estimateSummary)") }
        if let skippedSummary { lines.append("not planned: \(skippedSummary)") }
        lines += diagnosticLines.map { "note: \($0)" }
        lines += notes.map { "note: \($0)" }
        lines.append(countsSummary)
        return lines
    }

    /// `2 query groups from …; 1 planned, 1.8 h total`.
    var workloadSummary: String {
        let planned = queries.filter { $0.skipped == nil }.count
        return "\(queries.count) query groups from \(sources.joined(separator: ", ")); \(planned) planned"
            + (workloadTimeMs > 0 ? ", \(Figures.duration(ms: workloadTimeMs)) total" : "")
    }

    /// `workload cost 140,700,000 -> 4,200,000 (3% of today, HypoPG, 42 what-if calls)`.
    var estimateSummary: String? {
        estimate.map { estimate in
            "workload cost \(Figures.cost(estimate.costBefore)) -> \(Figures.cost(estimate.costAfter))"
                + " (\(Figures.percent(estimate.relativeCost)) of today, \(Figures.basis(estimate.basis)),"
                + " \(estimate.whatIfCalls) what-if calls)"
        }
    }

    /// Why queries were not planned, counted by reason.
    var skippedSummary: String? {
        let skipped = queries.compactMap(\.skipped)
        guard !skipped.isEmpty else { return nil }
        return Dictionary(grouping: skipped, by: { $0 }).map { "\($0.value.count) \($0.key)" }.sorted()
            .joined(separator: "; ")
    }

    /// The first ten input problems, and how many more there were.
    var diagnosticLines: [String] {
        diagnostics.prefix(10).map(\.description)
            + (diagnostics.count > 10 ? ["… and \(diagnostics.count - 10) more input problems"] : [])
    }

    /// `1 warning, 1 info; 1 index suggested`.
    var countsSummary: String {
        let counts = Severity.allCases.reversed().compactMap { severity -> String? in
            let n = findings.filter { $0.severity == severity }.count
            return n == 0 ? nil : "\(n) \(severity.rawValue)\(n == 1 ? "" : "s")"
        }
        return (counts.isEmpty ? "no findings" : counts.joined(separator: ", "))
            + "; \(suggestions.count) \(suggestions.count == 1 ? "index" : "indexes") suggested"
    }
}

extension SuggestedIndex {
    /// `1 query; est. cost … over 3,412 calls (-97%, HypoPG), ~39 min saved over the window; size ~24.0 MB`.
    var facts: [String] {
        let r = recommendation
        let calls = r.queries.reduce(0) { $0 + $1.calls }
        var facts = [
            "\(r.queries.count) \(r.queries.count == 1 ? "query" : "queries")",
            Figures.gain(r.gain, unit: " over \(Figures.count(calls)) \(calls == 1 ? "call" : "calls")"),
        ]
        if let size = r.estimatedSizeBytes { facts.append("size ~\(Figures.bytes(size))") }
        return facts
    }
}
