#!/usr/bin/env bash
# Installs what the tests need on a fresh machine, checks the database services, and runs every test.
# Usage: ./run-tests.sh [extra Maven arguments]
set -euo pipefail
cd "$(dirname "$0")"

tools/setup.sh

echo "== build and test"
mvn -B -ntp verify "$@"
