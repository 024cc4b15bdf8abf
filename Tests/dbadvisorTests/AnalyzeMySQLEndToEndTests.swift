import AdvisorCore
import Foundation
import Reports
import SQLParsing
import Testing

/// `dbadvisor analyze` on the real MariaDB with the sample schemas, from every MySQL workload
/// source: every planted problem is found, and the queries that are already fine get no index.
@Suite("analyze on MariaDB, end to end", .enabled(if: TestServers.available))
struct AnalyzeMySQLEndToEndTests {
    /// Workload sources `analyze` reads on MySQL/MariaDB.
    enum Source: String, CaseIterable, CustomStringConvertible {
        case workloadFile = "workload file"
        /// The dev server's slow log file (every database's statements: analyze keeps its own).
        case slowLogFile = "slow log file"
        /// `mysql.slow_log` (log_output=TABLE), the default server source.
        case slowLogTable = "mysql.slow_log"

        var description: String { rawValue }

        func arguments(for schema: SampleSchema) throws -> [String] {
            switch self {
            case .workloadFile:
                return ["--workload", schema.directory.appendingPathComponent("mysql/workload.sql").path]
            case .slowLogFile: return ["--slow-log", TestServers.environment["DBADVISOR_MYSQL_SLOW_LOG"] ?? ""]
            case .slowLogTable: return []
            }
        }
    }

    /// The root role, as the application's own role would be; the read-only role is covered by
    /// `aReadOnlyRolePlansWritesAsTheirSelect`.
    func analyze(_ schema: SampleSchema, _ source: Source, dsn: String? = nil) throws -> AnalyzeReport {
        let arguments =
            ["analyze", "--dsn", try dsn ?? TestServers.mysqlAdmin(database: schema.name), "--format", "json"]
            + (try source.arguments(for: schema))
        let run = try RecordedWorkload.reading { try CLI.run(arguments, timeout: 300) }
        try #require(run.status == 0, "analyze \(schema) from \(source) failed: \(run.stderr)")
        return try JSONDecoder().decode(AnalyzeReport.self, from: Data(run.stdout.utf8))
    }

    /// N+1 loops are in the slow logs' per-connection sequences; a workload file has none.
    func planted(_ schema: SampleSchema, from source: Source) throws -> PlantedProblems {
        var ids: [String: String] = [:]
        for (id, sql) in try schema.workload("mysql") where ids[id] == nil {
            // As the slow log and the script splitter give statements: without the terminating `;`.
            let statement = sql.hasSuffix(";") ? String(sql.dropLast()) : sql
            ids[id] = MySQLParser.fingerprint(of: statement).id
        }
        return PlantedProblems(
            schema: schema, engine: "mysql", fingerprints: ids,
            notShown: source == .workloadFile ? ["n-plus-one"] : [])
    }

    static let cases: [(SampleSchema, Source)] = SampleSchema.all.flatMap { s in Source.allCases.map { (s, $0) } }

    @Test(arguments: cases)
    func findsEveryPlantedProblemAndLeavesFineQueriesAlone(schema: SampleSchema, source: Source) throws {
        let report = try analyze(schema, source)
        #expect(report.server.engine.isMySQLFamily)
        #expect(report.estimate?.basis == .mysqlCostModel)
        let planted = try planted(schema, from: source)
        try planted.expectEveryProblem(in: report, source: source.rawValue)
        try planted.expectNothingForFineQueries(in: report, source: source.rawValue)
    }

    /// MariaDB checks a statement's own privileges even for EXPLAIN: the read-only role plans the
    /// purge job's DELETE as the SELECT that finds its rows, and still finds its full scan.
    @Test func aReadOnlyRolePlansWritesAsTheirSelect() throws {
        let batch = try #require(SampleSchema.all.first { $0.name == "batch" })
        let report = try analyze(batch, .workloadFile, dsn: try TestServers.mysql(database: "batch"))
        #expect(report.notes.contains { $0.contains("planned as the SELECT that finds their rows") }, "\(report.notes)")
        let purge = try #require(try planted(batch, from: .workloadFile).fingerprints["audit-log-purge-run"])
        #expect(report.queries.first { $0.fingerprint == purge }?.skipped == nil)
        #expect(
            report.findings.contains { $0.fingerprint == purge && $0.ruleID == "full-table-scan" }
                || report.suggestions.contains { $0.recommendation.queries.contains { $0.fingerprint == purge } })
    }
}
