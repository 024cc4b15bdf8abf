import AdvisorCore
import Foundation

/// What `dbadvisor check` found: lint and regression findings at their file lines, the rules that
/// ran, the workload's plans before and after, and what the baseline accepted.
public struct CheckReport: Codable, Equatable, Sendable {
    /// Findings to act on, in report order (file, line; regression findings after the lint).
    public var findings: [CheckFinding]
    /// Every rule that ran, for SARIF's rule metadata and the summary's legend.
    public var rules: [CheckRule]
    /// The migration files read, in the order they apply.
    public var migrationFiles: [String]
    /// The workload queries planned before and after the migrations (empty without a scratch server).
    public var comparisons: [QueryComparison]
    /// Findings the baseline accepted (not in `findings`).
    public var baselined: [CheckFinding]
    /// Things worth knowing that are not findings (e.g. "no workload given: regression check skipped").
    public var notes: [String]
    /// The tool version, for SARIF.
    public var toolVersion: String

    public init(
        findings: [CheckFinding], rules: [CheckRule], migrationFiles: [String], comparisons: [QueryComparison] = [],
        baselined: [CheckFinding] = [], notes: [String] = [], toolVersion: String = "0.1.0"
    ) {
        self.findings = findings
        self.rules = rules
        self.migrationFiles = migrationFiles
        self.comparisons = comparisons
        self.baselined = baselined
        self.notes = notes
        self.toolVersion = toolVersion
    }

    /// The highest severity among the findings, `nil` when there are none.
    public var worstSeverity: Severity? { findings.map(\.finding.severity).max() }

    /// Whether a finding at or above `threshold` is present (exit code 1).
    public func fails(at threshold: Severity) -> Bool {
        worstSeverity.map { $0 >= threshold } ?? false
    }

    /// The findings worst first (stable within a severity), for annotations that GitHub caps per step.
    var findingsWorstFirst: [CheckFinding] {
        findings.enumerated().sorted { a, b in
            a.element.finding.severity != b.element.finding.severity
                ? a.element.finding.severity > b.element.finding.severity : a.offset < b.offset
        }.map(\.element)
    }

    /// `2 errors, 1 warning`, or `no findings`.
    var countsText: String {
        let counts = Severity.allCases.reversed().compactMap { severity -> String? in
            let count = findings.filter { $0.finding.severity == severity }.count
            guard count > 0 else { return nil }
            let noun = severity == .info ? "note" : severity.rawValue
            return "\(count) \(noun)\(count == 1 ? "" : "s")"
        }
        return counts.isEmpty ? "no findings" : counts.joined(separator: ", ")
    }

    /// The queries whose estimated cost changed by more than `percent` either way.
    func changedComparisons(over percent: Double = 0.5) -> [QueryComparison] {
        comparisons.filter { abs($0.costChangePercent ?? 0) > percent || $0.accessBefore != $0.accessAfter }
    }

    /// JSON for `--format json`: keys sorted, so equal reports print the same.
    public func json() throws -> String {
        try ReportJSON.string(self)
    }
}
