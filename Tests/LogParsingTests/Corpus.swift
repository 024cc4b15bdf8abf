import Foundation
import Testing

/// The shared log corpus beside the repository (`<repo>/../shared/corpus`), as CI also lays it out.
enum Corpus {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus")

    /// The path of a pgbadger fixture, or a failed test saying where the corpus should be.
    static func pgbadger(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let path = root.appendingPathComponent("pgbadger/t/fixtures/\(name)").path
        try #require(
            FileManager.default.fileExists(atPath: path),
            Comment(
                rawValue: "log corpus missing at \(path): the tests expect shared/corpus beside the repository"),
            sourceLocation: sourceLocation)
        return path
    }

    /// Every pgbadger fixture name.
    static let pgbadgerFiles = [
        "anonymize.log", "begin_end.log", "cloudsql.log", "cnpg.log", "csv_statement_without_duration.log",
        "light.postgres.log", "logplex", "multiline_param.log", "pg-timezones.log", "pg_rawcsv.log",
        "pg_vacuums.json", "pg_vacuums.log", "postgresql_param_range.log", "queryid.log", "stmt_type.log",
        "tempfile_only.log", "weeknumber.log",
    ]

    /// The path of a percona-toolkit corpus file (upstream relative path), or a failed test saying
    /// where the corpus should be.
    static func percona(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let full = root.appendingPathComponent("percona-toolkit/\(path)").path
        try #require(
            FileManager.default.fileExists(atPath: full),
            Comment(
                rawValue: "log corpus missing at \(full): the tests expect shared/corpus beside the repository"),
            sourceLocation: sourceLocation)
        return full
    }

    /// pt-query-digest's expected reports, beside five of the slow logs (corpus README).
    static let ptQueryDigestSamples = "t/pt-query-digest/samples"

    /// Every slow-log input of the percona-toolkit corpus (README: 100 files): everything outside
    /// the expected-report folder, plus the five logs that live in it.
    static var perconaSlowLogs: [String] {
        let base = root.appendingPathComponent("percona-toolkit")
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        var out: [String] = []
        for case let url as URL in walker where !url.hasDirectoryPath {
            let relative = String(url.path.dropFirst(base.path.count + 1))
            if !relative.hasPrefix(ptQueryDigestSamples + "/") { out.append(relative) }
        }
        let logsBesideReports = [
            "bug_957442_sample.log", "cannot-distill.log", "issue_1196.log", "issue_1604834.log", "slow-issue-611.txt",
        ]
        return (out + logsBesideReports.map { "\(ptQueryDigestSamples)/\($0)" }).sorted()
    }
}
