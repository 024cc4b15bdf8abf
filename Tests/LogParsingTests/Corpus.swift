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
}
