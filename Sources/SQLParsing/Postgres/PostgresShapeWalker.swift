import AdvisorCore

/// Walks one statement's parse tree and gathers what a ``QueryShape`` holds.
///
/// Subqueries and CTEs are folded into the one shape: their tables, predicates and columns count,
/// while ORDER BY, GROUP BY and LIMIT come from the outermost query only, the one whose rows the
/// client waits for.
struct PostgresShapeWalker {
    /// How a SELECT sits in the statement, which decides what the shape keeps of it.
    private enum SelectRole {
        /// The statement itself: its ORDER BY, GROUP BY and LIMIT are the shape's.
        case outermost
        /// A subquery, CTE body, set-operation arm or INSERT source.
        case nested
        /// The subquery of EXISTS, whose select list PostgreSQL never evaluates.
        case existenceTest
    }

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

    /// The shape of one statement node (`{"SelectStmt": …}` and the like) of a parse tree.
    static func shape(of statement: ParseNode) -> QueryShape {
        var walker = PostgresShapeWalker()
        let kind = walker.walkStatement(statement, parent: nil, role: .outermost)
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

    // MARK: Statements

    @discardableResult
    private mutating func walkStatement(
        _ statement: ParseNode, parent: NameScope?, role: SelectRole
    ) -> QueryShape.StatementKind {
        switch statement.tag {
        case "SelectStmt":
            walkSelect(statement, parent: parent, role: role)
            return .select
        case "InsertStmt":
            walkInsert(statement, parent: parent)
            return .insert
        case "UpdateStmt":
            walkUpdate(statement, parent: parent)
            return .update
        case "DeleteStmt":
            walkDelete(statement, parent: parent)
            return .delete
        case "MergeStmt":
            walkMerge(statement, parent: parent)
            return .merge
        default:
            return .other
        }
    }

    private mutating func walkSelect(_ select: ParseNode?, parent: NameScope?, role: SelectRole) {
        guard let select else { return }
        let outer = walkWith(select.node("withClause"), parent: parent)
        if let setOperation = select.string("op"), setOperation != "SETOP_NONE" {
            // UNION / INTERSECT / EXCEPT: each arm is a query of its own; ORDER BY and LIMIT apply to the whole.
            for arm in [select.node("larg"), select.node("rarg")] {
                walkSelect(arm, parent: outer, role: role == .existenceTest ? .existenceTest : .nested)
            }
            walkOrderingClauses(
                select, outputs: Self.firstArm(of: select).nodes("targetList"), scope: NameScope(parent: outer),
                role: role)
            return
        }
        let scope = NameScope(parent: outer)
        if role == .outermost, !select.nodes("lockingClause").isEmpty { locksRows = true }
        walkFromItems(select.nodes("fromClause"), scope: scope)
        if role != .existenceTest {
            walkExpressions(select.nodes("targetList"), scope: scope)
        }
        walkExpressions(select.nodes("distinctClause"), scope: scope)
        walkExpressions(select.nodes("valuesLists"), scope: scope)
        walkCondition(select.node("whereClause"), scope: scope)
        walkCondition(select.node("havingClause"), scope: scope)
        walkExpressions(select.nodes("windowClause"), scope: scope)
        walkOrderingClauses(select, outputs: select.nodes("targetList"), scope: scope, role: role)
    }

    private static func firstArm(of select: ParseNode) -> ParseNode {
        guard select.string("op") != "SETOP_NONE", let left = select.node("larg") else { return select }
        return firstArm(of: left)
    }

    private mutating func walkInsert(_ insert: ParseNode, parent: NameScope?) {
        let outer = walkWith(insert.node("withClause"), parent: parent)
        let scope = NameScope(parent: outer)
        let table = addRelation(insert.node("relation"), to: scope)
        for column in insert.nodes("cols") {
            recordColumn(named: column.string("name"), of: table)
        }
        // The source query (VALUES or SELECT) cannot see the target table.
        walkSelect(insert.node("selectStmt"), parent: outer, role: .nested)
        if let conflict = insert.node("onConflictClause") {
            // EXCLUDED is the row proposed for insertion, so its columns are the target's.
            if let table { scope.addPseudoRelation(named: "excluded", table: table) }
            for element in conflict.node("infer")?.nodes("indexElems") ?? [] {
                recordColumn(named: element.string("name"), of: table)
            }
            walkExpression(conflict.node("infer")?.node("whereClause"), scope: scope)
            walkAssignments(conflict.nodes("targetList"), table: table, scope: scope)
            walkExpression(conflict.node("whereClause"), scope: scope)
        }
        walkExpressions(insert.nodes("returningList"), scope: scope)
    }

    private mutating func walkUpdate(_ update: ParseNode, parent: NameScope?) {
        let scope = NameScope(parent: walkWith(update.node("withClause"), parent: parent))
        let table = addRelation(update.node("relation"), to: scope)
        walkFromItems(update.nodes("fromClause"), scope: scope)
        walkAssignments(update.nodes("targetList"), table: table, scope: scope)
        walkCondition(update.node("whereClause"), scope: scope)
        walkExpressions(update.nodes("returningList"), scope: scope)
    }

    private mutating func walkDelete(_ delete: ParseNode, parent: NameScope?) {
        let scope = NameScope(parent: walkWith(delete.node("withClause"), parent: parent))
        addRelation(delete.node("relation"), to: scope)
        walkFromItems(delete.nodes("usingClause"), scope: scope)
        walkCondition(delete.node("whereClause"), scope: scope)
        walkExpressions(delete.nodes("returningList"), scope: scope)
    }

    private mutating func walkMerge(_ merge: ParseNode, parent: NameScope?) {
        let scope = NameScope(parent: walkWith(merge.node("withClause"), parent: parent))
        let table = addRelation(merge.node("relation"), to: scope)
        walkFromItem(merge.node("sourceRelation"), scope: scope)
        walkCondition(merge.node("joinCondition"), scope: scope)
        for clause in merge.nodes("mergeWhenClauses") {
            walkExpression(clause.node("condition"), scope: scope)
            walkAssignments(clause.nodes("targetList"), table: table, scope: scope)
            walkExpressions(clause.nodes("values"), scope: scope)
        }
    }

    /// Registers the CTE names, which shadow tables of the same name, and walks the CTE bodies.
    /// Returns the scope the statement's own query levels hang below.
    private mutating func walkWith(_ withClause: ParseNode?, parent: NameScope?) -> NameScope? {
        guard let withClause else { return parent }
        let scope = NameScope(parent: parent)
        let ctes = withClause.nodes("ctes")
        let isRecursive = withClause.bool("recursive")
        if isRecursive {
            for cte in ctes { scope.addCTE(named: cte.string("ctename")) }
        }
        for cte in ctes {
            subqueryCount += 1
            if let body = cte.node("ctequery") { walkStatement(body, parent: scope, role: .nested) }
            // Without RECURSIVE a CTE's own name still means the table inside its body.
            if !isRecursive { scope.addCTE(named: cte.string("ctename")) }
        }
        return scope
    }

    // MARK: FROM

    private mutating func walkFromItems(_ items: [ParseNode], scope: NameScope) {
        for item in items { walkFromItem(item, scope: scope) }
    }

    private mutating func walkFromItem(_ item: ParseNode?, scope: NameScope) {
        guard let item else { return }
        switch item.tag {
        case "RangeVar":
            addRelation(item, to: scope)
        case "JoinExpr":
            walkJoin(item, scope: scope)
        case "RangeSubselect":
            subqueryCount += 1
            walkSelect(item.node("subquery"), parent: scope, role: .nested)
            scope.addRelation(exposedName: item.node("alias")?.string("aliasname") ?? "", table: nil)
        case "RangeTableSample":
            walkFromItem(item.node("relation"), scope: scope)
            walkExpressions(item.nodes("args"), scope: scope)
        default:
            // A set-returning function (`unnest($1) AS ids(id)`) or other derived relation.
            walkExpression(item, scope: scope)
            scope.addRelation(exposedName: item.node("alias")?.string("aliasname") ?? "", table: nil)
        }
    }

    /// Records a base table (or a CTE reference) in the shape and the scope; returns the table name.
    @discardableResult
    private mutating func addRelation(_ rangeVar: ParseNode?, to scope: NameScope) -> String? {
        guard let rangeVar, let name = rangeVar.string("relname") else { return nil }
        let schema = rangeVar.string("schemaname")
        let alias = rangeVar.node("alias")?.string("aliasname")
        if schema == nil && scope.isCTE(name) {
            scope.addRelation(exposedName: alias ?? name, table: nil)
            return nil
        }
        tables.append((rangeVar.int("location") ?? 0, TableReference(schema: schema, name: name, alias: alias)))
        scope.addRelation(exposedName: alias ?? name, table: name)
        return name
    }

    private mutating func walkJoin(_ join: ParseNode, scope: NameScope) {
        let start = scope.relations.count
        walkFromItem(join.node("larg"), scope: scope)
        let middle = scope.relations.count
        walkFromItem(join.node("rarg"), scope: scope)
        walkCondition(join.node("quals"), scope: scope)

        // `USING (id)` equates the column on both sides; a side made of several relations is ambiguous.
        let left = scope.relations[start..<middle]
        let right = scope.relations[middle...]
        for name in join.names("usingClause") {
            let leftColumn = ColumnReference(table: left.count == 1 ? left.first?.table : nil, column: name)
            let rightColumn = ColumnReference(table: right.count == 1 ? right.first?.table : nil, column: name)
            columns.formUnion([leftColumn, rightColumn])
            facts.append(.join(JoinCondition(left: leftColumn, right: rightColumn)))
        }
    }

    // MARK: Clauses and expressions

    /// ORDER BY, GROUP BY and LIMIT. Their items may name a select-list entry by alias or position.
    private mutating func walkOrderingClauses(
        _ select: ParseNode, outputs: [ParseNode], scope: NameScope, role: SelectRole
    ) {
        for item in select.nodes("groupClause") {
            let output = Self.outputExpression(named: item, in: outputs)
            if output == nil { walkExpression(item, scope: scope) }
            let expression = output ?? item
            if role == .outermost, expression.tag == "ColumnRef", let column = scope.resolve(Self.nameParts(expression))
            {
                groupBy.append(column.reference)
            }
        }
        for sort in select.nodes("sortClause") {
            guard let item = sort.node("node") else { continue }
            let output = Self.outputExpression(named: item, in: outputs)
            if output == nil { walkExpression(item, scope: scope) }
            if role == .outermost {
                orderBy.append(
                    orderItem(output ?? item, descending: sort.string("sortby_dir") == "SORTBY_DESC", scope: scope))
            }
        }
        walkExpression(select.node("limitOffset"), scope: scope)
        walkExpression(select.node("limitCount"), scope: scope)
        if role == .outermost, let count = select.node("limitCount") {
            recordLimit(count)
        }
    }

    /// The select-list expression an ORDER BY / GROUP BY item refers to: `ORDER BY 2` or `ORDER BY total`
    /// for `sum(price) AS total`. `nil` when the item is an expression of its own.
    private static func outputExpression(named item: ParseNode, in outputs: [ParseNode]) -> ParseNode? {
        if item.tag == "A_Const", let position = item.node("ival")?.int("ival"), outputs.indices.contains(position - 1)
        {
            return outputs[position - 1].node("val")
        }
        let parts = nameParts(item)
        guard item.tag == "ColumnRef", parts.count == 1 else { return nil }
        return outputs.first { $0.string("name") == parts[0] }?.node("val")
    }

    private func orderItem(_ expression: ParseNode, descending: Bool, scope: NameScope) -> OrderItem {
        if expression.tag == "ColumnRef", let column = scope.resolve(Self.nameParts(expression)) {
            return OrderItem(column: column.reference, descending: descending)
        }
        return OrderItem(column: nil, expression: ExpressionText.render(expression), descending: descending)
    }

    /// A literal count is kept; a parameter (`LIMIT $1`) only tells that there is a limit.
    private mutating func recordLimit(_ count: ParseNode) {
        guard count.tag == "A_Const" else {
            hasLimit = true
            return
        }
        guard !count.bool("isnull") else { return }  // LIMIT ALL
        hasLimit = true
        // libpg_query leaves out a zero: `LIMIT 0` arrives as `{"ival": {}}`.
        limit = count.node("ival").map { $0.int("ival") ?? 0 }
    }

    private mutating func recordColumn(named name: String?, of table: String?) {
        if let name { columns.insert(ColumnReference(table: table, column: name)) }
    }

    /// `SET col = value`: the target column is written, the value read.
    private mutating func walkAssignments(_ targets: [ParseNode], table: String?, scope: NameScope) {
        for target in targets {
            recordColumn(named: target.string("name"), of: table)
            walkExpression(target.node("val"), scope: scope)
        }
    }

    /// A condition feeds both the predicates and, like any expression, the referenced columns.
    private mutating func walkCondition(_ condition: ParseNode?, scope: NameScope) {
        guard let condition else { return }
        // Classify first so the statement's own predicates precede those of its subqueries.
        facts += PredicateClassifier(scope: scope).facts(in: condition)
        walkExpression(condition, scope: scope)
    }

    /// Records the columns an expression reads and walks the subqueries inside it.
    private mutating func walkExpression(_ expression: ParseNode?, scope: NameScope) {
        guard let expression else { return }
        switch expression.tag {
        case "ColumnRef":
            let parts = Self.nameParts(expression)
            if expression.nodes("fields").last?.tag == "A_Star" {
                selectsAllColumns = true
            } else if let column = scope.resolve(parts), !column.isDerived {
                // A subquery's or CTE's output column is already recorded, as its source, inside it.
                columns.insert(column.reference)
            }
        case "SubLink":
            subqueryCount += 1
            walkExpression(expression.node("testexpr"), scope: scope)
            let role: SelectRole = expression.string("subLinkType") == "EXISTS_SUBLINK" ? .existenceTest : .nested
            walkSelect(expression.node("subselect"), parent: scope, role: role)
        case "MultiAssignRef" where (expression.int("colno") ?? 1) > 1:
            break  // `SET (a, b) = (SELECT …)` repeats the source under every column; walk it once.
        default:
            walkExpressions(expression.children, scope: scope)
        }
    }

    private mutating func walkExpressions(_ expressions: [ParseNode], scope: NameScope) {
        for expression in expressions { walkExpression(expression, scope: scope) }
    }

    private static func nameParts(_ columnRef: ParseNode) -> [String] {
        columnRef.nodes("fields").compactMap { $0.string("sval") }
    }
}
