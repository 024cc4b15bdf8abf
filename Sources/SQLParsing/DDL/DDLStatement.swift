/// One statement of a migration script: its text, where it starts, and what it does.
public struct DDLStatement: Equatable, Sendable {
    /// The statement as written, without its terminating delimiter.
    public var text: String
    /// 1-based line of its first character within the script.
    public var line: Int
    /// 1-based column (in characters) of its first character.
    public var column: Int
    /// What the lint reads of it; empty for statements it does not look at (DML, comments, …).
    public var actions: [DDLAction]

    public init(text: String, line: Int, column: Int, actions: [DDLAction]) {
        self.text = text
        self.line = line
        self.column = column
        self.actions = actions
    }
}
