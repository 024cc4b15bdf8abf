/// The statements a database ran, grouped by fingerprint, from one or more sources.
///
/// Every source (pg_stat_statements, server logs, SQL files, slow logs, performance_schema) produces
/// this same value, so rules and the index advisor never care where the workload came from.
public struct Workload: Codable, Equatable, Sendable {
    /// Query groups, heaviest (total time) first once `sorted()` is applied.
    public var groups: [QueryGroup]
    /// Per-connection statement sequences, where the source records them (logs, not aggregates).
    public var sessions: [SessionTrace]
    /// Loops found while a log was read, when its reader detected them instead of keeping `sessions`.
    public var streamedLoops: StreamedLoops
    /// What was read: one line per source (`pg_stat_statements on 127.0.0.1:5432/shop`, `postgresql.csv`).
    public var sources: [String]
    /// Input that was not understood: counted and reported, never fatal.
    public var diagnostics: [WorkloadDiagnostic]

    public init(
        groups: [QueryGroup] = [], sessions: [SessionTrace] = [], sources: [String] = [],
        diagnostics: [WorkloadDiagnostic] = [], streamedLoops: StreamedLoops = StreamedLoops()
    ) {
        self.groups = groups
        self.sessions = sessions
        self.streamedLoops = streamedLoops
        self.sources = sources
        self.diagnostics = diagnostics
    }

    /// Sum of all groups' total time in ms.
    public var totalTimeMs: Double { groups.reduce(0) { $0 + $1.totalTimeMs } }

    /// Groups ordered by total time, heaviest first, ties by fingerprint id (deterministic).
    public func sorted() -> Workload {
        var copy = self
        copy.groups.sort { ($0.totalTimeMs, $1.fingerprint.id) > ($1.totalTimeMs, $0.fingerprint.id) }
        return copy
    }

    /// Merges another source's workload: groups with the same fingerprint add up.
    public func merged(with other: Workload) -> Workload {
        var byID: [String: QueryGroup] = [:]
        var order: [String] = []
        for group in groups + other.groups {
            if let existing = byID[group.fingerprint.id] {
                byID[group.fingerprint.id] = existing.merged(with: group)
            } else {
                byID[group.fingerprint.id] = group
                order.append(group.fingerprint.id)
            }
        }
        return Workload(
            groups: order.compactMap { byID[$0] }, sessions: sessions + other.sessions,
            sources: sources + other.sources, diagnostics: diagnostics + other.diagnostics,
            streamedLoops: streamedLoops.merged(with: other.streamedLoops))
    }
}

/// All executions of one statement shape.
public struct QueryGroup: Codable, Equatable, Sendable {
    public var fingerprint: Fingerprint
    /// A real statement of the group: literal values where the source kept them, else `$n` text.
    public var sampleText: String
    public var calls: Int
    /// Execution time over all calls, in ms.
    public var totalTimeMs: Double
    public var minTimeMs: Double?
    public var maxTimeMs: Double?
    /// Rows returned or affected over all calls, when the source counts them.
    public var rows: Int64?
    /// Database the statements ran in, when known.
    public var database: String?
    /// Where the evidence comes from, for reports (`pg_stat_statements queryid 812…`, `postgresql.log:1204`).
    public var origins: [String]
    /// A plan the server itself logged (auto_explain, MariaDB `# explain:` lines), with actual
    /// figures when it had them.
    public var loggedPlan: Plan?
    /// Per-execution counters the source recorded (slow log, performance_schema), summed over calls.
    public var counters: ExecutionCounters?
    /// Execution times of the timed calls as a fixed-size histogram (logs), for p95/p99.
    public var timeDistribution: TimeDistribution?
    /// Other statements of the group with different literals (at most `maxOtherSamples`), so a
    /// source without timings can still be planned with a representative value, not only the first.
    public var otherSamples: [String] = []
    /// How many of the group's statements the source compared when it filled `otherSamples`
    /// (0: the source keeps no literal texts, as pg_stat_statements). With no other samples, 2 or
    /// more means those statements all had `sampleText`'s very literals.
    public var sampledStatements = 0

    /// Most statements kept in `otherSamples`.
    public static let maxOtherSamples = 8

    public init(
        fingerprint: Fingerprint, sampleText: String, calls: Int, totalTimeMs: Double, minTimeMs: Double? = nil,
        maxTimeMs: Double? = nil, rows: Int64? = nil, database: String? = nil, origins: [String] = [],
        loggedPlan: Plan? = nil, counters: ExecutionCounters? = nil, timeDistribution: TimeDistribution? = nil
    ) {
        self.fingerprint = fingerprint
        self.sampleText = sampleText
        self.calls = calls
        self.totalTimeMs = totalTimeMs
        self.minTimeMs = minTimeMs
        self.maxTimeMs = maxTimeMs
        self.rows = rows
        self.database = database
        self.origins = origins
        self.loggedPlan = loggedPlan
        self.counters = counters
        self.timeDistribution = timeDistribution
    }

    /// Mean execution time in ms.
    public var meanTimeMs: Double { calls > 0 ? totalTimeMs / Double(calls) : 0 }

    /// The sum of two groups of the same fingerprint (keeps this group's sample text).
    public func merged(with other: QueryGroup) -> QueryGroup {
        var merged = self
        merged.calls += other.calls
        merged.totalTimeMs += other.totalTimeMs
        merged.minTimeMs = [minTimeMs, other.minTimeMs].compactMap { $0 }.min()
        merged.maxTimeMs = [maxTimeMs, other.maxTimeMs].compactMap { $0 }.max()
        if rows != nil || other.rows != nil { merged.rows = (rows ?? 0) + (other.rows ?? 0) }
        merged.database = database ?? other.database
        merged.origins += other.origins.filter { !origins.contains($0) }
        merged.loggedPlan = loggedPlan ?? other.loggedPlan
        if let mine = counters, let theirs = other.counters {
            merged.counters = mine.adding(theirs)
        } else {
            merged.counters = counters ?? other.counters
        }
        merged.sampledStatements += other.sampledStatements
        // The texts with the smallest stable hashes, as `LiteralSample` keeps them within a log, so
        // which texts are kept does not depend on the order the other sources come in.
        var samples = otherSamples
        for sample in [other.sampleText] + other.otherSamples where sample != sampleText && !samples.contains(sample) {
            samples.append(sample)
        }
        if samples.count > Self.maxOtherSamples {
            samples = samples.map { (StableTextHash.hash($0), $0) }.sorted { $0 < $1 }.prefix(Self.maxOtherSamples)
                .map(\.1)
        }
        merged.otherSamples = samples
        if var mine = timeDistribution, let theirs = other.timeDistribution {
            mine.merge(theirs)
            merged.timeDistribution = mine
        } else {
            merged.timeDistribution = timeDistribution ?? other.timeDistribution
        }
        return merged
    }
}

/// Work counters a source recorded per execution (MySQL/MariaDB slow log, mysql.slow_log,
/// performance_schema digests), summed over the `calls` executions that carried them.
///
/// `nil` means the source does not record that counter; 0 means it does and it never happened.
///
/// Kept as plain numbers (0 where unknown) and a bit per counter saying which are known: as eleven
/// optionals the struct took 161 bytes, and a copy past 128 bytes is a call to `memcpy`, which a
/// slow-log reader made several times per entry (a twentieth of its time); 90 bytes copy inline.
public struct ExecutionCounters: Codable, Equatable, Sendable {
    /// Executions these counters cover (a log may time a statement without its counters).
    public var calls: Int
    private var known: UInt16 = 0
    private var rowsExaminedValue: Int64 = 0
    private var rowsSentValue: Int64 = 0
    private var rowsAffectedValue: Int64 = 0
    private var lockTimeMsValue: Double = 0
    private var fullScansValue = 0
    private var fullJoinsValue = 0
    private var filesortsValue = 0
    private var tmpDiskTablesValue = 0
    private var readRndNextValue: Int64 = 0
    private var readKeyValue: Int64 = 0

    /// The bit of each counter in `known`.
    private enum Bit {
        static let rowsExamined: UInt16 = 1 << 0
        static let rowsSent: UInt16 = 1 << 1
        static let rowsAffected: UInt16 = 1 << 2
        static let lockTimeMs: UInt16 = 1 << 3
        static let fullScans: UInt16 = 1 << 4
        static let fullJoins: UInt16 = 1 << 5
        static let filesorts: UInt16 = 1 << 6
        static let tmpDiskTables: UInt16 = 1 << 7
        static let readRndNext: UInt16 = 1 << 8
        static let readKey: UInt16 = 1 << 9
    }

    public var rowsExamined: Int64? {
        get { value(rowsExaminedValue, Bit.rowsExamined) }
        set { Self.store(newValue, &rowsExaminedValue, Bit.rowsExamined, &known) }
    }
    public var rowsSent: Int64? {
        get { value(rowsSentValue, Bit.rowsSent) }
        set { Self.store(newValue, &rowsSentValue, Bit.rowsSent, &known) }
    }
    public var rowsAffected: Int64? {
        get { value(rowsAffectedValue, Bit.rowsAffected) }
        set { Self.store(newValue, &rowsAffectedValue, Bit.rowsAffected, &known) }
    }
    public var lockTimeMs: Double? {
        get { value(lockTimeMsValue, Bit.lockTimeMs) }
        set { Self.store(newValue, &lockTimeMsValue, Bit.lockTimeMs, &known) }
    }
    /// Executions that read a table without an index (`Full_scan: Yes`, `SUM_SELECT_SCAN`,
    /// `SUM_NO_INDEX_USED`).
    public var fullScans: Int? {
        get { value(fullScansValue, Bit.fullScans) }
        set { Self.store(newValue, &fullScansValue, Bit.fullScans, &known) }
    }
    /// Executions that joined without an index on the inner table (`Full_join: Yes`, `SUM_SELECT_FULL_JOIN`).
    public var fullJoins: Int? {
        get { value(fullJoinsValue, Bit.fullJoins) }
        set { Self.store(newValue, &fullJoinsValue, Bit.fullJoins, &known) }
    }
    /// Executions that sorted rows (`Filesort: Yes`, `Sort_scan_count`/`Sort_range_count` > 0).
    public var filesorts: Int? {
        get { value(filesortsValue, Bit.filesorts) }
        set { Self.store(newValue, &filesortsValue, Bit.filesorts, &known) }
    }
    /// Executions that created an on-disk temporary table.
    public var tmpDiskTables: Int? {
        get { value(tmpDiskTablesValue, Bit.tmpDiskTables) }
        set { Self.store(newValue, &tmpDiskTablesValue, Bit.tmpDiskTables, &known) }
    }
    /// Handler counters of MySQL's `log_slow_extra`: rows read in table order (a scan) and by key.
    public var readRndNext: Int64? {
        get { value(readRndNextValue, Bit.readRndNext) }
        set { Self.store(newValue, &readRndNextValue, Bit.readRndNext, &known) }
    }
    public var readKey: Int64? {
        get { value(readKeyValue, Bit.readKey) }
        set { Self.store(newValue, &readKeyValue, Bit.readKey, &known) }
    }

    public init(
        calls: Int, rowsExamined: Int64? = nil, rowsSent: Int64? = nil, rowsAffected: Int64? = nil,
        lockTimeMs: Double? = nil, fullScans: Int? = nil, fullJoins: Int? = nil, filesorts: Int? = nil,
        tmpDiskTables: Int? = nil, readRndNext: Int64? = nil, readKey: Int64? = nil
    ) {
        self.calls = calls
        self.rowsExamined = rowsExamined
        self.rowsSent = rowsSent
        self.rowsAffected = rowsAffected
        self.lockTimeMs = lockTimeMs
        self.fullScans = fullScans
        self.fullJoins = fullJoins
        self.filesorts = filesorts
        self.tmpDiskTables = tmpDiskTables
        self.readRndNext = readRndNext
        self.readKey = readKey
    }

    @inline(__always)
    private func value<T>(_ stored: T, _ bit: UInt16) -> T? { known & bit != 0 ? stored : nil }

    /// Stores `value` (0 when nil, so equal counters compare equal) and whether it is known.
    @inline(__always)
    private static func store<T: AdditiveArithmetic>(
        _ value: T?, _ stored: inout T, _ bit: UInt16, _ known: inout UInt16
    ) {
        if let value {
            stored = value
            known |= bit
        } else {
            stored = .zero
            known &= ~bit
        }
    }

    /// Mean rows examined per covered execution.
    public var meanRowsExamined: Double? { rowsExamined.map { calls > 0 ? Double($0) / Double(calls) : 0 } }
    /// Mean rows sent per covered execution.
    public var meanRowsSent: Double? { rowsSent.map { calls > 0 ? Double($0) / Double(calls) : 0 } }

    /// The counters of both, added; a counter only one side records keeps that side's value.
    public func adding(_ other: ExecutionCounters) -> ExecutionCounters {
        var both = self
        both.add(other)
        return both
    }

    /// Adds `other`'s counts to these (`adding` in place: log readers add one execution's counters
    /// to their group's for every statement). A counter `other` does not know is 0 there, so the
    /// integers are added as they are; the lock time only when known (`-0.0 + 0` is `0`).
    public mutating func add(_ other: ExecutionCounters) {
        calls += other.calls
        rowsExaminedValue += other.rowsExaminedValue
        rowsSentValue += other.rowsSentValue
        rowsAffectedValue += other.rowsAffectedValue
        if other.known & Bit.lockTimeMs != 0 {
            lockTimeMsValue =
                known & Bit.lockTimeMs != 0 ? lockTimeMsValue + other.lockTimeMsValue : other.lockTimeMsValue
        }
        fullScansValue += other.fullScansValue
        fullJoinsValue += other.fullJoinsValue
        filesortsValue += other.filesortsValue
        tmpDiskTablesValue += other.tmpDiskTablesValue
        readRndNextValue += other.readRndNextValue
        readKeyValue += other.readKeyValue
        known |= other.known
    }

    private enum CodingKeys: String, CodingKey {
        case calls, rowsExamined, rowsSent, rowsAffected, lockTimeMs, fullScans, fullJoins, filesorts,
            tmpDiskTables, readRndNext, readKey
    }

    /// As the synthesized conformance of the optionals read: absent keys are unknown counters.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            calls: try c.decode(Int.self, forKey: .calls),
            rowsExamined: try c.decodeIfPresent(Int64.self, forKey: .rowsExamined),
            rowsSent: try c.decodeIfPresent(Int64.self, forKey: .rowsSent),
            rowsAffected: try c.decodeIfPresent(Int64.self, forKey: .rowsAffected),
            lockTimeMs: try c.decodeIfPresent(Double.self, forKey: .lockTimeMs),
            fullScans: try c.decodeIfPresent(Int.self, forKey: .fullScans),
            fullJoins: try c.decodeIfPresent(Int.self, forKey: .fullJoins),
            filesorts: try c.decodeIfPresent(Int.self, forKey: .filesorts),
            tmpDiskTables: try c.decodeIfPresent(Int.self, forKey: .tmpDiskTables),
            readRndNext: try c.decodeIfPresent(Int64.self, forKey: .readRndNext),
            readKey: try c.decodeIfPresent(Int64.self, forKey: .readKey))
    }

    /// As the synthesized conformance of the optionals wrote: unknown counters are left out.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(calls, forKey: .calls)
        try c.encodeIfPresent(rowsExamined, forKey: .rowsExamined)
        try c.encodeIfPresent(rowsSent, forKey: .rowsSent)
        try c.encodeIfPresent(rowsAffected, forKey: .rowsAffected)
        try c.encodeIfPresent(lockTimeMs, forKey: .lockTimeMs)
        try c.encodeIfPresent(fullScans, forKey: .fullScans)
        try c.encodeIfPresent(fullJoins, forKey: .fullJoins)
        try c.encodeIfPresent(filesorts, forKey: .filesorts)
        try c.encodeIfPresent(tmpDiskTables, forKey: .tmpDiskTables)
        try c.encodeIfPresent(readRndNext, forKey: .readRndNext)
        try c.encodeIfPresent(readKey, forKey: .readKey)
    }
}

/// The statements one connection ran, in order (the evidence N+1 detection needs).
public struct SessionTrace: Codable, Equatable, Sendable {
    /// Connection identity within its source: backend pid + session id, MySQL thread id.
    public var session: String
    public var events: [SessionEvent]

    public init(session: String, events: [SessionEvent]) {
        self.session = session
        self.events = events
    }
}

/// One statement execution on a connection.
public struct SessionEvent: Codable, Equatable, Sendable {
    /// Fingerprint id of the statement's group.
    public var fingerprintID: String
    /// Seconds since the epoch when the statement ended (or started, per source), when known.
    public var time: Double?
    public var durationMs: Double
    public var rows: Int64?

    public init(fingerprintID: String, time: Double?, durationMs: Double, rows: Int64? = nil) {
        self.fingerprintID = fingerprintID
        self.time = time
        self.durationMs = durationMs
        self.rows = rows
    }
}

/// Input a workload source could not use, with where it was.
public struct WorkloadDiagnostic: Codable, Equatable, Sendable, CustomStringConvertible {
    /// `file:line`, `pg_stat_statements`, …
    public var location: String
    public var message: String
    /// How many times this same problem occurred (e.g. unparsed lines of one kind).
    public var count: Int

    public init(location: String, message: String, count: Int = 1) {
        self.location = location
        self.message = message
        self.count = count
    }

    public var description: String {
        count > 1 ? "\(location): \(message) (\(count) times)" : "\(location): \(message)"
    }
}
