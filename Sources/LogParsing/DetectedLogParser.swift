import AdvisorCore

/// Holds the first lines of a log until its first non-blank line tells the format, then hands
/// everything to the PostgreSQL or the slow-log parser.
struct DetectedLogParser: LogParser {
    private let source: String
    private let logLinePrefix: String?
    private let maxTraceEvents: Int
    private let threads: Int
    private let loopDetection: LoopDetection?
    private var held: [(bytes: [UInt8], number: Int)] = []
    private var chosen: (any LogParser)?
    private var pendingDiagnostics: [WorkloadDiagnostic] = []

    init(source: String, logLinePrefix: String?, maxTraceEvents: Int, threads: Int, loopDetection: LoopDetection?) {
        self.source = source
        self.loopDetection = loopDetection
        self.threads = threads
        self.logLinePrefix = logLinePrefix
        self.maxTraceEvents = maxTraceEvents
    }

    var formatDescription: String { chosen?.formatDescription ?? "empty log" }

    var format: LogFormat? { chosen?.format }

    mutating func feed(_ line: UnsafeBufferPointer<UInt8>, number: Int) {
        if chosen != nil {
            chosen!.feed(line, number: number)
            return
        }
        guard line.contains(where: { $0 > 0x20 }) else {
            held.append((Array(line), number))
            return
        }
        if LogFormat.isSlowLog(line) {
            chosen = SlowLogParser(
                source: source, maxTraceEvents: maxTraceEvents, threads: threads, loopDetection: loopDetection)
        } else {
            chosen = PostgresLogParser(
                source: source, logLinePrefix: logLinePrefix, maxTraceEvents: maxTraceEvents, threads: threads,
                loopDetection: loopDetection)
        }
        for h in held { h.bytes.withUnsafeBufferPointer { chosen!.feed($0, number: h.number) } }
        held = []
        chosen!.feed(line, number: number)
    }

    mutating func addDiagnostic(_ diagnostic: WorkloadDiagnostic) {
        if chosen != nil {
            chosen!.addDiagnostic(diagnostic)
        } else {
            pendingDiagnostics.append(diagnostic)
        }
    }

    mutating func finish() -> Workload {
        if chosen == nil {
            // Blank or empty: nothing tells the format, and nothing needs one.
            return Workload(sources: [source], diagnostics: pendingDiagnostics)
        }
        for diagnostic in pendingDiagnostics { chosen!.addDiagnostic(diagnostic) }
        return chosen!.finish()
    }
}
