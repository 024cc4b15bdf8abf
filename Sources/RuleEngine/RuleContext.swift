import AdvisorCore

/// Everything a check looks at: the engine, the catalog, the analyzed query groups, and the
/// per-connection statement sequences where the workload source recorded them.
public struct RuleContext: Sendable {
    public var engine: Engine
    public var schema: Schema
    public var queries: [AnalyzedQuery]
    /// Execution time of the whole workload window in ms, the denominator of time shares.
    public var workloadTimeMs: Double
    /// Per-connection sequences (`Workload.sessions`); empty for aggregate-only sources.
    public var sessions: [SessionTrace]
    /// Loops a log reader found while streaming (`Workload.streamedLoops`).
    public var streamedLoops: StreamedLoops

    /// `workloadTimeMs` defaults to the sum of the queries' total times.
    public init(
        engine: Engine, schema: Schema, queries: [AnalyzedQuery] = [], workloadTimeMs: Double? = nil,
        sessions: [SessionTrace] = [], streamedLoops: StreamedLoops = StreamedLoops()
    ) {
        self.engine = engine
        self.schema = schema
        self.queries = queries
        self.workloadTimeMs = workloadTimeMs ?? queries.reduce(0) { $0 + $1.group.totalTimeMs }
        self.sessions = sessions
        self.streamedLoops = streamedLoops
    }

    /// The group's fraction of workload time, 0…1.
    public func timeShare(of group: QueryGroup) -> Double {
        workloadTimeMs > 0 ? min(1, group.totalTimeMs / workloadTimeMs) : 0
    }

    /// The fraction of workload time of the group with this fingerprint id, 0 when there is none.
    public func timeShare(ofFingerprint id: String?) -> Double {
        guard let id, let query = queries.first(where: { $0.group.fingerprint.id == id }) else { return 0 }
        return timeShare(of: query.group)
    }

    /// A table of the catalog by name, case-insensitively.
    public func table(named name: String) -> Table? {
        schema.table(named: name)
    }

    /// The tables `query` reads that have at least `minRows` estimated rows: where scans matter.
    func largeTables(of query: AnalyzedQuery, minRows: Double) -> [(name: String, table: Table, rows: Double)] {
        query.tableNames.compactMap { name in
            guard let table = table(named: name), let rows = table.estimatedRows, rows >= minRows else { return nil }
            return (name, table, rows)
        }
    }
}
