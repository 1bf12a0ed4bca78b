#!/usr/bin/env bash
# Lines of main Java code per module and the largest main class of each, as a Markdown table.
# Usage: tools/module-table.sh [directory]   (default: the repository this script is in)
set -euo pipefail
root="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
cd "$root"
echo "| module | main lines | largest main class | its lines |"
echo "|---|---:|---|---:|"
find . -name pom.xml -not -path './run/*' -not -path '*/target/*' -printf '%h\n' | sed 's|^\./||' | sort | while read -r m; do
  [ -d "$m/src/main/java" ] || continue
  total=$(find "$m/src/main/java" -name '*.java' -print0 | xargs -0 cat | wc -l)
  read -r big file < <(find "$m/src/main/java" -name '*.java' -print0 | xargs -0 wc -l | grep -v ' total$' | sort -n | tail -1)
  echo "| $m | $total | $(basename "$file" .java) | $big |"
done
