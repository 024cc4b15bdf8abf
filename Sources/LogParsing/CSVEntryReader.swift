#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Events of a csvlog: RFC 4180 records whose quoted fields may span lines.
///
/// Every PostgreSQL version's column set (23 columns up to 12, 24 in 13, 26 from 14; a 25-column
/// variant exists) starts with the same 15: log_time, user_name, database_name, process_id,
/// connection_from, session_id, session_line_num, command_tag, session_start_time,
/// virtual_transaction_id, transaction_id, error_severity, sql_state_code, message, detail.
struct CSVEntryReader: PostgresEntryReader {
    private enum Column {
        static let time = 0
        static let database = 2
        static let pid = 3
        static let session = 5
        static let severity = 11
        static let message = 13
        static let detail = 14
    }

    /// A record still open after this many lines is an unbalanced quote, not a statement: dropped.
    static let maxRecordLines = 100_000

    /// The open record's field bytes, back to back in `data[..<count]`, and where each finished
    /// field ends: one buffer for every record, not an array per field (this runs for every byte).
    private var data: [UInt8] = []
    private var count = 0
    private var ends: [Int] = []
    private var inQuotes = false
    private var recordLine = 0
    private var recordLines = 0
    private var firstLine: [UInt8] = []
    private var databases = NameCache()

    mutating func feed(
        _ line: UnsafeBufferPointer<UInt8>, number: Int, unparsed: inout UnparsedLines,
        events: inout [PostgresLogEntry]
    ) {
        // A field's bytes never outnumber the line's (plus the newline of a quoted field that goes on).
        if data.count < count + line.count + 1 {
            data.append(contentsOf: repeatElement(0, count: max(count + line.count + 1, 2 * data.count) - data.count))
        }
        if inQuotes {
            data[count] = 0x0A
            count += 1
            recordLines += 1
        } else {
            if line.isEmpty { return }
            recordLine = number
            recordLines = 1
            firstLine.removeAll(keepingCapacity: true)
            firstLine.append(contentsOf: UnsafeBufferPointer(rebasing: line[..<min(line.count, 100)]))
        }
        var n = count
        var quoted = inQuotes
        var fieldStart = ends.last ?? 0
        var finished = ends
        ends = []
        data.withUnsafeMutableBufferPointer { out in
            var i = 0
            while i < line.count {
                if quoted {
                    // Up to the next quote at once: a record's bytes are mostly its quoted message.
                    let base = line.baseAddress!
                    var stop = line.count
                    if let hit = memchr(base + i, 0x22, line.count - i) {
                        stop = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    }
                    if stop > i {
                        (out.baseAddress! + n).update(from: base + i, count: stop - i)
                        n += stop - i
                        i = stop
                        continue
                    }
                }
                let c = line[i]
                if quoted {
                    if c == 0x22 {
                        if i + 1 < line.count, line[i + 1] == 0x22 {
                            out[n] = 0x22
                            n += 1
                            i += 2
                            continue
                        }
                        quoted = false
                    } else {
                        out[n] = c
                        n += 1
                    }
                } else if c == 0x2C {
                    finished.append(n)
                    fieldStart = n
                } else if c == 0x22 && n == fieldStart {
                    quoted = true
                } else {
                    out[n] = c
                    n += 1
                }
                i += 1
            }
        }
        count = n
        inQuotes = quoted
        ends = finished
        if inQuotes && recordLines < Self.maxRecordLines { return }
        ends.append(count)
        let complete = !inQuotes
        let entry = complete ? entry() : nil
        reset()
        guard let entry else {
            firstLine.withUnsafeBufferPointer { unparsed.note($0, line: recordLine) }
            return
        }
        events.append(entry)
    }

    mutating func finish(unparsed: inout UnparsedLines, events: inout [PostgresLogEntry]) {
        guard inQuotes || count > 0 || !ends.isEmpty else { return }
        // The file ends inside a quoted field: a truncated last record.
        firstLine.withUnsafeBufferPointer { unparsed.note($0, line: recordLine) }
        reset()
    }

    private mutating func reset() {
        count = 0
        ends.removeAll(keepingCapacity: true)
        inQuotes = false
    }

    /// The bytes of field `index` of the record just finished.
    private func field(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : ends[index - 1])..<ends[index]
    }

    private mutating func entry() -> PostgresLogEntry? {
        guard ends.count > Column.message else { return nil }
        return data.withUnsafeBufferPointer { all -> PostgresLogEntry? in
            func bytes(_ index: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: all[field(index)]) }
            let stamp = bytes(Column.time)
            guard LogTimestamp.startsWithDate(stamp), let time = LogTimestamp.parse(stamp, at: 0)?.seconds else {
                return nil
            }
            let pid = String(decoding: bytes(Column.pid), as: UTF8.self)
            let sessionID = String(decoding: bytes(Column.session), as: UTF8.self)
            let database = bytes(Column.database)
            let detail = ends.count > Column.detail && !field(Column.detail).isEmpty ? Array(bytes(Column.detail)) : nil
            return PostgresLogEntry(
                line: recordLine, time: time, session: sessionID.isEmpty ? pid : "\(pid):\(sessionID)",
                database: database.isEmpty ? nil : databases.name(database),
                severity: LogSeverity(text: String(decoding: bytes(Column.severity), as: UTF8.self)),
                message: Array(bytes(Column.message)), detail: detail)
        }
    }
}
