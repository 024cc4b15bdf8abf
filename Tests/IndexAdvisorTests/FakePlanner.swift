import AdvisorCore

/// A what-if planner with scripted answers: each statement costs `base`, divided by the
/// factor of the best index it is given that the script lists for it.
final class FakePlanner: WhatIfPlanner {
    let basis: GainBasis = .hypothetical
    var base: [String: Double]
    /// Statement → (index, cost with it).
    var helps: [String: [(IndexCandidate, Double)]]
    var sizes: [IndexCandidate: Int64] = [:]
    /// Statement → (indexes, cost when all of them are given; the plan then uses them all).
    var together: [String: [(Set<IndexCandidate>, Double)]] = [:]
    private(set) var questions = 0

    init(base: [String: Double], helps: [String: [(IndexCandidate, Double)]]) {
        self.base = base
        self.helps = helps
    }

    func cost(of statement: String, with indexes: [IndexCandidate]) throws(DriverError) -> WhatIfResult {
        questions += 1
        var best = (base[statement] ?? 100, IndexCandidate?.none)
        for (index, cost) in helps[statement] ?? [] where indexes.contains(index) && cost < best.0 {
            best = (cost, index)
        }
        for (set, cost) in together[statement] ?? [] where set.isSubset(of: indexes) && cost < best.0 {
            return WhatIfResult(cost: cost, usedIndexes: Array(set))
        }
        return WhatIfResult(cost: best.0, usedIndexes: best.1.map { [$0] } ?? [])
    }

    func estimatedSize(of index: IndexCandidate) throws(DriverError) -> Int64 { sizes[index] ?? 1_000_000 }
}
