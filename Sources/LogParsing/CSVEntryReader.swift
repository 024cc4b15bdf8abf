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

    private var fields: [[UInt8]] = []
    private var field: [UInt8] = []
    private var inQuotes = false
    private var recordLine = 0
    private var recordLines = 0
    private var firstLine: [UInt8] = []

    mutating func feed(
        _ line: UnsafeBufferPointer<UInt8>, number: Int, unparsed: inout UnparsedLines,
        events: inout [PostgresLogEntry]
    ) {
        if inQuotes {
            field.append(0x0A)
            recordLines += 1
        } else {
            if line.isEmpty { return }
            recordLine = number
            recordLines = 1
            firstLine = Array(line.prefix(100))
        }
        var i = 0
        while i < line.count {
            let c = line[i]
            if inQuotes {
                if c == 0x22 {
                    if i + 1 < line.count, line[i + 1] == 0x22 {
                        field.append(0x22)
                        i += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    field.append(c)
                }
            } else if c == 0x2C {
                fields.append(field)
                field = []
            } else if c == 0x22 && field.isEmpty {
                inQuotes = true
            } else {
                field.append(c)
            }
            i += 1
        }
        if inQuotes && recordLines < Self.maxRecordLines { return }
        fields.append(field)
        let complete = !inQuotes
        let record = fields
        reset()
        guard complete, let entry = entry(from: record) else {
            firstLine.withUnsafeBufferPointer { unparsed.note($0, line: recordLine) }
            return
        }
        events.append(entry)
    }

    mutating func finish(unparsed: inout UnparsedLines, events: inout [PostgresLogEntry]) {
        guard inQuotes || !fields.isEmpty else { return }
        // The file ends inside a quoted field: a truncated last record.
        firstLine.withUnsafeBufferPointer { unparsed.note($0, line: recordLine) }
        reset()
    }

    private mutating func reset() {
        fields = []
        field = []
        inQuotes = false
    }

    private func entry(from record: [[UInt8]]) -> PostgresLogEntry? {
        guard record.count > Column.message else { return nil }
        let time = record[Column.time].withUnsafeBufferPointer { b -> Double? in
            LogTimestamp.startsWithDate(b) ? LogTimestamp.parse(b, at: 0)?.seconds : nil
        }
        guard let time else { return nil }
        let pid = String(decoding: record[Column.pid], as: UTF8.self)
        let sessionID = String(decoding: record[Column.session], as: UTF8.self)
        let database = record[Column.database]
        return PostgresLogEntry(
            line: recordLine, time: time, session: sessionID.isEmpty ? pid : "\(pid):\(sessionID)",
            database: database.isEmpty ? nil : String(decoding: database, as: UTF8.self),
            severity: LogSeverity(text: String(decoding: record[Column.severity], as: UTF8.self)),
            message: record[Column.message],
            detail: record.count > Column.detail && !record[Column.detail].isEmpty ? record[Column.detail] : nil)
    }
}
