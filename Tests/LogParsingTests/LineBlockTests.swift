import Foundation
import Testing

@testable import LogParsing

@Suite("Counting the lines of a block")
struct LineBlockTests {
    /// Every length and alignment around the sixteen-byte steps, and runs long enough to carry a
    /// lane's count past 255.
    @Test func newlineCountsEqualAByteByByteCount() {
        var random = GeneratedLog.Random(state: 8)
        var bytes: [UInt8] = (0..<6000).map { _ in random.next(4) == 0 ? 0x0A : 0x61 }
        bytes += [UInt8](repeating: 0x0A, count: 9000)
        bytes.withUnsafeBufferPointer { all in
            let base = all.baseAddress!
            for start in 0..<17 {
                for length in Array(0..<300) + [4079, 4080, 4081, 8000, all.count - start] {
                    let expected = all[start..<(start + length)].lazy.filter { $0 == 0x0A }.count
                    #expect(LineBlock.newlines(base + start, count: length) == expected, "at \(start), \(length) bytes")
                }
            }
        }
    }

    @Test func lineEndsAreWhereMemchrFindsTheNextNewline() {
        var random = GeneratedLog.Random(state: 10)
        let bytes: [UInt8] = (0..<2000).map { _ in random.next(40) == 0 ? 0x0A : UInt8(0x20 + random.next(90)) }
        bytes.withUnsafeBufferPointer { all in
            let base = all.baseAddress!
            for from in 0..<200 {
                for to in [from, from + 1, from + 15, from + 16, from + 17, from + 100, all.count] where to <= all.count
                {
                    let hit = memchr(base + from, 0x0A, to - from)
                    let expected = hit.map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? to
                    #expect(LineBlock.lineEnd(base, from: from, to: to) == expected, "\(from)..<\(to)")
                }
            }
        }
    }

    @Test func aLastLineWithoutItsNewlineStillCounts() {
        for (text, lines) in [("", 0), ("a", 1), ("a\n", 1), ("a\nb", 2), ("\n\n", 2), ("a\r\nb\r\n", 2)] {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { raw in
                #expect(LineBlock(bytes: raw, firstNumber: 1, offset: 0).lineCount == lines, "\(text.debugDescription)")
            }
        }
    }
}
