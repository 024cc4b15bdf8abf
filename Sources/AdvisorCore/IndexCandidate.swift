/// An index the advisor may suggest: a table, ordered key columns, covering columns, a predicate.
public struct IndexCandidate: Codable, Hashable, Sendable, CustomStringConvertible {
    /// Namespace of the table (PostgreSQL schema, MySQL database); `nil` for the default.
    public var schema: String?
    public var table: String
    public var keyColumns: [String]
    /// Covering columns: PostgreSQL `INCLUDE`; rendered as trailing key columns on MySQL.
    public var includedColumns: [String]
    /// Partial-index predicate (PostgreSQL), as SQL.
    public var predicate: String?
    /// Key columns indexed with an operator class other than their type's default, by column
    /// (PostgreSQL `text_pattern_ops`, which serves `LIKE 'abc%'` under a non-C collation); `nil`
    /// when every key uses its default.
    public var operatorClasses: [String: String]?

    public init(
        schema: String? = nil, table: String, keyColumns: [String], includedColumns: [String] = [],
        predicate: String? = nil, operatorClasses: [String: String]? = nil
    ) {
        self.schema = schema
        self.table = table
        self.keyColumns = keyColumns
        self.includedColumns = includedColumns
        self.predicate = predicate
        self.operatorClasses = operatorClasses?.isEmpty == true ? nil : operatorClasses
    }

    /// The operator class `column` is indexed with, when not its type's default.
    public func operatorClass(of column: String) -> String? { operatorClasses?[column] }

    /// Key columns as an index definition lists them: `name text_pattern_ops` for a non-default class.
    public var keyDefinitions: [String] {
        keyColumns.map { column in operatorClass(of: column).map { "\(column) \($0)" } ?? column }
    }

    /// `orders (customer_id, status) INCLUDE (total) WHERE …`
    public var description: String {
        var text = "\(table) (\(keyDefinitions.joined(separator: ", ")))"
        if !includedColumns.isEmpty { text += " INCLUDE (\(includedColumns.joined(separator: ", ")))" }
        if let predicate { text += " WHERE \(predicate)" }
        return text
    }

    /// True when an index on `other`'s keys serves every lookup this one serves: same table, same
    /// predicate, and this candidate's keys are a leading prefix of `other`'s, with its covering
    /// columns among `other`'s columns.
    public func isCovered(by other: IndexCandidate) -> Bool {
        guard table == other.table, schema == other.schema, predicate == other.predicate,
            keyColumns.count <= other.keyColumns.count,
            Array(other.keyColumns.prefix(keyColumns.count)) == keyColumns,
            // A pattern-ops key serves LIKE but not ORDER BY or <, a default one the reverse.
            keyColumns.allSatisfy({ operatorClass(of: $0) == other.operatorClass(of: $0) })
        else { return false }
        let otherColumns = Set(other.keyColumns + other.includedColumns)
        return includedColumns.allSatisfy(otherColumns.contains)
    }
}

/// Where an estimated gain comes from. Reports always name it.
public enum GainBasis: String, Codable, Sendable {
    /// PostgreSQL planner costs with HypoPG hypothetical indexes.
    case hypothetical = "hypopg"
    /// A documented model from table and column statistics (no what-if available).
    case statisticsModel = "statistics-model"
    /// The InnoDB cost model for MySQL/MariaDB (docs/mysql-cost-model.md): rows examined plus
    /// clustered-index visits from table and column statistics, scaled to the slow log's
    /// Rows_examined when the workload recorded it.
    case mysqlCostModel = "mysql-cost-model"
    /// Built on a scratch server and measured.
    case measured
}

/// The estimated effect of one or more indexes on one query or the workload.
public struct Gain: Codable, Equatable, Sendable {
    /// Cost per call without and with the indexes, in the basis' units.
    public var costBefore: Double
    public var costAfter: Double
    /// Estimated execution time saved over the workload window, in ms, when time is known.
    public var timeSavedMs: Double?
    public var basis: GainBasis

    public init(costBefore: Double, costAfter: Double, timeSavedMs: Double? = nil, basis: GainBasis) {
        self.costBefore = costBefore
        self.costAfter = costAfter
        self.timeSavedMs = timeSavedMs
        self.basis = basis
    }

    /// Relative improvement, 0…1 (0.97 = cost down 97%).
    public var reduction: Double { costBefore > 0 ? max(0, (costBefore - costAfter) / costBefore) : 0 }
}

/// A selected index with everything a reviewer needs to accept it.
public struct Recommendation: Codable, Equatable, Sendable {
    public var index: IndexCandidate
    /// Deterministic name within the engine's identifier limit.
    public var name: String
    /// Rules whose findings this index answers.
    public var ruleIDs: [String]
    /// Per-query gains, heaviest saving first.
    public var queries: [QueryGain]
    /// Workload-level gain (costs weighted by calls).
    public var gain: Gain
    public var estimatedSizeBytes: Int64?
    /// Extra index maintenance per write on the table, in words and figures (`~1,200 writes/h`).
    public var writeOverhead: String?

    public init(
        index: IndexCandidate, name: String, ruleIDs: [String], queries: [QueryGain], gain: Gain,
        estimatedSizeBytes: Int64? = nil, writeOverhead: String? = nil
    ) {
        self.index = index
        self.name = name
        self.ruleIDs = ruleIDs
        self.queries = queries
        self.gain = gain
        self.estimatedSizeBytes = estimatedSizeBytes
        self.writeOverhead = writeOverhead
    }
}

/// The gain of a recommendation for one query group.
public struct QueryGain: Codable, Equatable, Sendable {
    public var fingerprint: String
    public var calls: Int
    public var gain: Gain
    /// A statement of the group (`QueryGroup.sampleText`), shown in migration headers and reports.
    public var sampleText: String?

    public init(fingerprint: String, calls: Int, gain: Gain, sampleText: String? = nil) {
        self.fingerprint = fingerprint
        self.calls = calls
        self.gain = gain
        self.sampleText = sampleText
    }
}

/// A candidate the advisor considered and did not suggest, with the reason (Dexter-style).
public struct DeclinedCandidate: Codable, Equatable, Sendable {
    public var index: IndexCandidate
    public var reason: String

    public init(index: IndexCandidate, reason: String) {
        self.index = index
        self.reason = reason
    }
}

/// Costs queries under hypothetical index configurations (HypoPG on PostgreSQL).
public protocol WhatIfPlanner: AnyObject {
    /// The basis of the costs this planner returns.
    var basis: GainBasis { get }

    /// Planner cost of `statement` (total cost of its root plan node) with exactly `indexes` added
    /// hypothetically to the existing ones, and the names of the hypothetical indexes the plan uses.
    func cost(of statement: String, with indexes: [IndexCandidate]) throws(DriverError) -> WhatIfResult

    /// Estimated on-disk size of `index` in bytes.
    func estimatedSize(of index: IndexCandidate) throws(DriverError) -> Int64
}

/// The answer to one what-if question.
public struct WhatIfResult: Equatable, Sendable {
    public var cost: Double
    /// Which of the hypothetical indexes the chosen plan uses.
    public var usedIndexes: [IndexCandidate]

    public init(cost: Double, usedIndexes: [IndexCandidate]) {
        self.cost = cost
        self.usedIndexes = usedIndexes
    }
}
