#!/usr/bin/env bash
# The peak drill, one command: the distribution as a node of its own on embedded defaults (H2, the embedded broker),
# every simulator (Taobao, JD, Douyin, Pinduoduo, the Qimen WMS, Cainiao, Kuaidi100) in a JVM of its own, a normal
# stretch of orders, then a peak at 20 times the rate, a drain, and the reckoning against the simulators' books: orders
# lost, duplicated, oversold; throughput; latencies to RESERVED and to tracking on the platform; stock push lag; the
# share handled without a person; what the rules caught of the anomalies the simulators labelled; heap used.
#
#   tools/drill.sh                                  2 min normal, 3 min peak (20x), up to 7 min drain
#   tools/drill.sh --normal 60 --peak 120 --rate 600 --peak-factor 20 --anomalies 0.03
#   tools/drill.sh --postgres                       the node on PostgreSQL (127.0.0.1:5432, a database ordertower_drill
#                                                   made afresh), not H2
#   tools/drill.sh --kill-at 40                     a power cut: kill -9 of the node 40 s into the peak, started again
#   tools/drill.sh --fail-rate 0.1 --outage 30      every platform (marketplaces, WMS, carriers) fails 10% of its calls
#                                                   through the peak (503), the marketplaces all down 30 s in its middle
#   tools/drill.sh --fail-rate 0.1 --fault-kind truncated   ... or 500, 429, slow or cut-short answers (server-error,
#                                                   rate-limited, slow, truncated) instead of 503s
#   tools/drill.sh --postgres --db-outage 30        the node's database refuses every connection for 30 s in the peak
#   tools/drill.sh --broker-restart 30              the node on a shared broker of the drill's own (embedded=false), killed
#                                                   (kill -9) in the peak and started again 30 s later; meanwhile a system
#                                                   sends orders over JMS and reads the order events
#   tools/drill.sh --clock-skew -600                every marketplace's clock 10 minutes behind this machine's, all drill
#                                                   long (its simulators under faketime, installed when missing)
#   tools/drill.sh --help                           every option
#
# It builds the distribution and the drill first (quietly; MAVEN_ARGS=-o to build offline, DRILL_NO_BUILD=1 to skip),
# then runs org.ordertower.drill.Drill. Needs ports 8181, 8182, 8101 and 61616 free (a node of run.sh must be stopped).
# Work files, the node's and simulators' logs and figures.txt: tests/drill/target/drill. docs/benchmarks.md has the
# figures measured on this project's machines.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
if [[ " $* " == *" --clock-skew "* ]] && ! command -v faketime > /dev/null; then
  # the marketplaces' simulators run under faketime for --clock-skew (Debian's package)
  if [[ $(id -u) == 0 ]]; then apt-get install -y -q faketime > /dev/null; else sudo apt-get install -y -q faketime > /dev/null; fi
fi
if [[ "${DRILL_NO_BUILD:-}" != 1 ]]; then
  # shellcheck disable=SC2086 # MAVEN_ARGS is a list of words
  mvn -B -ntp -q ${MAVEN_ARGS:-} install -DskipTests -pl tests/drill,karaf-assembly -am
fi
# shellcheck disable=SC2086
mvn -B -ntp -q ${MAVEN_ARGS:-} -pl tests/drill org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile=target/drill.classpath -Dmdep.includeScope=runtime
# shellcheck disable=SC2086
exec java ${DRILL_JAVA_OPTS:-} -cp "tests/drill/target/classes:$(cat tests/drill/target/drill.classpath)" \
  org.ordertower.drill.Drill "$@"
