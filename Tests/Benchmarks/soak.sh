#!/usr/bin/env bash
# Soak: the daemon (release build) re-checks the generated 10,000-article portal, served by
# nginx on 127.0.0.1, 50 times on an accelerated schedule (every_seconds: 2); prints RSS after
# each cycle and the ratio of the last to the 5th (flat memory: ≤ 1.1).
#   BENCH_KIT=DIR (default ../shared/bench)  BENCH_N=10000  BENCH_PORT=8088  SOAK_CYCLES=50
set -euo pipefail
cd "$(dirname "$0")/../.."
KIT=$(realpath "${BENCH_KIT:-../shared/bench}")
N=${BENCH_N:-10000}
PORT=${BENCH_PORT:-8088}
CYCLES=${SOAK_CYCLES:-50}
WORK=$(realpath -m "${BENCH_WORK:-bench-work}")
mkdir -p "$WORK/soak/probes"
command -v nginx >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light; }

[ -f "$WORK/site-$N/index.html" ] || python3 "$KIT/gen.py" --out "$WORK/site-$N" --n "$N" >/dev/null
bash "$KIT/serve.sh" start "$WORK/site-$N" "$PORT" "$WORK/nginx" >/dev/null
RELEASE='-c release --static-swift-stdlib'  # as `make release` builds the binary it installs
swift build $RELEASE --product govwatch >/dev/null
BIN=$(swift build $RELEASE --show-bin-path)/govwatch

cat > "$WORK/soak/probes/bench.yaml" <<YAML
probe: { id: bench, name: 临江市人民政府, base: "http://127.0.0.1:$PORT/", homepage: /index.html }
crawl: { concurrency: 8, follow_links: true, max_listing_pages: 10000 }
units: [ { id: city, name: 市政府, full_name: 临江市人民政府, type: city } ]
columns:
  - { url: /zwgk/zcwj/, name: 政策文件, type: policy, unit: city }
  - { url: /zwgk/zcjd/, name: 政策解读, type: interpretation, unit: city }
  - { url: /xwzx/gzdt/, name: 工作动态, type: news, unit: city }
  - { url: /xwzx/tzgg/, name: 通知公告, type: notice, unit: city }
YAML
STATUS_PORT=$((PORT + 1))
cat > "$WORK/soak/govwatch.yaml" <<YAML
database: $WORK/soak/govwatch.sqlite
probes: $WORK/soak/probes
listen: 127.0.0.1:$STATUS_PORT
jitter_seconds: 0
every_seconds: 2
YAML
rm -f "$WORK"/soak/govwatch.sqlite*
# With the environment systemd/govwatch.service gives the daemon.
MALLOC_ARENA_MAX=2 "$BIN" run --config "$WORK/soak/govwatch.yaml" 2> "$WORK/soak/daemon.log" &
PID=$!
trap 'kill $PID 2>/dev/null; bash "$KIT/serve.sh" stop "$WORK/nginx"' EXIT

python3 - "$PID" "$STATUS_PORT" "$CYCLES" <<'PY'
import re, sys, time, urllib.request
pid, port, cycles = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
def runs():
    try:
        text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
    except Exception:
        return 0
    m = re.search(r'govwatch_runs_total\{probe="bench",outcome="ok"\} (\d+)', text)
    return int(m.group(1)) if m else 0
def rss_mb():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
rss, seen, start = [], 0, time.time()
while seen < cycles and time.time() - start < 1800:
    n = runs()
    if n > seen:
        seen = n
        time.sleep(0.3)  # the run is counted; the next starts 2 s after it ended
        rss.append(rss_mb())
        print(f"cycle {seen:3d}: RSS {rss[-1]:6.1f} MB", flush=True)
    time.sleep(0.2)
if len(rss) >= 5:
    print(f"RSS after cycle 5: {rss[4]:.1f} MB, after cycle {len(rss)}: {rss[-1]:.1f} MB, ratio {rss[-1] / rss[4]:.3f} (target <= 1.1)")
PY
