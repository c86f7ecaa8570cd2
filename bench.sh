#!/usr/bin/env bash
# Installs what the benchmarks need on a fresh machine, builds, and runs the benchmark command; the table is
# printed and written to bench-results.md; exits with status 1 when a workload found a problem (a lost write, an
# error). Usage: ./bench.sh [--workloads incremental,live,load] [--pull-records 10000,100000] [--help]
set -euo pipefail
cd "$(dirname "$0")"

tools/setup.sh
echo "== build"
mvn -B -q -ntp package -DskipTests
echo "== benchmarks"
java -jar benchmarks/target/isosync-bench.jar "$@"
