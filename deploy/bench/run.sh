#!/usr/bin/env bash
# Benchmark: sheet submissions through the API side by side with PostgreSQL's own limit for the same kind of write,
# then the close (materialization) and report reads. Everything runs on this machine, on 127.0.0.1 only, and stops
# by itself; whatever it started is stopped on exit (the throwaway cluster in .local/bench/ is deleted unless KEEP=1).
#
#   deploy/bench/run.sh
#
# Settings (environment): CLIENTS=8 concurrent clients for pgbench and wrk alike; THREADS=2 pgbench/wrk threads;
# DURATION=20 seconds for the two headline runs (pgbench upsert, API leadership sheets); SHORT=10 seconds for the
# others; WARMUP=3 seconds of API load before measuring (JIT); PEOPLE=1000; PARALLEL=8 concurrent seeding requests
# (only without a generate endpoint); KEEP=1 keeps the cluster and files. The API logs as shipped (appsettings.json)
# to .local/bench/api.log. Results: the table at the end, also in .local/bench/summary.txt.
# The pgbench upsert runs right before the API's run, so both see the same background load (a shared machine).
# Per run, .local/bench/NAME.statements.txt lists the statements PostgreSQL saw. Not part of the test suite or CI: it prints figures, it does not pass or fail on them.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/deploy/bench"
WORK="$ROOT/.local/bench"
CLIENTS=${CLIENTS:-8}
THREADS=${THREADS:-2}
DURATION=${DURATION:-20}
SHORT=${SHORT:-10}
WARMUP=${WARMUP:-3}
PEOPLE=${PEOPLE:-1000}
KEEP=${KEEP:-}

say() { printf '\n[bench %s] %s\n' "$(date +%T)" "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }
as_pg() { if is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local p
  for p in $(seq "$1" "$(($1 + 200))"); do port_busy "$p" || { echo "$p"; return; }; done
  die "no free port from $1"
}
random_base64url() { head -c "$1" /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# --- tools ---

apt_install() {
  is_root && command -v apt-get >/dev/null 2>&1 || die "missing $*; install it (Debian/Ubuntu: apt-get install -y $*)"
  say "installing $* with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "$@" >/dev/null
}

find_pg_bin() {
  local dir
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return; fi
  if command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v pg_ctl)"; fi
}

PG_BIN_DIR=$(find_pg_bin)
# On Debian pgbench ships with the server package (postgresql-NN), next to pg_ctl.
if [ -z "$PG_BIN_DIR" ] || [ ! -x "$PG_BIN_DIR/pgbench" ]; then apt_install postgresql postgresql-contrib; PG_BIN_DIR=$(find_pg_bin); fi
[ -x "$PG_BIN_DIR/pgbench" ] || die "pgbench not found next to pg_ctl in $PG_BIN_DIR"
command -v wrk >/dev/null 2>&1 || apt_install wrk
command -v jq >/dev/null 2>&1 || apt_install jq
command -v curl >/dev/null 2>&1 || apt_install curl
command -v dotnet >/dev/null 2>&1 || die "the .NET SDK 10 is not installed"
PSQL="$PG_BIN_DIR/psql"
PGBENCH="$PG_BIN_DIR/pgbench"

# --- cleanup, always ---

api_pid=
PGDATA=
cleanup() {
  local status=$?
  set +e
  if [ -n "$api_pid" ] && kill -0 "$api_pid" 2>/dev/null; then
    kill -TERM "$api_pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$api_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$api_pid" 2>/dev/null
    wait "$api_pid" 2>/dev/null
  fi
  if [ -n "$PGDATA" ] && [ -f "$PGDATA/postmaster.pid" ]; then
    as_pg "$PG_BIN_DIR/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1
  fi
  if [ -z "$KEEP" ] && [ -n "$PGDATA" ]; then rm -rf "$PGDATA" "$WORK/seed"; fi
  [ "$status" -eq 0 ] || printf 'bench: failed (exit %s); the API log is %s\n' "$status" "$WORK/api.log" >&2
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

mkdir -p "$WORK"
rm -f "$WORK"/pgbench_log.* "$WORK"/*.result "$WORK/summary.txt"
START_LOAD=$(load)
say "machine: $(nproc) cores, load average $START_LOAD; clients=$CLIENTS threads=$THREADS duration=${DURATION}s short=${SHORT}s people=$PEOPLE"

# --- build the API (Release) ---

say "building the API (Release)"
dotnet build "$ROOT/src/Feedback.Api" -c Release -nologo -v q -clp:ErrorsOnly >"$WORK/build.log" 2>&1 \
  || { cat "$WORK/build.log"; die "build failed"; }
API_DLL="$ROOT/src/Feedback.Api/bin/Release/net10.0/Feedback.Api.dll"
[ -f "$API_DLL" ] || API_DLL=$(ls "$ROOT"/src/Feedback.Api/bin/Release/*/Feedback.Api.dll | head -n 1)

# --- a throwaway PostgreSQL cluster on 127.0.0.1 ---

PGDATA="$WORK/pgdata"
if is_root; then
  id postgres >/dev/null 2>&1 || useradd --system --user-group --no-create-home --shell /usr/sbin/nologin postgres
  chmod 711 "$ROOT/.local" "$WORK" 2>/dev/null || true
  # A checkout the postgres user cannot reach (e.g. under /root): keep the cluster in /var/tmp instead.
  runuser -u postgres -- test -x "$WORK" || PGDATA="/var/tmp/feedback-bench-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)"
fi
[ ! -f "$PGDATA/postmaster.pid" ] || as_pg "$PG_BIN_DIR/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true
rm -rf "$PGDATA"
mkdir -p "$PGDATA" && chmod 700 "$PGDATA"
export PGPASSWORD
PGPASSWORD=$(random_base64url 18)
pwfile=$(mktemp)
printf '%s' "$PGPASSWORD" >"$pwfile"
if is_root; then chown postgres: "$PGDATA" "$pwfile"; fi
as_pg "$PG_BIN_DIR/initdb" -D "$PGDATA" -U postgres --pwfile="$pwfile" -A scram-sha-256 -E UTF8 >/dev/null \
  || { rm -f "$pwfile"; die "initdb failed"; }
rm -f "$pwfile"
PG_PORT=$(free_port 56432)
# The server's defaults (fsync and synchronous_commit on), TCP on loopback only.
as_pg "$PG_BIN_DIR/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 \
  -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200 -c shared_preload_libraries=pg_stat_statements" start >/dev/null \
  || die "PostgreSQL did not start; see $PGDATA/server.log"
export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=postgres
PG_VERSION=$("$PSQL" -d postgres -tAc "SHOW server_version")
"$PSQL" -d postgres -qc "CREATE DATABASE pgbench" -c "CREATE DATABASE feedback"
say "PostgreSQL $PG_VERSION started on 127.0.0.1:$PG_PORT (data in $PGDATA)"

# pgbench run: prints its tps, latency from its per-transaction log, failures; writes NAME.result.
run_pgbench() {
  local name=$1 db=$2 seconds=$3; shift 3
  rm -f "$WORK"/pgbench_log.*
  "$PGBENCH" -n -M prepared -c "$CLIENTS" -j "$THREADS" -T "$seconds" -l --log-prefix="$WORK/pgbench_log" "$@" "$db" \
    >"$WORK/$name.pgbench.txt" 2>&1 || { cat "$WORK/$name.pgbench.txt"; die "pgbench $name failed"; }
  local tps failed lat
  tps=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$WORK/$name.pgbench.txt" | awk '{ printf "%.1f", $1 }')
  failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$WORK/$name.pgbench.txt")
  # Field 3 of the log is the transaction's latency in microseconds.
  lat=$(cat "$WORK"/pgbench_log.* | awk '{print $3}' | sort -n | awk '{v[NR]=$1} END {
      printf "p50_ms=%.2f p99_ms=%.2f max_ms=%.2f", v[int(NR*0.50)+1]/1000, v[int(NR*0.99)+1]/1000, v[NR]/1000 }')
  rm -f "$WORK"/pgbench_log.*
  echo "RESULT rps=$tps $lat failed=${failed:-0} load=$(cut -d' ' -f1 /proc/loadavg)" >"$WORK/$name.result"
  printf '  %s: %s tps, %s, failed transactions %s\n' "$name" "$tps" "$lat" "${failed:-0}"
}

# --- 1. the API, Release, rate limits off ---

API_PORT=$(free_port 58080)
API="http://127.0.0.1:$API_PORT"
ADMIN_KEY="fbk_$(random_base64url 32)"
say "starting the API (Release) on $API"
ConnectionStrings__Feedback="Host=127.0.0.1;Port=$PG_PORT;Database=feedback;Username=postgres;Password=$PGPASSWORD" \
  Feedback__MigrateOnStartup=true \
  Feedback__Bootstrap__AdminApiKey="$ADMIN_KEY" \
  Feedback__RateLimits__Enabled=false \
  Feedback__SwaggerUi=false \
  ASPNETCORE_ENVIRONMENT=Production \
  dotnet "$API_DLL" --urls "$API" --contentRoot "$(dirname "$API_DLL")" >"$WORK/api.log" 2>&1 &
api_pid=$!
ready=
for _ in $(seq 1 240); do
  kill -0 "$api_pid" 2>/dev/null || break
  if curl -sf -o /dev/null --max-time 5 "$API/health/ready"; then ready=1; break; fi
  sleep 0.5
done
[ -n "$ready" ] || { tail -n 30 "$WORK/api.log"; die "the API did not become ready"; }

# JSON call with the admin key; fails loudly on a non-2xx.
api() {
  local method=$1 path=$2 body=${3:-} out code
  out=$(mktemp)
  code=$(curl -sS -o "$out" -w '%{http_code}' -X "$method" "$API$path" -H "Authorization: Bearer $ADMIN_KEY" \
    ${body:+-H "Content-Type: application/json" --data-binary "$body"}) || { rm -f "$out"; die "$method $path: curl failed"; }
  if [ "${code:0:1}" != 2 ]; then cat "$out" >&2; rm -f "$out"; die "$method $path answered $code"; fi
  cat "$out"
  rm -f "$out"
}

# --- 2. seed through the HTTP API ---

say "seeding through the API: $PEOPLE people, a cycle, assignments (load $(load))"
SEED="$WORK/seed"
rm -rf "$SEED" && mkdir -p "$SEED"
# An org chart with 8 direct reports per manager: p1 is the root, p(k)'s manager is p((k-2)/8+1).
awk -v n="$PEOPLE" 'BEGIN {
  printf "["
  for (k = 1; k <= n; k++) {
    m = (k == 1) ? "null" : sprintf("\"p%05d\"", int((k - 2) / 8) + 1)
    printf "%s{\"externalId\":\"p%05d\",\"displayName\":\"Person %d\",\"managerExternalId\":%s,\"department\":\"dept-%d\",\"title\":\"Engineer\"}",
      (k > 1 ? "," : ""), k, k, m, k % 10
  }
  printf "]"
}' >"$SEED/people.json"
curl -sS -f -o "$SEED/import.json" -X POST "$API/v1/people/import" -H "Authorization: Bearer $ADMIN_KEY" \
  -H "Content-Type: application/json" --data-binary "@$SEED/people.json" || die "people import failed"
echo "  import: $(cat "$SEED/import.json")"

CYCLE=$(api POST /v1/cycles '{"name":"Benchmark cycle"}')
CYCLE_ID=$(jq -r .id <<<"$CYCLE")
BEHAVIORS=$(api GET /v1/behaviors)
LEAD_KEYS=$(jq -r --argjson c "$CYCLE" '[.[] | select(.dimension == "leadership" and (.key | IN($c.behaviors[]))) | .key] | join(",")' <<<"$BEHAVIORS")
MGMT_KEYS=$(jq -r --argjson c "$CYCLE" '[.[] | select(.dimension == "management" and (.key | IN($c.behaviors[]))) | .key] | join(",")' <<<"$BEHAVIORS")
echo "  cycle $CYCLE_ID; leadership: $LEAD_KEYS; management: $MGMT_KEYS"

OPENAPI=$(curl -sSf "$API/openapi/v1.json")
has_path() { jq -e --arg p "$1" '.paths | has($p)' <<<"$OPENAPI" >/dev/null; }

# Lines "assignmentId token" in $SEED/assignments.tsv.
if has_path "/v1/cycles/{cycleId}/assignments/generate"; then
  echo "  assignments: POST /v1/cycles/{id}/assignments/generate (self, manager, direct reports, up to 4 peers)"
  api POST "/v1/cycles/$CYCLE_ID/assignments/generate" '{}' >"$SEED/generated.json"
  jq -r '.assignments[] | "\(.id) \(.raterToken)"' "$SEED/generated.json" >"$SEED/assignments.tsv"
else
  echo "  assignments: one POST /v1/cycles/{id}/assignments each (no generate endpoint on this build):"
  echo "  self, manager, 2 peers and 2 direct reports per subject where the chart has them"
  awk -v n="$PEOPLE" 'function pid(k) { return sprintf("p%05d", k) }
    function emit(s, r, rel) { printf "%s %s %s\n", pid(s), pid(r), rel }
    BEGIN {
      for (s = 1; s <= n; s++) {
        emit(s, s, "self")
        if (s > 1) {
          m = int((s - 2) / 8) + 1; emit(s, m, "manager")
          peers = 0
          for (k = 8 * (m - 1) + 2; k <= 8 * (m - 1) + 9 && k <= n && peers < 2; k++) if (k != s) { emit(s, k, "peer"); peers++ }
        }
        reports = 0
        for (k = 8 * (s - 1) + 2; k <= 8 * (s - 1) + 9 && k <= n && reports < 2; k++) { emit(s, k, "directReport"); reports++ }
      }
    }' >"$SEED/pairs.txt"
  # One curl process: keep-alive, PARALLEL transfers at a time, each response to its own file ("next" separates them).
  i=0
  while read -r subject rater rel; do
    i=$((i + 1))
    [ "$i" -eq 1 ] || echo next
    printf 'url = "%s/v1/cycles/%s/assignments"\nrequest = "POST"\nsilent\nshow-error\noutput = "%s/a%06d.json"\nheader = "Authorization: Bearer %s"\nheader = "Content-Type: application/json"\ndata = "{\\"subjectExternalId\\":\\"%s\\",\\"raterExternalId\\":\\"%s\\",\\"relationship\\":\\"%s\\"}"\nwrite-out = "%%{http_code}\\n"\n' \
      "$API" "$CYCLE_ID" "$SEED" "$i" "$ADMIN_KEY" "$subject" "$rater" "$rel"
  done <"$SEED/pairs.txt" >"$SEED/curl.cfg"
  curl -sS -Z --parallel-max "${PARALLEL:-8}" -K "$SEED/curl.cfg" >"$SEED/codes.txt" 2>"$SEED/curl.err" \
    || { tail -n 5 "$SEED/curl.err"; die "assignment POSTs failed"; }
  bad=$(grep -vc '^201$' "$SEED/codes.txt" || true)
  [ "$bad" -eq 0 ] || die "$bad assignment POSTs did not answer 201 (see $SEED)"
  cat "$SEED"/a*.json | jq -r '"\(.id) \(.raterToken)"' >"$SEED/assignments.tsv"
fi
ASSIGNMENTS=$(wc -l <"$SEED/assignments.tsv")
echo "  $ASSIGNMENTS assignments"
api POST "/v1/cycles/$CYCLE_ID/open" >/dev/null
awk -v c="$CYCLE_ID" '{ print "/v1/cycles/" c "/assignments/" $1 "/leadership " $2 }' "$SEED/assignments.tsv" >"$SEED/leadership.txt"
awk -v c="$CYCLE_ID" '{ print "/v1/cycles/" c "/assignments/" $1 "/management " $2 }' "$SEED/assignments.tsv" >"$SEED/management.txt"

# What PostgreSQL saw during a run (pg_stat_statements, reset before it): statements per request, i.e. database
# round trips, and the mean execution time of the sheet upsert, the API's one statement per submission.
"$PSQL" -d feedback -qc "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
db_stats() { # requests
  "$PSQL" -d feedback -tA -F' ' -c "SELECT round(coalesce(sum(calls), 0)::numeric / greatest($1, 1), 2),
      coalesce(round((sum(total_exec_time) FILTER (WHERE query LIKE '%INSERT INTO sheets%')
                      / nullif(sum(calls) FILTER (WHERE query LIKE '%INSERT INTO sheets%'), 0))::numeric, 2), 0)
    FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid AND d.datname = 'feedback'
    WHERE query NOT LIKE '%pg_stat_statements%'" | awk '{ printf "db_statements_per_request=%s sheet_statement_ms=%s", $1, $2 }'
}

field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" "$WORK/$1.result" 2>/dev/null; }

# wrk run with rotate.lua: NAME SECONDS TARGETS [KEYS]; writes NAME.result.
run_wrk() {
  local name=$1 seconds=$2 targets=$3 keys=${4:-}
  "$PSQL" -d feedback -tAqc "SELECT pg_stat_statements_reset()" >/dev/null
  BENCH_TARGETS=$targets BENCH_KEYS=$keys BENCH_THREADS=$THREADS \
    wrk -t "$THREADS" -c "$CLIENTS" -d "${seconds}s" --timeout 10s -s "$HERE/rotate.lua" "$API" >"$WORK/$name.wrk.txt" 2>&1 \
    || { cat "$WORK/$name.wrk.txt"; die "wrk $name failed"; }
  grep '^RESULT' "$WORK/$name.wrk.txt" >"$WORK/$name.result" || { cat "$WORK/$name.wrk.txt"; die "wrk $name printed no result"; }
  sed -i "s/\$/ load=$(cut -d' ' -f1 /proc/loadavg) $(db_stats "$(field "$name" requests)")/" "$WORK/$name.result"
  "$PSQL" -d feedback -c "SELECT calls, round(mean_exec_time::numeric, 2) AS mean_ms, left(regexp_replace(query, '\s+', ' ', 'g'), 160) AS query
    FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY calls DESC LIMIT 12" >"$WORK/$name.statements.txt"
  printf '  %s: %s\n' "$name" "$(sed 's/^RESULT //' "$WORK/$name.result")"
}

# --- 3. PostgreSQL's own limit: single-row jsonb upsert ---

UPSERT_ROWS=$((PEOPLE * 5))
"$PSQL" -d pgbench -q -v ON_ERROR_STOP=1 -v rows="$UPSERT_ROWS" -f "$HERE/upsert-setup.sql"
say "pgbench: single-row jsonb upsert over $UPSERT_ROWS rows, $CLIENTS clients, ${DURATION}s (load $(load))"
run_pgbench pg_upsert pgbench "$DURATION" -f "$HERE/upsert.sql" -D rows="$UPSERT_ROWS"

# --- 4. sheet submissions through the API ---

say "API: PUT .../leadership, warm-up ${WARMUP}s (not counted)"
run_wrk warmup "$WARMUP" "$SEED/leadership.txt" "$LEAD_KEYS"
say "API: PUT .../leadership over $ASSIGNMENTS assignments, $CLIENTS connections, ${DURATION}s (load $(load))"
run_wrk api_leadership "$DURATION" "$SEED/leadership.txt" "$LEAD_KEYS"
say "API: PUT .../management, ${SHORT}s (so the reports have both dimensions; load $(load))"
run_wrk api_management "$SHORT" "$SEED/management.txt" "$MGMT_KEYS"

# --- 6. close (materialization) and report reads ---

SHEETS=$("$PSQL" -d feedback -tAc "SELECT count(*) FROM sheets WHERE cycle_id = '$CYCLE_ID'")
say "closing the cycle ($SHEETS current sheets; load $(load))"
CLOSE_S=$(curl -sS -o "$WORK/close.json" -w '%{http_code} %{time_total}' -X POST "$API/v1/cycles/$CYCLE_ID/close" \
  -H "Authorization: Bearer $ADMIN_KEY")
[ "${CLOSE_S%% *}" = 200 ] || { cat "$WORK/close.json"; die "close answered ${CLOSE_S%% *}"; }
CLOSE_MS=$(awk -v t="${CLOSE_S#* }" 'BEGIN { printf "%.0f", t * 1000 }')
echo "  close: ${CLOSE_MS} ms"

REPORTS=
if has_path "/v1/cycles/{cycleId}/reports/gaps" && has_path "/v1/cycles/{cycleId}/reports/people/{externalId}"; then
  REPORTS=1
  for sort in gap -gap leadership -leadership management -management name; do
    echo "/v1/cycles/$CYCLE_ID/reports/gaps?sort=$sort&limit=50 $ADMIN_KEY"
  done >"$SEED/gaps.txt"
  awk -v c="$CYCLE_ID" -v key="$ADMIN_KEY" -v n="$PEOPLE" 'BEGIN { for (k = 1; k <= n; k++) printf "/v1/cycles/%s/reports/people/p%05d %s\n", c, k, key }' \
    >"$SEED/person-reports.txt"
  say "API: GET .../reports/gaps (first page of 50, 7 sorts), ${SHORT}s (load $(load))"
  run_wrk api_gaps "$SHORT" "$SEED/gaps.txt"
  say "API: GET .../reports/people/{externalId} over $PEOPLE people, ${SHORT}s (load $(load))"
  run_wrk api_person "$SHORT" "$SEED/person-reports.txt"
else
  say "no report endpoints on this build (GET /v1/cycles/{id}/reports/gaps, .../people/{externalId}): report reads skipped"
fi
END_LOAD=$(load)

# --- 7. summary ---

row() { # label result-file
  [ -f "$WORK/$2.result" ] || return 0
  local bad
  bad=$(field "$2" non2xx)
  [ -n "$bad" ] || bad=$(field "$2" failed)
  printf '| %-58s | %10s | %8s | %8s | %6s | %9s |\n' "$1" "$(field "$2" rps)" "$(field "$2" p50_ms)" "$(field "$2" p99_ms)" "$bad" "$(field "$2" load)"
}
ratio() { awk -v a="$(field "$1" rps)" -v b="$(field "$2" rps)" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
{
  echo
  echo "Feedback benchmark, $(date -u +'%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); load average (1/5/15 min) at start $START_LOAD, at end $END_LOAD"
  echo "PostgreSQL $PG_VERSION (default settings, fsync on), .NET $(dotnet --version), $CLIENTS clients / $THREADS threads everywhere"
  echo "data: $PEOPLE people, $ASSIGNMENTS assignments, $SHEETS sheets at close"
  echo
  printf '| %-58s | %10s | %8s | %8s | %6s | %9s |\n' "what (${DURATION}s headline runs, ${SHORT}s others)" "per second" "p50 ms" "p99 ms" "errors" "load 1min"
  printf '|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..60})" "$(printf -- '-%.0s' {1..12})" "$(printf -- '-%.0s' {1..10})" "$(printf -- '-%.0s' {1..10})" "$(printf -- '-%.0s' {1..8})" "$(printf -- '-%.0s' {1..11})"
  row "pgbench: single-row jsonb upsert (PostgreSQL's limit)" pg_upsert
  row "API: PUT leadership sheet (rater tokens)" api_leadership
  row "API: PUT management sheet (rater tokens)" api_management
  row "API: GET gap report, first page of 50" api_gaps
  row "API: GET person report" api_person
  echo
  echo "API leadership sheets / pgbench upsert:          $(ratio api_leadership pg_upsert)"
  for f in api_leadership api_management; do
    [ -f "$WORK/$f.result" ] && echo "$f: $(field "$f" db_statements_per_request) database statements per request;" \
      "the sheet statement took $(field "$f" sheet_statement_ms) ms in PostgreSQL on average (p50 end to end $(field "$f" p50_ms) ms)"
  done
  echo "close (materialization) of $SHEETS sheets:  ${CLOSE_MS} ms"
  [ -n "$REPORTS" ] || echo "report reads: skipped (no report endpoints on this build)"
  echo "errors = non-2xx responses (wrk) or failed transactions (pgbench); load 1min = the 1-minute load average at the end of that run"
  echo "wrk socket errors:" \
    "$(for f in api_leadership api_management api_gaps api_person; do [ -f "$WORK/$f.result" ] && printf '%s=%s ' "$f" "$(field "$f" socket_errors)"; done)"
} | tee "$WORK/summary.txt"

for f in api_leadership api_management api_gaps api_person; do
  [ ! -f "$WORK/$f.result" ] || [ "$(field "$f" non2xx)" = 0 ] || die "$f had non-2xx responses (see $WORK/$f.wrk.txt, $WORK/api.log)"
done
