import AdvisorCore

/// Reads the index-relevant DDL of a PostgreSQL script from libpg_query's parse tree: the
/// statements that create or drop indexes, tables and foreign keys, and transaction control.
enum PostgresDDLReader {
    /// Every statement of `script` with its position and actions; throws PostgreSQL's own syntax error.
    static func statements(of script: String) throws(SQLParseError) -> [DDLStatement] {
        let json = try LibPgQuery.parseTree(script)
        let tree: ParseNode?
        do {
            tree = ParseNode(try JSONValue(parsing: json))
        } catch {
            throw SQLParseError(message: "libpg_query returned an unreadable parse tree: \(error)")
        }
        let bytes = Array(script.utf8)
        return (tree?.nodes("stmts") ?? []).compactMap { raw in
            // stmt_location/stmt_len are byte offsets; the last statement may leave out its length.
            let location = raw.int("stmt_location") ?? 0
            let end = raw.int("stmt_len").map { $0 == 0 ? bytes.count : location + $0 } ?? bytes.count
            let start = ScriptText.skipTrivia(from: location, in: bytes, hashComments: false)
            guard start < end, let statement = raw.node("stmt") else { return nil }
            let (line, column) = ScriptText.lineAndColumn(ofByte: start, in: bytes)
            return DDLStatement(
                text: ScriptText.text(bytes, start, end), line: line, column: column, actions: actions(of: statement))
        }
    }

    static func actions(of statement: ParseNode) -> [DDLAction] {
        switch statement.tag {
        case "IndexStmt": return [.createIndex(index(statement))]
        case "DropStmt": return drops(statement)
        case "CreateStmt": return createTable(statement)
        case "AlterTableStmt": return alterTable(statement)
        case "TransactionStmt":
            switch statement.string("kind") {
            case "TRANS_STMT_BEGIN", "TRANS_STMT_START": return [.beginTransaction]
            case "TRANS_STMT_COMMIT", "TRANS_STMT_ROLLBACK": return [.endTransaction]
            default: return []
            }
        default: return []
        }
    }

    private static func tableName(_ node: ParseNode?) -> DDLTableName {
        DDLTableName(schema: node?.string("schemaname"), name: node?.string("relname") ?? "")
    }

    private static func index(_ node: ParseNode) -> DDLIndex {
        let keys = node.nodes("indexParams").map { element -> IndexKey in
            let descending = element.string("ordering") == "SORTBY_DESC"
            if let name = element.string("name") { return IndexKey(name: name, descending: descending) }
            let expression = element.node("expr").map(ExpressionText.render) ?? "?"
            return IndexKey(name: expression, isExpression: true, descending: descending)
        }
        let method = node.string("accessMethod")
        return DDLIndex(
            name: node.string("idxname"), table: tableName(node.node("relation")), keys: keys,
            includedColumns: node.nodes("indexIncludingParams").compactMap { $0.string("name") },
            isUnique: node.bool("unique"), isPrimary: node.bool("primary"),
            method: method == "btree" ? nil : method,
            predicate: node.node("whereClause").map(ExpressionText.render), origin: .createIndex,
            concurrently: node.bool("concurrent"), ifNotExists: node.bool("if_not_exists"))
    }

    private static func drops(_ node: ParseNode) -> [DDLAction] {
        let names = node.nodes("objects").map { $0.names("items") }
        switch node.string("removeType") {
        case "OBJECT_INDEX":
            return names.compactMap { parts in
                guard let name = parts.last else { return nil }
                return .dropIndex(
                    DDLIndexDrop(
                        name: name, schema: parts.count > 1 ? parts[parts.count - 2] : nil,
                        concurrently: node.bool("concurrent"), ifExists: node.bool("missing_ok")))
            }
        case "OBJECT_TABLE":
            return names.compactMap { parts in
                guard let name = parts.last else { return nil }
                return .dropTable(DDLTableName(schema: parts.count > 1 ? parts[parts.count - 2] : nil, name: name))
            }
        default:
            return []
        }
    }

    private static func createTable(_ node: ParseNode) -> [DDLAction] {
        let table = tableName(node.node("relation"))
        var actions: [DDLAction] = [.createTable(table)]
        for element in node.nodes("tableElts") {
            if element.tag == "ColumnDef", let column = element.string("colname") {
                for constraint in element.nodes("constraints") {
                    actions += self.constraint(constraint, table: table, columns: [column], origin: .createTable)
                }
            } else if element.tag == "Constraint" {
                actions += constraint(element, table: table, columns: nil, origin: .createTable)
            }
        }
        return actions
    }

    private static func alterTable(_ node: ParseNode) -> [DDLAction] {
        guard node.string("objtype") == "OBJECT_TABLE" else { return [] }
        let table = tableName(node.node("relation"))
        var actions: [DDLAction] = []
        for command in node.nodes("cmds") {
            guard let definition = command.node("def") else { continue }
            switch command.string("subtype") {
            case "AT_AddConstraint":
                actions += constraint(definition, table: table, columns: nil, origin: .constraint)
            case "AT_AddColumn":
                guard let column = definition.string("colname") else { continue }
                for constraint in definition.nodes("constraints") {
                    actions += self.constraint(constraint, table: table, columns: [column], origin: .constraint)
                }
            default:
                continue
            }
        }
        return actions
    }

    /// A primary key or unique constraint builds an index (unless it adopts one `USING INDEX`);
    /// a foreign key builds none. `columns` is the column of a column constraint.
    private static func constraint(_ node: ParseNode, table: DDLTableName, columns: [String]?, origin: DDLIndex.Origin)
        -> [DDLAction]
    {
        switch node.string("contype") {
        case "CONSTR_FOREIGN":
            let referencing = columns ?? node.names("fk_attrs")
            return [
                .addForeignKey(
                    DDLForeignKey(
                        name: node.string("conname"), table: table, columns: referencing,
                        referencedTable: tableName(node.node("pktable")), referencedColumns: node.names("pk_attrs")))
            ]
        case "CONSTR_PRIMARY", "CONSTR_UNIQUE":
            guard node.string("indexname") == nil else { return [] }
            let primary = node.string("contype") == "CONSTR_PRIMARY"
            let keys = columns ?? node.names("keys")
            // PostgreSQL names the index after the constraint: <table>_pkey, <table>_<columns>_key.
            let name =
                node.string("conname")
                ?? (primary ? "\(table.name)_pkey" : "\(table.name)_\(keys.joined(separator: "_"))_key")
            return [
                .createIndex(
                    DDLIndex(
                        name: name, table: table, keys: keys.map { IndexKey(name: $0) },
                        includedColumns: node.names("including"), isUnique: true, isPrimary: primary,
                        origin: origin))
            ]
        default:
            return []
        }
    }
}
