import AdvisorCore

/// Entry points the CLI calls: a workload from a log file or from `.sql` files.
public enum WorkloadReader {
    /// Reads a PostgreSQL log (`-` = stdin, gzip detected from its content); `logLinePrefix` is the
    /// server's `log_line_prefix` for stderr logs, detected from the first lines when nil.
    public static func readPostgresLog(
        path: String, logLinePrefix: String? = nil, maxTraceEvents: Int = WorkloadBuilder.defaultMaxTraceEvents
    ) throws(LogReadError) -> Workload {
        let source = displayName(path)
        var lines = try LineReader(path: path)
        var parser = PostgresLogParser(source: source, logLinePrefix: logLinePrefix, maxTraceEvents: maxTraceEvents)
        try lines.forEachLine { line in parser.feed(line.bytes, number: line.number) }
        if let problem = lines.trailingProblem {
            parser.addDiagnostic(WorkloadDiagnostic(location: source, message: problem))
        }
        if lines.truncatedLines > 0 {
            parser.addDiagnostic(
                WorkloadDiagnostic(
                    location: source, message: "lines longer than \(LineReader.maxLineBytes >> 20) MiB were cut",
                    count: lines.truncatedLines))
        }
        var workload = parser.finish()
        workload.sources = ["\(path == "-" ? "stdin" : path) (\(parser.formatDescription))"]
        return workload
    }

    /// Reads one `.sql` file or every `.sql` file under a directory (recursively, in path order);
    /// each statement counts as one call of unknown time.
    public static func readSQLFiles(path: String) throws(LogReadError) -> Workload {
        try SQLFileWorkloadReader.read(path: path)
    }

    /// The last path component, as origins show it (`postgresql.log:1204`).
    static func displayName(_ path: String) -> String {
        if path == "-" { return "stdin" }
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        return trimmed.split(separator: "/").last.map(String.init) ?? path
    }
}
