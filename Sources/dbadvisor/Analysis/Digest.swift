import AdvisorCore
import LogParsing
import Reports
import RuleEngine
import SQLParsing

/// One `digest` run: logs only, no server. Each log's statements are shaped in its own dialect, the
/// profile ranks every group by total time, and the rules that need no catalog report from the
/// logs' own evidence (counters, logged plans).
struct Digest {
    var logs: [String]
    var logLinePrefix: String?
    /// The built-in rules with `.dbadvisor.yml` applied.
    var rules: RuleEngine
    /// Hears how far reading each log got (the command shows it on a terminal).
    var progress: ((_ path: String, ReadProgress) -> Void)? = nil

    func run() throws -> DigestReport {
        // Logs of one engine family merge into one workload; families are digested side by side.
        var byDialect: [(dialect: SQLDialect, workload: Workload)] = []
        var sources: [String] = []
        var diagnostics: [WorkloadDiagnostic] = []
        // Samples the readers already shaped (finding loops), by dialect: parsed once, not again here.
        var shapes: [SQLDialect: [String: QueryShape]] = [:]
        for path in logs {
            let contents: LogContents
            do {
                let report = progress.map { report in { (read: ReadProgress) in report(path, read) } }
                // Loops are found as the log is read; with the rule off no connection is followed at all.
                contents = try WorkloadReader.read(
                    log: path, logLinePrefix: logLinePrefix,
                    maxTraceEvents: rules.loopDetection == nil ? 0 : WorkloadBuilder.defaultMaxTraceEvents,
                    loopDetection: rules.loopDetection, progress: report)
            } catch {
                throw CommandFailure(exitCode: CommandFailure.usageError, "\(error)")
            }
            sources += contents.workload.sources
            guard let format = contents.format else {
                diagnostics += contents.workload.diagnostics
                continue
            }
            shapes[format.dialect, default: [:]].merge(contents.shapes) { first, _ in first }
            if let index = byDialect.firstIndex(where: { $0.dialect == format.dialect }) {
                byDialect[index].workload = byDialect[index].workload.merged(with: contents.workload)
            } else {
                byDialect.append((format.dialect, contents.workload))
            }
        }
        var queries: [AnalyzedQuery] = []
        var findings: [Finding] = []
        let totalTimeMs = byDialect.reduce(0) { $0 + $1.workload.totalTimeMs }
        for (dialect, workload) in byDialect {
            diagnostics += workload.diagnostics
            let analyzed = workload.groups.map { group in
                if let known = shapes[dialect]?[group.sampleText] { return AnalyzedQuery(group: group, shape: known) }
                do {
                    return AnalyzedQuery(group: group, shape: try dialect.shape(of: group.sampleText))
                } catch {
                    return AnalyzedQuery(group: group, shapeError: "\(error)")
                }
            }
            queries += analyzed
            // No catalog offline: the rules see an empty schema, so only log evidence can speak.
            let engine: Engine = dialect == .mysql ? .mysql : .postgres
            let context = RuleContext(
                engine: engine, schema: Schema(engine: engine, serverVersion: "", database: "", tables: []),
                queries: analyzed,
                workloadTimeMs: totalTimeMs, sessions: workload.sessions, streamedLoops: workload.streamedLoops)
            findings += rules.findings(in: context)
        }
        queries.sort {
            ($0.group.totalTimeMs, $1.group.fingerprint.id) > ($1.group.totalTimeMs, $0.group.fingerprint.id)
        }
        let profile = queries.enumerated().map { offset, query in
            ProfileEntry(rank: offset + 1, group: query.group, shape: query.shape, totalTimeMs: totalTimeMs)
        }
        var notes: [String] = []
        if byDialect.isEmpty { notes.append("no statements found in \(logs.joined(separator: ", "))") }
        return DigestReport(
            sources: sources, events: queries.reduce(0) { $0 + $1.group.calls }, totalTimeMs: totalTimeMs,
            profile: profile, findings: findings, diagnostics: diagnostics, notes: notes)
    }
}
