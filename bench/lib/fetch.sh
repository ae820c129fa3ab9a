# bench/run fetch: the 1,000 generated feeds served by nginx on 127.0.0.1 as 1,000 configured sources. Each of
# RUNS rounds, on a fresh store: (1) `feedloom export` twice, a new JVM each time (fetch every source once,
# parse, merge, store, render the site); the second run's conditional GETs all get 304 Not Modified; (2) five
# refresh cycles inside one running Feedloom (CycleBench: the pipeline serve uses, opened once; each cycle
# fetches every source, rebuilds the catalog, renders every topic feed); (3) `feedloom serve` itself on a fresh
# store, from `java -jar` until /healthz counts every article (lib/healthz_timeline.py): the first cycle a user of serve
# waits for, with its rebuilds while fetching and their pacing. From nginx's access log: requests,
# statuses, requests/s while fetching, and the peak in flight, which must not exceed fetch.perHost (PER_HOST,
# default 2, the shipped default: all 1,000 sources are on one host here). nginx enforces it too: limit_conn at
# perHost answers 503 to any request beyond it, so a 503 in the statuses means the limit was broken.
# SOURCES (default 1000) sets the number of feeds and sources, for a quick run. PREFILL=N (a multiple of 100)
# runs every round on a store already holding N articles instead of an empty one: N/100 other generated feeds of
# 100 items, fetched once into a store kept aside (one export) and copied in before each round; they stay
# configured, disabled (not fetched, their stored items still published), as an archive a server has built up.
# JAVA_OPTS: Feedloom's JVM options in both (e.g. the README's), reported; the results go to fetch-jvm-options.md.
# DB=postgresql: the store is a PostgreSQL server started here (Debian's binaries, 127.0.0.1 only, its default
# durability), emptied before each round, instead of the SQLite file; the results go to fetch-postgresql.md.
# SERVE_JARS="label=jar label=jar ...": only serve's first cycle, RUNS rounds of each jar in turn (builds compared in
# the same minutes); with PREFILL each jar starts from a copy of the prefilled store that its own `export` brought
# up to date (its migrations, its merge and the rule its snapshot is shown by). Prints one JSON line a run (seconds to
# every article counted, to the first fetched one shown, and the process's CPU by thread and I/O); writes no results
# file.

# cycles inside one running Feedloom: the first fetches everything, the second is the first answered 304, the
# later ones are 304 cycles once the JIT has compiled that path; then CHANGED_CYCLES cycles in each of which
# SOURCES/50 of the sources have one new post (the rest answer 304), as most cycles of a server running all day are
IN_PROCESS_CYCLES=5
CHANGED_CYCLES=3

bench_fetch() {
  local per_host="${PER_HOST:-2}" concurrency="${CONCURRENCY:-8}" sources="${SOURCES:-1000}"
  apt_need nginx-light
  build_bench
  make_work
  chmod 755 "$WORK"
  gen_fetch_feeds "$sources"
  local port; port="$(free_port)"
  fetch_nginx_conf "$port" "$per_host"
  start_nginx "$WORK/nginx.conf" "$port"
  $PY "$BENCH/lib/fetch_config.py" "$WORK/config" "$port" "$WORK/www/feeds" "$per_host" "$concurrency"
  if [ "${DB:-sqlite}" = postgresql ]; then
    [ -z "${PREFILL:-}" ] || { log "DB=postgresql does not take PREFILL"; return 2; }
    start_postgres
    postgres_store_config
  fi
  mkdir -p "$WORK/seeds"
  [ -n "${PREFILL:-}" ] && prefill_store "$port" "$PREFILL"
  if [ -n "${SERVE_JARS:-}" ]; then serve_ab; return; fi
  local raw="$WORK/fetch.jsonl"; : >"$raw"
  machine_json >"$WORK/machine.json"
  local r cycle
  for r in $(seq 1 "$RUNS"); do
    fresh_store
    rm -rf "$WORK/out"
    for cycle in first second; do
      log "round $r/$RUNS: export, $cycle cycle"
      : >"$WORK/access.log"
      local t0 t1
      t0="$(date +%s.%N)"
      java ${JAVA_OPTS:-} -jar "$ROOT/target/feedloom.jar" export --config "$WORK/config" --seeds "$WORK/seeds" \
        --data "$WORK/data" --out "$WORK/out" >"$WORK/export.out" 2>"$WORK/export.err"
      t1="$(date +%s.%N)"
      sleep 0.2 # nginx writes the last log lines
      printf '{"round":%s,"how":"export","cycle":"%s","seconds":%s,"summary":"%s","log":%s}\n' "$r" "$cycle" \
        "$($PY -c "print(round($t1 - $t0, 4))")" "$(tail -1 "$WORK/export.out" | sed -e 's/; written to .*//' -e 's/"/\\"/g')" \
        "$($PY "$BENCH/lib/access_log.py" "$WORK/access.log")" >>"$raw"
      tail -1 "$raw" >&2
    done
    fresh_store
    log "round $r/$RUNS: $IN_PROCESS_CYCLES cycles in one running Feedloom"
    : >"$WORK/access.log"
    local cycles=$(( IN_PROCESS_CYCLES + CHANGED_CYCLES ))
    java ${JAVA_OPTS:-} -cp "$(bench_cp)" org.feedloom.bench.CycleBench "$WORK/config" "$WORK/seeds" "$WORK/data" \
      "$cycles" "$WORK/www/updates" "$WORK/www/feeds" "$(( IN_PROCESS_CYCLES + 1 ))" 2>"$WORK/cycle.err" >"$WORK/cycle.out"
    cp -p "$WORK/feeds.orig"/* "$WORK/www/feeds/" # the feeds as first written again, for the next round
    sleep 0.2
    # split the access log between the cycles: each fetches every source once, in order
    local n
    for n in $(seq 1 "$cycles"); do
      sed -n "$(( (n - 1) * sources + 1 )),$(( n * sources ))p" "$WORK/access.log" >"$WORK/access.$n.log"
    done
    for n in $(seq 1 "$cycles"); do
      cycle=$([ "$n" = 1 ] && echo first || { [ "$n" = 2 ] && echo second || \
        { [ "$n" -le "$IN_PROCESS_CYCLES" ] && echo later || echo changed; }; })
      printf '{"round":%s,"how":"in-process","cycle":"%s","n":%s,"seconds":%s,"summary":%s,"log":%s}\n' "$r" \
        "$cycle" "$n" \
        "$(sed -n "${n}p" "$WORK/cycle.out" | $PY -c 'import json,sys; print(json.load(sys.stdin)["seconds"])')" \
        "$(sed -n "${n}p" "$WORK/cycle.out" | $PY -c 'import json,sys; print(json.dumps(json.dumps(json.load(sys.stdin))))')" \
        "$($PY "$BENCH/lib/access_log.py" "$WORK/access.$n.log")" >>"$raw"
      tail -1 "$raw" >&2
    done
    fresh_store
    log "round $r/$RUNS: serve, first cycle"
    : >"$WORK/access.log"
    serve_first_cycle "$(expected_articles)" >"$WORK/served.json"
    local served; served="$(cat "$WORK/served.json")"
    sleep 0.2
    printf '{"round":%s,"how":"serve","cycle":"first","seconds":%s,"summary":%s,"log":%s}\n' "$r" \
      "$(echo "$served" | $PY -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["seconds"]))')" "$served" \
      "$($PY "$BENCH/lib/access_log.py" "$WORK/access.log")" >>"$raw"
    tail -1 "$raw" >&2
  done
  machine_json >"$WORK/machine.end.json"
  local name="fetch${PREFILL:+-prefilled}${JAVA_OPTS:+-jvm-options}"
  [ "${DB:-sqlite}" = postgresql ] && name="$name-postgresql"
  cp "$raw" "$BENCH/results/$name.raw.jsonl"
  $PY "$BENCH/lib/report.py" fetch "$WORK/machine.json" "$WORK/machine.end.json" "$raw" "$WORK/www/expected.json" \
    "$per_host" "$concurrency" "$(nginx -v 2>&1)" "${PREFILL:-0}" "${JAVA_OPTS:-none}" \
    "$([ "${DB:-sqlite}" = postgresql ] && "$PG_BIN/postgres" --version || echo sqlite)" >"$BENCH/results/$name.md"
  log "wrote bench/results/$name.md"
  cat "$BENCH/results/$name.md"
}

# Starts `feedloom serve` on the round's store (start_feedloom) and prints what lib/healthz_timeline.py saw: the
# seconds from `java -jar` to listening and to /healthz counting $1 articles (null if not within CYCLE_TIMEOUT, default
# 300), with the count's timeline, and under "process" the CPU seconds its threads had used by then and its I/O
# (lib/thread_cpu.py); then stops it.
serve_first_cycle() {
  local t0; t0="$(date +%s.%N)"
  start_feedloom --config "$WORK/config" --seeds "$WORK/seeds" --data "$WORK/data" --host 127.0.0.1
  local seen process
  seen="$($PY "$BENCH/lib/healthz_timeline.py" "$FL_URL" "$1" "${CYCLE_TIMEOUT:-300}" "$t0")"
  process="$($PY "$BENCH/lib/thread_cpu.py" "$FL_PID" 2>/dev/null || echo null)"
  stop_pid "$FL_PID"
  forget_pid "$FL_PID"
  $PY -c 'import json,sys; d=json.loads(sys.argv[1]); d["process"]=json.loads(sys.argv[2]); print(json.dumps(d))' \
    "$seen" "$process"
}

# The articles a serve publishes once its first cycle is done: the generated feeds' distinct items and PREFILL's.
expected_articles() {
  echo $(( $($PY -c "import json; print(json.load(open('$WORK/www/expected.json'))['unique'])") + ${PREFILL:-0} ))
}

# SERVE_JARS (see above): RUNS rounds of serve's first cycle for each jar in turn, one JSON line a run.
serve_ab() {
  local expected; expected="$(expected_articles)"
  local spec label jar r
  if [ -d "$WORK/prefill-data" ]; then
    for spec in $SERVE_JARS; do
      label="${spec%%=*}" jar="${spec#*=}"
      log "$label: its own copy of the prefilled store, brought up to date by its export"
      cp -r "$WORK/prefill-data" "$WORK/prefill-data.$label"
      java -jar "$jar" export --config "$WORK/prefill-config" --seeds "$WORK/seeds" --data "$WORK/prefill-data.$label" \
        --out "$WORK/prefill-out.$label" 2>/dev/null | tail -1 >&2
    done
  fi
  for r in $(seq 1 "$RUNS"); do
    for spec in $SERVE_JARS; do
      label="${spec%%=*}" jar="${spec#*=}"
      rm -rf "$WORK/data"
      if [ -d "$WORK/prefill-data.$label" ]; then cp -r "$WORK/prefill-data.$label" "$WORK/data"; fi
      : >"$WORK/access.log"
      FL_JAR="$jar" serve_first_cycle "$expected" >"$WORK/served.json"
      printf '{"round":%s,"jar":"%s","seconds":%s,"first_shown":%s,"process":%s}\n' "$r" "$label" \
        "$($PY -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["seconds"]))' "$WORK/served.json")" \
        "$($PY -c 'import json,sys; t=json.load(open(sys.argv[1]))["timeline"]; print(t[1][0] if len(t) > 1 else "null")' \
          "$WORK/served.json")" \
        "$($PY -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["process"]))' "$WORK/served.json")"
    done
  done
}

# The SOURCES generated feeds (seed 6) in $WORK/www/feeds, with their expected.json in $WORK/www.
# Also what SOURCES/50 of them (at least 1) publish in each of the CHANGED_CYCLES cycles ($WORK/www/updates/U), and
# a copy of the feeds as first written ($WORK/feeds.orig: those cycles overwrite some).
gen_fetch_feeds() {
  $PY "$BENCH/lib/gen_feeds.py" "$WORK/www" "$1" 6 20 100 15 "${CHANGED_CYCLES:-0}" "$(( $1 / 50 > 0 ? $1 / 50 : 1 ))" >&2
  chmod -R a+rX "$WORK/www"
  cp -rp "$WORK/www/feeds" "$WORK/feeds.orig"
}

# $WORK/nginx.conf: nginx on 127.0.0.1:$1 serving $WORK/www, logging "$msec $request_time $status $request_uri" to
# $WORK/access.log, and answering 503 to any request beyond $2 in flight at once to the server (limit_conn).
fetch_nginx_conf() {
  local port="$1" limit="$2"
  sed -e "s#@WORK@#$WORK#g" -e "s#@ROOT@#$WORK/www#g" -e "s#@PORT@#$port#g" \
    -e "s#@ACCESS_LOG@#$WORK/access.log timing#g" "$BENCH/lib/nginx.conf.in" \
    | sed 's#^http {#http {\n    log_format timing "$msec $request_time $status $request_uri";\n    limit_conn_zone $server_name zone=perhost:1m;\n    limit_conn perhost '"$limit"';\n    limit_conn_status 503;#' >"$WORK/nginx.conf"
}

# Points the benchmark's configuration at the PostgreSQL server start_postgres started.
postgres_store_config() {
  printf 'store:\n  url: postgresql://feedloom@127.0.0.1:%s/feedloom\n' "$PG_PORT" >>"$WORK/config/feedloom.yaml"
}

# The round's store: empty, or a copy of the prefilled one.
fresh_store() {
  rm -rf "$WORK/data"
  if [ -n "$PG_DATA" ]; then reset_postgres; fi
  if [ -d "$WORK/prefill-data" ]; then cp -r "$WORK/prefill-data" "$WORK/data"; fi
}

# A store holding N articles from N/100 other feeds (see PREFILL above), in $WORK/prefill-data; their sources are
# appended, disabled, to the benchmark's configuration.
prefill_store() {
  local port="$1" n="$2" feeds=$(( $2 / 100 ))
  log "prefilling a store with $n articles ($feeds feeds of 100 items)"
  $PY "$BENCH/lib/gen_feeds.py" "$WORK/www/archive" "$feeds" 7 100 100 0 >&2
  chmod -R a+rX "$WORK/www/archive"
  $PY "$BENCH/lib/fetch_config.py" "$WORK/prefill-config" "$port" "$WORK/www/archive/feeds" 8 8 archive/feeds Archive
  java -jar "${PREFILL_JAR:-$ROOT/target/feedloom.jar}" export --config "$WORK/prefill-config" --seeds "$WORK/seeds" \
    --data "$WORK/prefill-data" --out "$WORK/prefill-out" 2>/dev/null | tail -1 >&2
  $PY "$BENCH/lib/fetch_config.py" "$WORK/archive-sources" "$port" "$WORK/www/archive/feeds" 8 8 archive/feeds Archive \
    disabled
  sed -n '/^sources:/,$p' "$WORK/archive-sources/feedloom.yaml" | tail -n +2 >>"$WORK/config/feedloom.yaml"
}
