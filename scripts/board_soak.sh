#!/usr/bin/env bash
# The real app with the queue board open under Xvfb for SECONDS (default 3600), while "another PC"
# issues and calls a ticket every 2 seconds; clicks go through xdotool as a person's would.
# Prints the app's resident memory each minute and whether it is still alive at the end.
#   bash scripts/board_soak.sh [SECONDS] [DISPLAY_NUMBER]
set -u
cd "$(dirname "$0")/.."
SECS=${1:-3600}; DNUM=${2:-77}
W=$(mktemp -d); DB=$W/loket.sqlite3; export LOKET_DATA_DIR=$W/data PYTHONPATH=.
.venv/bin/python - "$DB" <<'PY'
import sys
from desktop.models.office.first_run import DEMO_PIN, complete_first_run, demo_input
from desktop.office import open_office
s = open_office(sys.argv[1])
complete_first_run(s, demo_input(s.catalog.office("kalirejo"), residents=50))
admin = s.users.authenticate("admin", DEMO_PIN).actor()
s.queue.save_group("A", "Surat Keterangan", [], admin)
s.queue.save_group("B", "Kependudukan", [], admin)
for n in (1, 2, 3):
    s.queue.save_counter(n, "", ["A", "B"], admin)
PY
Xvfb :$DNUM -screen 0 1366x768x24 >/dev/null 2>&1 & XPID=$!
sleep 2; export DISPLAY=:$DNUM
.venv/bin/loket --db "$DB" > "$W/app.log" 2>&1 & APID=$!
sleep 8; xdotool mousemove 700 400
xdotool type --delay 50 petugas; xdotool key Return; xdotool type --delay 50 246810; xdotool key Return
sleep 3
xdotool mousemove 28 10 click 1; sleep 1; xdotool mousemove 150 58 click 1   # Loket → Layar antrean
sleep 3; import -window root "$W/start.png"
.venv/bin/python - "$DB" "$SECS" > "$W/other.log" 2>&1 <<'PY' &
import sys, time
from desktop.models.office.first_run import DEMO_PIN
from desktop.office import open_office
s = open_office(sys.argv[1]); end = time.time() + float(sys.argv[2])
# A clerk signed in at the other PC: the core takes no actor it did not issue a session for.
clerk, i = s.users.authenticate("petugas", DEMO_PIN).actor(), 0
counters = s.queue.counters()
while time.time() < end:
    s.queue.issue("AB"[i % 2], clerk)
    s.queue.call_next(counters[i % len(counters)].id, clerk)
    i += 1
    time.sleep(2)
print("calls", i)
PY
OPID=$!; start=$(date +%s); status=0
while kill -0 $OPID 2>/dev/null; do
  if ! kill -0 $APID 2>/dev/null; then echo "APP DIED after $(( $(date +%s) - start )) s"; status=1; break; fi
  echo "$(( $(date +%s) - start )) s alive, rss $(ps -o rss= -p $APID) kB"; sleep 60
done
import -window root "$W/end.png"
if ! wait $OPID; then echo "THE OTHER PC FAILED: $(cat "$W/other.log")"; status=1; fi
if kill -0 $APID 2>/dev/null; then echo "ALIVE at end after $(( $(date +%s) - start )) s; $(cat "$W/other.log")"; kill $APID; fi
kill $XPID; echo "screenshots: $W/start.png $W/end.png"; exit $status
