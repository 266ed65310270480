#!/usr/bin/env bash
# Tab completion benchmark: the latency of Tab on a large organization.
#   bench/completion.sh [USERS ROLES TOKENS]      (default 10000 500 2000)
# Fills a local sandbox, opens the real prompt on a terminal, and prints the latency of 100 warm
# Tabs (p50, p99) and the number of HTTP requests they caused (the goal is none).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.astrashell.shell.CompletionBenchmark "$@"
