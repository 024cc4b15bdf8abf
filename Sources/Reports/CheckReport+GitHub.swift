import AdvisorCore
import Foundation

extension CheckReport {
    /// GitHub Actions workflow commands, one `::error file=…,line=…,col=…,title=…::message` line per
    /// finding, worst first: GitHub shows only the first 10 errors and 10 warnings of a step, so
    /// the text report and the job summary list every finding (facts-migrations.md sec. 3).
    public var githubAnnotations: String {
        var lines: [String] = []
        for located in findingsWorstFirst {
            let finding = located.finding
            let command =
                switch finding.severity {
                case .error: "error"
                case .warning: "warning"
                case .info: "notice"
                }
            var properties: [String] = []
            if let location = located.location {
                properties.append("file=\(Self.escapeProperty(location.path))")
                properties.append("line=\(location.line)")
                properties.append("col=\(location.column)")
            }
            properties.append("title=\(Self.escapeProperty("dbadvisor \(finding.ruleID)"))")
            let message = finding.help.map { "\(finding.message)\nhelp: \($0)" } ?? finding.message
            lines.append("::\(command) \(properties.joined(separator: ","))::\(Self.escapeData(message))")
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// Workflow-command data: `%`, CR and LF escaped.
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Workflow-command property values: as data, plus `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    /// Most bytes of Markdown a step summary may hold (GitHub refuses more than 1 MiB per step).
    static let summaryLimit = 1_000_000

    /// A GitHub-flavoured Markdown job summary (`$GITHUB_STEP_SUMMARY`): the verdict, a table of
    /// findings, and the workload's changed plans; rows are left out, and say so, past ~1 MB.
    public func markdownSummary(failOn threshold: Severity) -> String {
        let verdict = fails(at: threshold) ? "❌ failed" : "✅ passed"
        var out = [
            "### dbadvisor check: \(verdict)",
            "",
            "\(countsText) in \(migrationFiles.count) migration file\(migrationFiles.count == 1 ? "" : "s")"
                + (baselined.isEmpty ? "" : "; \(baselined.count) accepted by the baseline")
                + "; fails on \(threshold.rawValue) and above.",
            "",
        ]
        var size = out.joined(separator: "\n").utf8.count
        var omitted = 0
        if !findings.isEmpty {
            out += ["| severity | rule | location | finding |", "|---|---|---|---|"]
            for located in findingsWorstFirst {
                let finding = located.finding
                let location = located.location.map { "`\(Self.codeCell("\($0.path):\($0.line)"))`" } ?? ""
                let help = finding.help.map { "<br>help: \(Self.cell($0))" } ?? ""
                let row =
                    "| \(finding.severity.rawValue) | `\(finding.ruleID)` | \(location) | \(Self.cell(finding.message))\(help) |"
                guard size + row.utf8.count < Self.summaryLimit - 2_000 else {
                    omitted += 1
                    continue
                }
                size += row.utf8.count + 1
                out.append(row)
            }
            if omitted > 0 { out.append("\n\(omitted) more findings left out to stay under GitHub's 1 MiB limit.") }
            out.append("")
        }
        let changed = changedComparisons()
        if !comparisons.isEmpty {
            out.append("#### Workload plans (\(comparisons.count) queries, \(changed.count) changed)")
            out.append("")
            if !changed.isEmpty {
                out += ["| query | estimated cost | plan before | plan after |", "|---|---|---|---|"]
                for comparison in changed where size < Self.summaryLimit - 2_000 {
                    let row =
                        "| `\(Self.codeCell(comparison.label))` | \(comparison.costText) | "
                        + "\(Self.cell(comparison.accessBefore.joined(separator: "; "))) | "
                        + "\(Self.cell(comparison.accessAfter.joined(separator: "; "))) |"
                    size += row.utf8.count + 1
                    out.append(row)
                }
                out.append("")
            }
        }
        for note in notes { out.append("> \(Self.cell(note))") }
        return out.joined(separator: "\n") + "\n"
    }

    /// Text safe in one Markdown table cell, markup characters escaped.
    private static func cell(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { ReportDocument.escaped(String($0)) }
            .joined(separator: "<br>")
    }

    /// Inline code safe in one Markdown table cell: only `|` ends a cell there.
    private static func codeCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
