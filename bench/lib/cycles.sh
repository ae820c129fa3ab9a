# bench/run cycles 'LABEL|JAR|JVM OPTIONS' ...: the fetch benchmark's in-process cycles (CycleBench: the first cycle
# on an empty store, four 304 cycles, three with 20 new posts) for each variant, the variants alternating within each
# of RUNS rounds, a fresh store each run; one line per run with each cycle's seconds and the load. For comparing two
# builds or two sets of JVM options in the same minutes (results/fetch-heap-options.md); copy the other build's jar
# out of target/ first. PREFILL=N: on a store already holding N articles (as bench/run fetch), which each variant's
# jar opens once (`reindex`) before the rounds, so that a schema migration or a rewrite of the article rows it makes
# is not counted in its first cycle; PREFILL_JAR: the jar that writes that store (default the build's), the older one
# when the variants are on both sides of a schema migration.

bench_cycles() {
  [ "$#" -gt 0 ] || { log "usage: bench/run cycles 'label|jar|options' ..."; return 2; }
  apt_need nginx-light
  build_bench
  make_work
  chmod 755 "$WORK"
  gen_fetch_feeds 1000
  local port; port="$(free_port)"
  fetch_nginx_conf "$port" 2
  start_nginx "$WORK/nginx.conf" "$port"
  $PY "$BENCH/lib/fetch_config.py" "$WORK/config" "$port" "$WORK/www/feeds" 2 8
  mkdir -p "$WORK/seeds"
  if [ -n "${PREFILL:-}" ]; then
    prefill_store "$port" "$PREFILL"
    for v in "$@"; do
      IFS='|' read -r label jar opts <<<"$v"
      cp -r "$WORK/prefill-data" "$WORK/prefill-data.$label"
      java -jar "$jar" reindex --config "$WORK/config" --seeds "$WORK/seeds" --data "$WORK/prefill-data.$label" \
        >/dev/null 2>"$WORK/reindex.$label.err" || { log "reindex with $jar failed"; return 1; }
    done
  fi
  local cycles=$(( IN_PROCESS_CYCLES + CHANGED_CYCLES )) r v label jar opts
  echo "round variant first second 3rd 4th 5th changed×3 load"
  for r in $(seq 1 "$RUNS"); do
    for v in "$@"; do
      IFS='|' read -r label jar opts <<<"$v"
      fresh_store
      if [ -n "${PREFILL:-}" ]; then rm -rf "$WORK/data"; cp -r "$WORK/prefill-data.$label" "$WORK/data"; fi
      # shellcheck disable=SC2086
      java $opts -cp "$jar:$BENCH/target/feedloom-bench.jar" org.feedloom.bench.CycleBench "$WORK/config" \
        "$WORK/seeds" "$WORK/data" "$cycles" "$WORK/www/updates" "$WORK/www/feeds" "$(( IN_PROCESS_CYCLES + 1 ))" \
        2>"$WORK/cycle.err" >"$WORK/cycle.out"
      cp -p "$WORK/feeds.orig"/* "$WORK/www/feeds/"
      echo "$r $label $($PY -c "import json; print(' '.join(str(round(json.loads(l)['seconds'], 2)) for l in open('$WORK/cycle.out')))") load=$(cut -d' ' -f1 /proc/loadavg)"
    done
  done
}
