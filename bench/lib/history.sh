# bench/run history: what the records of articles that left the archive cost a restart, and what a forgetting pass
# gives back. The store is the memory benchmark's fill (memory_fill: by default CORPUS=realistic and ARTICLES=60000,
# about 31,500 full posts); HISTORY (default 300000) articles that left it are added to a copy (add_history.py: their
# published ids, some first-seen times, noted gone 400 days ago, as a server running a pass a day would have them).
# Each of RUNS rounds opens, in JVMs of their own with JAVA_OPTS (HistoryBench: Main.embed to merged, the heap after a
# full collection): the store without history (`base`), a fresh copy with it, followed by a forgetting pass and the
# heap after it (`history`), and the store that pass left (`forgotten`). Prints; writes nothing. lock_ms is the longest
# a run of the pass held the rebuild lock (what a rebuild waited at most), from the pass's log line.

bench_history() {
  build_bench
  source "$BENCH/lib/memory.sh"
  CORPUS="${CORPUS:-realistic}" memory_fill "${ARTICLES:-60000}"
  local history="${HISTORY:-300000}" r v
  # every variant's store opened once before the rounds: its migrations and the readings they write not counted
  java ${JAVA_OPTS:-} -cp "$ROOT/target/feedloom.jar:$BENCH/target/feedloom-bench.jar" org.feedloom.bench.HistoryBench \
    "$WORK/config" "$WORK/seeds" "$WORK/data" >/dev/null 2>"$WORK/history.err" || { log "the first open failed"; return 1; }
  cp -r "$WORK/data" "$WORK/data.history"
  $PY "$BENCH/lib/add_history.py" "$WORK/data.history/feedloom.db" "$history" 400 noted
  echo "round variant seconds heap_mb forgotten pass_seconds heap_after_mb articles lock_ms load"
  for r in $(seq 1 "$RUNS"); do
    for v in base history forgotten; do
      rm -rf "$WORK/run"
      case "$v" in
        base) cp -r "$WORK/data" "$WORK/run" ;;
        history) cp -r "$WORK/data.history" "$WORK/run" ;;
        forgotten) cp -r "$WORK/data.forgotten" "$WORK/run" ;;
      esac
      # shellcheck disable=SC2086
      java ${JAVA_OPTS:-} -cp "$ROOT/target/feedloom.jar:$BENCH/target/feedloom-bench.jar" \
        org.feedloom.bench.HistoryBench "$WORK/config" "$WORK/seeds" "$WORK/run" \
        $([ "$v" = history ] && echo forget) 2>"$WORK/history.err" >"$WORK/history.out" \
        || { log "$v failed: $(tail -3 "$WORK/history.err")"; return 1; }
      if [ "$v" = history ] && [ ! -d "$WORK/data.forgotten" ]; then
        cp -r "$WORK/run" "$WORK/data.forgotten"
      fi
      echo "$r $v $($PY -c "import json; d = json.loads(open('$WORK/history.out').read().splitlines()[-1]); print(d['seconds'], d['heap_mb'], d['forgotten'], d['pass'], d['heap_after_mb'], d['articles'])") $(grep -o 'waited at most [0-9]*' "$WORK/history.err" | grep -o '[0-9]*$' || echo -) load=$(cut -d' ' -f1 /proc/loadavg)"
    done
  done
}
