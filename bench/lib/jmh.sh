# bench/run jmh: JMH micro-benchmarks of the canonicaliser, the Atom renderer, the parser (fast path and ROME) and the
# store's restart reads (a sync of unchanged articles, reading stored items back),
# so that a regression in one of them shows in isolation. One fork, 3 warm-up and 5 measured iterations of 1 s
# each (2 s for the store's); the figure is JMH's mean with its 99.9% error. Extra arguments go to JMH (e.g. a benchmark regex).

bench_jmh() {
  build_bench
  make_work
  machine_json >"$WORK/machine.json"
  java -cp "$(bench_cp)" org.openjdk.jmh.Main -rf json -rff "$WORK/jmh.json" "${@:-org.feedloom.bench.jmh}" \
    | tee "$WORK/jmh.txt" | grep -E '^(Benchmark|[A-Z][A-Za-z]+Bench\.)' >&2
  machine_json >"$WORK/machine.end.json"
  sed 's#"jvm" : "[^"]*"#"jvm" : "java"#' "$WORK/jmh.json" >"$BENCH/results/jmh.raw.json"
  $PY "$BENCH/lib/report.py" jmh "$WORK/machine.json" "$WORK/machine.end.json" "$WORK/jmh.json" >"$BENCH/results/jmh.md"
  log "wrote bench/results/jmh.md"
  cat "$BENCH/results/jmh.md"
}
