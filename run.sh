#!/usr/bin/env bash
# Starts one OrderTower node in the foreground on embedded defaults (H2 in data/, embedded JMS broker).
# Builds the distribution first if needed; keeps its data in ./run/ between starts.
#   ./run.sh            build if needed, unpack once, start with the Karaf console
#   ./run.sh --rebuild  rebuild and unpack afresh (wipes ./run/, including the H2 data)
#   ./run.sh --demo     also install the four channels, the Qimen WMS, the Cainiao and Kuaidi100 carriers and the
#                       rule packs (with parameters for the demo data), and start the simulators, each with a shop
#                       or account configured against it and a demo catalog with stock: orders flow within a
#                       minute, ship and are delivered
set -euo pipefail
cd "$(dirname "$0")"
VERSION=0.1.0-SNAPSHOT
TARBALL=karaf-assembly/target/ordertower-assembly-$VERSION.tar.gz
HOME_DIR=run/ordertower-assembly-$VERSION

DEMO=false
for arg in "$@"; do
  case "$arg" in
    --rebuild) rm -rf run "$TARBALL" ;;
    --demo) DEMO=true ;;
    *) echo "unknown option $arg (use --rebuild, --demo)" >&2; exit 2 ;;
  esac
done
if [[ ! -f "$TARBALL" ]]; then
  echo "Building the distribution (first time only)..."
  mvn -B -ntp -q install -DskipTests
fi
if [[ ! -d "$HOME_DIR" ]]; then
  mkdir -p run && tar xzf "$TARBALL" -C run
fi
if [[ "$DEMO" == true ]]; then
  # the channel and partner features join the boot features of this unpacked copy (once), and the demo switch is on
  CFG="$HOME_DIR/etc/org.apache.karaf.features.cfg"
  if ! grep -q "ordertower-channel-taobao" "$CFG"; then
    sed -i 's#^\(    ordertower/[^,]*\), \\$#\1, ordertower-channel-taobao, ordertower-channel-jd, ordertower-channel-douyin, ordertower-channel-pdd, \\#' "$CFG"
  fi
  if ! grep -q "ordertower-wms-qimen" "$CFG"; then
    sed -i 's#ordertower-channel-pdd, \\$#ordertower-channel-pdd, ordertower-wms-qimen, ordertower-carrier-cainiao, ordertower-carrier-kuaidi100, \\#' "$CFG"
  fi
  if ! grep -q "ordertower-sim-taobao" "$CFG"; then
    sed -i 's#ordertower-carrier-kuaidi100, \\$#ordertower-carrier-kuaidi100, ordertower-sim-taobao, ordertower-sim-jd, ordertower-sim-douyin, ordertower-sim-pdd, ordertower-sim-qimen, ordertower-sim-cainiao, ordertower-sim-kuaidi100, \\#' "$CFG"
  fi
  if ! grep -q "ordertower-rules-risk-basic" "$CFG"; then
    sed -i 's#ordertower-sim-kuaidi100, \\$#ordertower-sim-kuaidi100, ordertower-rules-risk-basic, ordertower-rules-fulfilment-basic, \\#' "$CFG"
  fi
  # the rule packs' parameters for the demo's data (the simulators' shops sell small orders with a gift bag): an
  # ineligible gift is taken off by the system, not queued for a person
  RISK="$HOME_DIR/etc/org.ordertower.rules-risk-basic.cfg"
  if ! grep -q "^# run.sh --demo" "$RISK"; then
    printf '\n# run.sh --demo: parameters for the demo data\ngift.ineligible.action = remove\n' >> "$RISK"
  fi
  export EXTRA_JAVA_OPTS="${EXTRA_JAVA_OPTS:-} -Dordertower.demo=true"
  echo "Demo mode: channel, WMS and carrier simulators start with the node (channel:list, sim:status, order:list, ship:parcels)"
fi
echo "OrderTower: console on http://localhost:8181/ordertower/, REST on :8182, shell on ssh -p 8101 admin@localhost, JMS on tcp://127.0.0.1:61616"
exec "$HOME_DIR/bin/karaf"
