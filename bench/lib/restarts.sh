# bench/run restarts 'LABEL|JAR|JVM OPTIONS' ...: a restart (RestartBench: Main.embed reads the store back, merges the
# stored archive, publishes and syncs it, what serve does in the background once it listens) of one filled store for
# each variant, the variants alternating within each of RUNS rounds, each on a fresh copy of the store in a JVM of its
# own; one line per restart with its seconds, the process's CPU seconds and the load. For comparing two builds or two
# sets of JVM options in the same minutes; prints, writes nothing; copy the other build's jar out of target/ first.
# The store is the memory benchmark's fill (memory_fill): by default CORPUS=realistic and ARTICLES=60000, 1,000 feeds
# of full posts as WordPress, Substack, Ghost, Hugo and news sites publish them (about 31,500 articles; the ingest
# benchmark's realistic corpus), fetched once by `export`. Each variant's jar opens its own copy once before the
# rounds, so that a schema migration or the readings it writes (fold anchors, story terms) are not counted.

bench_restarts() {
  [ "$#" -gt 0 ] || { log "usage: bench/run restarts 'label|jar|options' ..."; return 2; }
  build_bench
  source "$BENCH/lib/memory.sh"
  CORPUS="${CORPUS:-realistic}" memory_fill "${ARTICLES:-60000}"
  local v label jar opts r
  for v in "$@"; do
    IFS='|' read -r label jar opts <<<"$v"
    cp -r "$WORK/data" "$WORK/data.$label"
    # shellcheck disable=SC2086
    java $opts -cp "$jar:$BENCH/target/feedloom-bench.jar" org.feedloom.bench.RestartBench "$WORK/config" \
      "$WORK/seeds" "$WORK/data.$label" >/dev/null 2>"$WORK/restart.$label.err" \
      || { log "the first open with $jar failed"; return 1; }
  done
  echo "round variant seconds cpu articles load"
  for r in $(seq 1 "$RUNS"); do
    for v in "$@"; do
      IFS='|' read -r label jar opts <<<"$v"
      rm -rf "$WORK/run"
      cp -r "$WORK/data.$label" "$WORK/run"
      # shellcheck disable=SC2086
      java $opts -cp "$jar:$BENCH/target/feedloom-bench.jar" org.feedloom.bench.RestartBench "$WORK/config" \
        "$WORK/seeds" "$WORK/run" 2>"$WORK/restart.err" >"$WORK/restart.out"
      echo "$r $label $($PY -c "import json; d = json.loads(open('$WORK/restart.out').read().splitlines()[-1]); print(d['seconds'], d['cpu'], d['articles'])") load=$(cut -d' ' -f1 /proc/loadavg)"
    done
  done
}
