#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a PostgreSQL log can be cut into chunks that read on their own as they read in the whole
/// log: line starts where no entry goes on, found on the reading thread with every line in order.
///
/// - stderr: a line that is not a continuation (not empty, not indented with a tab or a space).
/// - csvlog: a line outside any quoted field, which `CSVEntryReader`'s quoting rules (mirrored
///   here, its cap on a record's lines included) tell.
/// - jsonlog: any line, except while a Cloud SQL entry may still take continuation records: then
///   only a Cloud SQL record whose text does not start with an escape or a tab (it ends the entry).
///
/// A stretch with no such line for `maxEntryBytes` is cut anyway (the rest of the entry then reads
/// as lines of their own), at the same place whatever the chunk size.
struct PostgresEntryBoundary {
    /// An entry this long is cut: chunks stay bounded, like `LineReader.maxLineBytes` lines.
    static let maxEntryBytes = 256 << 20

    let format: LogFormat
    private var sinceBoundary = 0
    // csvlog
    private var inQuotes = false
    private var atFieldStart = true
    private var recordLines = 0
    // jsonlog
    private var cloudSQLOpen = false

    init(format: LogFormat) {
        self.format = format
    }

    /// Whether a chunk may start with `line` (without its `\n` and one `\r`); then reads past it.
    mutating func startsChunk(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var boundary: Bool
        switch format {
        case .postgresCSV: boundary = !inQuotes
        case .postgresJSON: boundary = !cloudSQLOpen || Self.endsCloudSQLEntry(line)
        case .postgresStderr, .mysqlSlow: boundary = !line.isEmpty && line[0] != 0x09 && line[0] != 0x20
        }
        if !boundary && sinceBoundary + line.count + 1 > Self.maxEntryBytes {
            boundary = true
            inQuotes = false
            cloudSQLOpen = false
        }
        if boundary { sinceBoundary = 0 }
        sinceBoundary += line.count + 1
        switch format {
        case .postgresCSV: readCSV(line)
        case .postgresJSON: if Self.cloudSQLPayload(line) != nil { cloudSQLOpen = true }
        case .postgresStderr, .mysqlSlow: break
        }
        return boundary
    }

    /// Follows `CSVEntryReader.feed`'s quoting: a quote opens a quoted field only at the field's start.
    private mutating func readCSV(_ line: UnsafeBufferPointer<UInt8>) {
        if inQuotes {
            // The quoted field goes on with a newline.
            recordLines += 1
            atFieldStart = false
        } else {
            if line.isEmpty { return }
            recordLines = 1
            atFieldStart = true
        }
        guard let base = line.baseAddress else { return endRecordIfDone() }
        // From quote to quote: outside quotes, a quote opens a field's quoting only right after
        // a comma (or where a field already started empty), and nothing else in between matters.
        var i = 0
        while i < line.count, let hit = memchr(base + i, 0x22, line.count - i) {
            let q = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if inQuotes {
                if q + 1 < line.count, line[q + 1] == 0x22 {
                    atFieldStart = false
                    i = q + 2
                } else {
                    if q > i { atFieldStart = false }
                    inQuotes = false
                    i = q + 1
                }
                continue
            }
            let fieldStart = q == i ? atFieldStart : line[q - 1] == 0x2C
            if fieldStart {
                inQuotes = true
            }
            atFieldStart = false
            i = q + 1
        }
        endRecordIfDone()
    }

    private mutating func endRecordIfDone() {
        if inQuotes && recordLines < CSVEntryReader.maxRecordLines { return }
        inQuotes = false
    }

    private static let textPayload = Array("\"textPayload\"".utf8)
    private static let record = Array("\"record\"".utf8)

    /// Index of the first byte of a Cloud SQL record's `textPayload` string, if the line has one.
    static func cloudSQLPayload(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let key = find(textPayload, in: line) else { return nil }
        var i = key + textPayload.count
        while i < line.count, line[i] == 0x20 { i += 1 }
        guard i < line.count, line[i] == 0x3A else { return nil }
        i += 1
        while i < line.count, line[i] == 0x20 { i += 1 }
        guard i < line.count, line[i] == 0x22 else { return nil }
        return i + 1
    }

    /// Whether `line` is a whole Cloud SQL record whose text cannot be a continuation line (which
    /// starts with a tab, written `\t`): reading it ends the open entry.
    static func endsCloudSQLEntry(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var first = 0
        var last = line.count - 1
        while first <= last, line[first] == 0x20 { first += 1 }
        while last >= first, line[last] == 0x20 { last -= 1 }
        guard first < last, line[first] == 0x7B, line[last] == 0x7D, find(record, in: line) == nil,
            let start = cloudSQLPayload(line), start < line.count
        else { return false }
        return line[start] != 0x5C && line[start] != 0x09 && line[start] != 0x22
    }

    /// Where `needle` (starting with a quote) first occurs in `line`.
    private static func find(_ needle: [UInt8], in line: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = line.baseAddress else { return nil }
        var at = 0
        while at + needle.count <= line.count, let hit = memchr(base + at, Int32(needle[0]), line.count - at) {
            let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            guard i + needle.count <= line.count else { return nil }
            if (1..<needle.count).allSatisfy({ line[i + $0] == needle[$0] }) { return i }
            at = i + 1
        }
        return nil
    }
}
