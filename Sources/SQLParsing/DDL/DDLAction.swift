/// One effect of a DDL statement that the migration lint reads; a statement may have several
/// (`ALTER TABLE t ADD INDEX …, ADD FOREIGN KEY …`), and statements the lint does not read have none.
public enum DDLAction: Equatable, Sendable {
    /// `CREATE TABLE`: the table is new, so building its indexes blocks nobody.
    case createTable(DDLTableName)
    /// `DROP TABLE`.
    case dropTable(DDLTableName)
    case createIndex(DDLIndex)
    case dropIndex(DDLIndexDrop)
    case addForeignKey(DDLForeignKey)
    /// `BEGIN` / `START TRANSACTION`.
    case beginTransaction
    /// `COMMIT`, `END` or `ROLLBACK`.
    case endTransaction
}
