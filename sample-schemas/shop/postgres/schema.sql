-- shop: the schema of an ORM-backed web shop (PostgreSQL 15).
--
-- Indexes are the ones a typical Rails/Django app ends up with: primary keys, unique keys
-- for natural identifiers, and one index per foreign key the framework generator created.
-- The planted problems (see ../expected.yml) are deliberate omissions, marked "PLANTED".

CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
CREATE EXTENSION IF NOT EXISTS hypopg;

CREATE TABLE customers (
    id            bigserial    PRIMARY KEY,
    email         varchar(255) NOT NULL,
    first_name    varchar(100) NOT NULL,
    last_name     varchar(100) NOT NULL,
    phone         varchar(32),               -- PLANTED full-table-scan: support searches by phone, no index
    country_code  char(2)      NOT NULL,
    marketing_opt_in boolean   NOT NULL DEFAULT false,
    is_active     boolean      NOT NULL DEFAULT true,
    last_login_at timestamptz,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX customers_email_key ON customers (email);

CREATE TABLE addresses (
    id           bigserial    PRIMARY KEY,
    customer_id  bigint       NOT NULL REFERENCES customers (id),
    kind         varchar(20)  NOT NULL DEFAULT 'shipping',   -- shipping | billing
    recipient    varchar(200) NOT NULL,
    line1        varchar(200) NOT NULL,
    line2        varchar(200),
    postal_code  varchar(16)  NOT NULL,
    city         varchar(100) NOT NULL,
    country_code char(2)      NOT NULL,
    is_default   boolean      NOT NULL DEFAULT false,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX addresses_customer_id_idx ON addresses (customer_id);

CREATE TABLE categories (
    id         bigserial    PRIMARY KEY,
    parent_id  bigint       REFERENCES categories (id),
    name       varchar(100) NOT NULL,
    slug       varchar(100) NOT NULL,
    position   integer      NOT NULL DEFAULT 0,
    created_at timestamptz  NOT NULL DEFAULT now(),
    updated_at timestamptz  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX categories_slug_key ON categories (slug);
CREATE INDEX categories_parent_id_idx ON categories (parent_id);

CREATE TABLE products (
    id          bigserial     PRIMARY KEY,
    category_id bigint        NOT NULL REFERENCES categories (id),
    sku         varchar(32)   NOT NULL,
    name        varchar(200)  NOT NULL,
    description text,
    price       numeric(12,2) NOT NULL,
    status      varchar(20)   NOT NULL DEFAULT 'active',     -- active | archived
    stock       integer       NOT NULL DEFAULT 0,
    created_at  timestamptz   NOT NULL DEFAULT now(),
    updated_at  timestamptz   NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX products_sku_key ON products (sku);
CREATE INDEX products_category_id_idx ON products (category_id);

CREATE TABLE orders (
    id                  bigserial     PRIMARY KEY,
    customer_id         bigint        NOT NULL REFERENCES customers (id),
    -- PLANTED foreign-key-without-index: the FK is declared but nothing indexes the
    -- referencing column, so deleting an address (and the ORM's "is it still used?" check)
    -- scans all orders.
    shipping_address_id bigint        REFERENCES addresses (id),
    status              varchar(20)   NOT NULL DEFAULT 'pending', -- pending | paid | shipped | delivered | cancelled | refunded
    currency            char(3)       NOT NULL DEFAULT 'EUR',
    subtotal            numeric(12,2) NOT NULL,
    shipping_fee        numeric(12,2) NOT NULL DEFAULT 0,
    total               numeric(12,2) NOT NULL,
    tracking_number     varchar(40),  -- PLANTED full-table-scan: looked up by support, no index
    notes               text,
    created_at          timestamptz   NOT NULL DEFAULT now(),
    updated_at          timestamptz   NOT NULL DEFAULT now()  -- PLANTED sort-without-index: admin sorts by it
);
-- PLANTED missing-composite-index: only customer_id is indexed; the account page filters on
-- (customer_id, status) and sorts by created_at, which hurts for the big B2B customers.
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
CREATE INDEX orders_created_at_idx ON orders (created_at);

CREATE TABLE order_items (
    id         bigserial     PRIMARY KEY,
    order_id   bigint        NOT NULL REFERENCES orders (id),
    product_id bigint        NOT NULL REFERENCES products (id),
    quantity   integer       NOT NULL,
    unit_price numeric(12,2) NOT NULL,
    created_at timestamptz   NOT NULL DEFAULT now(),
    updated_at timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX order_items_order_id_idx ON order_items (order_id);
CREATE INDEX order_items_product_id_idx ON order_items (product_id);

CREATE TABLE reviews (
    id          bigserial   PRIMARY KEY,
    product_id  bigint      NOT NULL REFERENCES products (id),
    customer_id bigint      NOT NULL REFERENCES customers (id),
    rating      smallint    NOT NULL CHECK (rating BETWEEN 1 AND 5),
    title       varchar(200),
    body        text,
    status      varchar(20) NOT NULL DEFAULT 'published',   -- published | pending | rejected
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
-- PLANTED missing-covering-index: the product page's rating summary reads (product_id, rating,
-- created_at) for thousands of reviews of a popular product, each on a different heap page.
CREATE INDEX reviews_product_id_idx ON reviews (product_id);
CREATE INDEX reviews_customer_id_idx ON reviews (customer_id);
