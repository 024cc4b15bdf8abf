/// SQL text taken from a migration file, with the file line its first line is on.
struct SQLSection {
    var text: String
    var startLine: Int
    /// Whether the tool sends this text as one query: several statements in it then form one
    /// implicit transaction on PostgreSQL.
    var isOneQuery: Bool = true
}
