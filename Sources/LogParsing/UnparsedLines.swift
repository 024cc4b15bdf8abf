import AdvisorCore

/// Lines no reader understood: counted, with the first few kept as examples for the diagnostic.
struct UnparsedLines {
    static let exampleCount = 3
    private(set) var count = 0
    private var examples: [(line: Int, text: String)] = []

    mutating func note(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) {
        count += 1
        guard examples.count < Self.exampleCount else { return }
        // Lossy on purpose: binary garbage and invalid UTF-8 become U+FFFD, never a crash.
        let head = UnsafeBufferPointer(rebasing: bytes[..<min(bytes.count, 80)])
        let text = String(decoding: head, as: UTF8.self).map { $0.isASCII && $0.asciiValue! < 0x20 ? " " : $0 }
        examples.append((line, String(text) + (bytes.count > 80 ? "…" : "")))
    }

    /// Adds the lines `later` noted (further on in the same log).
    mutating func merge(_ later: UnparsedLines) {
        count += later.count
        examples += later.examples.prefix(Self.exampleCount - examples.count)
    }

    /// One diagnostic for all of them, located at the first, or nil when every line was understood.
    func diagnostic(source: String, expected: String) -> WorkloadDiagnostic? {
        guard let first = examples.first else { return nil }
        let shown = examples.map { "line \($0.line): \($0.text)" }.joined(separator: " | ")
        return WorkloadDiagnostic(
            location: "\(source):\(first.line)",
            message: "\(count == 1 ? "line" : "lines") not understood as \(expected), e.g. \(shown)", count: count)
    }
}
