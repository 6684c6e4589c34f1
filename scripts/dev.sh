#!/usr/bin/env bash
# The two commands of the README, made to work on a fresh machine:
#   bash scripts/dev.sh serve   # install if needed, then preview with live reload
#   bash scripts/dev.sh test    # install if needed (Chromium too), then run every test
# Anything after the command goes to mkdocs or pytest (e.g. `test -k browser`).
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.venv
export NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true  # Material's end-of-life banner

install_python() {
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  # Exact versions with hashes from requirements.lock (made from pyproject.toml: see README),
  # reinstalled only when the lock or the project changed, so repeated runs start at once.
  stamp="$venv/.installed-$(cat requirements.lock pyproject.toml | sha256sum | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    "$venv/bin/pip" install --quiet --require-hashes -r requirements.lock
    "$venv/bin/pip" install --quiet --no-deps -e .
    touch "$stamp"
  fi
}

install_chromium() {
  # Browser tests drive Debian's Chromium; Playwright cannot download its own here.
  if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
      echo "Chromium is missing: sudo apt-get install chromium (browser tests will be skipped)" >&2
    fi
  fi
}

cmd=${1:-}
shift || true
case "$cmd" in
  serve) install_python; exec "$venv/bin/mkdocs" serve "$@" ;;
  build)
    # Into a fresh folder first: MkDocs writes pages before it aborts on a strict warning,
    # so building in place could leave a half-updated site/. It is replaced only on success.
    install_python
    rm -rf .site.partial
    "$venv/bin/mkdocs" build --strict -d .site.partial "$@"
    rm -rf site && mv .site.partial site ;;
  test)  install_python; install_chromium; exec "$venv/bin/python" -m pytest "$@" ;;
  bench) install_python; exec "$venv/bin/python" scripts/bench.py "$@" ;;
  *) echo "usage: bash scripts/dev.sh serve|build|test|bench [args]" >&2; exit 2 ;;
esac
