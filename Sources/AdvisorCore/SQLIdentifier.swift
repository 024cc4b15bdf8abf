import Foundation

/// Identifier quoting for the DDL, so that any table or column name yields exactly one identifier.
public enum SQLIdentifier {
    /// `name` as the engine reads it back unchanged.
    ///
    /// PostgreSQL: bare when it is a lower-case `[a-z_][a-z0-9_$]*` word and not a keyword (unquoted
    /// names fold to lower case, so anything else needs quotes), else in double quotes with `"`
    /// doubled. MySQL/MariaDB: always in backticks with `` ` `` doubled, which is valid under every
    /// sql_mode (ANSI_QUOTES only adds double quotes).
    public static func quoted(_ name: String, engine: Engine) -> String {
        if engine.isMySQLFamily {
            return "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
        }
        if isBarePostgresIdentifier(name) { return name }
        return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `schema.name` with both parts quoted as needed, or just `name` without a schema.
    public static func qualified(_ name: String, schema: String?, engine: Engine) -> String {
        guard let schema else { return quoted(name, engine: engine) }
        return quoted(schema, engine: engine) + "." + quoted(name, engine: engine)
    }

    /// Why `name` cannot be an identifier at all, or `nil` when it can. Quoting cannot help an empty
    /// name, NUL (neither engine stores it) or other control characters (they would break the
    /// one-line comments and the layouts' line-based markers).
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "it is empty" }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "it contains a control character"
        }
        return nil
    }

    private static func isBarePostgresIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || (0x61...0x7A).contains(first) else {
            return false
        }
        let valid = name.utf8.allSatisfy { byte in
            (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "$")
        }
        return valid && !PostgresKeywords.contains(name)
    }
}
