import AdvisorCore
import LogParsing
import MySQLDriver
import PostgresDriver
import SQLParsing

/// Where `analyze` takes the workload from: the --log / --workload files when given, otherwise the
/// server's own statement statistics (pg_stat_statements; mysql.slow_log, else performance_schema).
struct WorkloadSources {
    var connection: any DatabaseConnection
    var options: WorkloadOptions
    /// The n-plus-one rule's thresholds: logs are scanned for loops as they are read (nil: the
    /// rule is off and no connection is followed).
    var loopDetection: LoopDetection?

    private var dialect: SQLDialect { SQLDialect(connection.engine) }

    /// The workload of `database`; statements of other databases in the logs are left out (noted).
    func read(database: String, notes: inout [String]) throws -> Workload {
        if options.logs.isEmpty && options.workload == nil { return try readFromServer(notes: &notes) }
        var workload = Workload()
        let prefix = connection.engine == .postgres ? try options.logLinePrefix ?? serverLogLinePrefix() : nil
        do {
            for log in options.logs {
                workload = workload.merged(
                    with: try WorkloadReader.readLog(
                        path: log, logLinePrefix: prefix, dialect: dialect,
                        maxTraceEvents: loopDetection == nil ? 0 : WorkloadBuilder.defaultMaxTraceEvents,
                        loopDetection: loopDetection))
            }
            if let path = options.workload {
                workload = workload.merged(with: try WorkloadReader.readSQLFiles(path: path, dialect: dialect))
            }
        } catch {
            throw CommandFailure(exitCode: CommandFailure.usageError, "\(error)")
        }
        let others = workload.groups.filter { $0.database != nil && $0.database != database }
        if !others.isEmpty {
            workload.groups.removeAll { $0.database != nil && $0.database != database }
            let calls = others.reduce(0) { $0 + $1.calls }
            notes.append("\(others.count) query groups (\(calls) calls) of other databases in the logs were left out")
        }
        return workload
    }

    /// pg_stat_statements; on MySQL/MariaDB mysql.slow_log (real statements and per-connection
    /// sequences), else performance_schema's digests.
    private func readFromServer(notes: inout [String]) throws -> Workload {
        if let postgres = connection as? PostgresConnection {
            return try postgres.readStatStatements(limit: 5_000) { try? PostgresParser.fingerprint(of: $0) }
        }
        guard let mysql = connection as? MySQLConnection else { return Workload() }
        let fingerprint: (String) -> Fingerprint = { MySQLParser.fingerprint(of: $0) }
        let slowLog = Result { () throws(DriverError) in try mysql.readSlowLogTable(fingerprint: fingerprint) }
        if case .success(let workload) = slowLog, !workload.groups.isEmpty { return workload }
        if case .failure(let error) = slowLog, error.kind == .connectionLost { throw error }
        let slowLogProblem =
            switch slowLog {
            case .failure(let error): error.message
            case .success: "mysql.slow_log has no statements of this database"
            }
        switch Result(catching: { () throws(DriverError) in try mysql.readStatementDigests(fingerprint: fingerprint) })
        {
        case .success(let workload):
            notes.append("workload from performance_schema digests (\(slowLogProblem))")
            return workload
        case .failure(let error) where error.kind == .connectionLost:
            throw error
        case .failure(let error):
            throw CommandFailure(
                exitCode: CommandFailure.usageError,
                "no workload: pass --slow-log FILE or --workload DIR, or enable a server source; "
                    + "\(slowLogProblem); \(error.message)")
        }
    }

    /// The server's own log_line_prefix, so stderr logs parse without guessing.
    private func serverLogLinePrefix() throws -> String? {
        try connection.query("SHOW log_line_prefix").rows.first?.first ?? nil
    }
}
