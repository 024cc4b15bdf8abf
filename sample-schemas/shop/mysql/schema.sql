-- shop: the schema of an ORM-backed web shop (MySQL 8 / MariaDB 10.11, InnoDB).
--
-- The same tables, columns and indexes as ../postgres/schema.sql, in MySQL types
-- (BIGINT AUTO_INCREMENT, DATETIME(6) as Rails writes it, DECIMAL money, VARCHAR status).
-- The planted problems (see ../expected.yml) are deliberate omissions, marked "PLANTED".
--
-- One difference: InnoDB creates an index for every declared FOREIGN KEY that lacks one, so a
-- "foreign key without index" can only exist when the constraint is not declared -- which is
-- what many MySQL apps do (Rails belongs_to without add_foreign_key, apps that shard or
-- bulk-load). orders.shipping_address_id is such a logical foreign key here.

CREATE TABLE customers (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    email            VARCHAR(255) NOT NULL,
    first_name       VARCHAR(100) NOT NULL,
    last_name        VARCHAR(100) NOT NULL,
    phone            VARCHAR(32),               -- PLANTED full-table-scan: support searches by phone, no index
    country_code     CHAR(2)      NOT NULL,
    marketing_opt_in BOOLEAN      NOT NULL DEFAULT FALSE,
    is_active        BOOLEAN      NOT NULL DEFAULT TRUE,
    last_login_at    DATETIME(6),
    created_at       DATETIME(6)  NOT NULL,
    updated_at       DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY customers_email_key (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE addresses (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    customer_id  BIGINT       NOT NULL,
    kind         VARCHAR(20)  NOT NULL DEFAULT 'shipping',   -- shipping | billing
    recipient    VARCHAR(200) NOT NULL,
    line1        VARCHAR(200) NOT NULL,
    line2        VARCHAR(200),
    postal_code  VARCHAR(16)  NOT NULL,
    city         VARCHAR(100) NOT NULL,
    country_code CHAR(2)      NOT NULL,
    is_default   BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at   DATETIME(6)  NOT NULL,
    updated_at   DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY addresses_customer_id_idx (customer_id),
    CONSTRAINT addresses_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE categories (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    parent_id  BIGINT,
    name       VARCHAR(100) NOT NULL,
    slug       VARCHAR(100) NOT NULL,
    position   INT          NOT NULL DEFAULT 0,
    created_at DATETIME(6)  NOT NULL,
    updated_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY categories_slug_key (slug),
    KEY categories_parent_id_idx (parent_id),
    CONSTRAINT categories_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES categories (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE products (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    category_id BIGINT        NOT NULL,
    sku         VARCHAR(32)   NOT NULL,
    name        VARCHAR(200)  NOT NULL,
    description TEXT,
    price       DECIMAL(12,2) NOT NULL,
    status      VARCHAR(20)   NOT NULL DEFAULT 'active',     -- active | archived
    stock       INT           NOT NULL DEFAULT 0,
    created_at  DATETIME(6)   NOT NULL,
    updated_at  DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY products_sku_key (sku),
    KEY products_category_id_idx (category_id),
    CONSTRAINT products_category_id_fkey FOREIGN KEY (category_id) REFERENCES categories (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE orders (
    id                  BIGINT        NOT NULL AUTO_INCREMENT,
    customer_id         BIGINT        NOT NULL,
    -- PLANTED foreign-key-without-index: references addresses(id) but neither a constraint
    -- (see the header) nor an index exists, so "is this address still used?" scans all orders.
    shipping_address_id BIGINT,
    status              VARCHAR(20)   NOT NULL DEFAULT 'pending', -- pending | paid | shipped | delivered | cancelled | refunded
    currency            CHAR(3)       NOT NULL DEFAULT 'EUR',
    subtotal            DECIMAL(12,2) NOT NULL,
    shipping_fee        DECIMAL(12,2) NOT NULL DEFAULT 0,
    total               DECIMAL(12,2) NOT NULL,
    tracking_number     VARCHAR(40),  -- PLANTED full-table-scan: looked up by support, no index
    notes               TEXT,
    created_at          DATETIME(6)   NOT NULL,
    updated_at          DATETIME(6)   NOT NULL, -- PLANTED sort-without-index: admin sorts by it
    PRIMARY KEY (id),
    -- PLANTED missing-composite-index: only customer_id is indexed; the account page filters on
    -- (customer_id, status) and sorts by created_at, which hurts for the big B2B customers.
    KEY orders_customer_id_idx (customer_id),
    KEY orders_created_at_idx (created_at),
    CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE order_items (
    id         BIGINT        NOT NULL AUTO_INCREMENT,
    order_id   BIGINT        NOT NULL,
    product_id BIGINT        NOT NULL,
    quantity   INT           NOT NULL,
    unit_price DECIMAL(12,2) NOT NULL,
    created_at DATETIME(6)   NOT NULL,
    updated_at DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    KEY order_items_order_id_idx (order_id),
    KEY order_items_product_id_idx (product_id),
    CONSTRAINT order_items_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id),
    CONSTRAINT order_items_product_id_fkey FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE reviews (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    product_id  BIGINT       NOT NULL,
    customer_id BIGINT       NOT NULL,
    rating      SMALLINT     NOT NULL,
    title       VARCHAR(200),
    body        TEXT,
    status      VARCHAR(20)  NOT NULL DEFAULT 'published',   -- published | pending | rejected
    created_at  DATETIME(6)  NOT NULL,
    updated_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    -- PLANTED missing-covering-index: the product page's rating summary reads (product_id,
    -- rating, created_at) for thousands of reviews of a popular product, one clustered-index
    -- lookup each.
    KEY reviews_product_id_idx (product_id),
    KEY reviews_customer_id_idx (customer_id),
    CONSTRAINT reviews_product_id_fkey FOREIGN KEY (product_id) REFERENCES products (id),
    CONSTRAINT reviews_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id),
    CONSTRAINT reviews_rating_check CHECK (rating BETWEEN 1 AND 5)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
