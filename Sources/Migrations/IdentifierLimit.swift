import AdvisorCore

/// The longest identifier each engine stores without truncating or refusing it.
enum IdentifierLimit {
    /// PostgreSQL: NAMEDATALEN - 1 = 63 bytes of the server encoding (UTF-8 here); longer names are
    /// truncated with a NOTICE. MySQL/MariaDB: 64 characters ("Identifier Length Limits").
    static func fits(_ identifier: String, engine: Engine) -> Bool {
        engine.isMySQLFamily ? identifier.unicodeScalars.count <= 64 : identifier.utf8.count <= 63
    }

    /// The limit in words, for messages.
    static func text(engine: Engine) -> String {
        engine.isMySQLFamily ? "64 characters" : "63 bytes"
    }
}
