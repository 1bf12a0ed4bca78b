#!/usr/bin/env bash
# Starts one OrderTower node in the foreground on embedded defaults (H2 in data/, embedded JMS broker).
# Builds the distribution first if needed; keeps its data in ./run/ between starts.
#   ./run.sh            build if needed, unpack once, start with the Karaf console
#   ./run.sh --rebuild  rebuild and unpack afresh (wipes ./run/, including the H2 data)
set -euo pipefail
cd "$(dirname "$0")"
VERSION=0.1.0-SNAPSHOT
TARBALL=karaf-assembly/target/ordertower-assembly-$VERSION.tar.gz
HOME_DIR=run/ordertower-assembly-$VERSION

if [[ "${1:-}" == "--rebuild" ]]; then rm -rf run "$TARBALL"; fi
if [[ ! -f "$TARBALL" ]]; then
  echo "Building the distribution (first time only)..."
  mvn -B -ntp -q install -DskipTests
fi
if [[ ! -d "$HOME_DIR" ]]; then
  mkdir -p run && tar xzf "$TARBALL" -C run
fi
echo "OrderTower: HTTP on :8182, shell on ssh -p 8101 admin@localhost, JMS on tcp://127.0.0.1:61616"
exec "$HOME_DIR/bin/karaf"
