import Testing

/// Statements typical of an ORM-backed web shop and a batch system, in pg_stat_statements style
/// (`$n` parameters) where that is what a workload shows.
struct ShapeCase: Sendable, CustomTestStringConvertible {
    /// The golden file's name under `Golden/`.
    let name: String
    let sql: String

    var testDescription: String { name }

    static let corpus: [ShapeCase] = [
        // Web shop
        ShapeCase(
            name: "customer_by_email",
            sql: "SELECT id, email, name FROM customers WHERE email = $1"),
        ShapeCase(
            name: "customer_login_by_lowercased_email",
            sql: "SELECT * FROM customers WHERE lower(email) = lower($1) LIMIT 1"),
        ShapeCase(
            name: "recent_orders_of_customer",
            sql: """
                SELECT o.id, o.total, o.created_at FROM orders o
                WHERE o.customer_id = $1 AND o.status = $2 AND o.created_at > $3
                ORDER BY o.created_at DESC LIMIT 20
                """),
        ShapeCase(
            name: "order_with_items_and_products",
            sql: """
                SELECT o.id, oi.quantity, p.name, p.price
                FROM orders o
                JOIN order_items oi ON oi.order_id = o.id
                JOIN products p ON p.id = oi.product_id
                WHERE o.id = $1
                """),
        ShapeCase(
            name: "best_customers_left_join_group_having",
            sql: """
                SELECT c.id, c.name, count(o.id) AS order_count
                FROM customers c
                LEFT JOIN orders o ON o.customer_id = c.id AND o.status = 'paid'
                GROUP BY c.id, c.name
                HAVING count(o.id) > 5
                ORDER BY order_count DESC
                LIMIT 10
                """),
        ShapeCase(
            name: "products_by_id_list",
            sql: "SELECT id, name, price FROM products WHERE id IN (1, 2, 3, 4)"),
        ShapeCase(
            name: "products_by_id_array_parameter",
            sql: "SELECT id, sku FROM products WHERE id = ANY($1) AND deleted_at IS NULL"),
        ShapeCase(
            name: "orders_of_customers_in_subquery",
            sql: """
                SELECT * FROM orders
                WHERE customer_id IN (SELECT id FROM customers WHERE country = 'DE')
                  AND created_at >= '2024-01-01'
                """),
        ShapeCase(
            name: "products_with_good_reviews_exists",
            sql: """
                SELECT p.id, p.name FROM products p
                WHERE EXISTS (SELECT 1 FROM reviews r WHERE r.product_id = p.id AND r.rating >= 4)
                ORDER BY p.name
                """),
        ShapeCase(
            name: "products_with_scalar_subquery_rating",
            sql: """
                SELECT p.id, p.name,
                       (SELECT avg(r.rating) FROM reviews r WHERE r.product_id = p.id) AS avg_rating
                FROM products p WHERE p.category_id = $1
                """),
        ShapeCase(
            name: "top_customers_from_cte",
            sql: """
                WITH recent_orders AS (
                    SELECT customer_id, sum(total) AS revenue FROM orders
                    WHERE created_at > now() - interval '30 days'
                    GROUP BY customer_id
                )
                SELECT c.email, ro.revenue
                FROM recent_orders ro JOIN customers c ON c.id = ro.customer_id
                ORDER BY ro.revenue DESC LIMIT 10
                """),
        ShapeCase(
            name: "product_search_leading_wildcard",
            sql: "SELECT id, name FROM products WHERE name LIKE '%phone%'"),
        ShapeCase(
            name: "product_search_prefix",
            sql: "SELECT id, name FROM products WHERE name LIKE 'iPho%' ORDER BY name LIMIT $1"),
        ShapeCase(
            name: "product_search_ilike",
            sql: "SELECT id FROM products WHERE name ILIKE $1"),
        ShapeCase(
            name: "orders_per_day_date_trunc",
            sql: """
                SELECT date_trunc('day', created_at) AS day, count(*) FROM orders
                WHERE date_trunc('day', created_at) = '2024-05-01'
                GROUP BY 1
                """),
        ShapeCase(
            name: "orders_not_cancelled_not_in",
            sql: "SELECT id FROM orders WHERE status <> 'cancelled' AND customer_id NOT IN (1, 2)"),
        ShapeCase(
            name: "products_arithmetic_and_cast_on_column",
            sql: "SELECT id FROM products WHERE price * 2 > 100 AND stock::text = '0'"),
        ShapeCase(
            name: "customer_by_email_or_phone",
            sql: "SELECT id FROM customers WHERE email = $1 OR phone = $2"),
        ShapeCase(
            name: "orders_with_status_or_status",
            sql: "SELECT id FROM orders WHERE status = 'new' OR status = 'paid'"),
        ShapeCase(
            name: "orders_optional_status_filter",
            sql: "SELECT id FROM orders WHERE ($1::text IS NULL OR status = $1) AND customer_id = $2"),
        ShapeCase(
            name: "orders_created_on_date_cast",
            sql: "SELECT count(*) FROM orders WHERE created_at::date = current_date"),
        ShapeCase(
            name: "orm_quoted_identifiers_with_offset",
            sql: """
                SELECT "orders"."id", "orders"."customer_id", "orders"."status" FROM "public"."orders"
                WHERE "orders"."customer_id" = $1 AND "orders"."deleted_at" IS NULL
                ORDER BY "orders"."id" ASC LIMIT $2 OFFSET $3
                """),
        ShapeCase(
            name: "latest_reviews_per_product_lateral",
            sql: """
                SELECT p.id, r.rating FROM products p
                CROSS JOIN LATERAL (
                    SELECT rating FROM reviews WHERE reviews.product_id = p.id ORDER BY created_at DESC LIMIT 3
                ) r
                WHERE p.category_id = 7
                """),
        ShapeCase(
            name: "update_order_status",
            sql: "UPDATE orders SET status = $1, updated_at = now() WHERE id = $2"),
        ShapeCase(
            name: "upsert_product_on_conflict",
            sql: """
                INSERT INTO products (sku, name, price) VALUES ($1, $2, $3)
                ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, price = EXCLUDED.price, updated_at = now()
                """),

        // Batch system
        ShapeCase(
            name: "claim_jobs_skip_locked",
            sql: """
                SELECT id, payload FROM jobs
                WHERE status = 'queued' AND run_at <= now()
                ORDER BY priority DESC, run_at
                LIMIT 10 FOR UPDATE SKIP LOCKED
                """),
        ShapeCase(
            name: "claim_job_cte_update_returning",
            sql: """
                WITH next_job AS (
                    SELECT id FROM jobs WHERE status = 'queued' ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED
                )
                UPDATE jobs SET status = 'running', started_at = now()
                FROM next_job WHERE jobs.id = next_job.id
                RETURNING jobs.*
                """),
        ShapeCase(
            name: "fail_stuck_jobs_update_from",
            sql: """
                UPDATE jobs j SET attempts = j.attempts + 1, status = 'failed'
                FROM job_runs r
                WHERE r.job_id = j.id AND r.finished_at IS NULL AND r.started_at < now() - interval '1 hour'
                """),
        ShapeCase(
            name: "records_changed_since_last_batch",
            sql: """
                SELECT r.id, r.status, r.updated_at FROM records r
                WHERE r.status IN ('pending', 'retry') AND r.updated_at > $1
                ORDER BY r.updated_at, r.id LIMIT $2
                """),
        ShapeCase(
            name: "records_keyset_pagination",
            sql: "SELECT * FROM records WHERE (updated_at, id) > ($1, $2) ORDER BY updated_at, id LIMIT 500"),
        ShapeCase(
            name: "job_failures_per_job",
            sql: """
                SELECT j.name, count(*) AS runs, max(r.finished_at)
                FROM jobs j INNER JOIN job_runs r ON r.job_id = j.id
                WHERE r.started_at BETWEEN $1 AND $2 AND r.status = 'failed'
                GROUP BY j.name
                ORDER BY runs DESC
                """),
        ShapeCase(
            name: "failures_union_all",
            sql: """
                SELECT id, updated_at FROM records WHERE status = 'failed'
                UNION ALL
                SELECT id, finished_at FROM job_runs WHERE status = 'failed'
                ORDER BY 2 DESC LIMIT 100
                """),
        ShapeCase(
            name: "audit_trail_of_entity",
            sql: """
                SELECT id, action, actor_id, created_at FROM audit_log
                WHERE entity_type = $1 AND entity_id = $2
                ORDER BY created_at DESC LIMIT 50
                """),
        ShapeCase(
            name: "delete_old_audit_log",
            sql: "DELETE FROM audit_log WHERE created_at < $1"),
        ShapeCase(
            name: "delete_runs_of_archived_jobs_using",
            sql: "DELETE FROM job_runs r USING jobs j WHERE r.job_id = j.id AND j.status = 'archived'"),
        ShapeCase(
            name: "audit_expired_orders_insert_select",
            sql: """
                INSERT INTO audit_log (entity_type, entity_id, action, created_at)
                SELECT 'order', id, 'expired', now() FROM orders
                WHERE status = 'pending' AND created_at < now() - interval '7 days'
                """),
    ]
}
