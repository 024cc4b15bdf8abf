/// The statements a database ran, grouped by fingerprint, from one or more sources.
///
/// Every source (pg_stat_statements, server logs, SQL files, slow logs, performance_schema) produces
/// this same value, so rules and the index advisor never care where the workload came from.
public struct Workload: Codable, Equatable, Sendable {
    /// Query groups, heaviest (total time) first once `sorted()` is applied.
    public var groups: [QueryGroup]
    /// Per-connection statement sequences, where the source records them (logs, not aggregates).
    public var sessions: [SessionTrace]
    /// What was read: one line per source (`pg_stat_statements on 127.0.0.1:5432/shop`, `postgresql.csv`).
    public var sources: [String]
    /// Input that was not understood: counted and reported, never fatal.
    public var diagnostics: [WorkloadDiagnostic]

    public init(
        groups: [QueryGroup] = [], sessions: [SessionTrace] = [], sources: [String] = [],
        diagnostics: [WorkloadDiagnostic] = []
    ) {
        self.groups = groups
        self.sessions = sessions
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
            sources: sources + other.sources, diagnostics: diagnostics + other.diagnostics)
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
    /// A plan the server itself logged (auto_explain), with actual figures when it had them.
    public var loggedPlan: Plan?

    public init(
        fingerprint: Fingerprint, sampleText: String, calls: Int, totalTimeMs: Double, minTimeMs: Double? = nil,
        maxTimeMs: Double? = nil, rows: Int64? = nil, database: String? = nil, origins: [String] = [],
        loggedPlan: Plan? = nil
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
        return merged
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
