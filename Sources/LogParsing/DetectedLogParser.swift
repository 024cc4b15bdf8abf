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
    // Two concrete optionals, not one `any LogParser`: every line goes through here, and mutating
    // an existential in place copied its box per line.
    private var slow: SlowLogParser?
    private var postgres: PostgresLogParser?
    private var pendingDiagnostics: [WorkloadDiagnostic] = []
    private var inputBytes: Int?

    init(source: String, logLinePrefix: String?, maxTraceEvents: Int, threads: Int, loopDetection: LoopDetection?) {
        self.source = source
        self.loopDetection = loopDetection
        self.threads = threads
        self.logLinePrefix = logLinePrefix
        self.maxTraceEvents = maxTraceEvents
    }

    var formatDescription: String { slow?.formatDescription ?? postgres?.formatDescription ?? "empty log" }

    var format: LogFormat? { slow?.format ?? postgres?.format }
    var shapes: [String: QueryShape] { slow?.shapes ?? postgres?.shapes ?? [:] }

    private var chosen: Bool { slow != nil || postgres != nil }

    @discardableResult mutating func feed(block: LineBlock) -> Int {
        if slow != nil { return slow!.feed(block: block) }
        if postgres != nil { return postgres!.feed(block: block) }
        // Line by line until a line tells the format, then the rest of the block at once.
        var next = block.firstNumber
        let rest = block.forEachLine { line, number in
            feed(line, number: number)
            next = number + 1
            return !chosen
        }
        guard rest < block.bytes.count else { return next - block.firstNumber }
        return next - block.firstNumber + feed(block: block.suffix(from: rest, firstNumber: next))
    }

    mutating func feed(_ line: UnsafeBufferPointer<UInt8>, number: Int) {
        if slow != nil {
            slow!.feed(line, number: number)
            return
        }
        if postgres != nil {
            postgres!.feed(line, number: number)
            return
        }
        guard line.contains(where: { $0 > 0x20 }) else {
            held.append((Array(line), number))
            return
        }
        if LogFormat.isSlowLog(line) {
            slow = SlowLogParser(
                source: source, maxTraceEvents: maxTraceEvents, threads: threads, loopDetection: loopDetection)
        } else {
            postgres = PostgresLogParser(
                source: source, logLinePrefix: logLinePrefix, maxTraceEvents: maxTraceEvents, threads: threads,
                loopDetection: loopDetection)
        }
        if let inputBytes {
            slow?.expectInput(bytes: inputBytes)
            postgres?.expectInput(bytes: inputBytes)
        }
        let lines = held
        held = []
        for h in lines { h.bytes.withUnsafeBufferPointer { feed($0, number: h.number) } }
        feed(line, number: number)
    }

    mutating func expectInput(bytes: Int) {
        inputBytes = bytes
    }

    mutating func addDiagnostic(_ diagnostic: WorkloadDiagnostic) {
        if slow != nil {
            slow!.addDiagnostic(diagnostic)
        } else if postgres != nil {
            postgres!.addDiagnostic(diagnostic)
        } else {
            pendingDiagnostics.append(diagnostic)
        }
    }

    mutating func finish() -> Workload {
        guard chosen else {
            // Blank or empty: nothing tells the format, and nothing needs one.
            return Workload(sources: [source], diagnostics: pendingDiagnostics)
        }
        let diagnostics = pendingDiagnostics
        pendingDiagnostics = []
        for diagnostic in diagnostics { addDiagnostic(diagnostic) }
        return slow?.finish() ?? postgres!.finish()
    }
}
