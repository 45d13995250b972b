#!/usr/bin/env bash
# The deployment topology without containers: N `streamlit run app.py` processes on
# loopback ports behind Debian's HAProxy (sticky sessions, websockets, health checks).
#
#   bash deploy/run_local.sh            # start 2 replicas (one per core), serve :8500
#   bash deploy/run_local.sh 4          # start 4 replicas
#   bash deploy/run_local.sh stop       # stop everything this script started
#   bash deploy/run_local.sh status     # health of each replica and of the balancer
#
# Environment: PORT (balancer, default 8500), BIND (default 0.0.0.0: the hall's laptops
# connect to this machine), BASE_PORT (first replica, default 8601), RUN_DIR (pid files,
# logs, haproxy.cfg; default /tmp/hopfield-deploy). HAProxy is installed with apt-get when
# missing (as root, or through sudo). Point the load bench at it with
#   python bench/bench_load.py --url http://127.0.0.1:8500 --pid-dir /tmp/hopfield-deploy
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source scripts/python_env.sh

PORT=${PORT:-8500}
BIND=${BIND:-0.0.0.0}
BASE_PORT=${BASE_PORT:-8601}
RUN_DIR=${RUN_DIR:-/tmp/hopfield-deploy}
mkdir -p "$RUN_DIR"

healthy() {  # healthy URL: true when /_stcore/health answers ok
    "$PYTHON" - "$1" <<'PY' 2>/dev/null
import sys, urllib.request
try:
    ok = urllib.request.urlopen(sys.argv[1] + "/_stcore/health", timeout=2).read().strip() == b"ok"
except OSError:
    ok = False
sys.exit(0 if ok else 1)
PY
}

stop_pidfile() {  # stop_pidfile FILE: stop the process whose id the file holds
    local file=$1 pid
    [ -f "$file" ] || return 0
    pid=$(cat "$file")
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
}

stop_all() {
    stop_pidfile "$RUN_DIR/haproxy.pid"
    for f in "$RUN_DIR"/app-*.pid; do [ -e "$f" ] && stop_pidfile "$f"; done
    echo "stopped (run files in $RUN_DIR)"
}

status() {
    local bad=0
    for f in "$RUN_DIR"/app-*.pid; do
        [ -e "$f" ] || continue
        local port; port=$(basename "$f" .pid); port=${port#app-}
        if healthy "http://127.0.0.1:$port"; then echo "replica :$port healthy (pid $(cat "$f"))"
        else echo "replica :$port NOT healthy"; bad=1; fi
    done
    if healthy "http://127.0.0.1:$PORT"; then echo "balancer :$PORT healthy"
    else echo "balancer :$PORT NOT healthy"; bad=1; fi
    return $bad
}

case "${1:-2}" in
    stop) stop_all; exit 0 ;;
    status) status; exit $? ;;
    ''|*[!0-9]*) echo "usage: $0 [REPLICAS|stop|status]" >&2; exit 2 ;;
esac
REPLICAS=${1:-2}

if ! command -v haproxy >/dev/null 2>&1 && [ ! -x /usr/sbin/haproxy ]; then
    echo "installing Debian's haproxy…"
    apt_install haproxy
fi
HAPROXY=$(command -v haproxy || echo /usr/sbin/haproxy)

"$PYTHON" -c "import streamlit" 2>/dev/null \
    || "$PYTHON" -m pip install -q --disable-pip-version-check -r requirements.txt

stop_all >/dev/null  # a second start replaces the first

servers=""
for i in $(seq 1 "$REPLICAS"); do
    port=$((BASE_PORT + i - 1))
    # One BLAS thread per process: the replicas, not threads, share the cores.
    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 HOPFIELD_EXPERIMENT_THREADS=1 MALLOC_ARENA_MAX=2 \
        PYTHONUNBUFFERED=1 \
        nohup "$PYTHON" -m streamlit run app.py \
        --server.headless true --server.address 127.0.0.1 --server.port "$port" \
        --server.fileWatcherType none --browser.gatherUsageStats false \
        --server.disconnectedSessionTTL "${SESSION_TTL:-120}" \
        >"$RUN_DIR/app-$port.log" 2>&1 </dev/null &
    echo $! >"$RUN_DIR/app-$port.pid"
    servers+="    server app$i 127.0.0.1:$port check inter 5s cookie app$i"$'\n'
done

for i in $(seq 1 "$REPLICAS"); do
    port=$((BASE_PORT + i - 1))
    for _ in $(seq 600); do healthy "http://127.0.0.1:$port" && break; sleep 0.2; done
    healthy "http://127.0.0.1:$port" || { echo "replica :$port did not start; see $RUN_DIR/app-$port.log" >&2; stop_all; exit 1; }
done

SERVERS="$servers" "$PYTHON" - "$ROOT/deploy/haproxy.cfg.in" "$RUN_DIR/haproxy.cfg" \
    "$PORT" "$BIND" "$RUN_DIR" <<'PY'
import os, sys
src, dst, port, bind, run_dir = sys.argv[1:]
text = open(src).read()
for key, value in {"@PORT@": port, "@BIND@": bind, "@RUN_DIR@": run_dir,
                   "@SERVERS@": os.environ["SERVERS"].rstrip("\n")}.items():
    text = text.replace(key, value)
open(dst, "w").write(text)
PY
"$HAPROXY" -c -q -f "$RUN_DIR/haproxy.cfg" \
    || { echo "haproxy refused $RUN_DIR/haproxy.cfg" >&2; stop_all; exit 1; }
"$HAPROXY" -D -f "$RUN_DIR/haproxy.cfg"
for _ in $(seq 100); do healthy "http://127.0.0.1:$PORT" && break; sleep 0.1; done
status
# the address the hall types: this machine's own on 0.0.0.0, else the one it is bound to
case "$BIND" in
    0.0.0.0|'') HOST=$(hostname -I 2>/dev/null | awk '{print $1}'); HOST=${HOST:-127.0.0.1} ;;
    *) HOST=$BIND ;;
esac
echo "Hopfield Explorer: http://$HOST:$PORT  ($REPLICAS replicas; stop: bash deploy/run_local.sh stop)"
