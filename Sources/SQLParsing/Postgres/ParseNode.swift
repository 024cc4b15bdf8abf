/// One node of libpg_query's JSON parse tree: a tag such as `SelectStmt` and its fields.
///
/// Nodes usually arrive wrapped as `{"SelectStmt": {…}}`. Some fields hold a bare struct instead
/// (`UpdateStmt.relation` is an unwrapped RangeVar, set-operation arms are unwrapped SelectStmts);
/// those get an empty tag. libpg_query omits fields at their default (false, 0, empty list).
struct ParseNode {
    let tag: String
    let fields: [String: JSONValue]

    init?(_ value: JSONValue?) {
        guard case .object(let object)? = value else { return nil }
        // Node tags are CamelCase (`A_Expr`, `RangeVar`); field names are lower case.
        if object.count == 1, let (key, inner) = object.first, key.first?.isUppercase == true,
            case .object(let body) = inner
        {
            tag = key
            fields = body
        } else {
            tag = ""
            fields = object
        }
    }

    /// The node held by field `key`.
    func node(_ key: String) -> ParseNode? { ParseNode(fields[key]) }

    /// The nodes of the list held by field `key`.
    func nodes(_ key: String) -> [ParseNode] {
        guard case .array(let items)? = fields[key] else { return [] }
        return items.compactMap(ParseNode.init)
    }

    func string(_ key: String) -> String? {
        guard case .string(let value)? = fields[key] else { return nil }
        return value
    }

    func int(_ key: String) -> Int? {
        guard case .number(let value)? = fields[key] else { return nil }
        return Int(exactly: value)
    }

    func bool(_ key: String) -> Bool {
        guard case .number(let value)? = fields[key] else { return false }
        return value != 0
    }

    /// The texts of a list of `String` nodes, e.g. an operator or function name (`["pg_catalog", "lower"]`).
    func names(_ key: String) -> [String] {
        nodes(key).compactMap { $0.tag == "String" ? $0.string("sval") : nil }
    }

    /// Every node directly below this one, in field order, for walks that look for a tag anywhere.
    var children: [ParseNode] {
        fields.keys.sorted().flatMap { key -> [ParseNode] in
            switch fields[key] {
            case .object?: return node(key).map { [$0] } ?? []
            case .array?: return nodes(key)
            default: return []
            }
        }
    }
}
