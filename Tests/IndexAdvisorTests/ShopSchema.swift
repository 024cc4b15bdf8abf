import AdvisorCore

/// A hand-built catalog shaped like the shop sample's `orders`, `customers`, `reviews` and
/// `order_items`, with statistics close to the loaded database's (sample-schemas/README.md).
enum ShopSchema {
    static func column(_ name: String, distinct: Double, nullFraction: Double = 0, width: Double = 8) -> Column {
        Column(
            name: name, dataType: "bigint", isNullable: nullFraction > 0,
            statistics: ColumnStatistics(nullFraction: nullFraction, distinctValues: distinct, averageWidth: width))
    }

    static func index(_ name: String, _ columns: [String], primary: Bool = false, unique: Bool = false) -> Index {
        Index(
            name: name, keyColumns: columns.map { IndexKey(name: $0) }, isUnique: primary || unique, isPrimary: primary)
    }

    static let schema = Schema(
        engine: .postgres, serverVersion: "15.20", database: "shop",
        tables: [
            Table(
                schema: "public", name: "customers",
                columns: [
                    column("id", distinct: 100_000), column("email", distinct: 100_000, width: 26),
                    column("first_name", distinct: 300, width: 7), column("last_name", distinct: 400, width: 8),
                    column("phone", distinct: 95_000, nullFraction: 0.05, width: 14),
                ],
                indexes: [
                    index("customers_pkey", ["id"], primary: true),
                    index("customers_email_key", ["email"], unique: true),
                ],
                estimatedRows: 100_000, writeStats: WriteStats(inserts: 100_000, updates: 0, deletes: 0)),
            Table(
                schema: "public", name: "orders",
                columns: [
                    column("id", distinct: 400_000), column("customer_id", distinct: 100_000),
                    column("shipping_address_id", distinct: 100_000, nullFraction: 0.01),
                    column("status", distinct: 6, width: 8), column("total", distinct: 30_000, width: 6),
                    column("tracking_number", distinct: 356_000, nullFraction: 0.11, width: 14),
                    column("created_at", distinct: 400_000), column("updated_at", distinct: 400_000),
                ],
                indexes: [
                    index("orders_pkey", ["id"], primary: true), index("orders_customer_id_idx", ["customer_id"]),
                    index("orders_created_at_idx", ["created_at"]),
                ],
                estimatedRows: 400_000, writeStats: WriteStats(inserts: 400_017, updates: 0, deletes: 0)),
            Table(
                schema: "public", name: "order_items",
                columns: [
                    column("id", distinct: 1_200_000), column("order_id", distinct: 400_000),
                    column("product_id", distinct: 20_000),
                ],
                indexes: [
                    index("order_items_pkey", ["id"], primary: true), index("order_items_order_id_idx", ["order_id"]),
                    index("order_items_product_id_idx", ["product_id"]),
                ],
                estimatedRows: 1_200_000),
            Table(
                schema: "public", name: "reviews",
                columns: [
                    column("id", distinct: 200_000), column("product_id", distinct: 20_000),
                    column("rating", distinct: 5, width: 2), column("created_at", distinct: 200_000),
                ],
                indexes: [
                    index("reviews_pkey", ["id"], primary: true), index("reviews_product_id_idx", ["product_id"]),
                ],
                estimatedRows: 200_000, writeStats: WriteStats(inserts: 200_000, updates: 0, deletes: 0)),
        ])
}
