/// A foreign key a DDL statement declares, in `CREATE TABLE` or `ALTER TABLE … ADD`.
public struct DDLForeignKey: Equatable, Sendable {
    public var name: String?
    public var table: DDLTableName
    public var columns: [String]
    public var referencedTable: DDLTableName
    public var referencedColumns: [String]

    public init(
        name: String?, table: DDLTableName, columns: [String], referencedTable: DDLTableName,
        referencedColumns: [String]
    ) {
        self.name = name
        self.table = table
        self.columns = columns
        self.referencedTable = referencedTable
        self.referencedColumns = referencedColumns
    }
}
