#!/usr/bin/env bash
# Loads action items into a running actions-service through review-events and measures the team list and
# summary queries under concurrent load. Not part of the build or the tests. Arguments go to
# dev.incidentlifecycle.actions.benchmark.TeamQueriesBenchmark, e.g.
#   actions-service/benchmark/team-queries.sh --keys .data/keys --items 100000 --teams 200 --concurrency 32
set -euo pipefail
cd "$(dirname "$0")/../.."
classpath_file="$PWD/actions-service/target/benchmark.classpath"
./mvnw -B -q -pl actions-service test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
exec java -cp "actions-service/target/test-classes:actions-service/target/classes:$(cat "$classpath_file")" \
  dev.incidentlifecycle.actions.benchmark.TeamQueriesBenchmark "$@"
