import AdvisorCore

/// Remembers the caller's fingerprint of each exact statement text, so a statement repeated
/// thousands of times (the N+1 case) is normalized once. Bounded: forgets everything when full.
struct FingerprintMemo {
    static let defaultCapacity = 50_000

    private let fingerprint: (String) -> Fingerprint
    private let capacity: Int
    private var known: [String: Fingerprint] = [:]

    init(capacity: Int = defaultCapacity, _ fingerprint: @escaping (String) -> Fingerprint) {
        self.capacity = max(1, capacity)
        self.fingerprint = fingerprint
    }

    mutating func callAsFunction(_ text: String) -> Fingerprint {
        if let found = known[text] { return found }
        let computed = fingerprint(text)
        if known.count >= capacity { known.removeAll(keepingCapacity: true) }
        known[text] = computed
        return computed
    }
}
