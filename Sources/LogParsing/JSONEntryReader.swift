/// Events of a jsonlog (one object per line), also inside vendor wrappers: CloudNativePG
/// (`{"logger":"postgres","record":{csvlog column names}}`) and Cloud SQL (`textPayload` holds a
/// stderr line without timestamp).
struct JSONEntryReader: PostgresEntryReader {
    /// The Cloud SQL event still collecting continuation records.
    private var cloudSQLEntry: PostgresLogEntry?

    mutating func feed(
        _ line: UnsafeBufferPointer<UInt8>, number: Int, unparsed: inout UnparsedLines,
        events: inout [PostgresLogEntry]
    ) {
        guard line.contains(where: { $0 > 0x20 }) else { return }
        guard let object = JSONObjectScanner(line) else {
            unparsed.note(line, line: number)
            return
        }
        if case .nested(let range)? = object.value("record"), let record = JSONObjectScanner(line, at: range.lowerBound)
        {
            guard let entry = cloudNativePG(record, number) else { return unparsed.note(line, line: number) }
            return events.append(entry)
        }
        if case .string(let range)? = object.value("textPayload") {
            let payload = JSONObjectScanner.unescape(line, range)
            // Cloud SQL writes each continuation line (tab-indented) as its own record.
            if payload.first == 0x09, cloudSQLEntry != nil {
                cloudSQLEntry!.message.append(0x0A)
                cloudSQLEntry!.message.append(contentsOf: payload.dropFirst())
                return
            }
            if let entry = cloudSQLEntry { events.append(entry) }
            cloudSQLEntry = cloudSQL(object, payload, number)
            if cloudSQLEntry == nil { unparsed.note(line, line: number) }
            return
        }
        // CloudNativePG's own messages (operator, WAL archiving) are not server log events.
        if let logger = object.string("logger"), logger != "postgres" { return }
        guard let entry = jsonlog(object, number) else { return unparsed.note(line, line: number) }
        events.append(entry)
    }

    mutating func finish(unparsed: inout UnparsedLines, events: inout [PostgresLogEntry]) {
        if let entry = cloudSQLEntry { events.append(entry) }
        cloudSQLEntry = nil
    }

    /// PostgreSQL 15+ jsonlog keys: timestamp, pid, session_id, dbname, error_severity, message, detail.
    private func jsonlog(_ o: JSONObjectScanner, _ number: Int) -> PostgresLogEntry? {
        guard let severity = o.string("error_severity"), let message = o.bytesOf("message") else { return nil }
        return entry(
            o, number, time: o.bytesOf("timestamp"), pid: o.string("pid"), session: o.string("session_id"),
            database: o.string("dbname"), severity: severity, message: message, detail: o.bytesOf("detail"))
    }

    private func cloudNativePG(_ o: JSONObjectScanner, _ number: Int) -> PostgresLogEntry? {
        guard let severity = o.string("error_severity"), let message = o.bytesOf("message") else { return nil }
        return entry(
            o, number, time: o.bytesOf("log_time"), pid: o.string("process_id"), session: o.string("session_id"),
            database: o.string("database_name"), severity: severity, message: message, detail: o.bytesOf("detail"))
    }

    private func cloudSQL(_ o: JSONObjectScanner, _ payload: [UInt8], _ number: Int) -> PostgresLogEntry? {
        payload.withUnsafeBufferPointer { b -> PostgresLogEntry? in
            guard let match = GenericPrefix.match(b) else { return nil }
            let time = o.bytesOf("timestamp")?.withUnsafeBufferPointer { LogTimestamp.parse($0, at: 0)?.seconds }
            var database = match.database.map { String(decoding: UnsafeBufferPointer(rebasing: b[$0]), as: UTF8.self) }
            if database == "[unknown]" { database = nil }
            return PostgresLogEntry(
                line: number, time: time, session: match.pid.map(String.init) ?? "unknown", database: database,
                severity: match.severity, message: Array(b[match.messageStart...]), detail: nil)
        }
    }

    private func entry(
        _ o: JSONObjectScanner, _ number: Int, time: [UInt8]?, pid: String?, session: String?, database: String?,
        severity: String, message: [UInt8], detail: [UInt8]?
    ) -> PostgresLogEntry {
        let seconds = time?.withUnsafeBufferPointer { LogTimestamp.parse($0, at: 0)?.seconds }
        let pid = pid ?? "unknown"
        return PostgresLogEntry(
            line: number, time: seconds, session: session.map { "\(pid):\($0)" } ?? pid,
            database: database?.isEmpty == false ? database : nil, severity: LogSeverity(text: severity),
            message: message, detail: detail)
    }
}
