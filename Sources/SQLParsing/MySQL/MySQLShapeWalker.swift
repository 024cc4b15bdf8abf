import AdvisorCore

/// Walks one parsed MySQL statement and gathers what a ``QueryShape`` holds, with the same
/// semantics as the PostgreSQL side's `PostgresShapeWalker`: subqueries and CTEs fold into the one
/// shape, ORDER BY, GROUP BY and LIMIT come from the outermost query only.
///
/// MySQL's UPDATE and DELETE may carry ORDER BY and LIMIT; PostgreSQL's cannot, and they are kept
/// here because they decide which index serves the statement.
struct MySQLShapeWalker {
    private enum SelectRole {
        case outermost
        case nested
        /// The subquery of EXISTS, whose select list is never evaluated.
        case existenceTest
    }

    private typealias Ordering = [(expression: MySQLExpression, descending: Bool)]

    private var tables: [(location: Int, reference: TableReference)] = []
    private var facts: [PredicateClassifier.Fact] = []
    private var columns: Set<ColumnReference> = []
    private var orderBy: [OrderItem] = []
    private var groupBy: [ColumnReference] = []
    private var limit: Int?
    private var hasLimit = false
    private var selectsAllColumns = false
    private var subqueryCount = 0
    private var locksRows = false

    static func shape(of statement: MySQLStatement) -> QueryShape {
        var walker = MySQLShapeWalker()
        let kind: QueryShape.StatementKind
        switch statement {
        case .query(let query):
            walker.walkQuery(query, parent: nil, role: .outermost)
            walker.locksRows = query.locksRows
            kind = .select
        case .insert(let insert):
            walker.walkInsert(insert)
            kind = .insert
        case .update(let ctes, let recursive, let references, let assignments, let condition, let ordering, let count):
            let scope = NameScope(parent: walker.walkWith(ctes, recursive: recursive, parent: nil))
            walker.walkFromItems(references, scope: scope)
            walker.walkAssignments(assignments, scope: scope)
            walker.walkCondition(condition, scope: scope)
            walker.walkOrdering(ordering, limit: count, offset: nil, outputs: [], scope: scope, role: .outermost)
            kind = .update
        case .delete(let ctes, let recursive, _, let references, let condition, let ordering, let count):
            let scope = NameScope(parent: walker.walkWith(ctes, recursive: recursive, parent: nil))
            walker.walkFromItems(references, scope: scope)
            walker.walkCondition(condition, scope: scope)
            walker.walkOrdering(ordering, limit: count, offset: nil, outputs: [], scope: scope, role: .outermost)
            kind = .delete
        case .other:
            return QueryShape(kind: .other)
        }
        return walker.shape(kind: kind)
    }

    private func shape(kind: QueryShape.StatementKind) -> QueryShape {
        let tablesInTextOrder = tables.enumerated()
            .sorted { ($0.element.location, $0.offset) < ($1.element.location, $1.offset) }
            .map(\.element.reference)
        let joins = facts.compactMap { fact -> JoinCondition? in
            guard case .join(let join) = fact else { return nil }
            return join
        }
        return QueryShape(
            kind: kind, tables: Self.distinct(tablesInTextOrder),
            predicates: Self.distinct(facts.compactMap(\.predicate)),
            joins: Self.distinct(joins), orderBy: orderBy, groupBy: Self.distinct(groupBy), limit: limit,
            hasLimit: hasLimit, referencedColumns: columns.sorted(), selectsAllColumns: selectsAllColumns,
            subqueryCount: subqueryCount, locksRows: locksRows)
    }

    private static func distinct<T: Hashable>(_ items: [T]) -> [T] {
        var seen = Set<T>()
        return items.filter { seen.insert($0).inserted }
    }

    // MARK: Queries

    private mutating func walkQuery(_ query: MySQLQuery, parent: NameScope?, role: SelectRole) {
        let outer = walkWith(query.ctes, recursive: query.isRecursive, parent: parent)
        if case .select(let core) = query.body {
            let scope = NameScope(parent: outer)
            walkCore(core, scope: scope, role: role)
            walkOrdering(
                query.orderBy, limit: query.limit, offset: query.offset, outputs: core.items, scope: scope, role: role)
            return
        }
        if case .nested(let inner) = query.body, query.orderBy.isEmpty, query.limit == nil {
            walkQuery(inner, parent: outer, role: role)
            return
        }
        walkBody(query.body, parent: outer, role: role == .existenceTest ? .existenceTest : .nested)
        walkOrdering(
            query.orderBy, limit: query.limit, offset: query.offset, outputs: query.firstSelect?.items ?? [],
            scope: NameScope(parent: outer), role: role)
    }

    private mutating func walkBody(_ body: MySQLQuery.Body, parent: NameScope?, role: SelectRole) {
        switch body {
        case .select(let core): walkCore(core, scope: NameScope(parent: parent), role: role)
        case .setOperation(let left, let right):
            walkBody(left, parent: parent, role: role)
            walkBody(right, parent: parent, role: role)
        case .nested(let query): walkQuery(query, parent: parent, role: role)
        case .values(let rows):
            let scope = NameScope(parent: parent)
            for row in rows { walkExpressions(row, scope: scope) }
        }
    }

    private mutating func walkCore(_ core: MySQLSelectCore, scope: NameScope, role: SelectRole) {
        walkFromItems(core.from, scope: scope)
        if role != .existenceTest {
            walkExpressions(core.items.map(\.expression), scope: scope)
        }
        walkCondition(core.whereClause, scope: scope)
        walkCondition(core.having, scope: scope)
        walkExpressions(core.otherExpressions, scope: scope)
        for item in core.groupBy {
            let output = Self.outputExpression(named: item, in: core.items)
            if output == nil { walkExpression(item, scope: scope) }
            if role == .outermost, case .column(let parts) = output ?? item, let column = scope.resolve(parts) {
                groupBy.append(column.reference)
            }
        }
    }

    private mutating func walkInsert(_ insert: MySQLInsert) {
        let scope = NameScope(parent: nil)
        var table: String?
        if case .table(let schema, let name, _, let offset) = insert.table {
            tables.append((offset, TableReference(schema: schema, name: name)))
            scope.addRelation(exposedName: name, table: name)
            table = name
        }
        for column in insert.columns { columns.insert(ColumnReference(table: table, column: column)) }
        switch insert.source {
        case .values(let rows):
            // The VALUES rows cannot see the target table.
            let values = NameScope(parent: nil)
            for row in rows { walkExpressions(row, scope: values) }
        case .query(let query):
            walkQuery(query, parent: nil, role: .nested)
        case .assignments(let assignments):
            walkAssignments(assignments, scope: scope)
        }
        // `AS new` names the proposed row, whose columns are the target's (like PostgreSQL's EXCLUDED).
        if let alias = insert.rowAlias, let table { scope.addPseudoRelation(named: alias, table: table) }
        walkAssignments(insert.onDuplicate, scope: scope)
    }

    /// Registers the CTE names, which shadow tables of the same name, and walks the CTE bodies.
    private mutating func walkWith(_ ctes: [MySQLCommonTableExpression], recursive: Bool, parent: NameScope?)
        -> NameScope?
    {
        guard !ctes.isEmpty else { return parent }
        let scope = NameScope(parent: parent)
        if recursive {
            for cte in ctes { scope.addCTE(named: cte.name) }
        }
        for cte in ctes {
            subqueryCount += 1
            walkQuery(cte.query, parent: scope, role: .nested)
            if !recursive { scope.addCTE(named: cte.name) }
        }
        return scope
    }

    // MARK: FROM

    private mutating func walkFromItems(_ items: [MySQLTableReference], scope: NameScope) {
        for item in items { walkFromItem(item, scope: scope) }
    }

    private mutating func walkFromItem(_ item: MySQLTableReference, scope: NameScope) {
        switch item {
        case .table(let schema, let name, let alias, let offset):
            if schema == nil && scope.isCTE(name) {
                scope.addRelation(exposedName: alias ?? name, table: nil)
                return
            }
            tables.append((offset, TableReference(schema: schema, name: name, alias: alias)))
            scope.addRelation(exposedName: alias ?? name, table: name)
        case .derived(let query, let alias):
            subqueryCount += 1
            walkQuery(query, parent: scope, role: .nested)
            scope.addRelation(exposedName: alias ?? "", table: nil)
        case .function(let arguments, let alias):
            walkExpressions(arguments, scope: scope)
            scope.addRelation(exposedName: alias ?? "", table: nil)
        case .join(let left, let right, let condition, let using):
            let start = scope.relations.count
            walkFromItem(left, scope: scope)
            let middle = scope.relations.count
            walkFromItem(right, scope: scope)
            walkCondition(condition, scope: scope)
            let leftSide = scope.relations[start..<middle]
            let rightSide = scope.relations[middle...]
            for name in using {
                let leftColumn = ColumnReference(table: leftSide.count == 1 ? leftSide.first?.table : nil, column: name)
                let rightColumn = ColumnReference(
                    table: rightSide.count == 1 ? rightSide.first?.table : nil, column: name)
                columns.formUnion([leftColumn, rightColumn])
                facts.append(.join(JoinCondition(left: leftColumn, right: rightColumn)))
            }
        }
    }

    // MARK: Clauses and expressions

    private mutating func walkOrdering(
        _ ordering: Ordering, limit count: MySQLExpression?, offset: MySQLExpression?,
        outputs: [(expression: MySQLExpression, alias: String?)], scope: NameScope, role: SelectRole
    ) {
        for item in ordering {
            let output = Self.outputExpression(named: item.expression, in: outputs)
            if output == nil { walkExpression(item.expression, scope: scope) }
            if role == .outermost {
                orderBy.append(orderItem(output ?? item.expression, descending: item.descending, scope: scope))
            }
        }
        if let offset { walkExpression(offset, scope: scope) }
        guard let count else { return }
        walkExpression(count, scope: scope)
        if role == .outermost {
            hasLimit = true
            if case .number(let digits) = count { limit = Int(digits) }
        }
    }

    /// The select-list expression an ORDER BY / GROUP BY item names by position or alias.
    private static func outputExpression(
        named item: MySQLExpression, in outputs: [(expression: MySQLExpression, alias: String?)]
    ) -> MySQLExpression? {
        if case .number(let digits) = item, let position = Int(digits), outputs.indices.contains(position - 1) {
            return outputs[position - 1].expression
        }
        guard case .column(let parts) = item, parts.count == 1 else { return nil }
        return outputs.first { $0.alias == parts[0] }?.expression
    }

    private func orderItem(_ expression: MySQLExpression, descending: Bool, scope: NameScope) -> OrderItem {
        if case .column(let parts) = expression, let column = scope.resolve(parts) {
            return OrderItem(column: column.reference, descending: descending)
        }
        return OrderItem(column: nil, expression: expression.text, descending: descending)
    }

    /// `SET col = value`: the target column is written, the value read.
    private mutating func walkAssignments(
        _ assignments: [(column: [String], value: MySQLExpression)], scope: NameScope
    ) {
        for assignment in assignments {
            if let column = scope.resolve(assignment.column) { columns.insert(column.reference) }
            walkExpression(assignment.value, scope: scope)
        }
    }

    private mutating func walkCondition(_ condition: MySQLExpression?, scope: NameScope) {
        guard let condition else { return }
        // Classify first so the statement's own predicates precede those of its subqueries.
        facts += MySQLPredicateClassifier(scope: scope).facts(in: condition)
        walkExpression(condition, scope: scope)
    }

    private mutating func walkExpression(_ expression: MySQLExpression, scope: NameScope) {
        switch expression {
        case .column(let parts):
            if let column = scope.resolve(parts), !column.isDerived { columns.insert(column.reference) }
        case .star:
            selectsAllColumns = true
        case .exists(let query):
            subqueryCount += 1
            walkQuery(query, parent: scope, role: .existenceTest)
        default:
            walkExpressions(expression.children, scope: scope)
            for query in expression.subqueries {
                subqueryCount += 1
                walkQuery(query, parent: scope, role: .nested)
            }
        }
    }

    private mutating func walkExpressions(_ expressions: [MySQLExpression], scope: NameScope) {
        for expression in expressions { walkExpression(expression, scope: scope) }
    }
}
