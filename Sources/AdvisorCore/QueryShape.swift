/// What an index advisor needs to know about one SQL statement, independent of the engine's parser.
public struct QueryShape: Codable, Equatable, Sendable {
    public enum StatementKind: String, Codable, Sendable {
        case select, insert, update, delete, merge, other
    }

    public var kind: StatementKind
    /// Base tables referenced, each with its alias, in order of appearance (CTE names excluded).
    public var tables: [TableReference]
    /// Column predicates from WHERE / ON / HAVING that could use (or defeat) an index.
    public var predicates: [ColumnPredicate]
    /// Equality join conditions between two tables' columns.
    public var joins: [JoinCondition]
    public var orderBy: [OrderItem]
    public var groupBy: [ColumnReference]
    /// LIMIT as a literal count; `hasLimit` is true also for a parameter (`LIMIT $1`).
    public var limit: Int?
    public var hasLimit: Bool
    /// Every column the statement reads or writes, resolved to its table where possible.
    public var referencedColumns: [ColumnReference]
    /// `SELECT *` or `t.*` present: covering indexes are then out of reach for that table.
    public var selectsAllColumns: Bool
    /// Number of subqueries and CTEs (their columns are folded into this shape).
    public var subqueryCount: Int
    /// A locking read (`FOR UPDATE`, `FOR SHARE`, `LOCK IN SHARE MODE`): every row it returns is
    /// locked in the table itself, so an index cannot spare it the table (no index-only scan).
    public var locksRows: Bool

    public init(
        kind: StatementKind, tables: [TableReference] = [], predicates: [ColumnPredicate] = [],
        joins: [JoinCondition] = [], orderBy: [OrderItem] = [], groupBy: [ColumnReference] = [],
        limit: Int? = nil, hasLimit: Bool = false, referencedColumns: [ColumnReference] = [],
        selectsAllColumns: Bool = false, subqueryCount: Int = 0, locksRows: Bool = false
    ) {
        self.kind = kind
        self.tables = tables
        self.predicates = predicates
        self.joins = joins
        self.orderBy = orderBy
        self.groupBy = groupBy
        self.limit = limit
        self.hasLimit = hasLimit
        self.referencedColumns = referencedColumns
        self.selectsAllColumns = selectsAllColumns
        self.subqueryCount = subqueryCount
        self.locksRows = locksRows
    }

    /// Predicates on one table (by table name, not alias).
    public func predicates(on table: String) -> [ColumnPredicate] {
        predicates.filter { $0.column.table == table }
    }
}

/// A table as referenced in a statement.
public struct TableReference: Codable, Equatable, Hashable, Sendable {
    public var schema: String?
    public var name: String
    public var alias: String?

    public init(schema: String? = nil, name: String, alias: String? = nil) {
        self.schema = schema
        self.name = name
        self.alias = alias
    }
}

/// A column, resolved to its base table name (not alias) where the parser could tell.
public struct ColumnReference: Codable, Equatable, Hashable, Sendable, CustomStringConvertible, Comparable {
    /// Base table name; `nil` when the column could not be attributed (ambiguous, no catalog).
    public var table: String?
    public var column: String

    public init(table: String?, column: String) {
        self.table = table
        self.column = column
    }

    public var description: String { table.map { "\($0).\(column)" } ?? column }

    public static func < (a: ColumnReference, b: ColumnReference) -> Bool { a.description < b.description }
}

/// A predicate on one column, classified by how a B-tree index can serve it.
public struct ColumnPredicate: Codable, Equatable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// `col = value` (a constant or parameter) — the best index prefix.
        case equality
        /// `<`, `<=`, `>`, `>=`, `BETWEEN` — one range column ends an index prefix.
        case range
        /// `col IN (…)` or `= ANY(…)`.
        case inList
        /// `LIKE 'abc%'` — an index range scan for suitable collations/opclasses.
        case likePrefix
        /// `IS NULL` — indexable in PostgreSQL and MySQL.
        case isNull
        /// A predicate no plain B-tree on the column can serve: function on the column, leading
        /// wildcard, `<>`, implicit cast, `OR` across columns. `reason` says which.
        case nonSargable
    }

    public var column: ColumnReference
    public var kind: Kind
    /// Operator as written (`=`, `>=`, `IN`, `LIKE`, `BETWEEN`, …).
    public var op: String
    /// Why the predicate is not sargable, for `.nonSargable`.
    public var reason: String?
    /// The constant an equality compares with, as its text without quotes (`10031`, `paid`);
    /// `nil` for a parameter, an expression or another kind of predicate. Frequent values are
    /// what averages hide (a bestseller's reviews), so estimates look them up in the statistics.
    public var value: String?
    /// The column on the other side of a non-equality comparison of two columns (a join that
    /// bounds each side, or two columns of one table the parser could not tell apart).
    public var otherColumn: ColumnReference?

    public init(
        column: ColumnReference, kind: Kind, op: String, reason: String? = nil, value: String? = nil,
        otherColumn: ColumnReference? = nil
    ) {
        self.column = column
        self.kind = kind
        self.op = op
        self.reason = reason
        self.value = value
        self.otherColumn = otherColumn
    }
}

/// An equality join between two tables' columns (`o.customer_id = c.id`).
public struct JoinCondition: Codable, Equatable, Hashable, Sendable {
    public var left: ColumnReference
    public var right: ColumnReference

    public init(left: ColumnReference, right: ColumnReference) {
        self.left = left
        self.right = right
    }
}

/// One ORDER BY item; `column` is `nil` for an expression.
public struct OrderItem: Codable, Equatable, Hashable, Sendable {
    public var column: ColumnReference?
    public var expression: String?
    public var descending: Bool

    public init(column: ColumnReference?, expression: String? = nil, descending: Bool = false) {
        self.column = column
        self.expression = expression
        self.descending = descending
    }
}

extension QueryShape {
    /// This shape's predicates the application itself fixes, not a value bound per call: every
    /// `IS [NOT] NULL` (the fingerprint keeps it, so every statement of the group has it) and each
    /// `= constant` that every one of `others` (the group's statements with other literals)
    /// repeats exactly, such as a queue's `status = 'pending'`. Without others, a constant counts
    /// only when `sampledStatements` (how many statements the source compared to find the others)
    /// is at least 2: they all had this very text. One statement cannot tell a literal of the code
    /// from a bound value.
    public func constantPredicates(across others: [QueryShape], sampledStatements: Int) -> [ColumnPredicate] {
        let nullTests = predicates.filter { $0.kind == .isNull }
        guard !others.isEmpty || sampledStatements >= 2 else { return nullTests }
        let candidates = predicates.filter { ($0.kind == .equality && $0.value != nil) || $0.kind == .isNull }
        return candidates.filter { predicate in
            others.allSatisfy { other in
                other.predicates.contains {
                    $0.column == predicate.column && $0.kind == predicate.kind && $0.op == predicate.op
                        && $0.value == predicate.value
                }
            }
        }
    }
}
