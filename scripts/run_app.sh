#!/usr/bin/env bash
# Install the pinned requirements, then start the app on http://localhost:8501.
# Extra arguments go to `streamlit run`, e.g. `bash scripts/run_app.sh --server.port 8600`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/python_env.sh
"$PYTHON" -m pip install -q --disable-pip-version-check -r requirements.txt
# Two malloc arenas: a server's many threads otherwise each keep freed memory of their
# own, and its resident size creeps up from one audience to the next (measured).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
exec "$PYTHON" -m streamlit run app.py "$@"
