#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing: chromium and chromium-driver for the browser
# test (itests ConsoleBrowserIT), python3-prometheus-client for its check of /metrics with Prometheus' own parser.
# .ci/run calls it before the tests.
set -euo pipefail
missing=()
[[ -x /usr/lib/chromium/chromium ]] || missing+=(chromium)
[[ -x /usr/bin/chromedriver ]] || missing+=(chromium-driver)
/usr/bin/python3 -c 'import prometheus_client.parser' 2>/dev/null || missing+=(python3-prometheus-client)
# a Chinese font, so the browser test's screenshots show the console's Chinese text
[[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]] || missing+=(fonts-wqy-microhei)
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
SUDO=""
if [[ "$(id -u)" -ne 0 ]]; then
  SUDO="sudo"
fi
echo "Installing ${missing[*]} for the tests"
$SUDO apt-get update -qq || echo "apt-get update failed; trying the package lists there are"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
