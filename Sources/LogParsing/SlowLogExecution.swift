import AdvisorCore

/// One statement execution read from a slow log, with everything the entry and the entries before
/// it tell, waiting for its fingerprint before it is added to the workload.
struct SlowLogExecution: Sendable {
    /// The entry's statement lines; the statement is its first `length` bytes (pt-query-digest's
    /// text: no trailing `;` or blank lines).
    var buffer: [UInt8]
    var length: Int
    var durationMs: Double?
    var time: Double?
    var session: String?
    var database: String?
    /// Line of the entry's first line.
    var line: Int
    var rows: Int64?
    var counters: ExecutionCounters?
    /// MariaDB `# explain:` lines without their `# explain: `, joined by `\n`; parsed only when this
    /// is its group's slowest execution so far; nil when the entry had none.
    var explain: [UInt8]?
    /// Filled by the fingerprint stage.
    var fingerprint: FingerprintCache.Entry?

    /// Calls `body` with the statement's bytes.
    func withStatement<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        buffer.withUnsafeBufferPointer { all in body(UnsafeBufferPointer(rebasing: all[..<length])) }
    }

    /// Fingerprints the statement with `cache`.
    static func prepare(_ execution: inout SlowLogExecution, _ cache: inout FingerprintCache) {
        execution.fingerprint = execution.withStatement { bytes in
            cache.entry(for: bytes, text: { String(decoding: bytes, as: UTF8.self) })
        }
    }
}
