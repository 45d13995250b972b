# Sourced by scripts/test.sh and scripts/run_app.sh: choose the Python to use and make
# sure it can install packages. Sets PYTHON.
#
# - $PYTHON if set, else an active virtual environment, else ./.venv if it exists,
#   else python3 from PATH;
# - a Python that refuses pip installs (Debian's own /usr/bin/python3 is "externally
#   managed", PEP 668) or has no pip gets a virtual environment in ./.venv instead.

_as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "error: '$*' needs root, and sudo is not available." >&2
        return 1
    fi
}

# apt_install PACKAGE...: install Debian packages (apt-get update once per script run).
apt_install() {
    if [ -z "${_APT_UPDATED:-}" ]; then
        _as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
        _APT_UPDATED=1
    fi
    _as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

if [ -z "${PYTHON:-}" ]; then
    if [ -n "${VIRTUAL_ENV:-}" ]; then
        PYTHON="$VIRTUAL_ENV/bin/python"
    elif [ -x .venv/bin/python ]; then
        PYTHON=.venv/bin/python
    else
        PYTHON=python3
    fi
fi

_needs_venv() {
    "$PYTHON" - <<'PY'
import os, sys, sysconfig
managed = os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED"))
in_venv = sys.prefix != sys.base_prefix
try:
    import pip  # noqa: F401
    has_pip = True
except ImportError:
    has_pip = False
sys.exit(0 if (managed and not in_venv) or not has_pip else 1)
PY
}

if _needs_venv; then
    echo "== $PYTHON cannot install packages itself: using a virtual environment in .venv"
    if ! "$PYTHON" -c "import ensurepip, venv" >/dev/null 2>&1; then
        apt_install python3-venv
    fi
    "$PYTHON" -m venv .venv
    PYTHON=.venv/bin/python
fi
export PYTHON
