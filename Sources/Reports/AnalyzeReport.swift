import AdvisorCore
import Foundation

/// Everything `dbadvisor analyze` found, as one value: rendered as text or as stable JSON.
///
/// The JSON form is documented in docs/analyze-json.md; `schemaVersion` changes on any
/// incompatible change.
public struct AnalyzeReport: Codable, Equatable, Sendable {
    /// Bumped on incompatible changes to the JSON form.
    public var schemaVersion = 1
    public var server: ServerInfo
    /// Where the workload came from, one line per source.
    public var sources: [String]
    /// Total execution time of the workload, in ms (0 when the sources carry no timing).
    public var workloadTimeMs: Double
    /// Every query group considered, heaviest first.
    public var queries: [QuerySummary]
    public var findings: [Finding]
    public var suggestions: [SuggestedIndex]
    public var declined: [DeclinedCandidate]
    /// Workload cost with and without the suggested indexes, and how it was estimated.
    public var estimate: WorkloadEstimate?
    /// Input or planning problems: counted and reported, never fatal.
    public var diagnostics: [WorkloadDiagnostic]
    /// Caveats the reader must know (fallbacks taken, privileges missing).
    public var notes: [String]

    public init(
        server: ServerInfo, sources: [String], workloadTimeMs: Double, queries: [QuerySummary], findings: [Finding],
        suggestions: [SuggestedIndex], declined: [DeclinedCandidate], estimate: WorkloadEstimate?,
        diagnostics: [WorkloadDiagnostic], notes: [String]
    ) {
        self.server = server
        self.sources = sources
        self.workloadTimeMs = workloadTimeMs
        self.queries = queries
        self.findings = findings
        self.suggestions = suggestions
        self.declined = declined
        self.estimate = estimate
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

/// The server a report is about.
public struct ServerInfo: Codable, Equatable, Sendable {
    public var engine: Engine
    public var version: String
    /// `host:port/database`, never the password.
    public var label: String

    public init(engine: Engine, version: String, label: String) {
        self.engine = engine
        self.version = version
        self.label = label
    }
}

/// One query group as the report lists it.
public struct QuerySummary: Codable, Equatable, Sendable {
    public var fingerprint: String
    public var sample: String
    public var calls: Int
    public var totalTimeMs: Double
    /// Share of the workload's time, 0…1 (0 when the workload has no timing).
    public var share: Double
    /// Where the evidence comes from (`pg_stat_statements queryid 812…`, `postgresql.log:1204`).
    public var origin: String?
    /// Planner cost per call without and with the suggested indexes, when planned.
    public var costBefore: Double?
    public var costAfter: Double?
    /// Why the query was not planned or not parsed, when it was not.
    public var skipped: String?

    public init(
        fingerprint: String, sample: String, calls: Int, totalTimeMs: Double, share: Double, origin: String?,
        costBefore: Double? = nil, costAfter: Double? = nil, skipped: String? = nil
    ) {
        self.fingerprint = fingerprint
        self.sample = sample
        self.calls = calls
        self.totalTimeMs = totalTimeMs
        self.share = share
        self.origin = origin
        self.costBefore = costBefore
        self.costAfter = costAfter
        self.skipped = skipped
    }
}

/// A recommendation with its DDL and the migration files written for it.
public struct SuggestedIndex: Codable, Equatable, Sendable {
    public var recommendation: Recommendation
    /// The up statement, ready to review.
    public var createStatement: String
    /// Paths of the migration files written (empty without `--out`).
    public var files: [String]

    public init(recommendation: Recommendation, createStatement: String, files: [String]) {
        self.recommendation = recommendation
        self.createStatement = createStatement
        self.files = files
    }
}

/// The workload's estimated cost before and after the suggestions.
public struct WorkloadEstimate: Codable, Equatable, Sendable {
    public var basis: GainBasis
    /// Σ calls × cost per call, without and with the suggested indexes.
    public var costBefore: Double
    public var costAfter: Double
    /// Questions asked of the what-if planner.
    public var whatIfCalls: Int

    public init(basis: GainBasis, costBefore: Double, costAfter: Double, whatIfCalls: Int) {
        self.basis = basis
        self.costBefore = costBefore
        self.costAfter = costAfter
        self.whatIfCalls = whatIfCalls
    }

    /// Cost with the suggestions relative to without, 0…1 (the index-tuning yardstick "RC").
    public var relativeCost: Double { costBefore > 0 ? costAfter / costBefore : 1 }
}
