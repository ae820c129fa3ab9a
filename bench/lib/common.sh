# Shared helpers of bench/run. Sourced; expects BENCH and ROOT.
RUNS_GIVEN="${RUNS:-}"   # a benchmark with another default than 5 reads this
RUNS="${RUNS:-5}"
PY=/usr/bin/python3   # Debian's interpreter: python3-feedparser installs for it

log() { printf '[bench] %s\n' "$*" >&2; }

# apt_need PACKAGE...: installs those of Debian's packages that are not installed yet.
apt_need() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]}"
    if [ ! -f "$BENCH/.apt-updated" ]; then apt-get update -q >/dev/null && touch "$BENCH/.apt-updated"; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
  fi
}

# The product jar, built without tests.
build_jar() {
  log "building target/feedloom.jar"
  (cd "$ROOT" && mvn -B -q package -DskipTests)
}

# The bench module (drivers, generators, JMH): bench/target/feedloom-bench.jar, on top of the product jar.
build_bench() {
  build_jar
  log "building bench/target/feedloom-bench.jar"
  (cd "$BENCH" && mvn -B -q package)
}

# The JVM options of the README's serve command but for its class-data archive: the collector and heap sizing that
# Feedloom is run with.
README_OPTS="-XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:-ShrinkHeapInSteps -XX:MaxNewSize=32m -Xms32m -XX:MarkSweepDeadRatio=0 -XX:+IgnoreUnrecognizedVMOptions -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000"

bench_cp() { echo "$ROOT/target/feedloom.jar:$BENCH/target/feedloom-bench.jar"; }

# A free TCP port on 127.0.0.1.
free_port() {
  $PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# A work folder, removed on exit unless KEEP=1.
make_work() {
  WORK="$(mktemp -d -t feedloom-bench.XXXXXX)"
  if [ "${KEEP:-0}" != 1 ]; then trap 'cleanup_pids; rm -rf "$WORK"' EXIT; else trap 'cleanup_pids; log "kept $WORK"' EXIT; fi
}

# Processes this script started; stopped by PID on exit.
PIDS=()
cleanup_pids() {
  local p
  for p in "${PIDS[@]:-}"; do
    [ -n "$p" ] && kill "$p" 2>/dev/null || true
  done
  for p in "${PIDS[@]:-}"; do
    [ -n "$p" ] && wait "$p" 2>/dev/null || true
  done
}

# Machine facts, as JSON, for the results header.
machine_json() {
  $PY - <<PYEOF
import json, os, subprocess
def sh(c):
    try: return subprocess.run(c, shell=True, capture_output=True, text=True).stdout.strip()
    except Exception: return ""
model = next((l.split(":",1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = sh("free -g | awk '/^Mem:/{print \$2}'")
print(json.dumps({"date": sh("date -u +%Y-%m-%dT%H:%MZ"), "nproc": sh("nproc"), "cpu": model,
  "mem_gb": mem, "load": open("/proc/loadavg").read().split()[:3],
  "java": sh("java -version 2>&1 | head -1"), "commit": sh("cd '$ROOT' && git rev-parse --short HEAD")}))
PYEOF
}

# Starts nginx with conf file $1 (its pid file and logs live beside it); waits for the port $2.
start_nginx() {
  local conf="$1" port="$2"
  nginx -c "$conf" -g 'daemon off;' 2>"$(dirname "$conf")/nginx.err" &
  PIDS+=("$!")
  wait_port "$port"
}

wait_port() {
  local port="$1" i
  for i in $(seq 1 200); do
    if $PY -c "import socket,sys; s=socket.socket(); s.settimeout(0.2); sys.exit(s.connect_ex(('127.0.0.1',$port)))" 2>/dev/null; then return 0; fi
    sleep 0.05
  done
  log "nothing listens on 127.0.0.1:$port"; return 1
}

# Starts Feedloom serve on a free port; sets FL_URL, FL_PID. Args: extra CLI args; JAVA_OPTS and FL_JAR (another
# build's jar) honoured.
start_feedloom() {
  local out="$WORK/feedloom.out"
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} -jar "${FL_JAR:-$ROOT/target/feedloom.jar}" --port 0 "$@" >"$out" 2>"$WORK/feedloom.err" &
  FL_PID=$!
  PIDS+=("$FL_PID")
  local i
  for i in $(seq 1 600); do
    FL_URL="$(sed -n 's/^listening on //p' "$out")"
    [ -n "$FL_URL" ] && return 0
    kill -0 "$FL_PID" 2>/dev/null || { cat "$WORK/feedloom.err" >&2; return 1; }
    sleep 0.05
  done
  log "Feedloom did not start"; return 1
}

stop_pid() {
  local p="$1"
  kill "$p" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
}

# Drops a PID from PIDS once the process it named has been stopped and waited for (so the PID is not signalled again
# on exit, when it may name another process).
forget_pid() {
  local p kept=()
  for p in "${PIDS[@]:-}"; do
    [ -n "$p" ] && [ "$p" != "$1" ] && kept+=("$p")
  done
  PIDS=("${kept[@]:-}")
}

# Starts a PostgreSQL server from Debian's binaries: initdb in $WORK/pg, on a free port of 127.0.0.1 only, with
# PostgreSQL's default durability (each commit's WAL flushed). PostgreSQL refuses to run as root: as root it runs as
# the unprivileged system user feedloom-bench, created if missing. Sets PG_PORT and PG_DATA; exports
# FEEDLOOM_DB_PASSWORD; stopped on exit (pg_ctl, else the PID in postmaster.pid). reset_postgres empties it.
PG_DATA=""
start_postgres() {
  apt_need postgresql
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  PG_AS=()
  mkdir -p "$WORK/pg"
  if [ "$(id -u)" = 0 ]; then
    id -u feedloom-bench >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin feedloom-bench
    PG_AS=(runuser -u feedloom-bench --)
    chmod 755 "$WORK"
    chown feedloom-bench "$WORK/pg"
  fi
  export FEEDLOOM_DB_PASSWORD=bench-only-password
  echo "$FEEDLOOM_DB_PASSWORD" >"$WORK/pg/pwfile"
  [ "$(id -u)" = 0 ] && chown feedloom-bench "$WORK/pg/pwfile"
  PG_PORT="$(free_port)"
  PG_DATA="$WORK/pg/data"
  "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_DATA" --auth-local=trust --auth-host=scram-sha-256 \
    --pwfile="$WORK/pg/pwfile" -U feedloom -E UTF8 --locale=C >"$WORK/pg/initdb.out" 2>&1
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/pg/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1" start >/dev/null
  trap 'stop_postgres; '"$(trap -p EXIT | sed -e "s/^trap -- '//" -e "s/' EXIT\$//")" EXIT
  reset_postgres
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
}

# An empty database "feedloom" (dropped and created again).
reset_postgres() {
  "${PG_AS[@]}" "$PG_BIN/psql" -q -h "$WORK/pg" -p "$PG_PORT" -U feedloom -d postgres \
    -c "DROP DATABASE IF EXISTS feedloom" -c "CREATE DATABASE feedloom" >/dev/null
}

# Runs one SQL statement in the database "feedloom"; prints the rows unaligned, without headers.
pg_query() {
  "${PG_AS[@]}" "$PG_BIN/psql" -X -q -A -t -h "$WORK/pg" -p "$PG_PORT" -U feedloom -d feedloom -c "$1"
}

stop_postgres() {
  [ -n "$PG_DATA" ] && [ -f "$PG_DATA/postmaster.pid" ] || return 0
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >/dev/null 2>&1 \
    || kill "$(head -1 "$PG_DATA/postmaster.pid")" 2>/dev/null || true
}
