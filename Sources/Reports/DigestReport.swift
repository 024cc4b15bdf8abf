import AdvisorCore
import Foundation

/// What `dbadvisor digest` learnt from logs alone: the query profile by fingerprint and the
/// findings that need no server. Rendered as text or as stable JSON (docs/digest-json.md).
public struct DigestReport: Codable, Equatable, Sendable {
    /// Bumped on incompatible changes to the JSON form.
    public var schemaVersion = 1
    /// One line per log read, with its detected format.
    public var sources: [String]
    /// Statement executions read (the sum of the groups' calls).
    public var events: Int
    /// Total execution time of all events, in ms.
    public var totalTimeMs: Double
    /// Query groups, heaviest total time first (all of them; the text shows the top `profileLimit`).
    public var profile: [ProfileEntry]
    public var findings: [Finding]
    /// Input that was not understood: counted, never fatal.
    public var diagnostics: [WorkloadDiagnostic]
    public var notes: [String]

    public init(
        sources: [String], events: Int, totalTimeMs: Double, profile: [ProfileEntry], findings: [Finding],
        diagnostics: [WorkloadDiagnostic], notes: [String]
    ) {
        self.sources = sources
        self.events = events
        self.totalTimeMs = totalTimeMs
        self.profile = profile
        self.findings = findings
        self.diagnostics = diagnostics
        self.notes = notes
    }

    /// The most severe finding, if any.
    public var worstSeverity: Severity? { findings.map(\.severity).max() }

    /// Stable, pretty-printed JSON with sorted keys.
    public func json() throws -> String {
        try ReportJSON.string(self)
    }
}

/// One query group of the profile (pt-query-digest's profile line, with the counters the log had).
public struct ProfileEntry: Codable, Equatable, Sendable {
    public var rank: Int
    public var fingerprint: String
    /// Normalized text (literals replaced).
    public var normalized: String
    /// A real statement of the group.
    public var sample: String
    /// `SELECT orders customers`: the statement's verb and tables, as pt-query-digest's "Item".
    public var item: String
    public var calls: Int
    public var totalTimeMs: Double
    /// Share of all events' time, 0…1.
    public var share: Double
    public var minTimeMs: Double?
    public var maxTimeMs: Double?
    /// Approximate 95th and 99th percentiles of the call time in ms, from the group's
    /// `TimeDistribution` (at most 5% above the exact value); nil when the source has no per-call times.
    public var p95TimeMs: Double?
    public var p99TimeMs: Double?
    public var database: String?
    /// Where the group was first seen (`slow.log:1204`).
    public var origin: String?
    public var counters: ExecutionCounters?

    public init(
        rank: Int, fingerprint: String, normalized: String, sample: String, item: String, calls: Int,
        totalTimeMs: Double, share: Double, minTimeMs: Double?, maxTimeMs: Double?, database: String?, origin: String?,
        counters: ExecutionCounters?, p95TimeMs: Double? = nil, p99TimeMs: Double? = nil
    ) {
        self.rank = rank
        self.fingerprint = fingerprint
        self.normalized = normalized
        self.sample = sample
        self.item = item
        self.calls = calls
        self.totalTimeMs = totalTimeMs
        self.share = share
        self.minTimeMs = minTimeMs
        self.maxTimeMs = maxTimeMs
        self.p95TimeMs = p95TimeMs
        self.p99TimeMs = p99TimeMs
        self.database = database
        self.origin = origin
        self.counters = counters
    }

    /// Mean time per call in ms.
    public var meanTimeMs: Double { calls > 0 ? totalTimeMs / Double(calls) : 0 }

    /// The profile line of `group` at `rank`; `item` comes from the statement's shape when parsed.
    public init(rank: Int, group: QueryGroup, shape: QueryShape?, totalTimeMs: Double) {
        self.init(
            rank: rank, fingerprint: group.fingerprint.id, normalized: group.fingerprint.normalized,
            sample: group.sampleText, item: Self.item(shape, sample: group.sampleText), calls: group.calls,
            totalTimeMs: group.totalTimeMs, share: totalTimeMs > 0 ? group.totalTimeMs / totalTimeMs : 0,
            minTimeMs: group.minTimeMs, maxTimeMs: group.maxTimeMs, database: group.database,
            origin: group.origins.first, counters: group.counters,
            p95TimeMs: group.timeDistribution?.quantileMs(0.95), p99TimeMs: group.timeDistribution?.quantileMs(0.99))
    }

    /// `SELECT orders customers`; the statement's first word when it was not parsed.
    static func item(_ shape: QueryShape?, sample: String) -> String {
        guard let shape, shape.kind != .other else {
            let word = sample.split(whereSeparator: { $0.isWhitespace || $0 == "(" }).first.map(String.init) ?? "?"
            return word.uppercased()
        }
        var seen: Set<String> = []
        let tables = shape.tables.map(\.name).filter { seen.insert($0.lowercased()).inserted }
        return ([shape.kind.rawValue.uppercased()] + tables).joined(separator: " ")
    }
}
