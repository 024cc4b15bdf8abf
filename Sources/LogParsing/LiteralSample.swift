import AdvisorCore

/// A bounded sample of one group's literal statement texts that does not depend on the order the
/// statements come in: the `capacity` distinct texts with the smallest stable 64-bit hash
/// (bottom-k). The sample of a log's chunks taken apart and merged is the sample of one pass, and
/// a statement costs one hash of its bytes and a comparison: what enters is kept as a place in the
/// reader's buffer or the strings it already has, and made into its text only for what remains.
///
/// The index advisor compares the texts to tell a code constant (`status = 'pending'` in every
/// statement) from a bound value (`job_id = 21`), `QueryGroup.otherSamples`.
struct LiteralSample {
    /// One more than `QueryGroup.maxOtherSamples`: the group's sample text may be among them.
    static let capacity = QueryGroup.maxOtherSamples + 1

    /// A kept statement's text, made only when the sample is read.
    enum Text: Equatable {
        case string(String)
        /// Bytes of the buffer a reader is going through, until `materialize` copies them.
        case bytes(offset: Int, count: Int)
        /// A statement and the `$1 = …` values to substitute (`ParameterSubstitution`).
        case substituted(sql: String, parameters: String)
    }

    /// Ascending, one text per hash: two texts of one group sharing a 64-bit hash (odds about
    /// n² / 2⁶⁴) count as one, so a text seen again costs nothing. `texts` beside them, in order.
    private var hashes: [UInt64] = []
    private var texts: [Text] = []
    /// What a hash must be below to enter: the largest kept once the sample is full.
    private var threshold = UInt64.max
    /// Statements offered (`QueryGroup.sampledStatements`).
    private(set) var seen = 0

    /// The kept texts with their hashes, ascending.
    var entries: [(hash: UInt64, text: Text)] { Array(zip(hashes, texts)) }

    /// Offers a statement whose text hashes to `hash`; `text` is asked for only when it enters.
    @inline(__always)
    mutating func offer(hash: UInt64, text: () -> Text) {
        seen += 1
        if hash < threshold { insert(hash, text) }
    }

    /// Adds `other`'s statements (another part of the same log); texts it keeps as places are read
    /// from `buffer`, the one its reader went through, and only those that enter are copied.
    mutating func merge(_ other: LiteralSample, buffer: UnsafeBufferPointer<UInt8>? = nil) {
        seen += other.seen
        for k in other.hashes.indices where other.hashes[k] < threshold {
            insert(other.hashes[k]) { Self.materialized(other.texts[k], buffer) }
        }
    }

    /// Copies the texts still in `buffer` (offsets into it) before the buffer goes.
    mutating func materialize(_ buffer: UnsafeBufferPointer<UInt8>) {
        for k in texts.indices { texts[k] = Self.materialized(texts[k], buffer) }
    }

    /// `text` as a string when it is a place in `buffer`.
    private static func materialized(_ text: Text, _ buffer: UnsafeBufferPointer<UInt8>?) -> Text {
        guard case .bytes(let offset, let count) = text, let buffer else { return text }
        return .string(
            String(decoding: UnsafeBufferPointer(rebasing: buffer[offset..<(offset + count)]), as: UTF8.self))
    }

    /// The sampled texts other than `sampleText`, distinct, at most `QueryGroup.maxOtherSamples`.
    func others(than sampleText: String) -> [String] {
        var out: [String] = []
        for kept in texts {
            let text: String
            switch kept {
            case .string(let string): text = string
            case .substituted(let sql, let parameters): text = ParameterSubstitution.substitute(parameters, into: sql)
            // Materialized before the buffer went; a place left over would point nowhere.
            case .bytes: continue
            }
            guard text != sampleText && !out.contains(text) else { continue }
            out.append(text)
            if out.count == QueryGroup.maxOtherSamples { break }
        }
        return out
    }

    private mutating func insert(_ hash: UInt64, _ text: () -> Text) {
        var at = hashes.count
        while at > 0 && hashes[at - 1] > hash { at -= 1 }
        if at > 0 && hashes[at - 1] == hash { return }
        if hashes.isEmpty {
            hashes.reserveCapacity(Self.capacity + 1)
            texts.reserveCapacity(Self.capacity + 1)
        }
        hashes.insert(hash, at: at)
        texts.insert(text(), at: at)
        if hashes.count > Self.capacity {
            hashes.removeLast()
            texts.removeLast()
        }
        if hashes.count == Self.capacity { threshold = hashes[Self.capacity - 1] }
    }

    /// The hash of a statement's text and, for `execute` with bound values, its parameter list
    /// (the text the group keeps is the statement with the values substituted).
    static func hash(_ sql: String, parameters: String?) -> UInt64 {
        var sql = sql
        let h = sql.withUTF8 { StableTextHash.hash($0) }
        guard var parameters else { return h }
        return parameters.withUTF8 { StableTextHash.hash($0, seed: h) }
    }

    /// `StableTextHash.hash(bytes)`, the hash a statement still in a reader's buffer gets.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        StableTextHash.hash(bytes)
    }
}
