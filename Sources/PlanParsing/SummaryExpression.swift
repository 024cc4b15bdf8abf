/// Makes MySQL-family expressions readable in a summary; the `Plan` keeps them verbatim.
enum SummaryExpression {
    /// `` (`shop`.`orders`.`customer_id` = 42) `` → `(orders.customer_id = 42)`: MySQL 8 qualifies
    /// every column with its schema and quotes every identifier.
    static func unquoted(_ expression: String) -> String {
        expression
            .replacing(/`[^`]*`\.(`[^`]*`\.`[^`]*`)/) { $0.output.1 }
            .replacing("`", with: "")
    }
}
