# bench/run memory: a store of 100,000 articles (1,000 generated feeds of 100 distinct items each, fetched once
# from nginx on 127.0.0.1 by `feedloom export`), then RUNS rounds of `feedloom serve` on it: the time from
# `java -jar` to the first served topic feed, that first (cold) render, and after the start-up refresh (every
# source answered 304 by nginx): a render that misses the rendered-bytes cache (the first page, and the second, middle
# and last of RFC 5005's pages), resident memory (VmRSS) and the heap after a full GC (jcmd GC.run, GC.heap_info).
# ARTICLES (a multiple of 100, default 100000) sets the store's size: ARTICLES=1000000 is issue 13's million-article
# store (10,000 feeds; the fill alone takes a while). CORPUS=realistic fills it from gen_realistic.py's feeds instead
# (bodies of 2-20 KB as WordPress, Substack, Ghost, Hugo and news sites publish them, 20-100 items a feed: ARTICLES/60
# feeds, about ARTICLES articles), what an archive of full posts holds; gen_feeds.py's items are mostly excerpts.
# ARCHIVE=1 starts serve as the README's command does, from the class-data archive `mvn package` writes
# (-XX:SharedArchiveFile=target/feedloom.jsa, before JAVA_OPTS): the start-up and resident memory of that command.

# The JVM options of serve: JAVA_OPTS, after the class-data archive with ARCHIVE=1.
memory_opts() {
  if [ "${ARCHIVE:-0}" = 1 ]; then
    [ -f "$ROOT/target/feedloom.jsa" ] || { log "no target/feedloom.jsa: mvn package writes it"; return 1; }
    echo "-XX:SharedArchiveFile=$ROOT/target/feedloom.jsa${JAVA_OPTS:+ $JAVA_OPTS}"
  else
    echo "${JAVA_OPTS:-}"
  fi
}

bench_memory() {
  local articles="${ARTICLES:-100000}"
  memory_fill "$articles"
  memory_rounds "$articles"
}

# The store of ARTICLES (a multiple of 100) generated articles in a new work folder, filled by one export from nginx
# on 127.0.0.1 (left running, on $MEMORY_PORT); sets MEMORY_SOURCES.
memory_fill() {
  local articles="$1"
  apt_need nginx-light
  build_jar
  make_work
  chmod 755 "$WORK"
  if [ "${CORPUS:-generated}" = realistic ]; then
    MEMORY_SOURCES=$(( articles / 60 ))
    $PY "$BENCH/lib/gen_realistic.py" "$WORK/www" "$MEMORY_SOURCES" 12 >&2
  else
    MEMORY_SOURCES=$(( articles / 100 ))
    $PY "$BENCH/lib/gen_feeds.py" "$WORK/www" "$MEMORY_SOURCES" 7 100 100 0 >&2
  fi
  chmod -R a+rX "$WORK/www"
  local port; port="$(free_port)"
  sed -e "s#@WORK@#$WORK#g" -e "s#@ROOT@#$WORK/www#g" -e "s#@PORT@#$port#g" -e "s#@ACCESS_LOG@#off#g" \
    "$BENCH/lib/nginx.conf.in" >"$WORK/nginx.conf"
  start_nginx "$WORK/nginx.conf" "$port"
  $PY "$BENCH/lib/fetch_config.py" "$WORK/config" "$port" "$WORK/www/feeds" 8 8
  printf 'retention:\n  maxAgeDays: 3650\n  maxItemsPerSource: 500\n' >>"$WORK/config/feedloom.yaml"
  mkdir -p "$WORK/seeds"
  log "filling the store (one export)"
  java -jar "$ROOT/target/feedloom.jar" export --config "$WORK/config" --seeds "$WORK/seeds" --data "$WORK/data" \
    --out "$WORK/out" 2>/dev/null | tail -1 >&2
  MEMORY_PORT="$port"
}

# The memory benchmark after memory_fill: RUNS rounds of serve on the store, written to bench/results.
memory_rounds() {
  local articles="$1" port="$MEMORY_PORT"
  local raw="$WORK/memory.jsonl"; : >"$raw"
  machine_json >"$WORK/machine.json"
  local r
  for r in $(seq 1 "$RUNS"); do
    log "round $r/$RUNS"
    memory_round "$port" >>"$raw"
    tail -1 "$raw" >&2
  done
  machine_json >"$WORK/machine.end.json"
  local name="memory${ARTICLES:+-$articles}"
  [ "$articles" = 100000 ] && name=memory
  [ "${CORPUS:-generated}" = realistic ] && name="$name-realistic"
  [ "${ARCHIVE:-0}" = 1 ] && name="$name-archive"
  cp "$raw" "$BENCH/results/$name.raw.jsonl"
  local opts; opts="$(memory_opts)"; opts="${opts//$ROOT\//}" # the archive's path as the README gives it
  $PY "$BENCH/lib/report.py" memory "$WORK/machine.json" "$WORK/machine.end.json" "$raw" "${opts:-none}" \
    "$articles" >"$BENCH/results/$name.md"
  log "wrote bench/results/$name.md"
  cat "$BENCH/results/$name.md"
}

# The seconds from instant $1 to instant $2 (both as $EPOCHREALTIME gives them), to the millisecond.
seconds_since() { awk -v t0="$1" -v t1="$2" 'BEGIN { printf "%.3f", t1 - t0 }'; }

# Starts `feedloom serve` on the store with JVM options $1; waits for its `listening on` line and for the first 200
# of a topic feed. Sets SERVE_PID, SERVE_URL, SERVE_LISTENING and SERVE_FIRST (seconds from `java -jar`) and
# SERVE_COLD (curl's "code time" of that first 200: the process's first render).
serve_to_first_feed() {
  local opts="$1" out="$WORK/serve.out" t0 i
  : >"$out"
  # each instant read by the shell itself when it happens: a python interpreter started to read the clock took
  # 0.3 s here, which the figures before 2026-12-05 11:00Z included once in listening and twice in
  # the first feed
  t0="$EPOCHREALTIME"
  # shellcheck disable=SC2086
  java $opts -jar "$ROOT/target/feedloom.jar" serve --config "$WORK/config" --seeds "$WORK/seeds" \
    --data "$WORK/data" --port 0 >"$out" 2>"$WORK/serve.err" &
  SERVE_PID=$!
  PIDS+=("$SERVE_PID")
  SERVE_URL=""
  for i in $(seq 1 4000); do
    SERVE_URL="$(sed -n 's/^listening on //p' "$out")"
    [ -n "$SERVE_URL" ] && break
    sleep 0.005
  done
  SERVE_LISTENING="$(seconds_since "$t0" "$EPOCHREALTIME")"
  for i in $(seq 1 2000); do
    SERVE_COLD="$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "${SERVE_URL}feeds/research.xml" || true)"
    [ "${SERVE_COLD%% *}" = 200 ] && break
    sleep 0.01
  done
  SERVE_FIRST="$(seconds_since "$t0" "$EPOCHREALTIME")"
}

# One serve run: start-up to first feed, cold render, then memory after the refresh. One JSON line.
memory_round() {
  local status i
  serve_to_first_feed "$(memory_opts)"
  local pid="$SERVE_PID" url="$SERVE_URL" listening="$SERVE_LISTENING" first="$SERVE_FIRST" cold="$SERVE_COLD"
  local warm; warm="$(curl -s -o /dev/null -w '%{time_total}' "${url}feeds/research.xml")"
  # wait for the start-up refresh (at most 2 minutes per 1,000 sources): the stored archive merged ("merging": false),
  # all sources listed and every one out of "pending"
  for i in $(seq 1 $(( MEMORY_SOURCES * 12 / 10 ))); do
    status="$(curl -s "${url}status")"
    echo "$status" | grep -q '"merging":false' && [ "$(echo "$status" | grep -o '"state":' | wc -l)" -ge "$MEMORY_SOURCES" ] \
      && ! echo "$status" | grep -q '"pending"' && break
    sleep 0.1
  done
  # a render in the running process: a Host header not asked before misses the rendered-bytes cache (the median
  # of 5 such requests)
  local miss; miss="$(for i in 1 2 3 4 5; do
    curl -s -o /dev/null -H "Host: cold-$i.example" -w '%{time_total}\n' "${url}feeds/research.xml"; done |
    sort -n | sed -n 3p)"
  # the same for the topic's later pages (RFC 5005 paging): the second, the middle and the last, the last page's
  # number from the first page's rel="last" link (a topic of one page: that page three times)
  local last; last="$(curl -s "${url}feeds/research.xml" | sed -n 's/.*rel="last"[^>]*?page=\([0-9]*\)".*/\1/p' | head -1)"
  last="${last:-1}"
  local pages="" p
  for p in $(( last < 2 ? last : 2 )) $(( (last + 1) / 2 )) "$last"; do
    pages="$pages $(for i in 1 2 3 4 5; do
      curl -s -o /dev/null -H "Host: page-$p-$i.example" -w '%{time_total}\n' "${url}feeds/research.xml?page=$p"; done |
      sort -n | sed -n 3p)"
  done
  local articles; articles="$(curl -s "${url}healthz" | sed -n 's/.*"articles":\([0-9]*\).*/\1/p')"
  local rss_before; rss_before="$(awk '/VmRSS/{print $2}' /proc/$pid/status)"
  # and 10 s later, the server idle: what it holds between requests once the JVM has given back what it can (the
  # native heap, with -XX:TrimNativeHeapInterval)
  sleep 10
  local rss_idle; rss_idle="$(awk '/VmRSS/{print $2}' /proc/$pid/status)"
  jcmd "$pid" GC.run >/dev/null
  sleep 0.5
  local heap; heap="$(jcmd "$pid" GC.heap_info | tr '\n' ' ')"
  local rss_after; rss_after="$(awk '/VmRSS/{print $2}' /proc/$pid/status)"
  # then, the heap measured without it, with the rendered-bytes cache full, as a crawler walking a topic's pages
  # fills it: its pages asked with new Host headers (each a document of its own) until the cache holds 60 MiB of its
  # 64 MiB budget (at most 4,000 requests); the resident memory 10 s after that
  local n=0 cached=0 i
  while [ "$n" -lt 4000 ]; do
    for i in $(seq 1 50); do
      n=$(( n + 1 ))
      curl -s -o /dev/null -H "Host: fill-$n.example" -H 'Accept-Encoding: gzip' "${url}feeds/research.xml?page=$(( n % last + 1 ))"
    done
    cached="$(curl -s "${url}metrics" | awk '/^feedloom_cache_bytes\{cache="rendered"\}/ {printf "%d", $2}')"
    [ "${cached:-0}" -ge $(( 60 * 1024 * 1024 )) ] && break
  done
  sleep 10
  local rss_full; rss_full="$(awk '/VmRSS/{print $2}' /proc/$pid/status)"
  local hwm; hwm="$(awk '/VmHWM/{print $2}' /proc/$pid/status)"
  stop_pid "$pid"
  $PY - "$first" "$cold" "$warm" "$rss_before" "$rss_after" "$hwm" "$articles" "$heap" "$listening" "$miss" \
    "$last" "$rss_idle" "$rss_full" "${cached:-0}" $pages <<'PYEOF'
import json, re, sys
(first, cold, warm, rss, rss_gc, hwm, articles, heap, listening, miss, last, rss_idle, rss_full, cached, page2, middle,
 deepest) = sys.argv[1:]
# G1 prints one "garbage-first heap total ..K, used ..K" line; the serial and parallel collectors one line per
# generation ("def new generation", "tenured generation", "PSYoungGen", "ParOldGen"): add those up
g1 = re.search(r"garbage-first heap\s+total (\d+)K, used (\d+)K", heap)
gens = re.findall(r"(?:generation|Gen)\s+total (\d+)K, used (\d+)K", heap)
class M:
    def __init__(self, v): self.v = v
    def group(self, _): return self.v
used = M(g1.group(2)) if g1 else M(str(sum(int(u) for _, u in gens))) if gens else None
total = M(g1.group(1)) if g1 else M(str(sum(int(t) for t, _ in gens))) if gens else None
print(json.dumps({"first_feed_s": float(first), "listening_s": float(listening),
                  "cold_render_s": float(cold.split()[1]), "miss_s": float(miss), "warm_s": float(warm),
                  "last_page": int(last), "miss_page2_s": float(page2), "miss_middle_s": float(middle),
                  "miss_last_s": float(deepest),
                  "rss_mb": int(rss) / 1024, "rss_idle_mb": int(rss_idle) / 1024, "rss_cache_full_mb": int(rss_full) / 1024,
                  "cache_mb": int(cached) / 1048576, "rss_after_gc_mb": int(rss_gc) / 1024, "hwm_mb": int(hwm) / 1024,
                  "heap_used_mb": int(used.group(1)) / 1024 if used else None,
                  "heap_committed_mb": int(total.group(1)) / 1024 if total else None,
                  "articles": int(articles or 0), "heap_info": heap.strip()}))
PYEOF
}
