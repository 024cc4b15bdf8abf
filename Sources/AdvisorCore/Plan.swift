/// An execution plan, engine-neutral: the tree of `PlanNode`s plus the engine's own total cost.
public struct Plan: Codable, Equatable, Sendable {
    public var engine: Engine
    public var root: PlanNode
    /// Total estimated cost in the engine's units (PostgreSQL cost, MySQL `query_cost`; nil on MariaDB).
    public var totalCost: Double?
    /// Planning time in ms when EXPLAIN ANALYZE reported it.
    public var planningTimeMs: Double?
    /// Execution time in ms when EXPLAIN ANALYZE reported it.
    public var executionTimeMs: Double?

    public init(
        engine: Engine, root: PlanNode, totalCost: Double? = nil, planningTimeMs: Double? = nil,
        executionTimeMs: Double? = nil
    ) {
        self.engine = engine
        self.root = root
        self.totalCost = totalCost
        self.planningTimeMs = planningTimeMs
        self.executionTimeMs = executionTimeMs
    }

    /// All nodes, depth first, root first.
    public var nodes: [PlanNode] {
        var out: [PlanNode] = []
        func walk(_ n: PlanNode) {
            out.append(n)
            n.children.forEach(walk)
        }
        walk(root)
        return out
    }

    /// Nodes that read a whole table.
    public var fullScans: [PlanNode] { nodes.filter { $0.operation == .fullScan } }
}

/// One operator of a plan.
public struct PlanNode: Codable, Equatable, Sendable {
    /// Engine-neutral classification of the operator.
    public enum Operation: String, Codable, Sendable {
        /// Reads every row of a table (PostgreSQL Seq Scan, MySQL `ALL`).
        case fullScan
        /// Reads every entry of an index (MySQL `index`; PostgreSQL full Index Scan without condition).
        case fullIndexScan
        /// Index lookup or range scan that fetches table rows.
        case indexScan
        /// Index scan answered from the index alone (covering).
        case indexOnlyScan
        /// PostgreSQL bitmap index/heap scans.
        case bitmapScan
        case join
        case sort
        case aggregate
        case limit
        /// Temporary table / materialize / hash build.
        case materialize
        case other
    }

    /// The engine's own name for the node (`Seq Scan`, `ALL`, `ref`, `Hash Join`, `filesort`).
    public var nodeType: String
    public var operation: Operation
    public var relation: String?
    public var alias: String?
    public var indexName: String?
    /// Condition used on the index (`Index Cond`, MySQL `ref`/`used_key_parts`).
    public var indexCondition: String?
    /// Rows filtered after being read (`Filter`, MySQL `attached_condition`).
    public var filter: String?
    public var sortKeys: [String]
    public var startupCost: Double?
    public var totalCost: Double?
    /// Estimated rows this node produces (PostgreSQL `Plan Rows`) or examines per scan (MySQL `rows`).
    public var estimatedRows: Double?
    /// Estimated percentage of rows kept by the filter (MySQL `filtered`).
    public var filteredPercent: Double?
    public var actualRows: Double?
    public var actualLoops: Double?
    public var actualTotalTimeMs: Double?
    public var rowsRemovedByFilter: Double?
    public var children: [PlanNode]

    public init(
        nodeType: String, operation: Operation, relation: String? = nil, alias: String? = nil,
        indexName: String? = nil, indexCondition: String? = nil, filter: String? = nil, sortKeys: [String] = [],
        startupCost: Double? = nil, totalCost: Double? = nil, estimatedRows: Double? = nil,
        filteredPercent: Double? = nil, actualRows: Double? = nil, actualLoops: Double? = nil,
        actualTotalTimeMs: Double? = nil, rowsRemovedByFilter: Double? = nil, children: [PlanNode] = []
    ) {
        self.nodeType = nodeType
        self.operation = operation
        self.relation = relation
        self.alias = alias
        self.indexName = indexName
        self.indexCondition = indexCondition
        self.filter = filter
        self.sortKeys = sortKeys
        self.startupCost = startupCost
        self.totalCost = totalCost
        self.estimatedRows = estimatedRows
        self.filteredPercent = filteredPercent
        self.actualRows = actualRows
        self.actualLoops = actualLoops
        self.actualTotalTimeMs = actualTotalTimeMs
        self.rowsRemovedByFilter = rowsRemovedByFilter
        self.children = children
    }
}

extension Plan {
    /// The plan with each node's `relation` set to the base table its alias stands for.
    ///
    /// MySQL and MariaDB name a scanned table by its alias (`o` for `orders o`); the statement's
    /// table references map it back, so rules and reports speak of base tables on every engine.
    public func resolvingAliases(_ tables: [TableReference]) -> Plan {
        let byAlias = Dictionary(
            tables.compactMap { t in t.alias.map { ($0.lowercased(), t.name) } },
            uniquingKeysWith: { first, _ in first })
        guard !byAlias.isEmpty else { return self }
        func resolve(_ node: PlanNode) -> PlanNode {
            var node = node
            if let relation = node.relation, let table = byAlias[relation.lowercased()],
                node.alias?.lowercased() == relation.lowercased()
            {
                node.relation = table
            }
            node.children = node.children.map(resolve)
            return node
        }
        var plan = self
        plan.root = resolve(root)
        return plan
    }
}
