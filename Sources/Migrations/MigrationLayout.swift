/// The migration tool whose file layout and no-transaction markers the files follow.
///
/// Raw values are the CLI's `--migration-format` values.
public enum MigrationLayout: String, Codable, Sendable, CaseIterable {
    /// `<version>_<name>.up.sql` and `.down.sql`, for psql or any runner.
    case plain
    /// `V<version>__<name>.sql`, its `.sql.conf` and a `U<version>__<name>.sql` undo script.
    case flyway
    /// `<version>_<name>.up.sql` and `.down.sql`, as `migrate create` names them.
    case golangMigrate = "golang-migrate"
    /// One `<version>_<name>.sql` with `-- migrate:up` and `-- migrate:down` blocks.
    case dbmate
    /// `<version>_add_<name>.rb`, an ActiveRecord migration class.
    case rails
}
