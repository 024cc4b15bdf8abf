import AdvisorCore

/// One slow-log entry being read: its header attributes, its statement and MariaDB `# explain:` lines.
struct SlowLogEntry {
    /// Statements are cut here, so a runaway multi-line entry cannot exhaust memory.
    static let maxStatementBytes = 64 << 20
    /// More `# explain:` lines than this (a huge UNION) are dropped; the plan keeps the first ones.
    static let maxExplainLines = 1_000

    /// What the entry's header lines said: plain values only, so the next entry starts from a
    /// fresh one with a few stores (building a whole entry and copying it over this one, for every
    /// entry, showed in profiles).
    struct Header: Equatable {
        var sawTime = false
        var sawUserHost = false
        var sawQueryTime = false
        /// `# Time:` (the end of the statement on MySQL).
        var time: Double?
        /// `SET timestamp=N;` (its start, whole seconds).
        var timestamp: Double?
        /// `Id:` of User@Host (MySQL 5.6+) or `Thread_id:`.
        var threadID: Int64?
        var queryTimeSeconds: Double?
        var lockTimeSeconds: Double?
        var rowsSent: Int64?
        var rowsExamined: Int64?
        var rowsAffected: Int64?
        var fullScan: Bool?
        var fullJoin: Bool?
        var filesort: Bool?
        var tmpTableOnDisk: Bool?
        var tmpDiskTables: Int64?
        var readRndNext: Int64?
        var readKey: Int64?
        var sortScanCount: Int64?
        var sortRangeCount: Int64?
        var createdTmpDiskTables: Int64?
        /// Whether the statement's last non-blank line ends with `;`: the servers end every logged
        /// statement so, which is what tells a new entry's `#` line from a `#` line inside a statement.
        var statementEnded = false
        var statementCut = false
        var isAdministratorCommand = false
        var explainLines = 0
    }

    /// Line of the entry's first line.
    var line: Int
    var header = Header()
    /// `use db;` before the statement.
    var useDatabase: String?
    /// Percona/MariaDB `Schema:`.
    var schema: String?
    /// The statement's bytes, lines joined by `\n`, when not `borrowed`.
    private(set) var statement: [UInt8] = []
    /// The statement's lines where the reader's buffer holds them (valid while it reads that buffer).
    private var borrowed: UnsafeBufferPointer<UInt8>?

    /// The statement where the reader's buffer holds it, nil when `statement` has it.
    var borrowedStatement: UnsafeBufferPointer<UInt8>? { borrowed }
    /// `# explain:` lines without their marker, joined by `\n` (one buffer: no string per line, and
    /// its memory kept from entry to entry); empty when the entry had none (`header.explainLines`).
    private(set) var explain: [UInt8] = []

    init(line: Int) {
        self.line = line
    }

    /// Starts over as the entry at `line`, keeping the statement buffer's memory (one buffer serves
    /// every entry a reader reads).
    mutating func reset(line: Int) {
        self.line = line
        header = Header()
        useDatabase = nil
        schema = nil
        statement.removeAll(keepingCapacity: true)
        borrowed = nil
        explain.removeAll(keepingCapacity: true)
    }

    /// Reads the `Key: value` pairs of a `#` line; `names` makes the `Schema:` strings.
    mutating func readAttributes(_ b: UnsafeBufferPointer<UInt8>, names: inout NameCache) {
        let start = SlowLogHeader.textStart(b)
        readKeyByKey(b, from: readInServerOrder(b, from: start, &names), names: &names)
    }

    /// The pairs from `index` on, each key found and looked up by its name: how any line is read
    /// past the pairs `readInServerOrder` found.
    mutating func readKeyByKey(_ b: UnsafeBufferPointer<UInt8>, from index: Int, names: inout NameCache) {
        SlowLogHeader.forEachAttribute(b, from: index) { key, value in
            guard let attribute = SlowLogAttribute.named(b, key) else { return }
            set(attribute, b, value, &names)
        }
    }

    /// The servers write each attribute line with the same keys in the same order (sql/log.cc of
    /// MySQL, Percona and MariaDB): the line's pairs are matched against that order, as
    /// `forEachAttribute` would read them but without finding each key's end and looking its name
    /// up, and the index where the key-by-key read must go on is returned (at the first pair that
    /// differs, or whose value is empty).
    private mutating func readInServerOrder(
        _ b: UnsafeBufferPointer<UInt8>, from start: Int, _ names: inout NameCache
    ) -> Int {
        // Told by the first key's first bytes (a wrong guess costs one compare). Each case names
        // its own static order: one array per kind of line, none built per line.
        guard start + 6 < b.count else { return start }
        switch (b[start], b[start + 1]) {
        case (0x51, 0x75):  // Qu
            // Every server's first four pairs one by one, each key and attribute known where it is
            // read (a loop over them cost ~200 instructions more a line), then log_slow_extra's.
            var i = start
            guard let time = Self.value(after: "Query_time:", in: b, at: &i) else { return i }
            set(.queryTime, b, time, &names)
            guard let lock = Self.value(after: "Lock_time:", in: b, at: &i) else { return i }
            set(.lockTime, b, lock, &names)
            guard let sent = Self.value(after: "Rows_sent:", in: b, at: &i) else { return i }
            set(.rowsSent, b, sent, &names)
            guard let examined = Self.value(after: "Rows_examined:", in: b, at: &i) else { return i }
            set(.rowsExamined, b, examined, &names)
            return read(b, from: i, in: Self.logSlowExtraCounters, &names)
        case (0x54, 0x68): return read(b, from: start, in: Self.threadLine, &names)  // Th
        case (0x52, 0x6F): return read(b, from: start, in: Self.rowsAffectedLine, &names)  // Ro
        case (0x50, 0x61) where b[start + 6] == 0x61: return read(b, from: start, in: Self.pagesLine, &names)
        case (0x50, 0x61): return read(b, from: start, in: Self.pagesTimeLine, &names)  // Pages_r
        case (0x54, 0x6D): return read(b, from: start, in: Self.tmpTablesLine, &names)  // Tm
        case (0x46, 0x75): return read(b, from: start, in: Self.fullScanLine, &names)  // Fu
        case (0x46, 0x69): return read(b, from: start, in: Self.filesortLine, &names)  // Fi
        case (0x51, 0x43): return read(b, from: start, in: Self.perconaQCHitLine, &names)  // QC
        case (0x42, 0x79): return read(b, from: start, in: Self.perconaBytesSentLine, &names)  // By
        case (0x53, 0x63): return read(b, from: start, in: Self.perconaSchemaLine, &names)  // Sc
        default: return start
        }
    }

    /// The line's pairs from `start` on while they follow `order`; nil attributes are not kept,
    /// their values only passed over.
    @inline(__always)
    private mutating func read(
        _ b: UnsafeBufferPointer<UInt8>, from start: Int, in order: [(key: StaticString, attribute: SlowLogAttribute?)],
        _ names: inout NameCache
    ) -> Int {
        var i = start
        for (name, attribute) in order {
            guard let value = Self.value(after: name, in: b, at: &i) else { break }
            if let attribute { set(attribute, b, value, &names) }
        }
        return i
    }

    /// MySQL 8's `log_slow_extra` counters after every server's `Query_time: N  Lock_time: N
    /// Rows_sent: N  Rows_examined: N`.
    private static let logSlowExtraCounters: [(key: StaticString, attribute: SlowLogAttribute?)] = [
        ("Thread_id:", .threadID), ("Errno:", nil), ("Killed:", nil),
        ("Bytes_received:", nil), ("Bytes_sent:", nil), ("Read_first:", nil), ("Read_last:", nil),
        ("Read_key:", .readKey), ("Read_next:", nil), ("Read_prev:", nil), ("Read_rnd:", nil),
        ("Read_rnd_next:", .readRndNext), ("Sort_merge_passes:", nil), ("Sort_range_count:", .sortRangeCount),
        ("Sort_rows:", nil), ("Sort_scan_count:", .sortScanCount),
        ("Created_tmp_disk_tables:", .createdTmpDiskTables), ("Created_tmp_tables:", nil), ("Start:", nil),
        ("End:", nil),
    ]
    // MariaDB 10.x (facts.md: 10.11 with `log_slow_verbosity=query_plan,explain,innodb`).
    private static let threadLine: [(key: StaticString, attribute: SlowLogAttribute?)] = [
        ("Thread_id:", .threadID), ("Schema:", .schema), ("QC_hit:", nil),
    ]
    private static let rowsAffectedLine: [(key: StaticString, attribute: SlowLogAttribute?)] = [
        ("Rows_affected:", .rowsAffected), ("Bytes_sent:", nil),
    ]
    private static let pagesLine: [(key: StaticString, attribute: SlowLogAttribute?)] = [
        ("Pages_accessed:", nil), ("Pages_read:", nil), ("Pages_prefetched:", nil), ("Pages_updated:", nil),
        ("Old_rows_read:", nil),
    ]
    private static let pagesTimeLine: [(key: StaticString, attribute: SlowLogAttribute?)] = [
        ("Pages_read_time:", nil), ("Engine_time:", nil),
    ]
    private static let tmpTablesLine: [(key: StaticString, attribute: SlowLogAttribute?)] = [
        ("Tmp_tables:", nil), ("Tmp_disk_tables:", .tmpDiskTables), ("Tmp_table_sizes:", nil),
    ]
    private static let fullScanLine: [(key: StaticString, attribute: SlowLogAttribute?)] = [
        ("Full_scan:", .fullScan), ("Full_join:", .fullJoin), ("Tmp_table:", nil),
        ("Tmp_table_on_disk:", .tmpTableOnDisk),
    ]
    private static let filesortLine: [(key: StaticString, attribute: SlowLogAttribute?)] = [
        ("Filesort:", .filesort), ("Filesort_on_disk:", nil), ("Merge_passes:", nil), ("Priority_queue:", nil),
    ]
    // Percona Server (the corpus's logs).
    private static let perconaQCHitLine: [(key: StaticString, attribute: SlowLogAttribute?)] = [
        ("QC_Hit:", nil), ("Full_scan:", .fullScan), ("Full_join:", .fullJoin), ("Tmp_table:", nil),
        ("Tmp_table_on_disk:", .tmpTableOnDisk),
    ]
    private static let perconaBytesSentLine: [(key: StaticString, attribute: SlowLogAttribute?)] = [
        ("Bytes_sent:", nil), ("Tmp_tables:", nil), ("Tmp_disk_tables:", .tmpDiskTables), ("Tmp_table_sizes:", nil),
    ]
    private static let perconaSchemaLine: [(key: StaticString, attribute: SlowLogAttribute?)] = [
        ("Schema:", .schema), ("Last_errno:", nil), ("Killed:", nil),
    ]

    /// The value after `key` where the next pair from `i` on is `key` and a value (not the next
    /// key, which would stand for an empty value); `i` then points past the value.
    @inline(__always)
    private static func value(
        after key: StaticString, in b: UnsafeBufferPointer<UInt8>, at i: inout Int
    ) -> Range<Int>? {
        var k = i
        while k < b.count, b[k] == 0x20 || b[k] == 0x09 || b[k] == 0x23 { k += 1 }
        guard SlowLogHeader.hasPrefix(b, k, key) else { return nil }
        k += key.utf8CodeUnitCount
        while k < b.count, b[k] == 0x20 || b[k] == 0x09 { k += 1 }
        let end = SlowLogHeader.wordEnd(b, from: k)
        // An empty value, or a word ending in `:` (perhaps the next key): the key-by-key read decides.
        guard end > k, b[end - 1] != 0x3A else { return nil }
        i = end
        return k..<end
    }

    private mutating func set(
        _ attribute: SlowLogAttribute, _ b: UnsafeBufferPointer<UInt8>, _ value: Range<Int>, _ names: inout NameCache
    ) {
        switch attribute {
        case .queryTime:
            header.sawQueryTime = true
            header.queryTimeSeconds = SlowLogHeader.decimal(b, value)
        case .lockTime: header.lockTimeSeconds = SlowLogHeader.decimal(b, value)
        case .rowsSent: header.rowsSent = SlowLogHeader.integer(b, value)
        case .rowsExamined: header.rowsExamined = SlowLogHeader.integer(b, value)
        case .rowsAffected: header.rowsAffected = SlowLogHeader.integer(b, value)
        case .threadID: header.threadID = SlowLogHeader.integer(b, value) ?? header.threadID
        case .schema:
            schema = value.isEmpty ? nil : names.name(UnsafeBufferPointer(rebasing: b[value]))
        case .fullScan: header.fullScan = SlowLogHeader.flag(b, value)
        case .fullJoin: header.fullJoin = SlowLogHeader.flag(b, value)
        case .filesort: header.filesort = SlowLogHeader.flag(b, value)
        case .tmpTableOnDisk: header.tmpTableOnDisk = SlowLogHeader.flag(b, value)
        case .tmpDiskTables: header.tmpDiskTables = SlowLogHeader.integer(b, value)
        case .readRndNext: header.readRndNext = SlowLogHeader.integer(b, value)
        case .readKey: header.readKey = SlowLogHeader.integer(b, value)
        case .sortScanCount: header.sortScanCount = SlowLogHeader.integer(b, value)
        case .sortRangeCount: header.sortRangeCount = SlowLogHeader.integer(b, value)
        case .createdTmpDiskTables: header.createdTmpDiskTables = SlowLogHeader.integer(b, value)
        }
    }

    /// Appends the text of one `# explain:` line (past `maxExplainLines`, dropped).
    mutating func appendExplain(_ b: UnsafeBufferPointer<UInt8>) {
        guard header.explainLines < Self.maxExplainLines else { return }
        if header.explainLines > 0 { explain.append(0x0A) }
        explain.append(contentsOf: b)
        header.explainLines += 1
    }

    /// Appends one line of the statement. A statement whose lines lie one after the other in the
    /// buffer being read is only pointed at (`borrowed`), not copied, until `keep()`.
    mutating func appendStatement(_ b: UnsafeBufferPointer<UInt8>) {
        guard !header.statementCut else { return }
        let current = borrowed?.count ?? statement.count
        if current + b.count + 1 > Self.maxStatementBytes {
            header.statementCut = true
            return
        }
        if let held = borrowed, let start = held.baseAddress, let next = b.baseAddress {
            if next == start + held.count + 1 && start[held.count] == 0x0A {
                borrowed = UnsafeBufferPointer(start: start, count: held.count + 1 + b.count)
            } else {
                keep()
                statement.append(0x0A)
                statement.append(contentsOf: b)
            }
        } else if statement.isEmpty && borrowed == nil {
            borrowed = b
        } else {
            statement.append(0x0A)
            statement.append(contentsOf: b)
        }
        var end = b.count
        while end > 0, b[end - 1] == 0x20 || b[end - 1] == 0x09 { end -= 1 }
        if end > 0 { header.statementEnded = b[end - 1] == 0x3B }
    }

    /// Copies a borrowed statement into the entry's own buffer (before the buffer it points into goes).
    mutating func keep() {
        guard let held = borrowed else { return }
        borrowed = nil
        statement.append(contentsOf: held)
    }

    /// Calls `body` with the statement's bytes, lines joined by `\n`.
    func withStatement<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let borrowed { return body(borrowed) }
        return statement.withUnsafeBufferPointer(body)
    }

    /// Length of the statement as pt-query-digest reads it (0: no statement): trailing blank lines
    /// and the `;` the server appended removed.
    var statementLength: Int {
        withStatement { statement in
            var end = statement.count
            while end > 0, statement[end - 1] <= 0x20 { end -= 1 }
            if end > 0, statement[end - 1] == 0x3B { end -= 1 }
            while end > 0, statement[end - 1] <= 0x20 { end -= 1 }
            return end
        }
    }

    /// What the entry records, for its group: `statementLength`, the duration in ms, rows sent
    /// and affected, and the counters.
    mutating func figures() -> (
        statementLength: Int, durationMs: Double?, rows: Int64?, counters: ExecutionCounters?
    ) {
        let length = statementLength
        return (length, header.queryTimeSeconds.map { $0 * 1000 }, header.rows, header.counters)
    }
}

extension SlowLogEntry.Header {
    // Both inlined: called on the entry's header, a getter was handed a copy of it (a call to memcpy
    // per entry).
    /// Rows sent plus rows affected, when either is known.
    @inline(__always)
    var rows: Int64? {
        rowsSent == nil && rowsAffected == nil ? nil : (rowsSent ?? 0) + (rowsAffected ?? 0)
    }

    /// Per-execution counters; nil when the entry carries none (a bare MySQL 5.0 entry still has its
    /// Query_time line, so in practice only hand-made logs lack them).
    @inline(__always)
    var counters: ExecutionCounters? {
        guard sawQueryTime else { return nil }
        func count(_ flag: Bool?) -> Int? { flag.map { $0 ? 1 : 0 } }
        // 1 when either count is positive, 0 when both known ones are 0, nil when neither is known
        // (no variadic array: this runs for every entry).
        func positive(_ a: Int64?, _ b: Int64?) -> Int? {
            if a == nil && b == nil { return nil }
            return (a ?? 0) > 0 || (b ?? 0) > 0 ? 1 : 0
        }
        return ExecutionCounters(
            calls: 1, rowsExamined: rowsExamined, rowsSent: rowsSent, rowsAffected: rowsAffected,
            lockTimeMs: lockTimeSeconds.map { $0 * 1000 }, fullScans: count(fullScan), fullJoins: count(fullJoin),
            // MariaDB/Percona say Filesort: Yes; MySQL 8's log_slow_extra counts sorts by scan or range.
            filesorts: count(filesort) ?? positive(sortScanCount, sortRangeCount),
            tmpDiskTables: count(tmpTableOnDisk) ?? positive(tmpDiskTables, createdTmpDiskTables),
            readRndNext: readRndNext, readKey: readKey)
    }
}

/// Makes a `String` of a name the log repeats (`use shop;` before every entry) once, not per entry.
struct NameCache {
    private var bytes: [UInt8] = []
    private var last: String?

    /// The name spelled by `b`.
    mutating func name(_ b: UnsafeBufferPointer<UInt8>) -> String {
        if let last, bytes.count == b.count, bytes.elementsEqual(b) { return last }
        let made = String(decoding: b, as: UTF8.self)
        bytes = Array(b)
        last = made
        return made
    }
}
