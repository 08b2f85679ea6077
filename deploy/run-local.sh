#!/usr/bin/env bash
# Runs the Feedback API on http://localhost:8080 against a local PostgreSQL whose data stays in .local/ (git-ignored).
# No Docker needed: it uses this machine's PostgreSQL server binaries (installed with apt when run as root).
#
#   deploy/run-local.sh          create (first run) or start the cluster, then run the API; Ctrl-C stops the API
#   deploy/run-local.sh db       only start the cluster and print its connection string (to run the API from an IDE)
#   deploy/run-local.sh stop     stop the local PostgreSQL cluster (data is kept)
#
# Overrides: PORT=9090 or ASPNETCORE_URLS=http://localhost:9090 (where the API listens), PG_BIN=/path/to/pg/bin.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$ROOT/.local"
DB_NAME=feedback

say() { printf 'run-local: %s\n' "$*"; }
die() { printf 'run-local: %s\n' "$*" >&2; exit 1; }

# --- PostgreSQL binaries and the OS user that runs the server -------------------------------------------------------

is_root() { [ "$(id -u)" -eq 0 ]; }

random_base64url() { head -c "$1" /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }

write_secret() { (umask 077 && printf '%s' "$2" >"$1"); }

find_pg_bin() {
  local want=${1:-} dir
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  if [ -n "$want" ] && [ -x "/usr/lib/postgresql/$want/bin/pg_ctl" ]; then echo "/usr/lib/postgresql/$want/bin"; return; fi
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return; fi
  if command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v pg_ctl)"; return; fi
}

ensure_pg_bin() {
  PG_BIN_DIR=$(find_pg_bin "$(cat "$PGDATA/PG_VERSION" 2>/dev/null || true)")
  if [ -z "$PG_BIN_DIR" ]; then
    if is_root && command -v apt-get >/dev/null 2>&1; then
      say "PostgreSQL server binaries not found; installing them with apt-get (package 'postgresql')"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
      PG_BIN_DIR=$(find_pg_bin)
    fi
    [ -n "$PG_BIN_DIR" ] || die "PostgreSQL server binaries (initdb, pg_ctl) not found. Install them, e.g.
  Debian/Ubuntu: sudo apt-get install -y postgresql      Fedora: sudo dnf install -y postgresql-server
  macOS:         brew install postgresql@16
or point PG_BIN at the folder holding pg_ctl."
  fi
}

# PostgreSQL refuses to run as root: as root the server runs as the 'postgres' OS user.
as_pg() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_pg_user() {
  is_root || return 0
  if ! id postgres >/dev/null 2>&1; then
    say "creating the system user 'postgres' (PostgreSQL refuses to run as root)"
    useradd --system --user-group --no-create-home --shell /usr/sbin/nologin postgres
  fi
}

# Where the cluster lives: .local/pgdata, unless the 'postgres' user cannot reach this checkout (e.g. a clone under
# /root, which is mode 700); then the data goes to postgres's home and .local/pgdata is a symlink to it.
resolve_pgdata() {
  mkdir -p "$LOCAL"
  if [ -L "$LOCAL/pgdata" ]; then
    PGDATA=$(readlink "$LOCAL/pgdata")
  else
    PGDATA="$LOCAL/pgdata"
  fi
  if is_root && [ ! -e "$PGDATA" ]; then
    chmod 711 "$LOCAL"
    if ! runuser -u postgres -- test -x "$LOCAL"; then
      local home
      home=$(getent passwd postgres | cut -d: -f6)
      [ -d "$home" ] && runuser -u postgres -- test -w "$home" || home=/var/tmp
      PGDATA="$home/feedback-local-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)/pgdata"
      ln -sfn "$PGDATA" "$LOCAL/pgdata"
      say "the 'postgres' user cannot reach $LOCAL; keeping the cluster in $PGDATA (linked from .local/pgdata)"
    fi
  fi
  export PGDATA
}

pg_running() { [ -f "$PGDATA/PG_VERSION" ] && as_pg "$PG_BIN_DIR/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local p
  for p in $(seq 55432 55532); do
    port_busy "$p" || { echo "$p"; return; }
  done
  die "no free port in 55432-55532 for PostgreSQL"
}

stop_cluster() {
  resolve_pgdata
  [ -f "$PGDATA/PG_VERSION" ] || { say "no local cluster in $PGDATA"; return 0; }
  ensure_pg_bin
  if pg_running; then
    as_pg "$PG_BIN_DIR/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null
    say "PostgreSQL stopped (data kept in $PGDATA)"
  else
    say "PostgreSQL is not running"
  fi
}

start_cluster() {
  ensure_pg_user
  resolve_pgdata
  ensure_pg_bin

  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    say "creating a PostgreSQL cluster in $PGDATA (first run)"
    write_secret "$LOCAL/pg-password" "$(random_base64url 24)"
    local parent pwfile
    parent=$(dirname "$PGDATA")
    if [ "$parent" != "$LOCAL" ] && [ ! -d "$parent" ]; then
      mkdir -p "$parent" && chmod 700 "$parent" && { ! is_root || chown postgres: "$parent"; }
    fi
    mkdir -p "$PGDATA" && chmod 700 "$PGDATA"
    pwfile=$(mktemp)
    cp "$LOCAL/pg-password" "$pwfile"
    if is_root; then chown postgres: "$PGDATA" "$pwfile"; fi
    as_pg "$PG_BIN_DIR/initdb" -D "$PGDATA" -U postgres --pwfile="$pwfile" -A scram-sha-256 -E UTF8 >/dev/null \
      || { rm -f "$pwfile"; die "initdb failed"; }
    rm -f "$pwfile"
  fi

  PG_PORT=$(cat "$LOCAL/pg-port" 2>/dev/null || true)
  if pg_running; then
    PG_PORT=$(sed -n 4p "$PGDATA/postmaster.pid")
    say "PostgreSQL already running on 127.0.0.1:$PG_PORT"
  else
    if [ -z "$PG_PORT" ] || port_busy "$PG_PORT"; then PG_PORT=$(free_port); fi
    # TCP on loopback only, no Unix socket (its path length and directory permissions vary by checkout).
    as_pg "$PG_BIN_DIR/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 \
      -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" start >/dev/null \
      || die "PostgreSQL did not start; see $PGDATA/server.log"
    say "PostgreSQL started on 127.0.0.1:$PG_PORT"
  fi
  echo "$PG_PORT" >"$LOCAL/pg-port"

  PGPASSWORD=$(cat "$LOCAL/pg-password")
  export PGPASSWORD PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=postgres
  if [ "$("$PG_BIN_DIR/psql" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != 1 ]; then
    "$PG_BIN_DIR/createdb" "$DB_NAME"
    say "database '$DB_NAME' created"
  fi
}

connection_string() { echo "Host=127.0.0.1;Port=$PG_PORT;Database=$DB_NAME;Username=postgres;Password=$PGPASSWORD"; }

# --- the API --------------------------------------------------------------------------------------------------------

admin_key() {
  if [ ! -s "$LOCAL/admin-key" ]; then
    # fbk_ + 32 random bytes as base64url (43 characters), like the keys the service makes itself.
    write_secret "$LOCAL/admin-key" "fbk_$(random_base64url 32)"
  fi
  cat "$LOCAL/admin-key"
}

# http://+:8080;https://... -> http://localhost:8080 (the address to print and to poll).
public_url() {
  local first=${1%%;*}
  first=${first/\/\/+:/\/\/localhost:}
  first=${first/\/\/\*:/\/\/localhost:}
  first=${first/\/\/0.0.0.0:/\/\/localhost:}
  first=${first/\/\/\[::\]:/\/\/localhost:}
  echo "${first%/}"
}

# GET that succeeds on a 2xx; curl when present, else bash's /dev/tcp (http:// only).
http_ok() {
  if command -v curl >/dev/null 2>&1; then curl -sf -o /dev/null --max-time 5 "$1" 2>/dev/null; return; fi
  local rest=${1#http://} hostport path line
  hostport=${rest%%/*}
  path=/${rest#*/}
  (
    exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}" || exit 1
    printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$hostport" >&3
    IFS= read -r -t 5 line <&3 && [[ $line == "HTTP/"*" 2"[0-9][0-9]* ]]
  ) 2>/dev/null
}

api_pid=
stop_api() {
  if [ -n "$api_pid" ] && kill -0 "$api_pid" 2>/dev/null; then
    kill -TERM -- "-$api_pid" 2>/dev/null || kill -TERM "$api_pid" 2>/dev/null || true
    wait "$api_pid" 2>/dev/null || true
  fi
  api_pid=
}

run_api() {
  command -v dotnet >/dev/null 2>&1 || die "the .NET SDK 10 is not installed (https://dot.net/download, or: apt-get install -y dotnet-sdk-10.0)"
  local urls=${ASPNETCORE_URLS:-http://localhost:${PORT:-8080}}
  local url key port
  url=$(public_url "$urls")
  port=${url##*:}
  port=${port%%/*}
  if port_busy "$port"; then
    die "port $port is already in use (another API still running?). Use another one: PORT=8081 deploy/run-local.sh"
  fi
  key=$(admin_key)

  ConnectionStrings__Feedback=$(connection_string)
  export ConnectionStrings__Feedback
  export Feedback__MigrateOnStartup=true
  export Feedback__Bootstrap__AdminApiKey="$key"
  # The key ring that encrypts secrets at rest, outside the database (and out of git, like all of .local/).
  (umask 077 && mkdir -p "$LOCAL/keys")
  export Feedback__DataProtection__KeysDirectory=${Feedback__DataProtection__KeysDirectory:-$LOCAL/keys}
  # Local development: webhooks may go to receivers on this machine over plain http (production refuses both).
  export Feedback__Webhooks__AllowInsecureHttp=${Feedback__Webhooks__AllowInsecureHttp:-true}
  export Feedback__Webhooks__AllowPrivateNetworks=${Feedback__Webhooks__AllowPrivateNetworks:-true}
  # Rater links and other absolute URLs the API hands out point at where it listens here.
  export Feedback__PublicBaseUrl=${Feedback__PublicBaseUrl:-$url}
  # Production logs are JSON lines for a log collector; on a terminal, readable text (override to see the JSON).
  export Logging__Console__FormatterName=${Logging__Console__FormatterName:-simple}
  export Logging__Console__FormatterOptions__IncludeScopes=${Logging__Console__FormatterOptions__IncludeScopes:-false}

  say "building and starting the API (dotnet run -c Release) on $urls ..."
  # Own process group, so Ctrl-C (or a TERM to this script) stops dotnet run and the API together.
  if command -v setsid >/dev/null 2>&1; then
    setsid dotnet run --project "$ROOT/src/Feedback.Api" -c Release --urls "$urls" &
  else
    dotnet run --project "$ROOT/src/Feedback.Api" -c Release --urls "$urls" &
  fi
  api_pid=$!
  trap 'echo; say "stopping the API"; stop_api; exit 130' INT TERM HUP
  trap 'stop_api' EXIT

  local ready=
  for _ in $(seq 1 600); do
    kill -0 "$api_pid" 2>/dev/null || break
    if http_ok "$url/health/ready"; then ready=1; break; fi
    sleep 0.5
  done
  if [ -z "$ready" ]; then
    wait "$api_pid" 2>/dev/null || true
    die "the API did not become ready; see the output above"
  fi

  cat <<EOF

==============================================================================
 Feedback API is running: $url
   Swagger UI     $url/swagger   (Authorize -> paste the admin key)
   OpenAPI        $url/openapi/v1.json
   Health         $url/health/ready
   Admin API key  $key
                  (kept in .local/admin-key; it is the bootstrap admin of organization 'Default')
   PostgreSQL     127.0.0.1:$PG_PORT, database '$DB_NAME' (data in .local/pgdata)
   Key ring       .local/keys (encrypts secrets at rest; keep it with the data)

 Try it - create a key for an HR integration:
   curl -X POST $url/v1/api-keys \\
     -H "Authorization: Bearer $key" \\
     -H "Content-Type: application/json" \\
     -d '{"name":"hr-sync","scopes":["people:write","cycles:write","reports:read"]}'

 Ctrl-C stops the API. PostgreSQL keeps running; stop it with: deploy/run-local.sh stop
==============================================================================

EOF

  set +e
  wait "$api_pid"
  local status=$?
  set -e
  api_pid=
  say "the API exited ($status). PostgreSQL is still running on 127.0.0.1:$PG_PORT (deploy/run-local.sh stop)"
  return "$status"
}

case "${1:-run}" in
  run) start_cluster; run_api ;;
  db) start_cluster; echo "ConnectionStrings__Feedback=$(connection_string)" ;;
  stop) stop_cluster ;;
  -h | --help | help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) die "unknown command '$1' (use: deploy/run-local.sh [run|db|stop])" ;;
esac
