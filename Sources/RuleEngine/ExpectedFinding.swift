/// What an example's finding must look like; fields left out are not checked.
public struct ExpectedFinding: Equatable, Sendable, Decodable {
    public var table: String?
    /// The exact one-line message.
    public var message: String?
    /// A part of the message, when the exact text is not the point.
    public var messageContains: String?
    /// The suggested index as `IndexCandidate.description` prints it (`orders (a, b) INCLUDE (c)`),
    /// or `none` when the finding must not suggest one.
    public var suggestedIndex: String?
    /// A part of the help text.
    public var helpContains: String?
    /// Migration rules: the file (as named in the example) and 1-based line of the finding.
    public var file: String?
    public var line: Int?

    public init(
        table: String? = nil, message: String? = nil, messageContains: String? = nil, suggestedIndex: String? = nil,
        helpContains: String? = nil, file: String? = nil, line: Int? = nil
    ) {
        self.table = table
        self.message = message
        self.messageContains = messageContains
        self.suggestedIndex = suggestedIndex
        self.helpContains = helpContains
        self.file = file
        self.line = line
    }

    enum CodingKeys: String, CodingKey {
        case table, message, file, line
        case messageContains = "message_contains"
        case suggestedIndex = "suggested_index"
        case helpContains = "help_contains"
    }
}
