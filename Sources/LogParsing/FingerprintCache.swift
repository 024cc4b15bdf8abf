import AdvisorCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Fingerprints by statement bytes (or by a literal-blind key, see `KeyPolicy`), so a statement shape
/// logged a million times is parsed once.
///
/// Looked up with the bytes as read, without building a `String` or an array per statement: the key
/// is hashed in a reused scratch buffer and found in an open-addressing table. Bounded: when it
/// holds `capacity` keys or `maxKeyBytes` of key text it starts over, which keeps memory flat on logs
/// whose statements all differ at the cost of re-parsing.
struct FingerprintCache {
    /// A fingerprint, or the parser's complaint for statements grouped by their masked text instead.
    struct Entry: Sendable {
        var fingerprint: Fingerprint
        let parseError: String?
        /// This cache's number for the fingerprint (dense from 0, kept when the cache starts over), so
        /// a builder fed by this cache finds the group with an array index instead of hashing the id.
        var number: Int32 = -1
    }

    /// Where `lookup(_:text:)` found or put a statement's entry: its number and whether it has a
    /// parse error, read without copying the entry (retaining and releasing an entry's strings for
    /// every statement showed in profiles); `entry(_:)` is the entry itself. Valid until the next
    /// lookup.
    struct Hit {
        var number: Int32
        var failed: Bool
        /// The entry's index in `entries`; -1: `uncached`.
        fileprivate var index: Int
    }

    /// What statements share a cache entry.
    enum KeyPolicy {
        /// Byte-identical statements only (any fingerprinter).
        case exactText
        /// Statements that differ only in literal values (pt-query-digest fingerprints only).
        case mysqlLiterals
        /// DML statements that differ only in constants' values (libpg_query fingerprints only).
        case postgresLiterals
    }

    private let capacity: Int
    private let maxKeyBytes: Int
    private let policy: KeyPolicy
    private let fingerprinter: (String) throws(SQLParseErrorBox) -> Fingerprint
    /// Open addressing over `entries`: a slot holds an entry index + 1, 0 when free.
    private var slots: [Int32]
    private var entries: [Entry] = []
    /// Beside `entries`, by index: each key's hash and where its bytes end in `keys` (they start
    /// where the one before ends). Plain arrays and one arena, not an array of tuples holding an
    /// array each: a lookup then compares a word and bytes without copying or retaining an entry.
    private var hashes: [UInt64] = []
    private var keyEnds: [Int] = []
    private var keys: [UInt8] = []
    /// Numbers of the fingerprints seen, by id: grows with distinct fingerprints only, like the groups.
    private var numbers: [String: Int32] = [:]
    /// The first fingerprint computed for each number: keys that differ (statements whose literals
    /// the key keeps) mostly share a normalized text, which entries then share instead of each
    /// holding a copy (the caches are most of a long log's memory).
    private var interned: [Fingerprint] = []
    /// Fingerprints by key shared with the caches of the other threads reading the same log
    /// (`emptyCopy()`): nil under `exactText`, where keys are whole statements.
    private let shared: Shared?
    /// The entry of the last lookup when it was not kept (a parse error under a literal-blind key).
    private var uncached: Entry?
    /// Where keys are built; never empty, so it always has a base address.
    private var scratch = [UInt8](repeating: 0, count: 256)

    init(
        capacity: Int = 100_000, maxKeyBytes: Int = 8 << 20, policy: KeyPolicy = .exactText,
        fingerprinter: @escaping (String) throws(SQLParseErrorBox) -> Fingerprint
    ) {
        self.init(
            capacity: capacity, maxKeyBytes: maxKeyBytes, policy: policy, fingerprinter: fingerprinter,
            shared: policy == .exactText ? nil : Shared(capacity: capacity, maxKeyBytes: maxKeyBytes))
    }

    private init(
        capacity: Int, maxKeyBytes: Int, policy: KeyPolicy,
        fingerprinter: @escaping (String) throws(SQLParseErrorBox) -> Fingerprint, shared: Shared?
    ) {
        self.capacity = capacity
        self.maxKeyBytes = maxKeyBytes
        self.policy = policy
        self.fingerprinter = fingerprinter
        self.shared = shared
        slots = Array(repeating: 0, count: 1024)
    }

    /// A cache with the same policy and fingerprinter, and nothing in it, for another thread reading
    /// the same log: the fingerprints either computes are found by the other (each worker thread
    /// fingerprinted every shape again, about a thousand statements of 37k instructions each on a
    /// 100 MB slow log).
    func emptyCopy() -> FingerprintCache {
        FingerprintCache(
            capacity: capacity, maxKeyBytes: maxKeyBytes, policy: policy, fingerprinter: fingerprinter, shared: shared)
    }

    /// Fingerprints by key, for every thread's cache, behind a lock (taken on a cache miss only).
    /// A key's fingerprint is the same whichever statement of the key made it, so which thread
    /// made it changes nothing. Bounded like a cache: past `capacity` keys or `maxKeyBytes` of
    /// them it keeps what it has and takes no more.
    final class Shared: @unchecked Sendable {
        // Unchecked: every access holds `lock`.
        private let lock = NSLock()
        private var fingerprints: [[UInt8]: Fingerprint] = [:]
        private var keyBytes = 0
        private let capacity: Int
        private let maxKeyBytes: Int

        init(capacity: Int, maxKeyBytes: Int) {
            self.capacity = capacity
            self.maxKeyBytes = maxKeyBytes
        }

        func fingerprint(ofKey key: UnsafeBufferPointer<UInt8>) -> Fingerprint? {
            let key = Array(key)
            lock.lock()
            defer { lock.unlock() }
            return fingerprints[key]
        }

        func keep(_ fingerprint: Fingerprint, forKey key: UnsafeBufferPointer<UInt8>) {
            let key = Array(key)
            lock.lock()
            defer { lock.unlock() }
            guard fingerprints.count < capacity, keyBytes + key.count <= maxKeyBytes else { return }
            if fingerprints.updateValue(fingerprint, forKey: key) == nil { keyBytes += key.count }
        }
    }

    /// The entry of `sql`.
    mutating func entry(for sql: String) -> Entry {
        var copy = sql
        return copy.withUTF8 { bytes in entry(for: bytes, text: { sql }) }
    }

    /// The entry of the statement `bytes`; `text` makes its `String` when it must be fingerprinted.
    mutating func entry(for bytes: UnsafeBufferPointer<UInt8>, text: () -> String) -> Entry {
        // Apart: `entry(lookup(…))` would read `self` as it was before the lookup changed it.
        let hit = lookup(bytes, text: text)
        return entry(hit)
    }

    /// The entry a lookup found, the last one.
    func entry(_ hit: Hit) -> Entry {
        hit.index >= 0 ? entries[hit.index] : uncached!
    }

    /// Finds the entry of the statement `bytes`, made (its `String` from `text`) if it is new.
    mutating func lookup(_ bytes: UnsafeBufferPointer<UInt8>, text: () -> String) -> Hit {
        if scratch.count < bytes.count { scratch = Array(repeating: 0, count: max(bytes.count, 2 * scratch.count)) }
        let policy = self.policy
        let (hash, length) = scratch.withUnsafeMutableBufferPointer { room -> (UInt64, Int) in
            let key = room.baseAddress!
            let length: Int
            switch policy {
            case .exactText:
                if let base = bytes.baseAddress { key.update(from: base, count: bytes.count) }
                length = bytes.count
            case .mysqlLiterals: length = MySQLLiteralKey.key(of: bytes, into: key)
            case .postgresLiterals: length = PostgresLiteralKey.key(of: bytes, into: key)
            }
            return (StableTextHash.hash(UnsafeBufferPointer(start: key, count: length)), length)
        }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let index = Int(slots[slot]) - 1
            if hashes[index] == hash && sameKey(index, length) { return hit(index) }
            slot = (slot + 1) & mask
        }
        let entry = compute(text, length: length)
        // A parse error quotes the statement (`at or near "5"`), so it belongs to the exact text only:
        // under a literal-blind key it is computed again for every statement, which stays pure.
        if entry.parseError != nil && policy != .exactText {
            uncached = entry
            return Hit(number: entry.number, failed: true, index: -1)
        }
        if entries.count >= capacity || keys.count + length > maxKeyBytes {
            entries.removeAll(keepingCapacity: true)
            hashes.removeAll(keepingCapacity: true)
            keyEnds.removeAll(keepingCapacity: true)
            keys.removeAll(keepingCapacity: true)
            for i in slots.indices { slots[i] = 0 }
            insert(hash: hash, length: length, entry: entry)
            return hit(entries.count - 1)
        }
        slots[slot] = Int32(entries.count + 1)
        append(hash: hash, length: length, entry: entry)
        // Keep the table at most half full so probes stay short.
        if entries.count * 2 > slots.count { rehash(to: slots.count * 2) }
        return hit(entries.count - 1)
    }

    /// The hit of entry `index`, read in place.
    private func hit(_ index: Int) -> Hit {
        entries.withUnsafeBufferPointer { entries in
            Hit(number: entries[index].number, failed: entries[index].parseError != nil, index: index)
        }
    }

    /// Whether the key of entry `index` equals the one in `scratch[..<length]`.
    private func sameKey(_ index: Int, _ length: Int) -> Bool {
        let start = index == 0 ? 0 : keyEnds[index - 1]
        guard keyEnds[index] - start == length else { return false }
        return keys.withUnsafeBytes { a in
            scratch.withUnsafeBytes { b in memcmp(a.baseAddress! + start, b.baseAddress!, length) == 0 }
        }
    }

    /// Adds `entry` with the key in `scratch[..<length]` (its slot already set).
    private mutating func append(hash: UInt64, length: Int, entry: Entry) {
        entries.append(entry)
        hashes.append(hash)
        keys.append(contentsOf: scratch[..<length])
        keyEnds.append(keys.count)
    }

    /// The entry of the statement `sql`, whose key is in `scratch[..<length]`: from the fingerprints
    /// the other threads' caches made when one of them had the key, else fingerprinted here.
    private mutating func compute(_ sql: () -> String, length: Int) -> Entry {
        var entry: Entry
        let known = scratch.withUnsafeBufferPointer {
            shared?.fingerprint(ofKey: UnsafeBufferPointer(rebasing: $0[..<length]))
        }
        if let known {
            entry = Entry(fingerprint: known, parseError: nil)
        } else {
            let text = sql()
            do {
                entry = Entry(fingerprint: try fingerprinter(text), parseError: nil)
                scratch.withUnsafeBufferPointer {
                    shared?.keep(entry.fingerprint, forKey: UnsafeBufferPointer(rebasing: $0[..<length]))
                }
            } catch {
                let masked = StatementMasker.mask(text)
                entry = Entry(
                    fingerprint: Fingerprint(id: StatementMasker.hash(masked), normalized: masked),
                    parseError: error.message)
            }
        }
        let next = Int32(numbers.count)
        entry.number = numbers[entry.fingerprint.id, default: next]
        if entry.number == next {
            numbers[entry.fingerprint.id] = next
            interned.append(entry.fingerprint)
        } else if interned[Int(entry.number)] == entry.fingerprint {
            // Equal values, so which one an entry holds changes nothing but memory.
            entry.fingerprint = interned[Int(entry.number)]
        }
        return entry
    }

    private mutating func insert(hash: UInt64, length: Int, entry: Entry) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entries.count + 1)
        append(hash: hash, length: length, entry: entry)
    }

    private mutating func rehash(to size: Int) {
        slots = Array(repeating: 0, count: size)
        let mask = size - 1
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }
}

/// A parse failure reduced to its message, whichever engine's parser raised it.
public struct SQLParseErrorBox: Error, Sendable {
    /// The parser's one-line message.
    public var message: String

    /// Wraps a parser message.
    public init(_ message: String) { self.message = message }
}
