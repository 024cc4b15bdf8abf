import AdvisorCore
import Foundation
import Reports
import SQLParsing
import Testing

/// `dbadvisor analyze` on the real PostgreSQL with the sample schemas, from every workload source:
/// every planted problem is found, and the queries that are already fine get no index.
@Suite("analyze on PostgreSQL, end to end", .enabled(if: TestServers.available))
struct AnalyzeEndToEndTests {
    /// Workload sources `analyze` reads; the logs are the ones the dev server writes in three formats.
    enum Source: String, CaseIterable, CustomStringConvertible {
        case workloadFile = "workload file"
        case statStatements = "pg_stat_statements"
        case stderrLog = "stderr log"
        case csvLog = "csvlog"
        case jsonLog = "jsonlog"

        var description: String { rawValue }

        func arguments(for schema: SampleSchema) throws -> [String] {
            let logs = TestServers.environment["DBADVISOR_PG_LOG_DIR"] ?? ""
            switch self {
            case .workloadFile:
                return ["--workload", schema.directory.appendingPathComponent("postgres/workload.sql").path]
            case .statStatements: return ["--config", try AnalyzeEndToEndTests.smallLoopsConfiguration()]
            case .stderrLog: return ["--log", logs + "/postgresql"]
            case .csvLog: return ["--log", logs + "/postgresql.csv"]
            case .jsonLog: return ["--log", logs + "/postgresql.json"]
            }
        }
    }

    /// Planning writes and `FOR UPDATE` reads needs the statements' own privileges on PostgreSQL,
    /// so the advisor runs as the role the application uses, here the admin of the throwaway server.
    func analyze(_ schema: SampleSchema, _ source: Source, extra: [String] = []) throws -> AnalyzeReport {
        let arguments =
            ["analyze", "--dsn", try TestServers.postgresAdmin(database: schema.name), "--format", "json"]
            + (try source.arguments(for: schema)) + extra
        let run = try RecordedWorkload.reading { try CLI.run(arguments, timeout: 300) }
        // Exit 1 means findings at or above --fail-on (error); the planted ones are warnings.
        try #require(run.status == 0, "analyze \(schema) from \(source) failed: \(run.stderr)")
        return try JSONDecoder().decode(AnalyzeReport.self, from: Data(run.stdout.utf8))
    }

    /// Fingerprint of each workload query id, as the advisor groups statements.
    func fingerprints(_ schema: SampleSchema) throws -> [String: String] {
        var ids: [String: String] = [:]
        for (id, sql) in try schema.workload("postgres") where ids[id] == nil {
            ids[id] = try PostgresParser.fingerprint(of: sql).id
        }
        return ids
    }

    /// The sample workloads run each N+1 loop 60–70 times, under the 100 calls n-plus-one wants
    /// before it infers a loop from aggregates alone; a team with small loops lowers it the same way.
    static func smallLoopsConfiguration() throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dbadvisor-small-loops.yml")
        try "rules:\n  n-plus-one: { params: { aggregate_min_calls: 50 } }\n".write(
            to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// `--format markdown` and `--format html` lay out the same analysis as the JSON.
    @Test func markdownAndHTMLReportsNameEverySuggestionAndFinding() throws {
        let schema = try #require(SampleSchema.all.first { $0.name == "shop" })
        let report = try analyze(schema, .workloadFile)
        try #require(!report.suggestions.isEmpty)
        for format in ["markdown", "html"] {
            let arguments =
                ["analyze", "--dsn", try TestServers.postgresAdmin(database: schema.name), "--format", format]
                + (try Source.workloadFile.arguments(for: schema))
            let run = try CLI.run(arguments, timeout: 300)
            try #require(run.status == 0, "analyze --format \(format) failed: \(run.stderr)")
            #expect(run.stdout.hasPrefix(format == "html" ? "<!DOCTYPE html>" : "## dbadvisor analyze: "))
            for suggestion in report.suggestions {
                #expect(
                    run.stdout.contains(suggestion.recommendation.name), "\(format): \(suggestion.recommendation.name)")
            }
            for rule in Set(report.findings.map(\.ruleID)) {
                #expect(run.stdout.contains(rule), "\(format): \(rule)")
            }
        }
    }

    static let cases: [(SampleSchema, Source)] = SampleSchema.all.flatMap { s in Source.allCases.map { (s, $0) } }

    /// One analysis per schema and source (each takes seconds), checked both ways.
    @Test(arguments: cases)
    func findsEveryPlantedProblemAndLeavesFineQueriesAlone(schema: SampleSchema, source: Source) throws {
        let report = try analyze(schema, source)
        // N+1 loops are seen in the logs' per-connection sequences, and inferred from
        // pg_stat_statements' calls and rows; a workload file has neither.
        let planted = PlantedProblems(
            schema: schema, engine: "postgres", fingerprints: try fingerprints(schema),
            notShown: source == .workloadFile ? ["n-plus-one"] : [])
        try planted.expectEveryProblem(in: report, source: source.rawValue)
        try planted.expectNothingForFineQueries(in: report, source: source.rawValue)
    }
}
