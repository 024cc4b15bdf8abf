import AdvisorCore

/// Fingerprints by exact statement text, so a statement logged a million times is parsed once.
///
/// Bounded: when it holds `capacity` texts it starts over, which keeps memory flat on logs whose
/// statements all differ (literals inlined) at the cost of re-parsing.
struct FingerprintCache {
    /// A fingerprint, or the parser's complaint for statements grouped by their masked text instead.
    struct Entry {
        let fingerprint: Fingerprint
        let parseError: String?
    }

    private var entries: [String: Entry] = [:]
    private let capacity: Int
    private let fingerprinter: (String) throws(SQLParseErrorBox) -> Fingerprint

    init(capacity: Int = 100_000, fingerprinter: @escaping (String) throws(SQLParseErrorBox) -> Fingerprint) {
        self.capacity = capacity
        self.fingerprinter = fingerprinter
    }

    mutating func entry(for sql: String) -> Entry {
        if let hit = entries[sql] { return hit }
        let entry: Entry
        do {
            entry = Entry(fingerprint: try fingerprinter(sql), parseError: nil)
        } catch {
            let masked = StatementMasker.mask(sql)
            entry = Entry(
                fingerprint: Fingerprint(id: StatementMasker.hash(masked), normalized: masked),
                parseError: error.message)
        }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[sql] = entry
        return entry
    }
}

/// A parse failure reduced to its message, whichever engine's parser raised it.
public struct SQLParseErrorBox: Error, Sendable {
    /// The parser's one-line message.
    public var message: String

    /// Wraps a parser message.
    public init(_ message: String) { self.message = message }
}
