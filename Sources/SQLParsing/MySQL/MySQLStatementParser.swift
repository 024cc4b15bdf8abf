/// Recursive-descent parser for the DML of MySQL 8 and MariaDB 10/11 (SELECT, INSERT, REPLACE,
/// UPDATE, DELETE, WITH, set operations). Other statements are recognised by their first word and
/// read as ``MySQLStatement/other``.
struct MySQLStatementParser {
    private let tokens: [MySQLToken]
    private let sql: String
    private let bytes: [UInt8]
    private var index = 0
    /// Guards the recursion against adversarial nesting (`((((…`).
    private var depth = 0

    init(tokens: [MySQLToken], sql: String) {
        self.tokens = tokens
        self.sql = sql
        self.bytes = Array(sql.utf8)
    }

    /// The first statement of `sql` (a trailing `;` is allowed, anything after it is ignored).
    static func parse(_ sql: String) throws(SQLParseError) -> MySQLStatement {
        var parser = MySQLStatementParser(tokens: try MySQLTokenizer.tokens(of: sql), sql: sql)
        return try parser.statement()
    }

    private mutating func statement() throws(SQLParseError) -> MySQLStatement {
        guard let first = peek else { return .other }
        let result: MySQLStatement
        if first.isWord("select") || first.isWord("with") || first.isSymbol("(") || first.isWord("values")
            || first.isWord("table")
        {
            let ctes = try withClause()
            if ctes != nil, let next = peek, next.isWord("update") || next.isWord("delete") {
                result = next.isWord("update") ? try update(ctes) : try delete(ctes)
            } else {
                result = .query(try query(with: ctes))
            }
        } else if first.isWord("insert") || first.isWord("replace") {
            result = .insert(try insert())
        } else if first.isWord("update") {
            result = try update(nil)
        } else if first.isWord("delete") {
            result = try delete(nil)
        } else {
            return .other
        }
        while accept(";") {}
        if let extra = peek { throw unexpected(extra) }
        return result
    }

    // MARK: Queries

    private typealias CTEs = (list: [MySQLCommonTableExpression], recursive: Bool)

    private mutating func withClause() throws(SQLParseError) -> CTEs? {
        guard acceptWord("with") else { return nil }
        let recursive = acceptWord("recursive")
        var list: [MySQLCommonTableExpression] = []
        repeat {
            let name = try identifier()
            if accept("(") {
                repeat { _ = try identifier() } while accept(",")
                try expect(")")
            }
            try expectWord("as")
            try expect("(")
            let body = try query(with: nil)
            try expect(")")
            list.append(MySQLCommonTableExpression(name: name, query: body))
        } while accept(",")
        return (list, recursive)
    }

    private mutating func query(with ctes: CTEs?) throws(SQLParseError) -> MySQLQuery {
        try enter()
        defer { depth -= 1 }
        var ctes = ctes
        if ctes == nil { ctes = try withClause() }
        var body = try queryPrimary()
        while acceptWord("union") || acceptWord("except") || acceptWord("intersect") {
            _ = acceptWord("all") || acceptWord("distinct")
            body = .setOperation(body, try queryPrimary())
        }
        let orderBy = try orderByClause()
        let (limit, offset) = try limitClause()
        let locksRows = try lockingClauses()
        return MySQLQuery(
            ctes: ctes?.list ?? [], isRecursive: ctes?.recursive ?? false, body: body, orderBy: orderBy, limit: limit,
            offset: offset, locksRows: locksRows)
    }

    private mutating func queryPrimary() throws(SQLParseError) -> MySQLQuery.Body {
        if accept("(") {
            let inner = try query(with: nil)
            try expect(")")
            return .nested(inner)
        }
        if acceptWord("values") {
            var rows: [[MySQLExpression]] = []
            repeat {
                _ = acceptWord("row")
                try expect("(")
                rows.append(try expressionList(until: ")"))
                try expect(")")
            } while accept(",")
            return .values(rows)
        }
        if acceptWord("table") {
            var core = MySQLSelectCore()
            core.items = [(.star([]), nil)]
            core.from = [try tableName()]
            return .select(core)
        }
        try expectWord("select")
        return .select(try selectCore())
    }

    private static let selectModifiers: Set<String> = [
        "all", "distinct", "distinctrow", "high_priority", "straight_join", "sql_small_result", "sql_big_result",
        "sql_buffer_result", "sql_cache", "sql_no_cache", "sql_calc_found_rows",
    ]

    private mutating func selectCore() throws(SQLParseError) -> MySQLSelectCore {
        var core = MySQLSelectCore()
        while let token = peek, token.kind == .word, Self.selectModifiers.contains(token.text.lowercased()) {
            index += 1
        }
        repeat {
            let expression = try expression()
            var alias: String?
            if acceptWord("as") {
                alias = try aliasName()
            } else if let token = peek, isAliasCandidate(token) || token.kind == .string {
                alias = token.text
                index += 1
            }
            core.items.append((expression, alias))
        } while accept(",")
        if acceptWord("into") { try skipInto() }
        if acceptWord("from") {
            if !acceptWord("dual") { core.from = try tableReferences() }
        }
        if acceptWord("where") { core.whereClause = try expression() }
        if acceptWord("group") {
            try expectWord("by")
            repeat {
                core.groupBy.append(try expression())
                _ = acceptWord("asc") || acceptWord("desc")
            } while accept(",")
            if acceptWord("with") { try expectWord("rollup") }
        }
        if acceptWord("having") { core.having = try expression() }
        if acceptWord("window") {
            repeat {
                _ = try identifier()
                try expectWord("as")
                core.otherExpressions += try windowSpecification()
            } while accept(",")
        }
        if acceptWord("into") { try skipInto() }
        return core
    }

    /// `INTO @var, …`, `INTO OUTFILE '…' …`: no table is involved.
    private mutating func skipInto() throws(SQLParseError) {
        while let token = peek, !token.isSymbol(";"), !token.isSymbol(")"),
            token.kind != .word || !Self.clauseWords.contains(token.text.lowercased())
        {
            index += 1
        }
    }

    private mutating func orderByClause() throws(SQLParseError) -> [(expression: MySQLExpression, descending: Bool)] {
        guard acceptWord("order") else { return [] }
        try expectWord("by")
        var items: [(expression: MySQLExpression, descending: Bool)] = []
        repeat {
            let expression = try expression()
            let descending = acceptWord("desc")
            if !descending { _ = acceptWord("asc") }
            items.append((expression, descending))
        } while accept(",")
        return items
    }

    /// `LIMIT n`, `LIMIT offset, n`, `LIMIT n OFFSET m`.
    private mutating func limitClause() throws(SQLParseError) -> (MySQLExpression?, MySQLExpression?) {
        guard acceptWord("limit") else { return (nil, nil) }
        let first = try primary()
        if accept(",") { return (try primary(), first) }
        if acceptWord("offset") { return (first, try primary()) }
        return (first, nil)
    }

    /// FOR UPDATE / FOR SHARE [OF t] [NOWAIT | SKIP LOCKED], LOCK IN SHARE MODE; whether there was one.
    private mutating func lockingClauses() throws(SQLParseError) -> Bool {
        var found = false
        while true {
            if acceptWord("for") {
                guard acceptWord("update") || acceptWord("share") else { throw unexpected(peek) }
                found = true
                if acceptWord("of") { repeat { _ = try identifier() } while accept(",") }
                if acceptWord("nowait") { continue }
                if acceptWord("skip") { try expectWord("locked") }
                if acceptWord("wait") { _ = try primary() }
            } else if acceptWord("lock") {
                try expectWord("in")
                try expectWord("share")
                try expectWord("mode")
                found = true
            } else {
                return found
            }
        }
    }

    // MARK: FROM

    private mutating func tableReferences() throws(SQLParseError) -> [MySQLTableReference] {
        var references: [MySQLTableReference] = []
        repeat { references.append(try joinedTable()) } while accept(",")
        return references
    }

    private mutating func joinedTable() throws(SQLParseError) -> MySQLTableReference {
        var left = try tableFactor()
        while true {
            let natural = acceptWord("natural")
            if acceptWord("straight_join") {
                let right = try tableFactor()
                left = .join(left, right, on: acceptWord("on") ? try expression() : nil, using: [])
                continue
            }
            let kindWord = acceptWord("inner") || acceptWord("cross")
            let outer = !kindWord && (acceptWord("left") || acceptWord("right") || acceptWord("full"))
            if outer { _ = acceptWord("outer") }
            guard acceptWord("join") else {
                if natural || kindWord || outer { throw unexpected(peek) }
                return left
            }
            let right = try tableFactor()
            if acceptWord("on") {
                left = .join(left, right, on: try expression(), using: [])
            } else if acceptWord("using") {
                try expect("(")
                var columns: [String] = []
                repeat { columns.append(try identifier()) } while accept(",")
                try expect(")")
                left = .join(left, right, on: nil, using: columns)
            } else {
                left = .join(left, right, on: nil, using: [])
            }
        }
    }

    private mutating func tableFactor() throws(SQLParseError) -> MySQLTableReference {
        try enter()
        defer { depth -= 1 }
        _ = acceptWord("lateral")
        if accept("(") {
            if let token = peek,
                token.isWord("select") || token.isWord("with") || token.isWord("values")
                    || (token.isSymbol("(") && looksLikeQueryInParentheses())
            {
                let inner = try query(with: nil)
                try expect(")")
                return .derived(inner, alias: try tableAlias(columns: true))
            }
            // `( t1 JOIN t2 ON … )`, a parenthesized join.
            let references = try tableReferences()
            try expect(")")
            return references.dropFirst().reduce(references[0]) { .join($0, $1, on: nil, using: []) }
        }
        if let token = peek, token.isWord("json_table"), tokens.indices.contains(index + 1),
            tokens[index + 1].isSymbol("(")
        {
            index += 2
            let arguments = [try expression()]
            try skipBalanced()
            return .function(arguments, alias: try tableAlias(columns: false))
        }
        return try tableName()
    }

    /// Whether the `(` after `(` opens a query (`((SELECT …) UNION …)`) rather than a join.
    private func looksLikeQueryInParentheses() -> Bool {
        var cursor = index
        while cursor < tokens.count, tokens[cursor].isSymbol("(") { cursor += 1 }
        guard cursor < tokens.count else { return false }
        return tokens[cursor].isWord("select") || tokens[cursor].isWord("with") || tokens[cursor].isWord("values")
    }

    private mutating func tableName() throws(SQLParseError) -> MySQLTableReference {
        guard let first = peek, first.identifier != nil else { throw unexpected(peek) }
        let offset = first.offset
        var parts = [try identifier()]
        while accept(".") { parts.append(try identifier()) }
        if acceptWord("partition") {
            try expect("(")
            repeat { _ = try identifier() } while accept(",")
            try expect(")")
        }
        let alias = try tableAlias(columns: false)
        try indexHints()
        return .table(
            schema: parts.count > 1 ? parts[parts.count - 2] : nil, name: parts[parts.count - 1], alias: alias,
            offset: offset)
    }

    private mutating func tableAlias(columns: Bool) throws(SQLParseError) -> String? {
        var alias: String?
        if acceptWord("as") {
            alias = try aliasName()
        } else if let token = peek, isAliasCandidate(token) {
            alias = token.text
            index += 1
        }
        if columns, alias != nil, accept("(") {
            repeat { _ = try identifier() } while accept(",")
            try expect(")")
        }
        return alias
    }

    /// USE / FORCE / IGNORE {INDEX|KEY} [FOR JOIN|ORDER BY|GROUP BY] (…): hints, no tables.
    private mutating func indexHints() throws(SQLParseError) {
        while let token = peek, token.isWord("use") || token.isWord("force") || token.isWord("ignore"),
            tokens.indices.contains(index + 1), tokens[index + 1].isWord("index") || tokens[index + 1].isWord("key")
        {
            index += 2
            if acceptWord("for") {
                if !acceptWord("join") {
                    _ = acceptWord("order") || acceptWord("group")
                    try expectWord("by")
                }
            }
            try expect("(")
            while let token = peek, !token.isSymbol(")") { index += 1 }
            try expect(")")
        }
    }

    // MARK: INSERT, UPDATE, DELETE

    private static let insertModifiers: Set<String> = ["low_priority", "delayed", "high_priority", "ignore"]

    private mutating func insert() throws(SQLParseError) -> MySQLInsert {
        index += 1
        while let token = peek, token.kind == .word, Self.insertModifiers.contains(token.text.lowercased()) {
            index += 1
        }
        _ = acceptWord("into")
        guard let first = peek, first.identifier != nil else { throw unexpected(peek) }
        var parts = [try identifier()]
        while accept(".") { parts.append(try identifier()) }
        let table = MySQLTableReference.table(
            schema: parts.count > 1 ? parts[parts.count - 2] : nil, name: parts[parts.count - 1], alias: nil,
            offset: first.offset)
        if acceptWord("partition") {
            try expect("(")
            repeat { _ = try identifier() } while accept(",")
            try expect(")")
        }
        var columns: [String] = []
        let source: MySQLInsert.Source
        if let token = peek, token.isSymbol("("), !looksLikeQueryInParentheses() {
            index += 1
            if !(peek?.isSymbol(")") ?? false) {
                repeat {
                    var name = try identifier()
                    while accept(".") { name = try identifier() }
                    columns.append(name)
                } while accept(",")
            }
            try expect(")")
        }
        if acceptWord("values") || acceptWord("value") {
            var rows: [[MySQLExpression]] = []
            repeat {
                _ = acceptWord("row")
                try expect("(")
                rows.append(peek?.isSymbol(")") ?? false ? [] : try expressionList(until: ")"))
                try expect(")")
            } while accept(",")
            source = .values(rows)
        } else if acceptWord("set") {
            source = .assignments(try assignments())
        } else {
            source = .query(try query(with: nil))
        }
        var rowAlias: String?
        if acceptWord("as") {
            rowAlias = try identifier()
            if accept("(") {
                repeat { _ = try identifier() } while accept(",")
                try expect(")")
            }
        }
        var onDuplicate: [(column: [String], value: MySQLExpression)] = []
        if acceptWord("on") {
            try expectWord("duplicate")
            try expectWord("key")
            try expectWord("update")
            onDuplicate = try assignments()
        }
        if acceptWord("returning") { _ = try expressionList(until: ";") }
        return MySQLInsert(table: table, columns: columns, source: source, onDuplicate: onDuplicate, rowAlias: rowAlias)
    }

    private mutating func assignments() throws(SQLParseError) -> [(column: [String], value: MySQLExpression)] {
        var result: [(column: [String], value: MySQLExpression)] = []
        repeat {
            var parts = [try identifier()]
            while accept(".") { parts.append(try identifier()) }
            guard accept("=") || accept(":=") else { throw unexpected(peek) }
            let value: MySQLExpression = acceptWord("default") ? .keywordConstant("DEFAULT") : try expression()
            result.append((parts, value))
        } while accept(",")
        return result
    }

    private mutating func update(_ ctes: CTEs?) throws(SQLParseError) -> MySQLStatement {
        index += 1
        _ = acceptWord("low_priority")
        _ = acceptWord("ignore")
        let tables = try tableReferences()
        try expectWord("set")
        let assignments = try assignments()
        let whereClause = acceptWord("where") ? try expression() : nil
        let orderBy = try orderByClause()
        let (limit, _) = try limitClause()
        while accept(";") {}
        return .update(
            ctes: ctes?.list ?? [], isRecursive: ctes?.recursive ?? false, tables: tables, assignments: assignments,
            whereClause: whereClause, orderBy: orderBy, limit: limit)
    }

    private mutating func delete(_ ctes: CTEs?) throws(SQLParseError) -> MySQLStatement {
        index += 1
        while acceptWord("low_priority") || acceptWord("quick") || acceptWord("ignore") {}
        var targets: [[String]] = []
        var tables: [MySQLTableReference]
        if acceptWord("from") {
            let references = try tableReferences()
            if acceptWord("using") {
                // DELETE FROM t1, t2 USING t1 JOIN t2 …: the FROM list names the targets.
                targets = references.compactMap(Self.nameParts)
                tables = try tableReferences()
            } else {
                tables = references
            }
        } else {
            // DELETE t1, t2 FROM t1 JOIN t2 …
            repeat {
                var parts = [try identifier()]
                while accept(".") { parts.append(try identifier()) }
                if accept(".") { try expect("*") }
                targets.append(parts)
            } while accept(",")
            try expectWord("from")
            tables = try tableReferences()
        }
        let whereClause = acceptWord("where") ? try expression() : nil
        let orderBy = try orderByClause()
        let (limit, _) = try limitClause()
        if acceptWord("returning") { _ = try expressionList(until: ";") }
        return .delete(
            ctes: ctes?.list ?? [], isRecursive: ctes?.recursive ?? false, targets: targets, tables: tables,
            whereClause: whereClause, orderBy: orderBy, limit: limit)
    }

    private static func nameParts(_ reference: MySQLTableReference) -> [String]? {
        guard case .table(let schema, let name, _, _) = reference else { return nil }
        return (schema.map { [$0] } ?? []) + [name]
    }

    // MARK: Expressions

    private mutating func expressionList(until terminator: String) throws(SQLParseError) -> [MySQLExpression] {
        var items: [MySQLExpression] = []
        repeat {
            items.append(acceptWord("default") ? .keywordConstant("DEFAULT") : try expression())
        } while accept(",")
        _ = terminator
        return items
    }

    mutating func expression() throws(SQLParseError) -> MySQLExpression {
        try enter()
        defer { depth -= 1 }
        return try disjunction()
    }

    private mutating func disjunction() throws(SQLParseError) -> MySQLExpression {
        var items = [try exclusiveDisjunction()]
        while acceptWord("or") || accept("||") { items.append(try exclusiveDisjunction()) }
        return items.count == 1 ? items[0] : .or(items)
    }

    private mutating func exclusiveDisjunction() throws(SQLParseError) -> MySQLExpression {
        var left = try conjunction()
        while acceptWord("xor") { left = .other("XOR", [left, try conjunction()]) }
        return left
    }

    private mutating func conjunction() throws(SQLParseError) -> MySQLExpression {
        var items = [try negation()]
        while acceptWord("and") || accept("&&") { items.append(try negation()) }
        return items.count == 1 ? items[0] : .and(items)
    }

    private mutating func negation() throws(SQLParseError) -> MySQLExpression {
        if acceptWord("not") {
            try enter()
            defer { depth -= 1 }
            return .not(try negation())
        }
        return try predicate()
    }

    private static let comparisonOperators: Set<String> = ["=", "<", ">", "<=", ">=", "<>", "!=", "<=>"]

    /// Comparisons, IS, IN, BETWEEN, LIKE, REGEXP.
    private mutating func predicate() throws(SQLParseError) -> MySQLExpression {
        var left = try bitwiseOr()
        while true {
            if let token = peek, token.kind == .symbol, Self.comparisonOperators.contains(token.text) {
                index += 1
                let op = token.text == "!=" ? "<>" : token.text
                if let quantifier = acceptQuantifier() {
                    try expect("(")
                    let inner = try query(with: nil)
                    try expect(")")
                    left = .quantified(op, quantifier: quantifier, left, inner)
                } else {
                    left = .binary(op, left, try bitwiseOr())
                }
                continue
            }
            if acceptWord("is") {
                let negated = acceptWord("not")
                if acceptWord("null") {
                    left = .isNull(left, negated: negated)
                } else if let token = peek, token.isWord("true") || token.isWord("false") || token.isWord("unknown") {
                    index += 1
                    left = .booleanTest(left, test: "IS \(negated ? "NOT " : "")\(token.text.uppercased())")
                } else {
                    throw unexpected(peek)
                }
                continue
            }
            let mark = index
            let negated = acceptWord("not")
            if acceptWord("in") {
                try expect("(")
                if let token = peek, token.isWord("select") || token.isWord("with") || token.isWord("values") {
                    let inner = try query(with: nil)
                    try expect(")")
                    left = .inSubquery(left, inner, negated: negated)
                } else {
                    let items = try expressionList(until: ")")
                    try expect(")")
                    left = .inList(left, items, negated: negated)
                }
            } else if acceptWord("between") {
                let low = try bitwiseOr()
                try expectWord("and")
                left = .between(left, low, try bitwiseOr(), negated: negated)
            } else if acceptWord("like") {
                let pattern = try bitwiseOr()
                if acceptWord("escape") { _ = try primary() }
                left = .like(left, pattern, negated: negated)
            } else if acceptWord("regexp") || acceptWord("rlike") {
                let op = negated ? "NOT REGEXP" : "REGEXP"
                left = .binary(op, left, try bitwiseOr())
            } else if !negated, acceptWord("sounds") {
                try expectWord("like")
                left = .binary("SOUNDS LIKE", left, try bitwiseOr())
            } else if !negated, acceptWord("member") {
                _ = acceptWord("of")
                try expect("(")
                let array = try expression()
                try expect(")")
                left = .binary("MEMBER OF", left, array)
            } else {
                index = mark
                return left
            }
        }
    }

    private mutating func acceptQuantifier() -> String? {
        guard let token = peek, token.isWord("any") || token.isWord("some") || token.isWord("all"),
            tokens.indices.contains(index + 1), tokens[index + 1].isSymbol("(")
        else { return nil }
        index += 1
        return token.isWord("all") ? "ALL" : "ANY"
    }

    private mutating func bitwiseOr() throws(SQLParseError) -> MySQLExpression {
        try binary(from: 1)
    }

    /// Left-associative binary operators by precedence climbing: the operand, then each operator
    /// binding at least as tight as `level` with its right side of tighter operators.
    private mutating func binary(from level: Int) throws(SQLParseError) -> MySQLExpression {
        var left = try unary()
        while let token = peek, let precedence = Self.precedence(of: token), precedence >= level {
            // `- INTERVAL 1 DAY` and `+ INTERVAL …` are date arithmetic, handled as ordinary operands.
            index += 1
            let right = try binary(from: precedence + 1)
            left = .binary(token.kind == .word ? token.text.lowercased() : token.text, left, right)
        }
        return left
    }

    /// How tight a binary operator binds, loosest first: `|`, `&`, shifts, `+ -`, `* / % DIV MOD`,
    /// `^`; nil for any other token. (A table read per operand: building the levels as nested
    /// arrays and lowercasing the token at each of them was most of parsing an expression.)
    private static func precedence(of token: MySQLToken) -> Int? {
        switch token.kind {
        case .symbol:
            switch token.text {
            case "|": 1
            case "&": 2
            case "<<", ">>": 3
            case "+", "-": 4
            case "*", "/", "%": 5
            case "^": 6
            default: nil
            }
        case .word: token.isWord("div") || token.isWord("mod") ? 5 : nil
        default: nil
        }
    }

    private mutating func unary() throws(SQLParseError) -> MySQLExpression {
        if let token = peek,
            token.isSymbol("-") || token.isSymbol("+") || token.isSymbol("~") || token.isSymbol("!")
                || token.isWord("binary")
        {
            index += 1
            try enter()
            defer { depth -= 1 }
            let operand = try unary()
            if token.isSymbol("!") { return .not(operand) }
            if token.isSymbol("-"), case .number(let digits) = operand { return .number("-" + digits) }
            return .unary(token.text.uppercased(), operand)
        }
        var operand = try primary()
        while true {
            if acceptWord("collate") {
                _ = try advance()
                operand = .other("COLLATE", [operand])
            } else if let token = peek, token.isSymbol("->") || token.isSymbol("->>") {
                index += 1
                operand = .binary(token.text, operand, try primary())
            } else {
                return operand
            }
        }
    }

    private static let keywordConstants: Set<String> = [
        "null", "true", "false", "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp",
        "utc_date", "utc_time", "utc_timestamp", "current_user", "unknown",
    ]

    private mutating func primary() throws(SQLParseError) -> MySQLExpression {
        let token = try advance()
        switch token.kind {
        case .string:
            // Adjacent strings concatenate: 'a' 'b'.
            var text = token.text
            while let next = peek, next.kind == .string {
                text += next.text
                index += 1
            }
            return .string(text)
        case .number: return .number(token.text)
        case .placeholder: return .placeholder(token.text)
        case .symbol:
            if token.text == "(" { return try parenthesized() }
            if token.text == "*" { return .star([]) }
            if token.text == "@" || token.text == "@@" {
                // User and system variables: values, not columns.
                var name = try advance().text
                while accept(".") { name += "." + (try advance().text) }
                return .keywordConstant(token.text + name)
            }
            if token.text == "{" {
                // ODBC escape `{d '2024-01-01'}`.
                _ = try advance()
                let value = try expression()
                try expect("}")
                return value
            }
            throw unexpected(token)
        case .quotedIdentifier, .word:
            return try wordExpression(token)
        }
    }

    private mutating func parenthesized() throws(SQLParseError) -> MySQLExpression {
        if let token = peek,
            token.isWord("select") || token.isWord("with") || token.isWord("values")
                || (token.isSymbol("(") && looksLikeQueryInParentheses())
        {
            let mark = index
            if let inner = try? query(with: nil), accept(")") { return .subquery(inner) }
            index = mark
        }
        let items = try expressionList(until: ")")
        try expect(")")
        return items.count == 1 ? items[0] : .row(items)
    }

    private mutating func wordExpression(_ token: MySQLToken) throws(SQLParseError) -> MySQLExpression {
        let lower = token.kind == .word ? token.text.lowercased() : ""
        let isCall = peek?.isSymbol("(") ?? false
        if token.kind == .word {
            if Self.keywordConstants.contains(lower), !isCall { return .keywordConstant(lower.uppercased()) }
            switch lower {
            case "exists" where isCall:
                index += 1
                let inner = try query(with: nil)
                try expect(")")
                return .exists(inner)
            case "case": return try caseExpression()
            case "interval":
                let amount = try expression()
                _ = try advance()  // the unit
                return .other("INTERVAL", [amount])
            case "date" where peek?.kind == .string, "time" where peek?.kind == .string,
                "timestamp" where peek?.kind == .string:
                return .string(try advance().text)
            case "row" where isCall:
                index += 1
                let items = try expressionList(until: ")")
                try expect(")")
                return .row(items)
            case "match" where isCall:
                index += 1
                let columns = try expressionList(until: ")")
                try expect(")")
                try expectWord("against")
                try expect("(")
                let search = try expression()
                while let next = peek, !next.isSymbol(")") { index += 1 }
                try expect(")")
                return .other("MATCH", columns + [search])
            case "cast" where isCall, "convert" where isCall:
                return try castExpression(lower)
            default: break
            }
        }
        if isCall {
            return try functionCall(named: token.text)
        }
        var parts = [token.text]
        while accept(".") {
            if accept("*") { return .star(parts) }
            parts.append(try identifier())
        }
        return .column(parts)
    }

    private static let aggregateNames: Set<String> = [
        "count", "sum", "avg", "min", "max", "group_concat", "json_arrayagg", "json_objectagg", "bit_and", "bit_or",
        "bit_xor", "std", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp",
    ]

    private mutating func functionCall(named name: String) throws(SQLParseError) -> MySQLExpression {
        index += 1  // (
        let lower = name.lowercased()
        var arguments: [MySQLExpression] = []
        var isStar = false
        let isDistinct = acceptWord("distinct")
        _ = acceptWord("all")
        if accept("*") {
            isStar = true
        } else if !(peek?.isSymbol(")") ?? false) {
            repeat {
                arguments.append(try expression())
                // Keyword-separated arguments: TRIM(x FROM y), EXTRACT(DAY FROM d), POSITION(a IN b),
                // GROUP_CONCAT(x ORDER BY y SEPARATOR ','), CHAR(65 USING utf8), WEIGHT_STRING(x AS CHAR(2)).
                while let token = peek, token.kind == .word,
                    [
                        "from", "in", "for", "separator", "using", "as", "order", "by", "asc", "desc", "leading",
                        "trailing", "both",
                    ].contains(token.text.lowercased())
                {
                    index += 1
                    if let next = peek, !next.isSymbol(")"), !next.isSymbol(","),
                        next.kind != .word || !["by", "asc", "desc"].contains(next.text.lowercased())
                    {
                        arguments.append(try expression())
                    }
                }
            } while accept(",")
        }
        try expect(")")
        var isAggregate = Self.aggregateNames.contains(lower)
        if acceptWord("over") {
            isAggregate = true
            if accept("(") {
                index -= 1
                arguments += try windowSpecification()
            } else {
                _ = try identifier()
            }
        }
        return .function(
            name: lower, arguments: arguments, isStar: isStar, isDistinct: isDistinct, isAggregate: isAggregate)
    }

    /// `(PARTITION BY … ORDER BY … ROWS …)`: its expressions, for their columns.
    private mutating func windowSpecification() throws(SQLParseError) -> [MySQLExpression] {
        try expect("(")
        var expressions: [MySQLExpression] = []
        while let token = peek, !token.isSymbol(")") {
            if acceptWord("partition") || acceptWord("order") {
                try expectWord("by")
                repeat {
                    expressions.append(try expression())
                    _ = acceptWord("asc") || acceptWord("desc")
                } while accept(",")
            } else {
                index += 1
            }
        }
        try expect(")")
        return expressions
    }

    private mutating func caseExpression() throws(SQLParseError) -> MySQLExpression {
        var parts: [MySQLExpression] = []
        if !(peek?.isWord("when") ?? false) { parts.append(try expression()) }
        while acceptWord("when") {
            parts.append(try expression())
            try expectWord("then")
            parts.append(try expression())
        }
        if acceptWord("else") { parts.append(try expression()) }
        try expectWord("end")
        return .other("CASE", parts)
    }

    private mutating func castExpression(_ name: String) throws(SQLParseError) -> MySQLExpression {
        index += 1
        let value = try expression()
        var type = ""
        if accept(",") || acceptWord("as") || acceptWord("using") {
            type = (try advance()).text.lowercased()
            if accept("(") { try skipBalancedInside() }
            while let token = peek, token.kind == .word, !token.isSymbol(")") { index += 1 }
        }
        try expect(")")
        return .cast(value, type: type)
    }

    // MARK: Tokens

    private var peek: MySQLToken? { index < tokens.count ? tokens[index] : nil }

    private mutating func advance() throws(SQLParseError) -> MySQLToken {
        guard let token = peek else { throw unexpected(nil) }
        index += 1
        return token
    }

    private mutating func accept(_ symbol: String) -> Bool {
        guard let token = peek, token.isSymbol(symbol) else { return false }
        index += 1
        return true
    }

    private mutating func acceptWord(_ keyword: String) -> Bool {
        guard let token = peek, token.isWord(keyword) else { return false }
        index += 1
        return true
    }

    private mutating func expect(_ symbol: String) throws(SQLParseError) {
        guard accept(symbol) else { throw unexpected(peek, expected: "\"\(symbol)\"") }
    }

    private mutating func expectWord(_ keyword: String) throws(SQLParseError) {
        guard acceptWord(keyword) else { throw unexpected(peek, expected: keyword.uppercased()) }
    }

    /// An identifier: a backtick name, or a bare word that is not a clause keyword.
    private mutating func identifier() throws(SQLParseError) -> String {
        guard let token = peek, let name = token.identifier,
            token.kind == .quotedIdentifier || !Self.reservedWords.contains(token.text.lowercased())
        else { throw unexpected(peek, expected: "an identifier") }
        index += 1
        return name
    }

    private mutating func aliasName() throws(SQLParseError) -> String {
        if let token = peek, token.kind == .string {
            index += 1
            return token.text
        }
        return try identifier()
    }

    /// Whether a word after an expression or table is an alias rather than the next clause.
    private func isAliasCandidate(_ token: MySQLToken) -> Bool {
        token.kind == .quotedIdentifier
            || (token.kind == .word && !Self.reservedWords.contains(token.text.lowercased()))
    }

    /// `( … )` from just after its `(`: skipped, with nesting.
    private mutating func skipBalancedInside() throws(SQLParseError) {
        var level = 1
        while level > 0 {
            let token = try advance()
            if token.isSymbol("(") { level += 1 }
            if token.isSymbol(")") { level -= 1 }
        }
    }

    /// Skips to and including the `)` closing the currently open parenthesis.
    private mutating func skipBalanced() throws(SQLParseError) { try skipBalancedInside() }

    private mutating func enter() throws(SQLParseError) {
        depth += 1
        // Far beyond real SQL; keeps a hostile `((((…` from exhausting the stack.
        if depth > 200 { throw SQLParseError(message: "statement nested too deeply", position: nil) }
    }

    private func unexpected(_ token: MySQLToken?, expected: String? = nil) -> SQLParseError {
        let wanted = expected.map { ", expected \($0)" } ?? ""
        guard let token else {
            return SQLParseError(
                message: "syntax error at end of input\(wanted)",
                position: MySQLTokenizer.characterPosition(ofByte: bytes.count, in: bytes), in: sql)
        }
        return SQLParseError(
            message: "syntax error at or near \"\(token.text)\"\(wanted)",
            position: MySQLTokenizer.characterPosition(ofByte: token.offset, in: bytes), in: sql)
    }

    /// Words that end an expression or a table reference, so they are never read as an alias.
    static let clauseWords: Set<String> = [
        "from", "where", "group", "having", "order", "limit", "union", "except", "intersect", "into", "for", "lock",
        "window", "on", "using", "join", "inner", "left", "right", "cross", "natural", "straight_join", "full",
        "outer", "set", "values", "returning", "partition",
    ]

    private static let reservedWords: Set<String> = clauseWords.union([
        "select", "as", "and", "or", "not", "xor", "in", "is", "like", "between", "regexp", "rlike", "case", "when",
        "then", "else", "end", "with", "use", "force", "ignore", "asc", "desc", "div", "mod", "null", "true",
        "false", "exists", "distinct", "all", "interval", "collate", "escape", "sounds", "member", "by", "update",
        "delete", "insert", "replace", "duplicate", "offset", "rollup",
    ])
}
