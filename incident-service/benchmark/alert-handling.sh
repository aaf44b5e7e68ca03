#!/usr/bin/env bash
# Alert handling against the running system, next to the raw pipeline on the same broker and database, in one
# run: repeat storm, new-key storm, relay rate, a new service's declaration while a storm drains, produce→visible
# latency at a fixed rate; every figure with its ratio to the raw rate and its target, the database's durability
# settings and each service's largest RSS. Prints figures, asserts nothing.
#
#   incident-service/benchmark/alert-handling.sh [--quick] [options of AlertPipelineBenchmark]
#
# Uses the system deploy/run up started (DATA_DIR, default .data); if none is running it starts one and stops it
# afterwards. Full run: about 10 minutes when alerts are handled near the targets; --quick: smaller counts.
# Options (full / --quick defaults): --raw 200000/50000 --raw-producer 500000/100000 --repeat 100000/5000
#   --repeat-keys 100 --repeat-services 10 --new-keys 20000/1000 --new-key-services 50 --storm 50000/5000
#   --declarations 6 --rate 2000/200 --seconds 60/15 --sample-every 10 --phase-timeout 600/300 --warm-up 1000/200
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
DATA=${DATA_DIR:-$ROOT/.data}
BENCH=$ROOT/incident-service/benchmark
CLASSES=$BENCH/target/classes

started_here=
finish() {
  if [ -n "$started_here" ]; then
    echo "Stopping the system this benchmark started..." >&2
    deploy/run down >&2 || true
  fi
}
trap finish EXIT

if ! curl -fs -o /dev/null "http://127.0.0.1:${INCIDENT_MANAGEMENT_PORT:-9081}/q/health/ready"; then
  echo "incident-service is not running: starting the system with deploy/run up..." >&2
  started_here=1
  deploy/run up >&2
fi

# The project's own dependencies: the infrastructure module's class path has kafka-clients, the PostgreSQL
# driver, Jackson and an slf4j binding (deploy/run up built it).
CP="$(ls "$ROOT"/platform/infra/target/infra-*.jar | head -n1):$ROOT/platform/infra/target/lib/*"
mkdir -p "$CLASSES"
javac -d "$CLASSES" -cp "$CP" --release 17 $(find "$BENCH/src" -name '*.java')

BENCHMARK_TOKEN=$(deploy/run token --sub benchmark --roles responder,reviewer,admin) \
  java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CLASSES:$CP" \
  dev.incidentlifecycle.benchmark.AlertPipelineBenchmark --data "$DATA" \
  --incident-url "http://127.0.0.1:${INCIDENT_PORT:-8081}" --management-url "http://127.0.0.1:${INCIDENT_MANAGEMENT_PORT:-9081}" "$@"
