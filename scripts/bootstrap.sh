#!/usr/bin/env bash
# Installs what the project needs to run: uv (if missing), Python 3.12 deps, GOV.UK Frontend from npm.
# Idempotent and quiet when everything is already in place.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python() {
  for candidate in "${PYTHON:-}" python3.12 /root/.pyenv/versions/3.12*/bin/python3.12 \
                   "$HOME"/.pyenv/versions/3.12*/bin/python3.12 /usr/local/bin/python3.12 /usr/bin/python3.12; do
    [ -n "$candidate" ] || continue
    if "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 12)' >/dev/null 2>&1; then
      command -v "$candidate" || echo "$candidate"
      return 0
    fi
  done
  echo "Python 3.12 was not found: install it, or set PYTHON=/path/to/python3.12" >&2
  return 1
}

PY=$(find_python)
export UV_PYTHON="$PY" UV_PYTHON_DOWNLOADS=never

if ! command -v uv >/dev/null 2>&1 && [ ! -x .tools/bin/uv ]; then
  echo "Installing uv into .tools/ ..."
  "$PY" -m venv .tools
  .tools/bin/pip install --quiet uv
fi
UV=$(command -v uv || echo .tools/bin/uv)

"$UV" sync --quiet --frozen --python "$PY"

if [ ! -f node_modules/govuk-frontend/package.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --silent --no-audit --no-fund
fi
