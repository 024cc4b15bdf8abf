import AdvisorCore
import Foundation
import SQLParsing

/// Entry points the CLI calls: a workload from a log file or from `.sql` files.
public enum WorkloadReader {
    /// Reads any supported log, and says which format it was: a MySQL/Percona/MariaDB slow log or a
    /// PostgreSQL stderr/csv/json log, told apart by content (`-` = stdin, gzip from its content).
    /// `threads` statements are fingerprinted at once (1: all on this thread; the result is the same),
    /// and `progress` hears how far reading got. With `loopDetection`, N+1 loops are found as the
    /// log streams by (`Workload.streamedLoops`) and no per-connection trace is kept.
    public static func read(
        log path: String, logLinePrefix: String? = nil, maxTraceEvents: Int = WorkloadBuilder.defaultMaxTraceEvents,
        threads: Int = Parallel.defaultThreads, loopDetection: LoopDetection? = nil,
        progress: ((ReadProgress) -> Void)? = nil
    ) throws(LogReadError) -> LogContents {
        var parser = DetectedLogParser(
            source: displayName(path), logLinePrefix: logLinePrefix, maxTraceEvents: maxTraceEvents, threads: threads,
            loopDetection: loopDetection)
        let workload = try read(path: path, with: &parser, progress: progress)
        return LogContents(workload: workload, format: parser.format, shapes: parser.shapes)
    }

    /// Reads a log that must hold `dialect`'s statements (the connected server's engine family);
    /// another engine's log is an error that says so rather than a workload of foreign SQL.
    public static func readLog(
        path: String, logLinePrefix: String? = nil, dialect: SQLDialect,
        maxTraceEvents: Int = WorkloadBuilder.defaultMaxTraceEvents, loopDetection: LoopDetection? = nil
    ) throws(LogReadError) -> Workload {
        let contents = try read(
            log: path, logLinePrefix: logLinePrefix, maxTraceEvents: maxTraceEvents, loopDetection: loopDetection)
        if let format = contents.format, format.dialect != dialect {
            let server = dialect == .postgres ? "PostgreSQL" : "MySQL/MariaDB"
            throw LogReadError(
                path: path, message: "is a \(format), but the server is \(server); pass that server's own log")
        }
        return contents.workload
    }

    /// Reads any supported log: a MySQL/Percona/MariaDB slow log or a PostgreSQL stderr/csv/json log,
    /// told apart by content (`-` = stdin, gzip detected from its content). `logLinePrefix` is the
    /// PostgreSQL `log_line_prefix` for stderr logs, detected from the first lines when nil.
    public static func readLog(
        path: String, logLinePrefix: String? = nil, maxTraceEvents: Int = WorkloadBuilder.defaultMaxTraceEvents,
        threads: Int = Parallel.defaultThreads
    ) throws(LogReadError) -> Workload {
        let parser = DetectedLogParser(
            source: displayName(path), logLinePrefix: logLinePrefix, maxTraceEvents: maxTraceEvents, threads: threads,
            loopDetection: nil)
        return try read(path: path, with: parser)
    }

    /// Reads a PostgreSQL log (`-` = stdin, gzip detected from its content); `logLinePrefix` is the
    /// server's `log_line_prefix` for stderr logs, detected from the first lines when nil.
    public static func readPostgresLog(
        path: String, logLinePrefix: String? = nil, maxTraceEvents: Int = WorkloadBuilder.defaultMaxTraceEvents,
        threads: Int = Parallel.defaultThreads
    ) throws(LogReadError) -> Workload {
        let parser = PostgresLogParser(
            source: displayName(path), logLinePrefix: logLinePrefix, maxTraceEvents: maxTraceEvents, threads: threads)
        return try read(path: path, with: parser)
    }

    /// Reads a MySQL, Percona Server or MariaDB slow log (`-` = stdin, gzip detected from its content).
    public static func readSlowLog(
        path: String, maxTraceEvents: Int = WorkloadBuilder.defaultMaxTraceEvents,
        threads: Int = Parallel.defaultThreads
    ) throws(LogReadError) -> Workload {
        try read(
            path: path, with: SlowLogParser(source: displayName(path), maxTraceEvents: maxTraceEvents, threads: threads)
        )
    }

    /// Reads `path` with `parser` (tests choose the parser's threads and batch size).
    static func read(path: String, with parser: some LogParser) throws(LogReadError) -> Workload {
        var parser = parser
        return try read(path: path, with: &parser)
    }

    private static func read(
        path: String, with parser: inout some LogParser, progress: ((ReadProgress) -> Void)? = nil
    ) throws(LogReadError) -> Workload {
        let source = displayName(path)
        var lines = try LineReader(path: path)
        if let size = lines.inputSize { parser.expectInput(bytes: size) }
        if let progress {
            var meter = ProgressMeter(total: lines.inputSize, report: progress)
            try lines.forEachBlock { block in
                let count = parser.feed(block: block)
                meter.advance(to: block.offset + block.bytes.count)
                return count
            }
            meter.finish()
        } else {
            try lines.forEachBlock { block in parser.feed(block: block) }
        }
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
        if lines.changedWhileRead {
            workload.diagnostics.append(
                WorkloadDiagnostic(
                    location: source,
                    message: "the file shrank while it was read (truncated, as logrotate's copytruncate does): "
                        + "entries from there on are missing; digest a copy of the log"))
        }
        workload.sources = ["\(path == "-" ? "stdin" : path) (\(parser.formatDescription))"]
        return workload
    }

    /// Reads one `.sql` file or every `.sql` file under a directory (recursively, in path order);
    /// each statement counts as one call of unknown time.
    /// Statements are split, shaped and grouped in `dialect` (PostgreSQL unless told otherwise).
    public static func readSQLFiles(path: String, dialect: SQLDialect = .postgres) throws(LogReadError) -> Workload {
        try SQLFileWorkloadReader.read(path: path, dialect: dialect)
    }

    /// The last path component, as origins show it (`postgresql.log:1204`).
    static func displayName(_ path: String) -> String {
        if path == "-" { return "stdin" }
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        return trimmed.split(separator: "/").last.map(String.init) ?? path
    }
}

/// A log read whole: its workload and the format it was recognised as (`nil` for an empty log).
public struct LogContents: Sendable {
    public var workload: Workload
    public var format: LogFormat?
    /// Shapes the reader already worked out, by statement text (the samples of the groups it
    /// followed for N+1 detection), so a caller need not parse those statements again.
    public var shapes: [String: QueryShape]

    public init(workload: Workload, format: LogFormat?, shapes: [String: QueryShape] = [:]) {
        self.workload = workload
        self.format = format
        self.shapes = shapes
    }
}
