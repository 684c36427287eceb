#!/usr/bin/env bash
# Serve the site the way `make run` does, with the scheduler beside it.
#
#   scripts/run-with-scheduler.sh PYTHON HOST:PORT
#
# Starts `manage.py run_scheduler` (scheduled publishing: go-live and expiry)
# and runserver, each in a process group of its own (job control). When
# either ends, or this script gets Ctrl-C or SIGTERM, both groups get SIGTERM
# (runserver's autoreloader child included) and are waited for, so nothing is
# left running.
set -uo pipefail
set -m

python="${1:?usage: $0 PYTHON HOST:PORT}"
address="${2:?usage: $0 PYTHON HOST:PORT}"

"$python" manage.py run_scheduler &
scheduler=$!
"$python" manage.py runserver "$address" &
server=$!

stop() {
    trap - INT TERM EXIT
    kill -TERM -- -"$server" -"$scheduler" 2>/dev/null
    wait "$server" "$scheduler" 2>/dev/null
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

# Until one of the two ends (`wait -n`), then stop the other.
wait -n "$server" "$scheduler"
