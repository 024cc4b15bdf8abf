/// How serious a finding is; ordered `info < warning < error`.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case info, warning, error

    public static func < (a: Severity, b: Severity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One problem a rule found, with its evidence and the way out.
public struct Finding: Codable, Equatable, Sendable {
    /// Id of the rule (its `rules/<category>/<id>.yml` file name).
    public var ruleID: String
    public var severity: Severity
    /// One line: what is wrong (`orders scanned for (customer_id =, status =, created_at >)`).
    public var message: String
    /// The table concerned, when there is one.
    public var table: String?
    /// The query group concerned, when the finding is about a query.
    public var fingerprint: String?
    /// Evidence lines: workload figures, plan nodes, catalog facts.
    public var evidence: [String]
    /// What to do about it, in words (`help:` line); the index suggestion is attached separately.
    public var help: String?
    /// The index the rule would build, before workload-level selection; `nil` when no index helps.
    public var suggestedIndex: IndexCandidate?
    /// The N+1 loop's figures, for `n-plus-one` findings.
    public var loop: QueryLoop?

    public init(
        ruleID: String, severity: Severity, message: String, table: String? = nil, fingerprint: String? = nil,
        evidence: [String] = [], help: String? = nil, suggestedIndex: IndexCandidate? = nil, loop: QueryLoop? = nil
    ) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.table = table
        self.fingerprint = fingerprint
        self.evidence = evidence
        self.help = help
        self.suggestedIndex = suggestedIndex
        self.loop = loop
    }
}

/// One query group with what the advisor learnt about it: its shape and its plan.
public struct AnalyzedQuery: Codable, Equatable, Sendable {
    public var group: QueryGroup
    /// `nil` when the statement could not be parsed (`shapeError` says why).
    public var shape: QueryShape?
    public var shapeError: String?
    /// The plan without new indexes; `nil` when it could not be obtained (`planError` says why).
    public var plan: Plan?
    public var planError: String?
    /// The statement as planned when it is not the sample itself: the SELECT that finds a write's
    /// rows, when the role may not plan the write (`SQLDialect.readOnlyEquivalent`).
    public var plannedText: String?
    /// Predicates whose constant is the same in every sampled statement of the group
    /// (`QueryShape.constantPredicates(across:)`): what a partial index may be built on.
    public var constantPredicates: [ColumnPredicate] = []

    public init(
        group: QueryGroup, shape: QueryShape? = nil, shapeError: String? = nil, plan: Plan? = nil,
        planError: String? = nil, plannedText: String? = nil
    ) {
        self.group = group
        self.shape = shape
        self.shapeError = shapeError
        self.plan = plan
        self.planError = planError
        self.plannedText = plannedText
    }

    /// The text to plan and to ask what-if questions about.
    public var planningText: String { plannedText ?? group.sampleText }
}
