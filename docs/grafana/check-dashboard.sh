#!/usr/bin/env bash
# Opt-in check of the Grafana dashboard against a real Prometheus (not part of ./mvnw verify).
#
# Starts Prometheus (Debian: apt-get install prometheus), runs the sample's quick drill with the
# starter only, its actuator endpoint scraped every second, then runs every PromQL expression of
# docs/grafana/mysql-resilience.json (panels and template variables) through Prometheus' HTTP API
# over the drill's time range, with the dashboard's variables set as Grafana would ("All"), and
# fails if any of them returns no series.
#
#   docs/grafana/check-dashboard.sh            # builds the sample if needed
#   PROMETHEUS=/opt/prometheus/prometheus APP_PORT=18080 PROM_PORT=19090 docs/grafana/check-dashboard.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

PROMETHEUS=${PROMETHEUS:-prometheus}
APP_PORT=${APP_PORT:-18080}
PROM_PORT=${PROM_PORT:-19090}
DASHBOARD=docs/grafana/mysql-resilience.json

if ! command -v "$PROMETHEUS" > /dev/null; then
	echo "Prometheus not found: install it (Debian: apt-get install prometheus) or set PROMETHEUS" >&2
	exit 2
fi
jar=$(ls sample-app/target/mysql-resilience-sample-*.jar 2> /dev/null | grep -v original | head -1 || true)
if [ -z "$jar" ]; then
	./mvnw -B -q install -DskipTests
	jar=$(ls sample-app/target/mysql-resilience-sample-*.jar | grep -v original | head -1)
fi

work=$(mktemp -d)
prometheus_pid=""
drill_pid=""
cleanup() {
	for pid in $drill_pid $prometheus_pid; do
		kill "$pid" 2> /dev/null || true
		wait "$pid" 2> /dev/null || true
	done
	rm -rf "$work"
}
trap cleanup EXIT

cat > "$work/prometheus.yml" <<CONFIG
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: mysql-resilience-sample
    metrics_path: /actuator/prometheus
    static_configs:
      - targets: ['127.0.0.1:$APP_PORT']
CONFIG
"$PROMETHEUS" --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
	--web.listen-address="127.0.0.1:$PROM_PORT" > "$work/prometheus.log" 2>&1 &
prometheus_pid=$!
for _ in $(seq 1 60); do
	curl -fs "http://127.0.0.1:$PROM_PORT/-/ready" > /dev/null 2>&1 && break
	sleep 0.5
done
curl -fs "http://127.0.0.1:$PROM_PORT/-/ready" > /dev/null || { cat "$work/prometheus.log" >&2; exit 1; }
echo "Prometheus $("$PROMETHEUS" --version 2>&1 | head -1 | awk '{print $3}') on port $PROM_PORT, scraping 127.0.0.1:$APP_PORT/actuator/prometheus every 1 s"

echo "Quick drill with the starter, its metrics served on port $APP_PORT ($jar)..."
start=$(date +%s)
java -jar "$jar" --drill --quick --setups=starter --metrics-port="$APP_PORT" > "$work/drill.log" 2>&1 &
drill_pid=$!
if ! wait "$drill_pid"; then
	drill_pid=""
	tail -50 "$work/drill.log" >&2
	echo "The drill failed" >&2
	exit 1
fi
drill_pid=""
end=$(date +%s)
grep '^\s*\[with the starter\]' "$work/drill.log" || true
echo "Drill: $((end - start)) s; running the dashboard's queries over it..."

python3 - "$DASHBOARD" "http://127.0.0.1:$PROM_PORT" "$start" "$end" <<'PYTHON'
import json
import re
import sys
import urllib.parse
import urllib.request

dashboard, prometheus, start, end = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
variables = {
    "application": ".*", "pool": ".*",  # the dashboard's "All"
    "__rate_interval": "30s", "__interval": "5s", "__range": "%ds" % (end - start),
}

def substitute(expression):
    return re.sub(r"\$\{?(\w+)\}?", lambda match: variables.get(match.group(1), match.group(0)), expression)

def api(path, **parameters):
    url = prometheus + path + "?" + urllib.parse.urlencode(parameters, doseq=True)
    with urllib.request.urlopen(url, timeout=30) as response:
        answer = json.load(response)
    if answer.get("status") != "success":
        raise RuntimeError("%s: %s" % (url, answer))
    return answer["data"]

def panels(items):
    for panel in items:
        yield panel
        yield from panels(panel.get("panels", []))

checks = []
board = json.load(open(dashboard))
for panel in panels(board.get("panels", [])):
    for target in panel.get("targets", []):
        if target.get("expr"):
            checks.append((panel.get("title", "?"), substitute(target["expr"])))
failed = 0
total = len(checks)
for title, expression in checks:
    result = api("/api/v1/query_range", query=expression, start=start, end=end, step=5)["result"]
    samples = sum(len(series.get("values", [])) for series in result)
    status = "ok" if result else "NO SERIES"
    failed += 0 if result else 1
    print("%-9s %-40s %3d series, %4d samples  %s" % (status, title[:40], len(result), samples, expression))
for variable in board.get("templating", {}).get("list", []):
    match = re.fullmatch(r"label_values\((\w+),\s*(\w+)\)", variable.get("query", "") or "")
    if not match:
        continue
    metric, label = match.groups()
    total += 1
    values = api("/api/v1/label/%s/values" % label, **{"match[]": metric, "start": start, "end": end})
    status = "ok" if values else "NO VALUES"
    failed += 0 if values else 1
    print("%-9s variable %-31s %s  label_values(%s, %s)" % (status, "$" + variable["name"], values, metric, label))
print("%d of %d queries returned no series" % (failed, total))
sys.exit(1 if failed else 0)
PYTHON
