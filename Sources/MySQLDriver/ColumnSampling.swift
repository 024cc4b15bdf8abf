import AdvisorCore

/// The result of `MySQLConnection.sampleColumnStatistics`: the schema with sampled statistics
/// filled in, and what was sampled or could not be.
public struct ColumnSampling: Equatable, Sendable {
    /// The schema given, with `distinctValues` and `nullFraction` set for each sampled column.
    public var schema: Schema
    /// Columns whose statistics now come from a sample, in table and column order.
    public var sampled: [ColumnReference]
    /// Why a requested column was not sampled (timed out, unknown column, server error), one line each.
    public var notes: [String]

    public init(schema: Schema, sampled: [ColumnReference] = [], notes: [String] = []) {
        self.schema = schema
        self.sampled = sampled
        self.notes = notes
    }
}
