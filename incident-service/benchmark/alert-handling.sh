#!/usr/bin/env bash
# Drives alerts into the alerts topic of incident-service against a real broker and database (started by the
# test support, in the build's JVM) and prints handled alerts/s, consumer lag and produce→visible latency.
# Not part of the normal build. Settings (defaults in brackets), e.g.
#   incident-service/benchmark/alert-handling.sh --alerts 20000 --keys 50 --services 10 --rate 300 --seconds 30
#   --alerts N [20000]   full-speed triggers       --rate R [300]        fixed-rate triggers per second
#   --keys K [50]        dedup keys they repeat    --seconds S [30]      how long the fixed rate runs
#   --services N [10]    services the keys are of  --sample-every N [10] every n-th fixed-rate trigger is a new
#                                                                          key whose latency is measured
# Extra Maven arguments follow "--", e.g. "-- -o" to build offline.
set -euo pipefail
cd "$(dirname "$0")/../.."
settings=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --alerts|--keys|--services|--rate|--seconds|--sample-every)
      settings+=("-Dbenchmark.${1#--}=$2"); shift 2 ;;
    --) shift; break ;;
    *) echo "unknown setting: $1 (see the top of $0)" >&2; exit 2 ;;
  esac
done
# -am builds the platform libraries first; -Dtest keeps their own benchmarks from running too.
exec ./mvnw -B verify -Pbenchmark -pl incident-service -am \
  -Dtest=AlertHandlingBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  "${settings[@]}" "$@"
