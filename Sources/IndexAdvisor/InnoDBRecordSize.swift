import AdvisorCore
import Foundation

/// Bytes of one InnoDB secondary-index record (COMPACT / DYNAMIC row format), for
/// `MySQLCostModelPlanner.estimatedSize(of:)`.
///
/// A leaf record holds the key and covering columns, then the primary key columns the index does
/// not already name (a 6-byte DB_ROW_ID without a primary key), behind a 5-byte record header,
/// a NULL bitmap of `ceil(nullable / 8)` bytes and one length byte per variable-length column (two
/// from 128 bytes on); a NULL value takes only its bit, so nullable columns count their non-NULL
/// share (MySQL "InnoDB Row Formats"). Half a byte per record is added for the page
/// directory (a 2-byte slot per 4 to 8 records).
struct InnoDBRecordSize {
    /// innodb_page_size's default.
    static let pageBytes = 16384.0
    /// FIL header 38 + page header 56 + infimum and supremum 26 + FIL trailer 8 bytes.
    static let pageOverheadBytes = 128.0

    /// Bytes per leaf record.
    var leafBytes: Double
    /// Bytes per node-pointer record of the levels above: key + primary key + header + 4-byte child page number.
    var nodePointerBytes: Double

    init(index: IndexCandidate, table: Table?) {
        var columns: [String] = []
        for name in index.keyColumns + index.includedColumns
        where !columns.contains(where: { $0.lowercased() == name.lowercased() }) {
            columns.append(name)
        }
        let primaryKey = table?.primaryKey?.keyColumnNames ?? []
        let extra = primaryKey.filter { key in !columns.contains { $0.lowercased() == key.lowercased() } }
        var data = primaryKey.isEmpty ? 6.0 : 0
        var nullable = 0
        var lengths = 0.0
        for name in columns + extra {
            let column = table?.column(named: name)
            let size = Self.storedBytes(column)
            // A NULL stores nothing but its bit; the length byte goes with the value.
            let nulls = column?.isNullable == true ? (column?.statistics?.nullFraction ?? 0) : 0
            let present = 1 - nulls
            data += size.bytes * present
            if size.variable { lengths += (size.bytes < 128 ? 1 : 2) * present }
            if column?.isNullable ?? false { nullable += 1 }
        }
        let header = 5 + (Double(nullable) / 8).rounded(.up) + lengths
        leafBytes = data + header + 0.5
        nodePointerBytes = data + header + 4
    }

    /// Stored bytes of one value, and whether the column is variable-length. Fixed types by their
    /// storage requirements (MySQL "Data Type Storage Requirements"); strings by the statistics'
    /// average width, else half the declared length (a stated default), 16 without one.
    static func storedBytes(_ column: Column?) -> (bytes: Double, variable: Bool) {
        guard let column else { return (8, false) }
        let type = column.dataType.lowercased()
        let name = String(type.prefix { $0.isLetter })
        let arguments = type.drop { $0 != "(" }.dropFirst().prefix { $0 != ")" }
            .split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let fraction = Double(((arguments.first ?? 0) + 1) / 2)
        switch name {
        case "tinyint", "bool", "boolean", "year": return (1, false)
        case "smallint": return (2, false)
        case "mediumint", "date": return (3, false)
        case "int", "integer", "float": return (4, false)
        case "bigint", "double", "real", "set": return (8, false)
        case "enum": return (2, false)
        case "datetime": return (5 + fraction, false)
        case "timestamp": return (4 + fraction, false)
        case "time": return (3 + fraction, false)
        case "decimal", "numeric":
            let precision = arguments.first ?? 10
            let scale = arguments.count > 1 ? arguments[1] : 0
            return (Double(decimalBytes(precision - scale) + decimalBytes(scale)), false)
        default:
            if let width = column.statistics?.averageWidth, width > 0 { return (width, true) }
            if let declared = arguments.first { return (max(1, Double(declared) / 2), true) }
            return (16, true)
        }
    }

    /// DECIMAL packs 9 digits into 4 bytes and the leftover digits into 0–4 bytes.
    private static func decimalBytes(_ digits: Int) -> Int {
        let leftover = [0, 1, 1, 2, 2, 3, 3, 4, 4, 4]
        return digits / 9 * 4 + leftover[max(0, digits % 9)]
    }
}
