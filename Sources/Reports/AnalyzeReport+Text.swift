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

    private func findingLines(_ finding: Finding) -> [String] {
        let suggestion = suggestions.first { s in
            s.recommendation.index.table == finding.table
                && s.recommendation.queries.contains { $0.fingerprint == finding.fingerprint }
        }
        guard let suggestion, let fingerprint = finding.fingerprint,
            let queryGain = suggestion.recommendation.queries.first(where: { $0.fingerprint == fingerprint })
        else { return FindingText.lines(finding) }
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
            let calls = r.queries.reduce(0) { $0 + $1.calls }
            var facts = [
                "\(r.queries.count) \(r.queries.count == 1 ? "query" : "queries")",
                Figures.gain(r.gain, unit: " over \(Figures.count(calls)) \(calls == 1 ? "call" : "calls")"),
            ]
            if let size = r.estimatedSizeBytes { facts.append("size ~\(Figures.bytes(size))") }
            lines.append("     " + facts.joined(separator: "; "))
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
        var lines: [String] = []
        let planned = queries.filter { $0.skipped == nil }.count
        lines.append(
            "workload: \(queries.count) query groups from \(sources.joined(separator: ", ")); \(planned) planned"
                + (workloadTimeMs > 0 ? ", \(Figures.duration(ms: workloadTimeMs)) total" : ""))
        if let estimate {
            lines.append(
                "estimate: workload cost \(Figures.cost(estimate.costBefore)) -> \(Figures.cost(estimate.costAfter))"
                    + " (\(Figures.percent(estimate.relativeCost)) of today, \(Figures.basis(estimate.basis)),"
                    + " \(estimate.whatIfCalls) what-if calls)")
        }
        let skipped = queries.compactMap(\.skipped)
        if !skipped.isEmpty {
            let reasons = Dictionary(grouping: skipped, by: { $0 }).map { "\($0.value.count) \($0.key)" }.sorted()
            lines.append("not planned: " + reasons.joined(separator: "; "))
        }
        for diagnostic in diagnostics.prefix(10) { lines.append("note: \(diagnostic)") }
        if diagnostics.count > 10 { lines.append("note: … and \(diagnostics.count - 10) more input problems") }
        for note in notes { lines.append("note: \(note)") }
        let counts = Severity.allCases.reversed().compactMap { severity -> String? in
            let n = findings.filter { $0.severity == severity }.count
            return n == 0 ? nil : "\(n) \(severity.rawValue)\(n == 1 ? "" : "s")"
        }
        lines.append(
            (counts.isEmpty ? "no findings" : counts.joined(separator: ", "))
                + "; \(suggestions.count) \(suggestions.count == 1 ? "index" : "indexes") suggested")
        return lines
    }
}
