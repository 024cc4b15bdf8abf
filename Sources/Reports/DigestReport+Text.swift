import AdvisorCore

extension DigestReport {
    /// Query groups the text profile lists; the JSON form has all of them.
    public static let profileLimit = 20

    /// The profile table, the findings (compiler-style, as `analyze`), then a summary.
    public var text: String {
        var out = profileLines()
        out.append("")
        for finding in findings {
            out += FindingText.lines(finding)
            out.append("")
        }
        out += footerLines()
        return out.joined(separator: "\n") + "\n"
    }

    private func profileLines() -> [String] {
        let shown = profile.prefix(Self.profileLimit)
        var rows: [[String]] = [
            ["rank", "query id", "time", "share", "calls", "per call", "p95", "p99", "rows exam.", "item"]
        ]
        for entry in shown {
            rows.append([
                "\(entry.rank)", String(entry.fingerprint.prefix(16)), Figures.duration(ms: entry.totalTimeMs),
                Figures.percent(entry.share), Figures.count(entry.calls), Figures.duration(ms: entry.meanTimeMs),
                entry.p95TimeMs.map { Figures.duration(ms: $0) } ?? "-",
                entry.p99TimeMs.map { Figures.duration(ms: $0) } ?? "-",
                entry.counters?.meanRowsExamined.map(Figures.rows) ?? "-", entry.item,
            ])
        }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        // Numbers right-aligned, the id and the item left-aligned.
        let leftAligned: Set<Int> = [1, 9]
        var lines = rows.map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return leftAligned.contains(column) ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        if profile.count > shown.count {
            let rest = profile.dropFirst(shown.count)
            let time = rest.reduce(0) { $0 + $1.totalTimeMs }
            lines.append(
                "… \(rest.count) more query groups, \(Figures.duration(ms: time)) (\(Figures.percent(totalTimeMs > 0 ? time / totalTimeMs : 0)))"
            )
        }
        return lines
    }

    private func footerLines() -> [String] {
        var lines = [
            "digest: \(Figures.count(events)) events, \(Figures.count(profile.count)) query groups, "
                + "\(Figures.duration(ms: totalTimeMs)) total from \(sources.joined(separator: ", "))"
        ]
        for diagnostic in diagnostics.prefix(10) { lines.append("note: \(diagnostic)") }
        if diagnostics.count > 10 { lines.append("note: … and \(diagnostics.count - 10) more input problems") }
        for note in notes { lines.append("note: \(note)") }
        let counts = Severity.allCases.reversed().compactMap { severity -> String? in
            let n = findings.filter { $0.severity == severity }.count
            return n == 0 ? nil : "\(n) \(severity.rawValue)\(n == 1 ? "" : "s")"
        }
        lines.append(counts.isEmpty ? "no findings" : counts.joined(separator: ", "))
        return lines
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
