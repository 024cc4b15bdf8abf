import AdvisorCore
import Foundation

/// An N+1 loop: a lookup run once per row of a parent query, from what the database recorded.
///
/// From per-connection sequences (`RuleContext.sessions`: server logs, statement history), a
/// `QueryLoopDetector` finds runs of one lookup repeated back to back after a read, and the runs
/// of each (parent, lookup) pair are reported together. Where only per-statement totals exist
/// (pg_stat_statements, digests), a lookup whose calls equal the rows a related parent returned
/// (a foreign key between their tables) is reported as a likely loop, with lower confidence.
/// The cost counts the server time plus a round trip per statement, which the log cannot see but
/// the application waits for; the fix is the batched statement, and the index when the lookup
/// has none.
public struct NPlusOneCheck: Check {
    public static let name = "NPlusOneCheck"

    public init() {}

    struct Parameters {
        var minRepeats: Int
        var minTotalMs: Double
        var roundTripMs: Double
        var maxGapMs: Double
        var aggregateMinCalls: Int
        var aggregateTolerance: Double

        init(_ params: RuleParams) {
            minRepeats = params.int("min_repeats", default: 5)
            minTotalMs = params.double("min_total_ms", default: 50)
            roundTripMs = params.double("round_trip_ms", default: 1)
            maxGapMs = params.double("max_gap_ms", default: 1000)
            aggregateMinCalls = params.int("aggregate_min_calls", default: 100)
            aggregateTolerance = params.double("aggregate_tolerance", default: 0.1)
        }
    }

    public func findings(in context: RuleContext, spec: RuleSpec) -> [Finding] {
        let parameters = Parameters(spec.params)
        let queries = context.queries
        // Positions in `queries`, not copies: a query is a large value (its group, shape and plan),
        // and hundreds of loops each name two.
        var byID: [String: Int] = [:]
        for k in queries.indices where byID[queries[k].group.fingerprint.id] == nil {
            byID[queries[k].group.fingerprint.id] = k
        }
        var detector = QueryLoopDetector(minRepeats: parameters.minRepeats, maxGapMs: parameters.maxGapMs)
        var traced = context.streamedLoops.tracedFingerprints
        for trace in context.sessions {
            detector.consume(trace) { id in byID[id].flatMap { StatementRole(queries[$0].shape) } }
            for event in trace.events { traced.insert(event.fingerprintID) }
        }
        // Loops the log reader found while streaming (with these parameters), then the traces'.
        var candidates: [Candidate] = []
        for loop in context.streamedLoops.loops + detector.loops {
            guard let child = byID[loop.repeatedFingerprint], let parent = byID[loop.parentFingerprint] else {
                continue
            }
            let figures = QueryLoop(
                basis: .sessionTrace, repeatedFingerprint: loop.repeatedFingerprint,
                parentFingerprint: loop.parentFingerprint, parentSQL: queries[parent].group.sampleText,
                occurrences: loop.occurrences, queries: loop.queries, minRepeats: loop.minRepeats,
                maxRepeats: loop.maxRepeats, sessions: loop.sessions, timeMs: loop.timeMs, roundTripsSaved: 0,
                timeSavedMs: 0, example: loop.example)
            candidates.append(Candidate(figures: figures, child: child, parent: parent))
        }
        // Then the lookups no trace followed, from totals (each compared with every related read).
        let untraced = queries.indices.filter { !traced.contains(queries[$0].group.fingerprint.id) }
        candidates += Parallel.map(untraced, minimumSlice: 64) { slice in
            slice.compactMap { child in
                aggregateLoop(of: child, in: context, parameters).map {
                    Candidate(figures: $0.1, child: child, parent: $0.0)
                }
            }
        }
        // Hundreds of loops on a busy log: their evidence and batched statements are written on
        // every core.
        let lookups = BatchedLookup.Cache()
        return Parallel.map(candidates, minimumSlice: 16) { slice in
            // What depends on the lookup or the parent only, made once per slice (the batched
            // statements once for all): one lookup is often repeated after many parents (a 100 MB
            // log: 509 loops of 20 lookups).
            var shared = Shared()
            return slice.compactMap {
                finding(
                    $0.figures, child: queries[$0.child], parent: queries[$0.parent], in: context, spec: spec,
                    parameters, shared: &shared, lookups: lookups)
            }
        }
    }

    /// Parts of findings that depend on the lookup or the parent alone, by fingerprint id.
    private struct Shared {
        /// Each lookup's workload evidence lines.
        var evidence: [String: [String]] = [:]
        /// Each (lookup, key)'s missing index.
        var missingIndex: [String: IndexCandidate?] = [:]
        /// Each parent's evidence line.
        var parentLine: [String: String] = [:]
    }

    /// A loop to report if it costs enough: its figures, the repeated lookup and its parent (their
    /// positions in `RuleContext.queries`).
    private struct Candidate {
        var figures: QueryLoop
        var child: Int
        var parent: Int
    }

    /// A lower-confidence loop from totals: the calls of the query at `index` (in `context.queries`)
    /// match the rows a related read returned; that read's position and the loop.
    private func aggregateLoop(
        of index: Int, in context: RuleContext, _ parameters: Parameters
    ) -> (Int, QueryLoop)? {
        let queries = context.queries
        let child = queries[index]
        let calls = child.group.calls
        guard StatementRole(child.shape) == .lookup, calls >= parameters.aggregateMinCalls,
            let childTable = child.tableNames.first, child.tableNames.count == 1
        else { return nil }
        var best: (parent: Int, mismatch: Double)?
        for k in queries.indices where queries[k].group.fingerprint.id != child.group.fingerprint.id {
            let parent = queries[k]
            guard StatementRole(parent.shape)?.canBeParent == true, let rows = parent.group.rows, rows > 0,
                parent.group.calls > 0, Double(rows) / Double(parent.group.calls) >= Double(parameters.minRepeats),
                let parentTable = parent.tableNames.first,
                key(of: child, table: childTable, parentTable: parentTable, in: context, related: true) != nil
            else { continue }
            let mismatch = abs(Double(calls) - Double(rows)) / Double(rows)
            guard mismatch <= parameters.aggregateTolerance, mismatch < best?.mismatch ?? .infinity else { continue }
            best = (k, mismatch)
        }
        guard let position = best?.parent else { return nil }
        let parent = queries[position]
        let loops = parent.group.calls
        let repeats = Int((Double(calls) / Double(loops)).rounded())
        return (
            position,
            QueryLoop(
                basis: .aggregates, repeatedFingerprint: child.group.fingerprint.id,
                parentFingerprint: parent.group.fingerprint.id, parentSQL: parent.group.sampleText,
                occurrences: loops, queries: calls, minRepeats: repeats, maxRepeats: repeats, sessions: 0,
                timeMs: child.group.totalTimeMs, roundTripsSaved: 0, timeSavedMs: 0)
        )
    }

    /// The finding for a loop whose cost reaches `min_total_ms`; fills in the saving and the fix.
    private func finding(
        _ figures: QueryLoop, child: AnalyzedQuery, parent: AnalyzedQuery, in context: RuleContext, spec: RuleSpec,
        _ parameters: Parameters, shared: inout Shared, lookups: BatchedLookup.Cache
    ) -> Finding? {
        var loop = figures
        let cost = loop.timeMs + Double(loop.queries) * parameters.roundTripMs
        guard cost >= parameters.minTotalMs, let shape = child.shape, let table = child.tableNames.first else {
            return nil
        }
        let parentTable = parent.tableNames.first
        let key =
            key(of: child, table: table, parentTable: parentTable, in: context, related: false)
            ?? TablePredicates(shape: shape, table: table).equalities.first?.column.column
        guard let key else { return nil }
        // What a statement costs regardless of the rows it reads: its cheapest logged execution.
        let overheadMs = child.group.minTimeMs ?? 0
        loop.roundTripsSaved = max(0, loop.queries - loop.occurrences)
        loop.timeSavedMs = Double(loop.roundTripsSaved) * (parameters.roundTripMs + overheadMs)
        let childID = child.group.fingerprint.id
        loop.batchedSQL = lookups.sql(for: child.group.sampleText, shape: shape, key: key, engine: context.engine)

        let catalog = context.table(named: table)
        let tableName = catalog?.name ?? table
        let each =
            loop.minRepeats == loop.maxRepeats
            ? "\(Figures.count(loop.maxRepeats))"
            : "\(Figures.count(loop.minRepeats))–\(Figures.count(loop.maxRepeats))"
        let source = parentTable.map { "row of \($0)" } ?? "parent row"
        let message: String
        if shared.evidence[childID] == nil { shared.evidence[childID] = child.workloadEvidence(in: context) }
        var evidence = shared.evidence[childID]!
        switch loop.basis {
        case .sessionTrace:
            message =
                "\(tableName) queried once per \(source): \(Figures.count(loop.occurrences)) "
                + "\(loop.occurrences == 1 ? "loop" : "loops") of \(each) queries"
            evidence.append(
                "loops: \(Figures.count(loop.occurrences)) runs of \(each) right after the parent on "
                    + "\(Figures.count(loop.sessions)) \(loop.sessions == 1 ? "connection" : "connections"): "
                    + "\(Figures.count(loop.queries)) queries, \(Self.milliseconds(loop.timeMs)) server time, "
                    + "plus a round trip each that the log does not time")
        case .aggregates:
            message =
                "likely N+1: \(tableName) queried once per \(source) "
                + "(\(Figures.count(loop.queries)) calls for \(Figures.count(parent.group.rows ?? 0)) parent rows)"
            evidence.append(
                "aggregates only, lower confidence: \(Figures.count(loop.queries)) calls match the "
                    + "\(Figures.count(parent.group.rows ?? 0)) rows \(Figures.count(parent.group.calls)) parent calls "
                    + "returned (\(each) per call); a log with every statement (log_min_duration_statement=0, "
                    + "long_query_time=0) shows the loops themselves")
        }
        let parentID = parent.group.fingerprint.id
        if shared.parentLine[parentID] == nil {
            shared.parentLine[parentID] =
                "parent: " + parent.group.sampleText.onOneLine.shortened(to: 160) + " (fingerprint \(parentID))"
        }
        evidence.append(shared.parentLine[parentID]!)
        if let run = loop.example {
            let returned = run.parentRows.map { "the parent returned \(Figures.count($0)) rows, then " } ?? ""
            evidence.append(
                "largest loop: connection \(run.session)\(run.startTime.map { " at " + Self.timestamp($0) } ?? ""): "
                    + "\(returned)\(Figures.count(run.repeats)) lookups in \(Self.milliseconds(run.timeMs))")
        }
        evidence.append(
            "saving: \(Figures.count(loop.roundTripsSaved)) of \(Figures.count(loop.queries)) statements, est. "
                + "\(Self.milliseconds(loop.timeSavedMs)) (each a \(Self.milliseconds(parameters.roundTripMs)) round trip "
                + "plus \(Self.milliseconds(overheadMs)), the cheapest logged execution)")

        let keyed = childID + " " + key
        if shared.missingIndex[keyed] == nil {
            shared.missingIndex[keyed] = .some(
                missingIndex(for: child, shape: shape, table: table, key: key, in: context))
        }
        let suggestion = shared.missingIndex[keyed]!
        if suggestion != nil {
            evidence.append(
                catalog != nil
                    ? "no index of \(tableName) starts with (\(key)): every lookup reads the table"
                    : "logged: no index used in \(Figures.count(child.group.counters?.fullScans ?? 0)) of "
                        + "\(Figures.count(child.group.counters?.calls ?? 0)) calls")
        }
        var help: String
        if let batched = loop.batchedSQL {
            help = "fetch the \(tableName) rows of every \(source) in one statement: \(batched)"
        } else {
            help =
                "fetch the \(tableName) rows of every \(source) in one statement (\(key) \(context.engine == .postgres ? "= ANY($1)" : "IN (…)"))"
        }
        help += ", or join \(tableName) into the parent query (eager loading)"
        help += "; one statement per loop instead of \(each)"
        if let suggestion {
            help += ", and index (\(suggestion.keyColumns.joined(separator: ", ")))"
        }
        return Finding(
            ruleID: spec.id, severity: spec.severity, message: message, table: tableName,
            fingerprint: child.group.fingerprint.id, evidence: evidence, help: help, suggestedIndex: suggestion,
            loop: loop)
    }

    /// The lookup's key column taken from the parent's rows: a foreign key between the two tables
    /// on one of the lookup's equality columns; without `related`, else the first equality column.
    private func key(
        of child: AnalyzedQuery, table: String, parentTable: String?, in context: RuleContext, related: Bool
    ) -> String? {
        guard let shape = child.shape else { return nil }
        let columns = TablePredicates(shape: shape, table: table).equalities.map(\.column.column)
        if let parentTable, let childCatalog = context.table(named: table),
            let parentCatalog = context.table(named: parentTable)
        {
            func same(_ a: String, _ b: String) -> Bool { a.caseInsensitiveCompare(b) == .orderedSame }
            for column in columns {
                // order_items.order_id -> orders: the children of each parent row (has_many).
                if childCatalog.foreignKeys.contains(where: {
                    $0.columns.count == 1 && same($0.columns[0], column) && same($0.referencedTable, parentCatalog.name)
                }) {
                    return column
                }
                // orders.customer_id -> customers.id: the row each parent row points to (belongs_to).
                if parentCatalog.foreignKeys.contains(where: {
                    $0.referencedColumns.count == 1 && same($0.referencedColumns[0], column)
                        && same($0.referencedTable, childCatalog.name)
                }) {
                    return column
                }
            }
        }
        return related ? nil : columns.first
    }

    /// The index the batched lookup needs when the catalog shows none starting with its key, or the
    /// log shows its executions used none (offline, no catalog).
    private func missingIndex(
        for child: AnalyzedQuery, shape: QueryShape, table: String, key: String, in context: RuleContext
    ) -> IndexCandidate? {
        let predicates = TablePredicates(shape: shape, table: table, statistics: context.table(named: table))
        let rest = predicates.suggestedKey.filter { $0.caseInsensitiveCompare(key) != .orderedSame }
        if let catalog = context.table(named: table) {
            guard !catalog.hasIndex(startingWith: [key]) else { return nil }
            return IndexCandidate(table: catalog.name, keyColumns: [key] + rest)
        }
        guard let scans = child.group.counters?.fullScans, scans > 0 else { return nil }
        return IndexCandidate(table: table, keyColumns: [key] + rest)
    }

    /// Milliseconds with the precision cheap lookups need: `0.04 ms`, `3.1 ms`, `57 ms`, `4.2 s`.
    static func milliseconds(_ ms: Double) -> String {
        if ms >= 1000 { return Figures.duration(ms: ms) }
        if ms >= 10 { return "\(Figures.count(ms)) ms" }
        return Figures.decimal(ms, places: ms >= 1 ? 1 : 2) + " ms"
    }

    /// `2026-11-23 10:00:00Z` (UTC), for finding a loop in the log.
    /// (gmtime_r, not a DateFormatter: making one per finding took seconds on logs with
    /// thousands of loops.)
    static func timestamp(_ seconds: Double) -> String {
        // `SET timestamp=` with forty digits must not trap.
        guard seconds.magnitude < 1e15 else { return "?" }
        var time = time_t(seconds.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        func padded(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        return "\(padded(parts.tm_year + 1900, 4))-\(padded(parts.tm_mon + 1, 2))-\(padded(parts.tm_mday, 2)) "
            + "\(padded(parts.tm_hour, 2)):\(padded(parts.tm_min, 2)):\(padded(parts.tm_sec, 2))Z"
    }
}

extension RuleEngine {
    /// The n-plus-one rule's thresholds, for a log reader to find loops while it streams instead of
    /// keeping every connection's statements; nil when the rule is off.
    public var loopDetection: LoopDetection? {
        guard let spec = rules.first(where: { $0.check == NPlusOneCheck.name && $0.isEnabled }) else { return nil }
        let parameters = NPlusOneCheck.Parameters(spec.params)
        return LoopDetection(minRepeats: parameters.minRepeats, maxGapMs: parameters.maxGapMs)
    }
}
