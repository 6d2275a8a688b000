#!/usr/bin/env bash
# Migrates the embedded SQLite database, loads demo data when it is empty, starts the task worker
# and serves the platform. Called by `make run`.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${1:-8000}"
PY=.venv/bin/python
export THIRDSECTOR_ENV="${THIRDSECTOR_ENV:-development}"
# Links in emails (printed by the console email backend here) lead to this server, whatever its port.
export SITE_URL="${SITE_URL:-http://127.0.0.1:${PORT}}"
mkdir -p var staticfiles

$PY manage.py migrate --noinput
$PY manage.py load_demo_data --if-empty
# The daily schedules (funding: lapsing status, holding payments, end-of-funding notices; the Compact:
# closing consultations, breach reminders; partnerships: overdue Community Call steps; anchors: lapsing
# unreviewed designations; measures: computing the indicators; open data: the 360Giving files), caught
# up to today; in production cron runs them once a day.
$PY manage.py run_funding_schedule
$PY manage.py run_compact_schedule
$PY manage.py run_partnerships_schedule
$PY manage.py run_anchors_schedule
$PY manage.py run_measures_schedule
$PY manage.py run_opendata_schedule

# A demo API key for a machine client, issued on the first run only (only its hash is kept, so it is
# printed once; issue another any time with manage.py issue_api_key).
DEMO_API_KEY=""
if [ "$($PY manage.py shell --no-imports -c "from thirdsector.accounts.models import ApiKey; print(ApiKey.objects.filter(name='Demo machine client').exists())")" = "False" ]; then
  DEMO_API_KEY=$($PY manage.py issue_api_key "Demo machine client" --contact api@demo.thirdsector.example \
    --by staff@demo.thirdsector.example --rate 60/minute --reason "Demo key printed by scripts/run.sh" 2>/dev/null)
fi

if [ -n "$DEMO_API_KEY" ]; then
  API_KEY_NOTE="demo key, send as 'Authorization: Api-Key <key>': $DEMO_API_KEY"
else
  API_KEY_NOTE="the demo key was printed on the first run"
fi

$PY manage.py db_worker &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true' EXIT INT TERM

cat <<TXT

  thirdsector is running at http://127.0.0.1:${PORT}/

  Demo sign-ins (password for all: thirdsector-demo):
$($PY manage.py shell --no-imports -c "from thirdsector.accounts.demo import DEMO_PEOPLE as P; print('\n'.join(f'    {p.email:<42} {p.description}' for p in P))")
    partner@demo.thirdsector.example           Administrator of a strategic partner with a running grant
    support@demo.thirdsector.example           Works for a council for voluntary service: requests for support
    panel@localfunders.demo.thirdsector.example    Local funders' panel (small grants): decides and raises payments
    finance@localfunders.demo.thirdsector.example  Local funders' finance: approves payments
    group@localfunders.demo.thirdsector.example    Administrator of three small community groups

  JSON API: http://127.0.0.1:${PORT}/api/v1/docs/ (${API_KEY_NOTE})

  Staff, assessor, commissioner and admin also need a security code: run 'make demo-code'
  in another terminal, or add the key JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP to an authenticator app.
  The task worker is running; press Ctrl+C to stop both.

TXT
$PY manage.py runserver "127.0.0.1:${PORT}"
