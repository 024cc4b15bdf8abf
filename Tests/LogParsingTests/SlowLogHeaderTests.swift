import Testing

@testable import LogParsing

@Suite("Numbers of slow-log headers")
struct SlowLogHeaderTests {
    /// What `SlowLogHeader.decimal` computed digit by digit in floating point before its whole
    /// part was added up in integers.
    static func floatingPointDecimal(_ text: String) -> Double? {
        let b = Array(text.utf8)
        var whole = 0.0
        var i = 0
        while i < b.count, b[i] &- 0x30 < 10 {
            whole = whole * 10 + Double(b[i] &- 0x30)
            i += 1
        }
        guard i > 0 else { return nil }
        guard i < b.count, b[i] == 0x2E else { return whole }
        i += 1
        return b.withUnsafeBufferPointer { DecimalFraction.adding($0, from: &i, end: b.count, to: whole) }
    }

    @Test func decimalsAreBitForBitWhatFloatingPointDigitsGave() {
        var random = GeneratedLog.Random(state: 53)
        var texts = [
            "0", "7", "0.002128", "1715363109", "1715363109.123456", "9007199254740991", "9007199254740993",
            "123456789012345", "1234567890123456", "99999999999999999999.5", "12.", "x", "", "0.0000000000000000000001",
        ]
        for _ in 0..<5_000 {
            let whole = String((0..<(1 + random.next(20))).map { _ in Character(String(random.next(10))) })
            let fraction = String((0..<random.next(12)).map { _ in Character(String(random.next(10))) })
            texts.append(random.next(4) == 0 ? whole : "\(whole).\(fraction)")
        }
        for text in texts {
            let bytes = Array(text.utf8)
            let read = bytes.withUnsafeBufferPointer { SlowLogHeader.decimal($0, 0..<bytes.count) }
            #expect(read?.bitPattern == Self.floatingPointDecimal(text)?.bitPattern, "\(text)")
        }
    }

    /// `connectionID` as it searched every line: from the end, for the last `Id:` after a blank.
    static func searchedConnectionID(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        var i = b.count - 1
        while i >= 1 + 3 {
            if b[i - 2] == 0x49 && b[i - 1] == 0x64 && b[i] == 0x3A && (b[i - 3] == 0x20 || b[i - 3] == 0x09) {
                var k = i + 1
                while k < b.count, b[k] == 0x20 { k += 1 }
                return b.withUnsafeBufferPointer { SlowLogHeader.integer($0, k..<b.count) }
            }
            i -= 1
        }
        return nil
    }

    @Test func connectionIDsAtTheEndReadAsTheSearchFoundThem() {
        let lines = [
            "# User@Host: app[app] @ localhost []  Id:    12", "# User@Host: app[app] @ localhost []  Id: 7  ",
            "# User@Host: app[app] @ localhost []  Id: 7\t", "# User@Host: Id: 3[Id: 4] @ h []  Id: 5",
            "# User@Host: app[app] @ localhost []  Id: 12 trailing", "# User@Host: app[app] @ localhost []  Id:",
            "# User@Host: app[app] @ localhost []", "# User@Host: app[app] @ localhost []\tId:\t9",
            "# User@Host: app[app] @ localhost []  Id:  99999999999999999999", "# User@Host: Id: 1",
            "# User@Host:Id: 1", "# User@Host: x Id:42", "#Id: 3",
        ]
        for line in lines {
            let bytes = Array(line.utf8)
            let read = bytes.withUnsafeBufferPointer { SlowLogHeader.connectionID($0, from: 1) }
            #expect(read == Self.searchedConnectionID(line), "\(line)")
        }
    }

    /// Keys and values are scanned eight bytes at a time: every byte value, at every place of a
    /// word and past the words, ends a scan where a byte-by-byte scan ends it.
    @Test func wordAtATimeScansEndWhereByteScansEnd() {
        func byByte(_ b: [UInt8], _ from: Int, _ goesOn: (UInt8) -> Bool) -> Int {
            var i = from
            while i < b.count, goesOn(b[i]) { i += 1 }
            return i
        }
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 24] {
            for place in 0..<max(length, 1) {
                for value in 0...255 {
                    var key = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    var word = [UInt8](repeating: UInt8(ascii: "5"), count: length)
                    if place < length {
                        key[place] = UInt8(value)
                        word[place] = UInt8(value)
                    }
                    for from in [0, min(1, length)] {
                        let keyEnd = key.withUnsafeBufferPointer { SlowLogHeader.keyEnd($0, from: from) }
                        #expect(keyEnd == byByte(key, from, SlowLogHeader.isKeyByte), "\(length) \(place) \(value)")
                        let wordEnd = word.withUnsafeBufferPointer { SlowLogHeader.wordEnd($0, from: from) }
                        #expect(
                            wordEnd == byByte(word, from) { $0 != 0x20 && $0 != 0x09 }, "\(length) \(place) \(value)")
                    }
                }
            }
        }
        // Mixed keys: each byte class next to the others.
        let text = Array("Rows_examined: 12 Query_time:0.5\tZ9_z Pages-read: é_ü Full_scan: Yes".utf8)
        for from in text.indices {
            let keyEnd = text.withUnsafeBufferPointer { SlowLogHeader.keyEnd($0, from: from) }
            #expect(keyEnd == byByte(text, from, SlowLogHeader.isKeyByte))
            let wordEnd = text.withUnsafeBufferPointer { SlowLogHeader.wordEnd($0, from: from) }
            #expect(wordEnd == byByte(text, from) { $0 != 0x20 && $0 != 0x09 })
        }
    }

    /// Keys are compared a word at a time: every length the servers' keys have, every byte of the
    /// text changed, every place, a text ending inside the key, all as a byte compare finds.
    @Test func wordAtATimeComparesFindWhatByteComparesFind() {
        let keys: [StaticString] = [
            "#", "Id", "Id:", "End:", "Time:", "Errno:", "Killed:", "explain:", "Read_key:", "Thread_id:",
            "Query_time:", "Bytes_sent:x", "Rows_examined:", "Bytes_received:", "Sort_scan_count:",
            "Pages_prefetched:", "Tmp_table_on_disk:", "Sort_merge_passes:", "administrator command:",
            "Created_tmp_disk_tables:", "Created_tmp_disk_tables:_",
        ]
        for key in keys {
            let bytes = Array(UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
            var texts = [bytes, bytes + [0x20], Array(bytes.dropLast()), [0x23] + bytes]
            for place in bytes.indices {
                for value: UInt8 in [0x00, 0x20, 0x3A, 0x61, 0xFF, bytes[place] ^ 0x20, bytes[place] ^ 0x01] {
                    var changed = bytes
                    changed[place] = value
                    texts.append(changed)
                }
            }
            for text in texts {
                for at in -1...2 {
                    let expected =
                        at >= 0 && at + bytes.count <= text.count && Array(text[at..<(at + bytes.count)]) == bytes
                    let found = text.withUnsafeBufferPointer { SlowLogHeader.hasPrefix($0, at, key) }
                    #expect(found == expected, "\(key) in \(text) at \(at)")
                }
            }
        }
    }
}
