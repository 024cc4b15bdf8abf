/// Events of a stderr log: a prefixed line plus its tab-indented continuation lines.
struct StderrEntryReader: PostgresEntryReader {
    let matcher: PrefixMatcher
    private var current: PostgresLogEntry?
    /// Whether the current event may be workload, so its continuation lines are worth copying.
    private var collecting = false
    /// A pid seen disconnecting starts a new connection key when it is reused: disconnections by pid.
    private(set) var pidGeneration: [Int: Int] = [:]

    init(matcher: PrefixMatcher) {
        self.matcher = matcher
    }

    mutating func feed(
        _ line: UnsafeBufferPointer<UInt8>, number: Int, unparsed: inout UnparsedLines,
        events: inout [PostgresLogEntry]
    ) {
        guard !line.isEmpty else { return }
        if line[0] == 0x09 {
            guard current != nil else {
                unparsed.note(line, line: number)
                return
            }
            if collecting {
                current!.message.append(0x0A)
                current!.message.append(contentsOf: UnsafeBufferPointer(rebasing: line[1...]))
            }
            return
        }
        guard let match = matcher.match(line) else {
            // Hand-edited logs sometimes indent continuation lines with spaces instead of a tab.
            if line[0] == 0x20, current != nil {
                if collecting {
                    current!.message.append(0x0A)
                    current!.message.append(contentsOf: line)
                }
                return
            }
            if let entry = current { events.append(entry) }
            current = nil
            unparsed.note(line, line: number)
            return
        }
        if let entry = current { events.append(entry) }
        let start = match.messageStart
        collecting =
            (match.severity == .log && PostgresMessage.mayBeWorkload(line, from: start))
            || (match.severity == .detail && start < line.count && line[start] == UInt8(ascii: "p"))
        var session = "unknown"
        var generation = 0
        if let pid = match.pid {
            generation = pidGeneration[pid] ?? 0
            session = generation == 0 ? String(pid) : "\(pid)#\(generation)"
            if let id = match.sessionID {
                session += ":" + String(decoding: UnsafeBufferPointer(rebasing: line[id]), as: UTF8.self)
            }
            if match.severity == .log && hasPrefix(line, start, Self.disconnection) {
                pidGeneration[pid] = generation + 1
            }
        }
        var database: String?
        if collecting, let range = match.database, !range.isEmpty {
            database = String(decoding: UnsafeBufferPointer(rebasing: line[range]), as: UTF8.self)
            if database == "[unknown]" { database = nil }
        }
        current = PostgresLogEntry(
            line: number, time: match.time, session: session, pid: match.pid ?? -1,
            generation: generation, database: database, severity: match.severity,
            message: collecting ? Array(UnsafeBufferPointer(rebasing: line[start...])) : [], detail: nil)
    }

    mutating func finish(unparsed: inout UnparsedLines, events: inout [PostgresLogEntry]) {
        if let entry = current { events.append(entry) }
        current = nil
    }

    private static let disconnection = Array("disconnection: ".utf8)

    private func hasPrefix(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ p: [UInt8]) -> Bool {
        guard at + p.count <= b.count else { return false }
        for k in 0..<p.count where b[at + k] != p[k] { return false }
        return true
    }
}
