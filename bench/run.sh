#!/usr/bin/env bash
# `make bench`: the register's pages and import at 200,000 organisations, then the funding pages and the
# 360Giving export at 1,000,000 awards over them, the Compact's pages at 100,000 consultation responses, then the small grants
# allocation, the anchors network and the commissioning figures. See docs/benchmarks.md.
#
# With DATABASE_URL set, that database is used (migrated, and the scale data loaded unless it is
# already there). Without it, a throwaway database ts_bench_<time>_<pid> is made on the local
# PostgreSQL server (started if it is down) and dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

export THIRDSECTOR_ENV=development DJANGO_DEBUG=false LOG_LEVEL=${LOG_LEVEL:-WARNING}
# WhiteNoise warns that collectstatic has not run; outside production the files come from the apps.
export PYTHONWARNINGS="ignore:No directory at:UserWarning"
# Cache (API throttling) and media in a directory of the run's own, so runs do not share counters.
VAR_DIR=$(mktemp -d -t ts_bench_var.XXXXXX)
export THIRDSECTOR_VAR_DIR=$VAR_DIR
cleanup() { rm -rf "$VAR_DIR"; }

if [ -z "${DATABASE_URL:-}" ]; then
  PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
  export PGHOST PGPORT PGUSER
  if ! pg_isready -q; then
    echo "Starting the local PostgreSQL server ..." >&2
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start
    for _ in $(seq 30); do pg_isready -q && break; sleep 1; done
  fi
  DATABASE_NAME="ts_bench_$(date +%Y%m%d%H%M%S)_$$"
  createdb "$DATABASE_NAME"
  cleanup() { rm -rf "$VAR_DIR"; dropdb --force --if-exists "$DATABASE_NAME"; }
  export DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$DATABASE_NAME"
fi
trap cleanup EXIT

# Migrate and load in processes of their own, so the one measuring starts as a fresh web worker would.
ORGANISATIONS=${BENCH_ORGANISATIONS:-200000}
.venv/bin/python manage.py migrate --noinput --verbosity 0
.venv/bin/python manage.py generate_scale_data --organisations "$ORGANISATIONS" >&2
BENCH_ORGANISATIONS=$ORGANISATIONS .venv/bin/python bench/register_at_scale.py

# The funding dashboard and award list at 1,000,000 awards over those organisations.
AWARDS=${BENCH_AWARDS:-1000000}
.venv/bin/python manage.py generate_funding_scale_data --awards "$AWARDS" >&2
BENCH_AWARDS=$AWARDS .venv/bin/python bench/funding_at_scale.py

# The Compact dashboard, public statistics and response export at 100,000 consultation responses.
RESPONSES=${BENCH_RESPONSES:-100000}
.venv/bin/python manage.py generate_compact_scale_data --responses "$RESPONSES" >&2
BENCH_RESPONSES=$RESPONSES .venv/bin/python bench/compact_at_scale.py

# The 360Giving export streamed from those 1,000,000 awards: grants per second and peak memory.
.venv/bin/python bench/grants_360giving.py

# Communities: the small grants allocation (350 areas, 1,000 local funders) and the community anchors
# network (5,000 anchors, ten years of returns); commissioning: the level playing field at 100,000
# contracts. Each builds its own scale data in the same database if it is not there yet.
.venv/bin/python bench/allocation_at_scale.py
.venv/bin/python bench/anchors_at_scale.py
.venv/bin/python bench/commissioning_at_scale.py

# Measures: the strategy dashboards and an indicator page from 22,000 stored indicator values.
.venv/bin/python bench/measures_dashboards.py
