#!/bin/sh
# .git/hooks/pre-commit: lint the migrations before they are committed (no server needed).
#
# Install: cp docs/examples/pre-commit-hook.sh .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit
# Settings: DBADVISOR_ENGINE (postgres, mysql, mariadb) and DBADVISOR_MIGRATIONS (the folder).
set -eu

engine=${DBADVISOR_ENGINE:-postgres}
migrations=${DBADVISOR_MIGRATIONS:-db/migrate}

# Only when a migration is part of the commit.
if ! git diff --cached --name-only --diff-filter=ACMR -- "$migrations" | grep -q .; then
    exit 0
fi

baseline=""
if [ -f .dbadvisor-baseline.json ]; then
    baseline="--baseline .dbadvisor-baseline.json"
fi

# Exit code 1 (a finding at or above --fail-on) or 2 (a file that cannot be read) stops the commit;
# `git commit --no-verify` skips the hook.
# shellcheck disable=SC2086 # $baseline is empty or two words
exec dbadvisor check --engine "$engine" --migrations "$migrations" $baseline --fail-on error
