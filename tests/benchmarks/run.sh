#!/usr/bin/env bash
# Runs one benchmark in one line, from anywhere in the work tree:
#
#   tests/benchmarks/run.sh NAME [the benchmark's own options]
#   tests/benchmarks/run.sh reservation --db h2,postgres --seconds 20 --warmup 5
#
# It first builds the benchmarks and what they need, quietly (mvn -q install -DskipTests -pl tests/benchmarks -am),
# then runs the benchmark's main class in a JVM of its own on the module's runtime class path (exec-maven-plugin's
# exec goal). Environment:
#   BENCH_JAVA_OPTS  options of the benchmark's JVM, e.g. "-Xmx8g -Dbench.queries=true"
#                    or "-Dordertower.h2.options=;CACHE_SIZE=65536" (the H2 settings of the distribution)
#   MAVEN_ARGS       extra arguments of both Maven runs, e.g. "-o" to build offline
#   BENCH_NO_BUILD=1 skip the build (the module and its dependencies are already installed)
# docs/benchmarks.md describes each benchmark, its options and the figures measured.
set -euo pipefail

usage() {
  cat >&2 <<'EOF'
usage: tests/benchmarks/run.sh NAME [options of the benchmark]
  channel      connector mapping, ChannelRuntime.pull, order lag per path  (e.g. --run map,pull)
  reservation  reservations/s and latency, batched vs baseline; push lag   (e.g. --db h2 --seconds 20 --warmup 5)
  screening    rules-engine screening cost per order over a day's history (e.g. --db h2 --history 200000)
  pipeline     intake to RESERVED through the order pipeline               (e.g. --db h2 --orders 10000)
  fulfilment   order paid to tracking on the marketplace, write-back      (e.g. --orders 500 --fail-rate 0.2)
  console      the web console's overview on a running node with many orders (e.g. --user admin:PW --orders 100000)
env: BENCH_JAVA_OPTS (the benchmark JVM's options), MAVEN_ARGS (e.g. -o), BENCH_NO_BUILD=1 (skip the build)
see docs/benchmarks.md
EOF
  exit 2
}

[[ $# -ge 1 ]] || usage
case "$1" in
  channel)     main=org.ordertower.benchmarks.ChannelBench ;;
  reservation) main=org.ordertower.benchmarks.ReservationBench ;;
  screening)   main=org.ordertower.benchmarks.ScreeningBench ;;
  pipeline)    main=org.ordertower.flows.PipelineBench ;;
  fulfilment)  main=org.ordertower.flows.FulfilmentBench ;;
  console)     main=org.ordertower.benchmarks.ConsoleBench ;;
  *)           echo "unknown benchmark: $1" >&2; usage ;;
esac
shift
for arg in "$@"; do
  if [[ "$arg" == *[[:space:]]* ]]; then
    echo "benchmark options cannot contain spaces: '$arg'" >&2
    exit 2
  fi
done

cd "$(dirname "$0")/../.."
if [[ "${BENCH_NO_BUILD:-}" != 1 ]]; then
  # shellcheck disable=SC2086 # MAVEN_ARGS is a list of words
  mvn -B -ntp -q ${MAVEN_ARGS:-} install -DskipTests -pl tests/benchmarks -am
fi
# shellcheck disable=SC2086
exec mvn -B -ntp -q ${MAVEN_ARGS:-} -pl tests/benchmarks org.codehaus.mojo:exec-maven-plugin:3.1.0:exec \
  -Dexec.executable=java -Dexec.classpathScope=runtime \
  -Dexec.args="-Dsun.net.httpserver.nodelay=true ${BENCH_JAVA_OPTS:-} -cp %classpath $main $*"
