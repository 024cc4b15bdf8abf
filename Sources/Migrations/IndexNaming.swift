import AdvisorCore

/// Deterministic index names: `<table>_<key columns>[_incl_<covering columns>][_where_<hash>]_idx`.
///
/// Lower-case, in PostgreSQL's `<table>_<columns>_idx` style; `incl` marks where INCLUDE columns
/// begin, so `(a, b) INCLUDE (c)` and `(a, b, c)` differ. A ten-hex-digit hash of the whole
/// definition is added when the readable part cannot tell candidates apart: a predicate (partial
/// indexes on the same columns differ only there), characters replaced by `_`, or a name cut to fit
/// the engine's limit (63 UTF-8 bytes on PostgreSQL, 64 characters on MySQL/MariaDB). Names differing
/// only in case or in where underscores split table and columns can still coincide; the writer
/// refuses such duplicates within one set of migrations.
public enum IndexNaming {
    /// The name for `candidate` on `engine`.
    public static func name(for candidate: IndexCandidate, engine: Engine) -> String {
        var lossy = false
        var parts = [candidate.table] + candidate.keyColumns
        // `_pattern` keeps it apart from a plain index of the same columns, which IF NOT EXISTS would take for it.
        if candidate.operatorClasses != nil { parts.append("pattern") }
        if !candidate.includedColumns.isEmpty { parts += ["incl"] + candidate.includedColumns }
        let cleaned = parts.compactMap { part -> String? in
            let clean = sanitized(part, engine: engine)
            if clean != part.lowercased() { lossy = true }
            return clean.isEmpty ? nil : clean
        }
        var readable = cleaned.joined(separator: "_")
        if candidate.predicate != nil { readable += "_where" }

        let hash = StableHash.hex(
            of: [candidate.table] + candidate.keyDefinitions + ["\u{1}"] + candidate.includedColumns + ["\u{1}"]
                + [candidate.predicate ?? "\u{0}"],
            length: 10)
        let plain = "\(readable)_idx"
        if !lossy, candidate.predicate == nil, IdentifierLimit.fits(plain, engine: engine) { return plain }

        let tail = "_\(hash)_idx"
        var prefix = Substring(readable)
        while !IdentifierLimit.fits(String(prefix) + tail, engine: engine) { prefix = prefix.dropLast() }
        while prefix.hasSuffix("_") { prefix = prefix.dropLast() }
        return prefix.isEmpty ? String(tail.dropFirst()) : String(prefix) + tail
    }

    /// Lower-cased, characters other than letters, digits and `_` replaced by `_`, runs of `_`
    /// collapsed and trimmed. Letters beyond ASCII stay (PostgreSQL and MySQL store them; quoting
    /// keeps them exact), except characters outside the Basic Multilingual Plane on MySQL, which
    /// identifiers cannot hold ("Schema Object Names").
    static func sanitized(_ text: String, engine: Engine) -> String {
        var result = ""
        for character in text.lowercased() {
            let allowed =
                (character.isLetter || character.isNumber)
                && !(engine.isMySQLFamily && character.unicodeScalars.contains { $0.value > 0xFFFF })
            if allowed {
                result.append(character)
            } else if !result.isEmpty, !result.hasSuffix("_") {
                result.append("_")
            }
        }
        while result.hasSuffix("_") { result.removeLast() }
        return result
    }
}
