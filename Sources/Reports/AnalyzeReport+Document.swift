import AdvisorCore

extension AnalyzeReport {
    /// The report laid out for `--format markdown` (a pull request, an issue, a wiki page) and
    /// `--format html`: summary, suggested indexes with their DDL, findings with their evidence,
    /// declined candidates (collapsed) and notes.
    public var document: ReportDocument {
        let title = "dbadvisor analyze: \(server.label)"
        var blocks: [ReportDocument.Block] = [
            .heading(level: 2, [.text(title)]),
            .paragraph([
                .strong(countsSummary), .text(". \(server.engine) \(server.version); workload: \(workloadSummary)."),
            ]),
        ]
        if let estimateSummary { blocks.append(.paragraph([.text("Estimate: \(estimateSummary).")])) }
        blocks += suggestionBlocks()
        blocks += findingBlocks()
        if !declined.isEmpty {
            blocks.append(
                .details(
                    summary: "Considered and declined (\(declined.count))",
                    [.list(declined.map { [.code($0.index.description), .text(": \($0.reason)")] })]))
        }
        let noteLines = (skippedSummary.map { ["not planned: \($0)"] } ?? []) + diagnosticLines + notes
        if !noteLines.isEmpty {
            blocks += [.heading(level: 3, [.text("Notes")]), .list(noteLines.map { [.text($0)] })]
        }
        return ReportDocument(title: title, blocks: blocks)
    }

    private func suggestionBlocks() -> [ReportDocument.Block] {
        guard !suggestions.isEmpty else { return [] }
        let rows: [[[ReportDocument.Span]]] = suggestions.enumerated().map { number, suggestion in
            let r = suggestion.recommendation
            return [
                [.text("\(number + 1)")],
                [.code(r.name), .text(" on "), .code(r.index.description)],
                [.text(suggestion.facts.joined(separator: "; "))],
                [.text(r.writeOverhead ?? "")],
            ]
        }
        var blocks: [ReportDocument.Block] = [
            .heading(level: 3, [.text("Suggested indexes")]),
            .table(header: ["#", "index", "queries, estimated gain, size", "write overhead"], rows: rows),
            .code(language: "sql", suggestions.map(\.createStatement).joined(separator: "\n")),
        ]
        let files = suggestions.flatMap(\.files)
        if !files.isEmpty {
            blocks += [.paragraph([.text("Migration files:")]), .list(files.map { [.code($0)] })]
        }
        return blocks
    }

    private func findingBlocks() -> [ReportDocument.Block] {
        guard !findings.isEmpty else { return [] }
        var blocks: [ReportDocument.Block] = [.heading(level: 3, [.text("Findings")])]
        for finding in findings {
            let evidence = FindingText.evidence(of: finding)
            let served = suggestion(for: finding)
            blocks.append(
                .heading(
                    level: 4,
                    [.text("\(finding.severity.rawValue) "), .code(finding.ruleID), .text(": \(finding.message)")]))
            var items = evidence.workload.map { [[ReportDocument.Span.text($0)]] } ?? []
            items += evidence.facts.map { [.text($0)] }
            if let served { items.append([.text("gain: \(Figures.gain(served.gain.gain, unit: " per call"))")]) }
            if !items.isEmpty { blocks.append(.list(items)) }
            if let sql = evidence.sql { blocks.append(.code(language: "sql", sql)) }
            if let served {
                blocks.append(.paragraph([.strong("help:"), .text(" "), .code(served.suggestion.createStatement)]))
            } else if let help = finding.help {
                blocks.append(.paragraph([.strong("help:"), .text(" \(help)")]))
            }
        }
        return blocks
    }
}
