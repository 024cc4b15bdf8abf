# dbadvisor — two commands for a fresh Debian machine:
#   make demo   install what is missing, build, start throwaway servers, load a sample schema,
#               run its workload and run the advisor on it
#   make test   the same set-up, then the whole test suite against the real servers
SHELL := /bin/bash
.DEFAULT_GOAL := help

APT_PACKAGES := libpq-dev libmariadb-dev libpg-query-dev zlib1g-dev postgresql-15 postgresql-15-hypopg \
                mariadb-server mariadb-client
BENCH_PACKAGES := percona-toolkit pgbadger
BENCH_ADVISOR_PACKAGES := python3-psycopg2
SAMPLES := shop batch
DEMO_SCHEMA ?= shop
SWIFT_FLAGS ?=
BIN = $(shell swift build $(SWIFT_FLAGS) --show-bin-path)/dbadvisor
DEV_ENV = eval "$$(scripts/dev-db env)"

.PHONY: help deps build servers samples demo test bench bench-advisor bench-digest lint stop clean

help:
	@echo "make demo    build, start throwaway PostgreSQL and MariaDB, load sample-schemas/$(DEMO_SCHEMA), run the advisor"
	@echo "make test    the whole test suite against throwaway servers"
	@echo "make bench   index advisor benchmark on the sample schemas and TPC-H-like data (BENCH_TPCH_SF, default 1),"
	@echo "             then dbadvisor digest vs pt-query-digest and pgbadger on generated logs (scripts/bench-digest)"
	@echo "make stop    stop the throwaway servers (scripts/dev-db stop)"

deps:
	@scripts/install-deps $(APT_PACKAGES)

build: deps
	swift build $(SWIFT_FLAGS)

servers: deps
	@scripts/dev-db start

samples: servers
	@for s in $(SAMPLES); do scripts/load-sample $$s all --workload || exit 1; done

demo: build servers
	@scripts/load-sample $(DEMO_SCHEMA) all --workload
	@scripts/demo "$(BIN)" $(DEMO_SCHEMA)

test: lint build samples
	$(DEV_ENV) && swift test $(SWIFT_FLAGS)

bench: bench-advisor bench-digest

bench-advisor: deps
	@scripts/install-deps $(BENCH_ADVISOR_PACKAGES)
	@SWIFT_BUILD_FLAGS="$(SWIFT_FLAGS)" scripts/bench-advisor
	@SWIFT_BUILD_FLAGS="$(SWIFT_FLAGS)" scripts/bench-tpch

bench-digest: deps
	@scripts/install-deps $(BENCH_PACKAGES)
	@SWIFT_BUILD_FLAGS="$(SWIFT_FLAGS)" scripts/bench-digest

lint:
	swift format lint --recursive --strict Sources Tests Package.swift

stop:
	@scripts/dev-db stop

clean:
	@scripts/dev-db destroy
	rm -rf .build
