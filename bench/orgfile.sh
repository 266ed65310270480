#!/usr/bin/env bash
# The organization as a file, at scale.
#   bench/orgfile.sh [USERS ROLES]      (default 10000 500)
# Fills a local sandbox, serves it on loopback, and runs org export, org diff (in sync, then with 100
# changes) and org apply of those 100 changes as one-shot commands through ./astra, printing the wall
# time of each and the requests the sandbox answered. Goals: diff under 2 s in exactly 2 requests;
# apply of 100 changes in exactly 100 writes.
set -euo pipefail
cd "$(dirname "$0")/.."
./astra version >/dev/null   # builds the jar and the class archive if needed
mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.astrashell.orgfile.OrgFileBenchmark "$@"
