/// An N+1 loop: one statement run once per row of a parent query, as `n-plus-one` observed it.
///
/// Carried by the finding (`Finding.loop`) so reports and tests read the figures, not the prose.
public struct QueryLoop: Codable, Equatable, Sendable {
    /// What the loop was seen in.
    public enum Basis: String, Codable, Sendable {
        /// Per-connection statement sequences (logs, `events_statements_history`): the loop itself.
        case sessionTrace = "session-trace"
        /// Only per-statement totals (pg_stat_statements, digests): calls that match a parent's
        /// rows, a lower-confidence inference.
        case aggregates
    }

    public var basis: Basis
    /// Fingerprint id of the statement repeated once per parent row.
    public var repeatedFingerprint: String
    /// Fingerprint id of the query whose rows the loop iterates (the source), when known.
    public var parentFingerprint: String?
    /// The parent's sample statement.
    public var parentSQL: String?
    /// Loops seen (runs of the repeated statement right after the parent).
    public var occurrences: Int
    /// Repeated statements executed in those loops.
    public var queries: Int
    /// Fewest and most repetitions in one loop.
    public var minRepeats: Int
    public var maxRepeats: Int
    /// Connections the loops ran on.
    public var sessions: Int
    /// Server time of the repeated statements in the loops, in ms.
    public var timeMs: Double
    /// Statements (round trips) the batched form saves: one per loop remains.
    public var roundTripsSaved: Int
    /// Estimated time the batched form saves over the window, in ms (see the finding's evidence for
    /// the basis).
    public var timeSavedMs: Double
    /// The repeated statement rewritten to fetch every parent row's rows at once, when it could be
    /// derived from the statement's text.
    public var batchedSQL: String?
    /// The largest loop seen, as an example to look up in the log.
    public var example: QueryLoopRun?

    public init(
        basis: Basis, repeatedFingerprint: String, parentFingerprint: String? = nil, parentSQL: String? = nil,
        occurrences: Int, queries: Int, minRepeats: Int, maxRepeats: Int, sessions: Int, timeMs: Double,
        roundTripsSaved: Int, timeSavedMs: Double, batchedSQL: String? = nil, example: QueryLoopRun? = nil
    ) {
        self.basis = basis
        self.repeatedFingerprint = repeatedFingerprint
        self.parentFingerprint = parentFingerprint
        self.parentSQL = parentSQL
        self.occurrences = occurrences
        self.queries = queries
        self.minRepeats = minRepeats
        self.maxRepeats = maxRepeats
        self.sessions = sessions
        self.timeMs = timeMs
        self.roundTripsSaved = roundTripsSaved
        self.timeSavedMs = timeSavedMs
        self.batchedSQL = batchedSQL
        self.example = example
    }
}
