/// How stderr lines are split into prefix and message: a known `log_line_prefix`, or the generic guess.
enum PrefixMatcher: Equatable {
    case pattern(LogLinePrefix)
    case generic

    func match(_ line: UnsafeBufferPointer<UInt8>) -> PrefixMatch? {
        switch self {
        case .pattern(let prefix): prefix.match(line)
        case .generic: GenericPrefix.match(line)
        }
    }

    /// The candidate that reads the most of `lines` (the earlier, more specific one on ties);
    /// the generic matcher when none reads any.
    static func detect(_ lines: [[UInt8]]) -> PrefixMatcher {
        let heads = lines.filter { $0.first != 0x09 && !$0.isEmpty }.prefix(200)
        var best: (LogLinePrefix, Int)?
        for candidate in LogLinePrefix.common {
            var score = 0
            for line in heads where line.withUnsafeBufferPointer({ candidate.match($0) }) != nil { score += 1 }
            if score > (best?.1 ?? 0) { best = (candidate, score) }
        }
        guard let best else { return .generic }
        // A vendor prefix the list lacks may still be read better by the generic split.
        let generic = heads.reduce(0) { $0 + ($1.withUnsafeBufferPointer { GenericPrefix.match($0) } != nil ? 1 : 0) }
        return generic > best.1 ? .generic : .pattern(best.0)
    }
}
