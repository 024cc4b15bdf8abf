import AdvisorCore

/// The state of one `IndexAdvisor.advise` call: the greedy loop and its bookkeeping.
struct SelectionRun {
    /// Gains within this fraction of the best count as equal, and the smaller index wins.
    static let nearlyEqualGain = 0.95
    /// Index sizes within this factor of the smallest count as equal, and the larger gain wins.
    static let nearlySameSize = 1.25

    let advisor: IndexAdvisor
    let planner: any WhatIfPlanner
    private(set) var questions = 0
    private var notes: [String] = []
    private var sizes: [IndexCandidate: Int64] = [:]

    init(advisor: IndexAdvisor, planner: any WhatIfPlanner) {
        self.advisor = advisor
        self.planner = planner
    }

    /// What one candidate would do on top of the indexes chosen so far.
    private struct Evaluation {
        var benefitMs: Double
        var penaltyMs: Double
        var used: Bool
        var costs: [Int: Double]
        /// The largest relative cost cut on any one query, 0…1.
        var bestReduction: Double = 0
        var netMs: Double { benefitMs - penaltyMs }
    }

    /// One candidate the current round could pick, with what picking it would cost.
    private struct Option {
        var candidate: IndexCandidate
        var evaluation: Evaluation
        /// Net gain per byte added.
        var score: Double
        /// Chosen indexes it would replace (it serves every lookup they do).
        var replaced: [IndexCandidate]
        /// Bytes it adds to the budget spent, less those of the indexes it replaces.
        var extraBytes: Int64
    }

    // The run's state, set up by `select`.
    private var items: [WorkloadItem] = []
    private var writes = WriteLoad([])
    private var totalMs = 0.0
    /// The least net gain in ms an index must bring (`minGain` of the workload).
    private var threshold = 0.0
    /// Each query's cost per call with the indexes chosen so far.
    private var current: [Double] = []
    private var chosen: [IndexCandidate] = []
    private var spent: Int64 = 0
    private var remaining: [IndexCandidate] = []
    private var declined: [DeclinedCandidate] = []
    /// The latest evaluation of each candidate, for its declined reason.
    private var last: [IndexCandidate: Evaluation] = [:]
    private var everUsed: Set<IndexCandidate> = []
    private var failed: [IndexCandidate: String] = [:]
    /// Candidates made during the run by widening a chosen index (`offerExtensions`).
    private var extensions: Set<IndexCandidate> = []

    /// Greedy picks, then drops the picks later ones made unnecessary, then the final plans and
    /// the reason for every candidate not chosen.
    mutating func select(
        _ queries: [AnalyzedQuery], name: (IndexCandidate) -> String, ruleIDs: [String: [String]]
    ) throws(DriverError) -> AdvisorResult {
        let options = advisor.options
        items = try baselines(queries)
        Self.assignTimeWeights(&items, fallback: options.defaultMsPerCostUnit)
        let generator = CandidateGenerator(schema: advisor.schema, options: options)
        let pool = CandidatePool(
            perQuery: items.map { item in
                item.query.shape.map {
                    generator.candidates(for: $0, constantPredicates: item.query.constantPredicates)
                }
                    ?? []
            }, schema: advisor.schema,
            options: options)
        writes = WriteLoad(queries)
        totalMs = items.reduce(0) { $0 + $1.weightMs }
        threshold = options.minGain * totalMs
        declined = pool.declined
        current = items.map(\.baseline)
        remaining = pool.candidates

        try pickGreedily()
        dropPicksLaterPicksMadeUnneeded()
        let usedBy = finalPlans()
        let recommendations = recommendations(usedBy: usedBy, name: name, ruleIDs: ruleIDs)
        declineTheRest(pool: pool, usedBy: usedBy)

        let before = items.reduce(0) { $0 + $1.calls * $1.baseline }
        let after = zip(items, current).reduce(0) { $0 + $1.0.calls * $1.1 }
        return AdvisorResult(
            recommendations: recommendations,
            declined: declined.sorted { $0.index.description < $1.index.description },
            whatIfCalls: questions, costBefore: before, costAfter: after, basis: planner.basis, notes: notes)
    }

    /// Picks one candidate per round until none qualifies or fits.
    private mutating func pickGreedily() throws(DriverError) {
        while let pick = try bestOption() {
            for old in pick.replaced {
                declined.append(
                    DeclinedCandidate(index: old, reason: "replaced by \(pick.candidate), which serves its queries"))
            }
            chosen.removeAll { pick.replaced.contains($0) }
            chosen.append(pick.candidate)
            spent += pick.extraBytes
            for (i, cost) in pick.evaluation.costs { current[i] = cost }
            remaining.removeAll { $0 == pick.candidate }
            offerExtensions(of: pick.candidate)
        }
    }

    /// Widening a chosen index by the columns another candidate of its key needs: `(l_shipdate)
    /// INCLUDE (l_discount, l_extendedprice, l_quantity)` chosen for one query and `(l_shipdate)
    /// INCLUDE (…, l_partkey)` wanted by another become one candidate with the union, which
    /// replaces the chosen index for the bytes it adds, where a second index of the same key
    /// would cost all of its own. Keys merge when one is a leading prefix of the other; the
    /// union stays within `maxWidenedIncludedColumns`. Never-taken extensions are not reported: no
    /// query asked for them as such.
    private mutating func offerExtensions(of index: IndexCandidate) {
        for other in remaining where other.table == index.table && other.schema == index.schema {
            guard other.predicate == index.predicate, !other.isCovered(by: index), !index.isCovered(by: other)
            else { continue }
            let (shorter, longer) =
                index.keyColumns.count <= other.keyColumns.count ? (index, other) : (other, index)
            guard Array(longer.keyColumns.prefix(shorter.keyColumns.count)) == shorter.keyColumns else { continue }
            var widened = longer
            widened.includedColumns = Set(index.includedColumns + other.includedColumns + shorter.keyColumns)
                .subtracting(longer.keyColumns).sorted()
            guard widened.includedColumns.count <= advisor.options.maxWidenedIncludedColumns,
                !remaining.contains(widened), !chosen.contains(widened), !extensions.contains(widened)
            else { continue }
            extensions.insert(widened)
            remaining.append(widened)
        }
    }

    /// This round's pick among the candidates that qualify and fit, if any.
    private mutating func bestOption() throws(DriverError) -> Option? {
        let options = advisor.options
        var eligible: [Option] = []
        for candidate in remaining where failed[candidate] == nil {
            // A candidate serving every lookup of a chosen index (its covering variant, a
            // longer key) replaces it: it is costed without it, and only the extra bytes count.
            let replaced = chosen.filter { $0.isCovered(by: candidate) }
            let evaluation: Evaluation
            let extraBytes: Int64
            do {
                evaluation = try evaluate(
                    candidate, chosen: chosen.filter { !replaced.contains($0) },
                    penaltyMs: replaced.isEmpty ? writes.penaltyMs(candidate.table, options: options) : 0)
                extraBytes = try size(of: candidate) - replaced.reduce(0) { $0 + (sizes[$1] ?? 0) }
            } catch  where error.kind != .connectionLost {
                failed[candidate] = "what-if failed: \(error.message)"
                continue
            }
            last[candidate] = evaluation
            if evaluation.used { everUsed.insert(candidate) }
            let fits = options.budgetBytes.map { spent + extraBytes <= $0 } ?? true
            guard evaluation.used, qualifies(evaluation), fits else { continue }
            let score = evaluation.netMs / Double(max(extraBytes, 8192))
            eligible.append(
                Option(
                    candidate: candidate, evaluation: evaluation, score: score, replaced: replaced,
                    extraBytes: extraBytes))
        }
        // While the budget does not bind (every useful candidate still fits), take the largest
        // gain first, and of gains within `nearlyEqualGain` of it the smallest index: picking by
        // gain per byte would prefer a small, weak index (a low-cardinality status column ANDed
        // with an existing index) whose presence then makes the right composite look useless,
        // while pure gain would add covering columns for a one-row lookup. Once the budget binds,
        // gain per byte is the knapsack heuristic.
        let needed = eligible.reduce(Int64(0)) { $0 + max($1.extraBytes, 0) }
        guard options.budgetBytes.map({ spent + needed <= $0 }) ?? true else {
            return eligible.max { $0.score < $1.score }
        }
        let top = eligible.map(\.evaluation.netMs).max() ?? 0
        let nearlyBest = eligible.filter { $0.evaluation.netMs >= Self.nearlyEqualGain * top }
        // Sizes within `nearlySameSize` of the smallest count as equal: then the larger gain
        // wins (the claim index (job_id, status, id) over (job_id, status) plus a sort).
        let smallest = nearlyBest.map { max($0.extraBytes, 0) }.min() ?? 0
        return nearlyBest.filter { Double(max($0.extraBytes, 0)) <= Self.nearlySameSize * Double(smallest) }
            .max { $0.evaluation.netMs < $1.evaluation.netMs }
    }

    /// The gain clears `minGain` of the workload and the per-query floor.
    private func qualifies(_ evaluation: Evaluation) -> Bool {
        let share = totalMs > 0 ? evaluation.netMs / totalMs : 0
        return evaluation.netMs >= threshold && evaluation.netMs > 0
            && advisor.options.meetsQueryFloor(bestReduction: evaluation.bestReduction, share: share)
    }

    /// A pick made early may be unneeded once later picks are in (the claim's partial index
    /// once the composite that also serves the progress poll is built): each chosen index, in
    /// the order chosen, must still qualify as if it were picked last, or it is dropped.
    private mutating func dropPicksLaterPicksMadeUnneeded() {
        for index in chosen where chosen.count > 1 {
            let others = chosen.filter { $0 != index }
            var without = current
            for (i, item) in items.enumerated() where item.tables.contains(index.table.lowercased()) {
                guard let result = try? ask(item.statement, item.relevant(others)) else { continue }
                without[i] = result.cost
            }
            let evaluation = Self.contribution(
                of: without, over: current, items: items,
                penaltyMs: writes.penaltyMs(index.table, options: advisor.options))
            guard !qualifies(evaluation) else { continue }
            let share = totalMs > 0 ? evaluation.netMs / totalMs : 0
            let sameTable = others.filter { $0.table == index.table }.map(\.description)
            let rest =
                sameTable.isEmpty
                ? "the other suggestions are"
                : sameTable.joined(separator: ", ") + (sameTable.count == 1 ? " is" : " are")
            let reason =
                "no longer worth it once \(rest) built (saves \(Figures.percent(share)) of the workload on top)"
            declined.append(DeclinedCandidate(index: index, reason: reason))
            chosen = others
            spent -= sizes[index] ?? 0
            current = without
        }
    }

    /// Which chosen index each query really uses, with every choice in place (updates `current`).
    private mutating func finalPlans() -> [IndexCandidate: [Int]] {
        var usedBy: [IndexCandidate: [Int]] = [:]
        for (i, item) in items.enumerated() where !item.relevant(chosen).isEmpty {
            guard let result = try? ask(item.statement, item.relevant(chosen)) else { continue }
            current[i] = result.cost
            for index in result.usedIndexes { usedBy[index, default: []].append(i) }
        }
        return usedBy
    }

    /// A recommendation per chosen index some final plan uses; the others are declined.
    private mutating func recommendations(
        usedBy: [IndexCandidate: [Int]], name: (IndexCandidate) -> String, ruleIDs: [String: [String]]
    ) -> [Recommendation] {
        var recommendations: [Recommendation] = []
        for index in chosen {
            guard let users = usedBy[index], !users.isEmpty else {
                let others = chosen.filter { $0 != index && $0.table == index.table }.map(\.description)
                declined.append(
                    DeclinedCandidate(
                        index: index, reason: "superseded by \(others.joined(separator: ", ")) chosen later"))
                continue
            }
            // A query whose plan uses several suggested indexes (a join) credits each only with
            // what it adds to the others: its cost without this one, the others in place.
            var before: [Int: Double] = [:]
            for i in users where usedBy.contains(where: { $0.key != index && $0.value.contains(i) }) {
                let others = items[i].relevant(chosen.filter { $0 != index })
                before[i] = (try? ask(items[i].statement, others).cost).map { max($0, current[i]) }
            }
            recommendations.append(
                recommendation(
                    index, users: users, before: before, name: name(index), ruleIDs: ruleIDs,
                    writeOverhead: writes.overheadText(index, schema: advisor.schema, options: advisor.options)))
        }
        return recommendations
    }

    /// Why each candidate left in the pool was not chosen.
    private mutating func declineTheRest(pool: CandidatePool, usedBy: [IndexCandidate: [Int]]) {
        for candidate in remaining where !extensions.contains(candidate) {
            let reason: String
            if let failure = failed[candidate] {
                reason = failure
            } else if let evaluation = last[candidate] {
                let servedBy = Set(
                    (pool.sources[candidate] ?? []).flatMap { query in
                        usedBy.filter { $0.value.contains(query) }.map(\.key)
                    })
                reason = self.reason(
                    evaluation, candidate: candidate, everUsed: everUsed.contains(candidate),
                    chosen: chosen.filter(servedBy.contains), size: sizes[candidate] ?? 0)
            } else {
                reason = "not evaluated"
            }
            declined.append(DeclinedCandidate(index: candidate, reason: reason))
        }
    }

    /// The queries that can be costed, each with its plan cost without new indexes.
    private mutating func baselines(_ queries: [AnalyzedQuery]) throws(DriverError) -> [WorkloadItem] {
        var items: [WorkloadItem] = []
        for query in queries {
            let label = query.group.fingerprint.id
            guard let shape = query.shape else {
                notes.append("\(label): not analyzed (\(query.shapeError ?? "no shape"))")
                continue
            }
            // A plain INSERT … VALUES reads nothing an index could speed up.
            guard shape.kind != .insert || !shape.predicates.isEmpty, !shape.tables.isEmpty else { continue }
            do {
                let result = try ask(query.planningText, [])
                items.append(
                    WorkloadItem(
                        query: query, tables: Set(shape.tables.map { $0.name.lowercased() }),
                        calls: Double(max(1, query.group.calls)), baseline: result.cost))
            } catch  where error.kind != .connectionLost {
                notes.append("\(label): no baseline plan (\(error.message))")
            }
        }
        return items
    }

    /// Time per cost unit: each timed query's own; for the others the timed queries' overall
    /// ratio, else the default (design: always say which basis a number has — these stay costs).
    static func assignTimeWeights(_ items: inout [WorkloadItem], fallback: Double) {
        let timed = items.filter { $0.isTimed && $0.baseline > 0 }
        let timedCost = timed.reduce(0) { $0 + $1.calls * $1.baseline }
        let overall = timedCost > 0 ? timed.reduce(0) { $0 + $1.query.group.totalTimeMs } / timedCost : fallback
        for i in items.indices {
            let item = items[i]
            items[i].msPerCost =
                item.isTimed && item.baseline > 0
                ? item.query.group.totalTimeMs / (item.calls * item.baseline) : overall
        }
    }

    private mutating func evaluate(
        _ candidate: IndexCandidate, chosen: [IndexCandidate], penaltyMs: Double
    ) throws(DriverError) -> Evaluation {
        var with = current
        var asked: [Int: Double] = [:]
        var used = false
        for (i, item) in items.enumerated() where item.tables.contains(candidate.table.lowercased()) {
            let result = try ask(item.statement, item.relevant(chosen + [candidate]))
            with[i] = result.cost
            asked[i] = result.cost
            if result.usedIndexes.contains(candidate) { used = true }
        }
        var evaluation = Self.contribution(of: current, over: with, items: items, penaltyMs: penaltyMs)
        evaluation.used = used
        evaluation.costs = asked
        return evaluation
    }

    /// What the indexes behind `with` add over the costs `without` them, as an `Evaluation`.
    private static func contribution(
        of without: [Double], over with: [Double], items: [WorkloadItem], penaltyMs: Double
    ) -> Evaluation {
        var evaluation = Evaluation(benefitMs: 0, penaltyMs: penaltyMs, used: true, costs: [:])
        for (i, item) in items.enumerated() where without[i] > with[i] {
            evaluation.benefitMs += item.calls * (without[i] - with[i]) * item.msPerCost
            if without[i] > 0 {
                evaluation.bestReduction = max(evaluation.bestReduction, (without[i] - with[i]) / without[i])
            }
        }
        return evaluation
    }

    private mutating func ask(_ statement: String, _ indexes: [IndexCandidate]) throws(DriverError) -> WhatIfResult {
        questions += 1
        return try planner.cost(of: statement, with: indexes)
    }

    private mutating func size(of candidate: IndexCandidate) throws(DriverError) -> Int64 {
        if let known = sizes[candidate] { return known }
        let size = try planner.estimatedSize(of: candidate)
        sizes[candidate] = size
        return size
    }

    private func reason(
        _ evaluation: Evaluation, candidate: IndexCandidate, everUsed: Bool, chosen: [IndexCandidate], size: Int64
    ) -> String {
        let options = advisor.options
        let sameTable = chosen.filter { $0.table == candidate.table }.map(\.description)
        if !evaluation.used {
            return everUsed && !sameTable.isEmpty
                ? "no further gain once \(sameTable.joined(separator: ", ")) is built"
                : "not used by the planner"
        }
        if evaluation.benefitMs < threshold || evaluation.benefitMs <= 0 {
            let gain = "low gain (\(Figures.percent(totalMs > 0 ? evaluation.benefitMs / totalMs : 0)) of the workload)"
            return sameTable.isEmpty ? gain : gain + " once \(sameTable.joined(separator: ", ")) is built"
        }
        // A net loss is the writes' doing, whatever else the index lacks.
        if evaluation.netMs < threshold || evaluation.netMs <= 0 {
            return "write-heavy table (index maintenance ~\(Figures.duration(ms: evaluation.penaltyMs)) "
                + "outweighs ~\(Figures.duration(ms: evaluation.benefitMs)) saved)"
        }
        let share = totalMs > 0 ? evaluation.netMs / totalMs : 0
        if !options.meetsQueryFloor(bestReduction: evaluation.bestReduction, share: share) {
            let significant = share >= options.significantShare
            let floor =
                significant
                ? min(options.minQueryReduction, options.significantQueryReduction) : options.minQueryReduction
            var reason =
                "cuts no query's cost by \(Int((floor * 100).rounded()))% or more "
                // Rounded down: a cut just under the floor must not read as reaching it.
                + "(best -\(Int((evaluation.bestReduction * 100).rounded(.down)))%)"
            if !significant {
                reason += " and saves \(Figures.percent(share)) of the workload, "
                reason += "under \(Figures.percent(options.significantShare))"
            }
            return reason + (sameTable.isEmpty ? "" : " once \(sameTable.joined(separator: ", ")) is built")
        }
        if let budget = options.budgetBytes, spent + size > budget {
            return "over budget (needs \(Figures.bytes(size)), \(Figures.bytes(max(0, budget - spent))) left)"
        }
        return "low gain for its size"
    }

    private func recommendation(
        _ index: IndexCandidate, users: [Int], before: [Int: Double], name: String, ruleIDs: [String: [String]],
        writeOverhead: String
    ) -> Recommendation {
        let final = current
        let basis = planner.basis
        var gains: [(saved: Double, gain: QueryGain)] = []
        for i in users {
            let item = items[i]
            let start = before[i] ?? item.baseline
            var gain = Gain(costBefore: start, costAfter: final[i], basis: basis)
            // Time is known for today's cost: the share of it this index takes off.
            if item.isTimed, item.baseline > 0 {
                gain.timeSavedMs = item.query.group.totalTimeMs * max(0, start - final[i]) / item.baseline
            }
            gains.append(
                (
                    item.calls * (start - final[i]) * item.msPerCost,
                    QueryGain(
                        fingerprint: item.query.group.fingerprint.id, calls: item.query.group.calls, gain: gain,
                        sampleText: item.query.group.sampleText)
                ))
        }
        gains.sort { ($0.saved, $1.gain.fingerprint) > ($1.saved, $0.gain.fingerprint) }
        let saved = gains.compactMap(\.gain.gain.timeSavedMs)
        let workload = Gain(
            costBefore: users.reduce(0) { $0 + items[$1].calls * (before[$1] ?? items[$1].baseline) },
            costAfter: users.reduce(0) { $0 + items[$1].calls * final[$1] },
            timeSavedMs: saved.isEmpty ? nil : saved.reduce(0, +), basis: basis)
        var rules: [String] = []
        for i in users {
            for rule in ruleIDs[items[i].query.group.fingerprint.id] ?? [] where !rules.contains(rule) {
                rules.append(rule)
            }
        }
        return Recommendation(
            index: index, name: name, ruleIDs: rules, queries: gains.map(\.gain), gain: workload,
            estimatedSizeBytes: sizes[index], writeOverhead: writeOverhead)
    }
}
