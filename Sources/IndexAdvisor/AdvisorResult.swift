import AdvisorCore

/// What the index advisor decided for a workload, with the evidence.
public struct AdvisorResult: Codable, Equatable, Sendable {
    /// Selected indexes, in the order the greedy selection picked them (best first).
    public var recommendations: [Recommendation]
    /// Every other candidate, each with the reason it was not recommended.
    public var declined: [DeclinedCandidate]
    /// What-if questions asked (cached answers included; the planner counts real EXPLAINs).
    public var whatIfCalls: Int
    /// Workload cost without and with the recommendations: Σ calls × cost per call, planner units.
    public var costBefore: Double
    public var costAfter: Double
    /// Where the costs come from.
    public var basis: GainBasis
    /// Queries left out of the analysis, with why (no shape, no plan, what-if failed).
    public var notes: [String]

    public init(
        recommendations: [Recommendation], declined: [DeclinedCandidate], whatIfCalls: Int, costBefore: Double,
        costAfter: Double, basis: GainBasis, notes: [String] = []
    ) {
        self.recommendations = recommendations
        self.declined = declined
        self.whatIfCalls = whatIfCalls
        self.costBefore = costBefore
        self.costAfter = costAfter
        self.basis = basis
        self.notes = notes
    }

    /// Relative workload cost with the recommendations (Kossmann et al.'s RC), 0…1; 1 without a workload.
    public var relativeCost: Double { costBefore > 0 ? costAfter / costBefore : 1 }
}
