#!/usr/bin/python3
"""Extend, the index selection heuristic of Schlosser, Kossmann and Boissier (ICDE 2019), as the
reference scripts/bench-tpch runs beside dbadvisor on the same database in the same run.

Written here from the published description and the evaluation platform's behaviour
(Kossmann et al., PVLDB 13(11), 2020; github.com/hyrise/index_selection_evaluation):
  - candidates: one single-column index per indexable column, a column being a catalog column
    named in some query's text;
  - each step costs every configuration one change away from the current one: a single-column
    index added (if it fits the budget), or one chosen index extended by one more column of its
    table (up to the width), the extended index replacing it;
  - the step with the best cost reduction per byte added wins, when it cuts the workload's cost
    by more than 0.3% (min_cost_improvement 1.003) and the whole configuration fits the budget;
    it stops when no step qualifies;
  - costs: the sum of the queries' EXPLAIN total costs with HypoPG hypothetical indexes (each query
    sees the indexes on its tables); sizes: hypopg_relation_size, uncorrected, as the platform
    uses them.

  extend.py --host H --port P --user U [--password-env VAR] --dbname D --workload FILE
            --budget-bytes N --width W

Prints one JSON object: initialCost, finalCost, whatIfCalls, seconds, sizeBytes, indexes.
Needs psycopg2 (Debian: python3-psycopg2) and the hypopg extension in the database.
"""
import argparse
import json
import os
import re
import sys
import time

import psycopg2

MIN_COST_IMPROVEMENT = 1.003


def statements(path):
    """The workload file's statements: comment lines dropped, split at semicolons."""
    text = "\n".join(line for line in open(path) if not line.lstrip().startswith("--"))
    return [s.strip() for s in text.split(";") if s.strip()]


class WhatIf:
    """HypoPG costs and sizes, cached per (query, indexes on its tables)."""

    def __init__(self, connection, queries, column_table):
        self.cursor = connection.cursor()
        self.queries = queries
        self.column_table = column_table
        self.tables = [{column_table[c] for c in self.columns(q)} for q in queries]
        self.costs = {}
        self.sizes = {}
        self.calls = 0

    def columns(self, query):
        return sorted(c for c in self.column_table if re.search(r"\b%s\b" % re.escape(c), query))

    def create(self, index):
        table = self.column_table[index[0]]
        self.cursor.execute(
            "SELECT indexrelid FROM hypopg_create_index(%s)",
            ("CREATE INDEX ON %s (%s)" % (table, ", ".join(index)),))
        return self.cursor.fetchone()[0]

    def query_cost(self, i, configuration):
        relevant = tuple(sorted(ix for ix in configuration if self.column_table[ix[0]] in self.tables[i]))
        key = (i, relevant)
        if key not in self.costs:
            self.cursor.execute("SELECT hypopg_reset()")
            for index in relevant:
                self.create(index)
            self.cursor.execute("EXPLAIN (FORMAT JSON) " + self.queries[i])
            self.costs[key] = self.cursor.fetchone()[0][0]["Plan"]["Total Cost"]
            self.calls += 1
        return self.costs[key]

    def cost(self, configuration):
        return sum(self.query_cost(i, configuration) for i in range(len(self.queries)))

    def size(self, index):
        if index not in self.sizes:
            self.cursor.execute("SELECT hypopg_reset()")
            oid = self.create(index)
            self.cursor.execute("SELECT hypopg_relation_size(%s)", (oid,))
            self.sizes[index] = self.cursor.fetchone()[0]
        return self.sizes[index]


def extend(what_if, budget, width):
    """The configuration Extend settles on: a list of column tuples."""
    singles = sorted({(c,) for q in what_if.queries for c in what_if.columns(q)})
    configuration = []
    current = what_if.cost(configuration)
    while True:
        used = sum(what_if.size(ix) for ix in configuration)
        best = None  # (ratio, configuration, cost)
        steps = [(configuration + [s], 0) for s in singles
                 if s not in configuration and used + what_if.size(s) <= budget]
        for position, index in enumerate(configuration):
            if len(index) >= width:
                continue
            table = what_if.column_table[index[0]]
            for (column,) in singles:
                if what_if.column_table[column] != table or column in index:
                    continue
                extended = index + (column,)
                if extended in configuration:
                    continue
                steps.append((configuration[:position] + configuration[position + 1:] + [extended],
                              what_if.size(index)))
        for candidate, replaced_size in steps:
            cost = what_if.cost(candidate)
            if cost * MIN_COST_IMPROVEMENT >= current:
                continue
            added = what_if.size(candidate[-1]) - replaced_size
            if added <= 0 or sum(what_if.size(ix) for ix in candidate) > budget:
                continue
            ratio = (current - cost) / added
            if best is None or ratio > best[0]:
                best = (ratio, candidate, cost)
        if best is None:
            return configuration, current
        _, configuration, current = best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password-env", help="environment variable holding the password")
    parser.add_argument("--dbname", required=True)
    parser.add_argument("--workload", required=True)
    parser.add_argument("--budget-bytes", type=int, required=True)
    parser.add_argument("--width", type=int, required=True)
    args = parser.parse_args()
    password = os.environ.get(args.password_env) if args.password_env else None
    try:
        connection = psycopg2.connect(host=args.host, port=args.port, user=args.user, password=password,
                                      dbname=args.dbname)
    except psycopg2.Error as error:
        sys.exit("extend.py: cannot connect to %s:%s/%s: %s" % (args.host, args.port, args.dbname,
                                                                str(error).strip().splitlines()[0]))
    connection.autocommit = True
    cursor = connection.cursor()
    cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'hypopg'")
    if cursor.fetchone() is None:
        sys.exit("extend.py: hypopg is not installed in %s (CREATE EXTENSION hypopg)" % args.dbname)
    cursor.execute("SELECT column_name, table_name FROM information_schema.columns "
                   "WHERE table_schema = 'public'")
    column_table = dict(cursor.fetchall())
    what_if = WhatIf(connection, statements(args.workload), column_table)
    start = time.monotonic()
    initial = what_if.cost([])
    configuration, final = extend(what_if, args.budget_bytes, args.width)
    seconds = time.monotonic() - start
    cursor.execute("SELECT hypopg_reset()")
    print(json.dumps({
        "initialCost": initial, "finalCost": final, "whatIfCalls": what_if.calls, "seconds": seconds,
        "sizeBytes": sum(what_if.size(ix) for ix in configuration),
        "indexes": ["%s (%s)" % (column_table[ix[0]], ", ".join(ix)) for ix in configuration],
    }))


if __name__ == "__main__":
    main()
