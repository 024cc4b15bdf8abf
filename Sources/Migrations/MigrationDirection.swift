/// Which statements a migration file holds; its header describes them.
enum MigrationDirection {
    case up
    case down
    /// Layouts with both blocks in one file (dbmate, Rails).
    case both
}
