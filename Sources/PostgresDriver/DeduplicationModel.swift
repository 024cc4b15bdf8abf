/// How much PostgreSQL 13+ B-tree deduplication shrinks an index's leaf level, from statistics.
///
/// Without deduplication each row costs a tuple (8-byte header with the heap TID, the key
/// MAXALIGNed to 8) plus a 4-byte line pointer. With it, the rows sharing one key value share
/// one posting-list tuple: header, key, then 6 bytes per heap TID (nbtree README, "Deduplication").
/// Rows per key value come from the product of the key columns' distinct counts, capped at the
/// table's rows (columns assumed independent, as the planner does).
struct DeduplicationModel {
    var rows: Double
    var keyDistinct: [Double]
    var keyWidths: [Double]

    /// Plain leaf bytes per row divided by deduplicated leaf bytes per row; at least 1.
    var gain: Double {
        let keyBytes = Self.maxAligned(keyWidths.reduce(0, +))
        let plain = 8 + keyBytes + 4
        let combinations = min(rows, keyDistinct.reduce(1, *))
        let rowsPerKey = rows / max(1, combinations)
        guard rowsPerKey >= 2 else { return 1 }
        let posting = 4 + Self.maxAligned(8 + keyBytes + 6 * rowsPerKey)
        return max(1, plain / (posting / rowsPerKey))
    }

    private static func maxAligned(_ bytes: Double) -> Double { (bytes / 8).rounded(.up) * 8 }
}
