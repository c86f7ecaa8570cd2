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
# a fixed heap, touched at start: on a virtual machine the first touch of a memory page can trap to the host, and a
# heap that grows while a workload runs made runs of one workload differ up to threefold (README, "Performance")
java -Xms6g -Xmx6g -XX:+AlwaysPreTouch -jar benchmarks/target/isosync-bench.jar "$@"
