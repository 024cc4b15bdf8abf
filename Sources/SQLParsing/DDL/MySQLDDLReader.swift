import AdvisorCore

/// Reads the index-relevant DDL of a MySQL/MariaDB script from its tokens: `CREATE INDEX`,
/// `ALTER [ONLINE] TABLE … ADD/DROP {INDEX|KEY|UNIQUE|FOREIGN KEY} …, ALGORITHM=…, LOCK=…`,
/// `DROP INDEX … ON …`, `CREATE TABLE` keys, and transaction control.
///
/// Statements it does not look at get no actions; a statement that does not start with a MySQL
/// statement keyword, or a DDL statement it cannot follow, is a syntax error with its position.
struct MySQLDDLReader {
    private let tokens: [MySQLToken]
    private var index = 0
    /// Byte offset of the statement in the script, and the script's bytes, for error positions.
    private let base: Int
    private let scriptBytes: [UInt8]
    private let script: String

    /// Every statement of `script` with its position and actions.
    static func statements(of script: String) throws(SQLParseError) -> [DDLStatement] {
        let bytes = Array(script.utf8)
        var cursor = 0
        var result: [DDLStatement] = []
        for text in try MySQLParser.split(script) {
            // The splitter returns statements verbatim (trimmed), in order: find each after the last.
            let needle = Array(text.utf8)
            guard let start = Self.find(needle, in: bytes, from: cursor) else { continue }
            cursor = start + needle.count
            let tokens: [MySQLToken]
            do {
                tokens = try MySQLTokenizer.tokens(of: text)
            } catch {
                throw SQLParseError(
                    message: error.message,
                    position: error.position.map {
                        MySQLTokenizer.characterPosition(ofByte: start, in: bytes) + $0 - 1
                    },
                    in: script)
            }
            var reader = MySQLDDLReader(tokens: tokens, base: start, scriptBytes: bytes, script: script)
            // The splitter keeps the comments before a statement; its position is its first word's.
            let first = ScriptText.skipTrivia(from: start, in: bytes, hashComments: true)
            let (line, column) = ScriptText.lineAndColumn(ofByte: first, in: bytes)
            result.append(
                DDLStatement(
                    text: ScriptText.text(bytes, first, cursor), line: line, column: column,
                    actions: try reader.actions()))
        }
        return result
    }

    private init(tokens: [MySQLToken], base: Int, scriptBytes: [UInt8], script: String) {
        self.tokens = tokens
        self.base = base
        self.scriptBytes = scriptBytes
        self.script = script
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        var at = start
        while at + needle.count <= haystack.count {
            if haystack[at] == needle[0], Array(haystack[at..<(at + needle.count)]) == needle { return at }
            at += 1
        }
        return nil
    }

    /// First words of the statements MySQL and MariaDB accept (and the mysql client's own commands).
    private static let statementKeywords: Set<String> = [
        "ALTER", "ANALYZE", "BEGIN", "BINLOG", "CALL", "CHANGE", "CHECK", "CHECKSUM", "COMMIT", "CREATE",
        "DEALLOCATE", "DELETE", "DELIMITER", "DESC", "DESCRIBE", "DO", "DROP", "EXECUTE", "EXPLAIN", "FLUSH",
        "GET", "GRANT", "HANDLER", "HELP", "IMPORT", "INSERT", "INSTALL", "KILL", "LOAD", "LOCK", "OPTIMIZE",
        "PREPARE", "PURGE", "RELEASE", "RENAME", "REPAIR", "REPLACE", "RESET", "RESIGNAL", "REVOKE", "ROLLBACK",
        "SAVEPOINT", "SELECT", "SET", "SHOW", "SHUTDOWN", "SIGNAL", "START", "STOP", "TABLE", "TRUNCATE",
        "UNINSTALL", "UNLOCK", "UPDATE", "USE", "VALUES", "WITH", "XA", "BACKUP",
    ]

    // MARK: statements

    mutating func actions() throws(SQLParseError) -> [DDLAction] {
        guard let first = peek else { return [] }
        if first.isSymbol("(") { return [] }
        guard first.kind == .word, Self.statementKeywords.contains(first.text.uppercased()) else {
            throw error("syntax error: '\(first.text)' does not start a MySQL statement", at: first)
        }
        if accept("START"), accept("TRANSACTION") { return [.beginTransaction] }
        if accept("BEGIN") {
            // MariaDB's `BEGIN NOT ATOMIC … END` is a compound statement, not a transaction.
            return peek?.isWord("NOT") == true ? [] : [.beginTransaction]
        }
        if accept("COMMIT") || accept("ROLLBACK") { return [.endTransaction] }
        if accept("CREATE") { return try create() }
        if accept("ALTER") { return try alter() }
        if accept("DROP") { return try drop() }
        return []
    }

    private mutating func create() throws(SQLParseError) -> [DDLAction] {
        _ = accept("OR") && accept("REPLACE")
        _ = accept("TEMPORARY")
        var isUnique = false
        var method: String?
        if accept("UNIQUE") {
            isUnique = true
        } else if let kind = acceptAny(["FULLTEXT", "SPATIAL"]) {
            method = kind
        }
        if accept("INDEX") { return [.createIndex(try createIndex(isUnique: isUnique, method: method))] }
        if accept("TABLE") { return try createTable() }
        return []
    }

    /// `CREATE … INDEX [IF NOT EXISTS] name [USING t] ON table (keys) [options] [ALGORITHM=…] [LOCK=…]`.
    private mutating func createIndex(isUnique: Bool, method: String?) throws(SQLParseError) -> DDLIndex {
        let ifNotExists = accept("IF") && accept("NOT") && accept("EXISTS")
        let name = try identifier("an index name after CREATE INDEX")
        var method = method
        if accept("USING") { method = try identifier("an index type after USING").uppercased() }
        try expect("ON", "after the index name")
        let table = try tableName()
        let keys = try keyList()
        let (algorithm, lock) = algorithmAndLock(in: index..<tokens.count)
        return DDLIndex(
            name: name, table: table, keys: keys, isUnique: isUnique, method: method, origin: .createIndex,
            ifNotExists: ifNotExists, algorithm: algorithm, lock: lock)
    }

    private mutating func createTable() throws(SQLParseError) -> [DDLAction] {
        _ = accept("IF") && accept("NOT") && accept("EXISTS")
        let table = try tableName()
        var actions: [DDLAction] = [.createTable(table)]
        guard peek?.isSymbol("(") == true else { return actions }
        let close = matchingParenthesis(from: index)
        for range in topLevelItems(in: (index + 1)..<close) {
            index = range.lowerBound
            actions += try definition(upTo: range.upperBound, table: table, origin: .createTable)
        }
        index = close
        return actions
    }

    /// `ALTER [ONLINE] [IGNORE] TABLE t [WAIT n | NOWAIT] spec, spec, …`.
    private mutating func alter() throws(SQLParseError) -> [DDLAction] {
        let online = accept("ONLINE")
        _ = accept("IGNORE")
        guard accept("TABLE") else { return [] }
        let table = try tableName()
        if accept("WAIT") {
            index += 1
        } else {
            _ = accept("NOWAIT")
        }
        var actions: [DDLAction] = []
        for range in topLevelItems(in: index..<tokens.count) {
            index = range.lowerBound
            if accept("ADD") {
                actions += try definition(upTo: range.upperBound, table: table, origin: .alterTable)
            } else if accept("DROP"), let kind = acceptAny(["INDEX", "KEY"]) {
                let ifExists = accept("IF") && accept("EXISTS")
                let name = try identifier("an index name after DROP \(kind)")
                actions.append(
                    .dropIndex(DDLIndexDrop(name: name, schema: table.schema, table: table, ifExists: ifExists)))
            }
        }
        // ALGORITHM= and LOCK= are clauses of the whole statement: they govern every change in it.
        var (algorithm, lock) = algorithmAndLock(in: 0..<tokens.count)
        // MariaDB's `ALTER ONLINE TABLE` is LOCK=NONE written differently.
        if online, lock == nil { lock = "NONE" }
        return actions.map { action in
            switch action {
            case .createIndex(var created):
                created.algorithm = algorithm
                created.lock = lock
                return .createIndex(created)
            case .dropIndex(var dropped):
                dropped.algorithm = algorithm
                dropped.lock = lock
                return .dropIndex(dropped)
            default:
                return action
            }
        }
    }

    private mutating func drop() throws(SQLParseError) -> [DDLAction] {
        _ = accept("TEMPORARY")
        if accept("INDEX") {
            let ifExists = accept("IF") && accept("EXISTS")
            let name = try identifier("an index name after DROP INDEX")
            try expect("ON", "after the index name")
            let table = try tableName()
            let (algorithm, lock) = algorithmAndLock(in: index..<tokens.count)
            return [
                .dropIndex(
                    DDLIndexDrop(
                        name: name, schema: table.schema, table: table, ifExists: ifExists, algorithm: algorithm,
                        lock: lock))
            ]
        }
        guard accept("TABLE") else { return [] }
        _ = accept("IF") && accept("EXISTS")
        var tables: [DDLAction] = [.dropTable(try tableName())]
        while peek?.isSymbol(",") == true {
            index += 1
            tables.append(.dropTable(try tableName()))
        }
        return tables
    }

    // MARK: definitions shared by CREATE TABLE and ALTER TABLE … ADD

    /// One key, constraint or column definition ending before token `end`.
    private mutating func definition(upTo end: Int, table: DDLTableName, origin: DDLIndex.Origin)
        throws(SQLParseError) -> [DDLAction]
    {
        var constraintName: String?
        if accept("CONSTRAINT") {
            if let token = peek, token.identifier != nil,
                !["PRIMARY", "UNIQUE", "FOREIGN", "CHECK"].contains(token.text.uppercased())
                    || token.kind == .quotedIdentifier
            {
                constraintName = token.text
                index += 1
            }
        }
        if accept("PRIMARY") {
            try expect("KEY", "after PRIMARY")
            _ = accept("USING") && skip()
            return [
                .createIndex(
                    DDLIndex(
                        name: "PRIMARY", table: table, keys: try keyList(), isUnique: true, isPrimary: true,
                        origin: origin == .alterTable ? .constraint : origin))
            ]
        }
        if accept("FOREIGN") {
            try expect("KEY", "after FOREIGN")
            var name = constraintName
            if let token = peek, token.identifier != nil, !token.isSymbol("(") {
                name = name ?? token.text
                index += 1
            }
            let columns = try keyList().map(\.name)
            try expect("REFERENCES", "after the foreign key's columns")
            let referenced = try tableName()
            let referencedColumns = try keyList().map(\.name)
            return [
                .addForeignKey(
                    DDLForeignKey(
                        name: name, table: table, columns: columns, referencedTable: referenced,
                        referencedColumns: referencedColumns))
            ]
        }
        var isUnique = false
        var method: String?
        if accept("UNIQUE") {
            isUnique = true
        } else if let kind = acceptAny(["FULLTEXT", "SPATIAL"]) {
            method = kind
        }
        let keyword = acceptAny(["INDEX", "KEY"])
        guard isUnique || method != nil || keyword != nil else {
            // A column definition: its inline PRIMARY KEY / UNIQUE builds an index on it.
            return columnDefinition(upTo: end, table: table, origin: origin)
        }
        let ifNotExists = accept("IF") && accept("NOT") && accept("EXISTS")
        var name = constraintName
        if let token = peek, token.identifier != nil, !token.isWord("USING") {
            name = token.text
            index += 1
        }
        if accept("USING") { method = try identifier("an index type after USING").uppercased() }
        let keys = try keyList()
        return [
            .createIndex(
                DDLIndex(
                    name: name, table: table, keys: keys, isUnique: isUnique, method: method, origin: origin,
                    ifNotExists: ifNotExists))
        ]
    }

    private mutating func columnDefinition(upTo end: Int, table: DDLTableName, origin: DDLIndex.Origin)
        -> [DDLAction]
    {
        // `ADD [COLUMN] name type …`
        if origin == .alterTable { _ = accept("COLUMN") }
        guard let column = peek?.identifier else { return [] }
        let words = tokens[index..<end]
        var actions: [DDLAction] = []
        if zip(words, words.dropFirst()).contains(where: { $0.isWord("PRIMARY") && $1.isWord("KEY") }) {
            actions.append(
                .createIndex(
                    DDLIndex(
                        name: "PRIMARY", table: table, keys: [IndexKey(name: column)], isUnique: true, isPrimary: true,
                        origin: origin == .alterTable ? .constraint : origin)))
        } else if words.contains(where: { $0.isWord("UNIQUE") }) {
            actions.append(
                .createIndex(
                    DDLIndex(
                        name: column, table: table, keys: [IndexKey(name: column)], isUnique: true,
                        origin: origin == .alterTable ? .constraint : origin)))
        }
        return actions
    }

    // MARK: pieces

    /// `( part, … )` where a part is `col`, `col(10)`, `(expression)`, each with ASC/DESC.
    private mutating func keyList() throws(SQLParseError) -> [IndexKey] {
        guard let open = peek, open.isSymbol("(") else {
            throw error("expected ( and the key columns", at: peek)
        }
        let close = matchingParenthesis(from: index)
        guard close < tokens.count else { throw error("unclosed ( in the key columns", at: open) }
        var keys: [IndexKey] = []
        for range in topLevelItems(in: (index + 1)..<close) {
            let part = tokens[range]
            guard let first = part.first else { throw error("empty key column", at: open) }
            let descending = part.last?.isWord("DESC") == true
            if first.isSymbol("(") {
                let text = part.dropFirst().prefix { !$0.isSymbol(")") }.map(\.text).joined(separator: " ")
                keys.append(IndexKey(name: text, isExpression: true, descending: descending))
            } else if let name = first.identifier {
                var prefix: Int?
                if part.count >= 4, part[part.startIndex + 1].isSymbol("(") {
                    prefix = Int(part[part.startIndex + 2].text)
                }
                keys.append(IndexKey(name: name, descending: descending, prefixLength: prefix))
            } else {
                throw error("expected a column name, found '\(first.text)'", at: first)
            }
        }
        guard !keys.isEmpty else { throw error("an index needs at least one key column", at: open) }
        index = close + 1
        return keys
    }

    /// `ALGORITHM [=] x` and `LOCK [=] x` anywhere at the top level of `range`, upper-cased.
    private func algorithmAndLock(in range: Range<Int>) -> (String?, String?) {
        var algorithm: String?
        var lock: String?
        var depth = 0
        var at = range.lowerBound
        while at < range.upperBound {
            let token = tokens[at]
            if token.isSymbol("(") { depth += 1 }
            if token.isSymbol(")") { depth -= 1 }
            if depth == 0, token.isWord("ALGORITHM") || token.isWord("LOCK") {
                var valueAt = at + 1
                if valueAt < range.upperBound, tokens[valueAt].isSymbol("=") { valueAt += 1 }
                if valueAt < range.upperBound, tokens[valueAt].kind == .word {
                    if token.isWord("ALGORITHM") {
                        algorithm = tokens[valueAt].text.uppercased()
                    } else {
                        lock = tokens[valueAt].text.uppercased()
                    }
                    at = valueAt
                }
            }
            at += 1
        }
        return (algorithm, lock)
    }

    private mutating func tableName() throws(SQLParseError) -> DDLTableName {
        let first = try identifier("a table name")
        if peek?.isSymbol(".") == true {
            index += 1
            return DDLTableName(schema: first, name: try identifier("a table name after the database name"))
        }
        return DDLTableName(name: first)
    }

    private mutating func identifier(_ what: String) throws(SQLParseError) -> String {
        guard let token = peek, let name = token.identifier else { throw error("expected \(what)", at: peek) }
        index += 1
        return name
    }

    private mutating func expect(_ word: String, _ context: String) throws(SQLParseError) {
        guard accept(word) else { throw error("expected \(word) \(context)", at: peek) }
    }

    /// The index of the `)` matching the `(` at `open`, or `tokens.count` when it is not closed.
    private func matchingParenthesis(from open: Int) -> Int {
        var depth = 0
        for at in open..<tokens.count {
            if tokens[at].isSymbol("(") { depth += 1 }
            if tokens[at].isSymbol(")") {
                depth -= 1
                if depth == 0 { return at }
            }
        }
        return tokens.count
    }

    /// The comma-separated items of `range` at parenthesis depth 0.
    private func topLevelItems(in range: Range<Int>) -> [Range<Int>] {
        var items: [Range<Int>] = []
        var depth = 0
        var start = range.lowerBound
        for at in range {
            if tokens[at].isSymbol("(") { depth += 1 }
            if tokens[at].isSymbol(")") { depth -= 1 }
            if depth == 0, tokens[at].isSymbol(",") {
                if start < at { items.append(start..<at) }
                start = at + 1
            }
        }
        if start < range.upperBound { items.append(start..<range.upperBound) }
        return items
    }

    private var peek: MySQLToken? { index < tokens.count ? tokens[index] : nil }

    private mutating func accept(_ word: String) -> Bool {
        guard let token = peek, token.isWord(word) else { return false }
        index += 1
        return true
    }

    private mutating func acceptAny(_ words: [String]) -> String? {
        for word in words where accept(word) { return word }
        return nil
    }

    /// Skips one token; true, so it reads in a condition.
    private mutating func skip() -> Bool {
        index += 1
        return true
    }

    /// An error at `token` (the end of the statement when `nil`), positioned within the whole script.
    private func error(_ message: String, at token: MySQLToken?) -> SQLParseError {
        let statementEnd = tokens.last.map { $0.offset + $0.text.utf8.count } ?? 0
        let byte = base + (token?.offset ?? statementEnd)
        return SQLParseError(
            message: message, position: MySQLTokenizer.characterPosition(ofByte: byte, in: scriptBytes), in: script)
    }
}
