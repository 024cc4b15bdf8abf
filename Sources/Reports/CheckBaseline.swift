import Foundation

/// Accepted findings of `dbadvisor check --baseline FILE`: a team adopting the gate on an old
/// codebase records what exists today, and only new findings fail the build.
///
/// A finding is matched by rule id, file and message, not by line, so edits above it do not
/// revive it; each entry accepts as many findings as it records (`count`).
public struct CheckBaseline: Codable, Equatable, Sendable {
    /// One accepted finding.
    public struct Entry: Codable, Equatable, Hashable, Sendable {
        public var rule: String
        public var file: String?
        public var message: String
        public var count: Int

        public init(rule: String, file: String?, message: String, count: Int = 1) {
            self.rule = rule
            self.file = file
            self.message = message
            self.count = count
        }
    }

    /// Format version of the file.
    public var version: Int
    public var accepted: [Entry]

    public init(accepted: [Entry]) {
        self.version = 1
        self.accepted = accepted
    }

    /// A baseline accepting every finding of `report` (accepted ones included).
    public init(accepting report: CheckReport) {
        var counts: [Entry: Int] = [:]
        for located in report.findings + report.baselined {
            let key = Entry(
                rule: located.finding.ruleID, file: located.location?.path, message: located.finding.message)
            counts[key, default: 0] += 1
        }
        self.init(
            accepted: counts.map { entry, count in
                var entry = entry
                entry.count = count
                return entry
            }.sorted { ($0.file ?? "", $0.rule, $0.message) < ($1.file ?? "", $1.rule, $1.message) })
    }

    /// Reads a baseline file; a malformed one is an error naming the problem.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        self = try JSONDecoder().decode(CheckBaseline.self, from: data)
    }

    /// The file's text: sorted, pretty JSON, so it diffs well in review.
    public func json() throws -> String {
        try ReportJSON.string(self) + "\n"
    }

    /// `report` with the findings this baseline accepts moved to `baselined`.
    public func apply(to report: CheckReport) -> CheckReport {
        var remaining: [Entry: Int] = [:]
        for entry in accepted {
            var key = entry
            key.count = 1
            remaining[key, default: 0] += entry.count
        }
        var result = report
        result.findings = []
        for located in report.findings {
            let key = Entry(
                rule: located.finding.ruleID, file: located.location?.path, message: located.finding.message)
            if let left = remaining[key], left > 0 {
                remaining[key] = left - 1
                result.baselined.append(located)
            } else {
                result.findings.append(located)
            }
        }
        return result
    }
}
