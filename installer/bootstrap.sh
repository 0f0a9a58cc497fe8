#!/usr/bin/env bash
# Sets up a fresh machine for Quartierslabor and then either launches the app or runs the tests.
#   bash installer/bootstrap.sh app    # set up, then start the app (SQLite in the user data folder)
#   bash installer/bootstrap.sh test   # set up, then run the whole test suite (what CI runs)
#   bash installer/bootstrap.sh test ARGS…   # set up, then pytest ARGS… (e.g. -m "not slow" -n auto)
# System packages (Qt runtime libraries, poppler for PDF checks) are installed with apt-get
# where they are missing; the Python packages go into .venv beside this repository.
set -euo pipefail
mode="${1:-app}"
shift || true
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
                 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
                 libxcb-randr0 libxcb-render-util0 libxcb-image0 poppler-utils fonts-dejavu-core)
# only for `test`: a real PostgreSQL server for the shared-database tests (tests/pg_server.py starts it)
TEST_PACKAGES=(postgresql)

install_system_packages() {
  command -v dpkg >/dev/null 2>&1 || return 0
  command -v apt-get >/dev/null 2>&1 || return 0
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_system_packages "${SYSTEM_PACKAGES[@]}"
if [ "$mode" = "test" ]; then install_system_packages "${TEST_PACKAGES[@]}"; fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
extras="test"
if [ "$mode" = "test" ]; then extras="test,build"; fi   # build: PyInstaller for the frozen-build test
.venv/bin/python -m pip install -q -e ".[$extras]"
# compile the Qt Linguist translations (resources/translations/*.ts -> .qm, git-ignored build output)
.venv/bin/python installer/translations.py --release >/dev/null

case "$mode" in
  app)
    exec .venv/bin/quartierslabor "$@"
    ;;
  test)
    export QT_QPA_PLATFORM=offscreen
    if [ $# -gt 0 ]; then
      exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
    fi
    # everything, on every core (pytest-xdist); then the tests marked `serial` alone: their process kills
    # and races must not share the machine with a parallel worker
    status=0
    .venv/bin/python -m pytest -q -p no:cacheprovider -n auto -m "not serial" || status=$?
    .venv/bin/python -m pytest -q -p no:cacheprovider -m serial || status=$?
    exit "$status"
    ;;
  *)
    echo "usage: bash installer/bootstrap.sh app|test" >&2
    exit 2
    ;;
esac
