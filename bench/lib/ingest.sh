# bench/run ingest: 1,000 generated feeds (bench/lib/gen_feeds.py, seeded) parsed, canonicalised and deduped by
# Feedloom in one JVM, and parsed by the peers on the same files: python3-feedparser, sfeed (one process per
# feed, and one stream), the npm package rss-parser, and a bare JDK StAX pass (the ceiling of any Java XML parse).
# RUNS rounds; in each round every tool makes one measured pass, so they all see the same minutes of the
# (shared) machine. JVM and node passes follow warm-up passes in the same process.

bench_ingest() {
  apt_need sfeed python3-feedparser
  command -v node >/dev/null || apt_need nodejs npm
  (cd "$BENCH/node" && npm install --no-audit --no-fund --silent >/dev/null)
  build_bench
  make_work
  log "generating the corpus"
  $PY "$BENCH/lib/gen_feeds.py" "$WORK/corpus" 1000 6 | tee "$WORK/gen.txt" >&2
  local feeds="$WORK/corpus/feeds" raw="$WORK/ingest.jsonl" cp; cp="$(bench_cp)"
  : >"$raw"
  machine_json >"$WORK/machine.json"
  local r
  for r in $(seq 1 "$RUNS"); do
    log "round $r/$RUNS"
    java -cp "$cp" org.feedloom.bench.Ingest stax "$feeds" 1 2 1 2>/dev/null >>"$raw"
    java -cp "$cp" org.feedloom.bench.Ingest stax "$feeds" 1 2 2 2>/dev/null >>"$raw"
    java -cp "$cp" org.feedloom.bench.Ingest feedloom "$feeds" 1 2 1 2>/dev/null >>"$raw"
    java -cp "$cp" org.feedloom.bench.Ingest feedloom "$feeds" 1 2 2 2>/dev/null >>"$raw"
    java -cp "$cp" org.feedloom.bench.Ingest feedloom-rome "$feeds" 1 1 1 2>/dev/null >>"$raw"
    $PY "$BENCH/peers/feedparser_ingest.py" "$feeds" 1 >>"$raw"
    node "$BENCH/node/rss_parser_ingest.js" "$feeds" 1 >>"$raw"
    sfeed_pass per-file "$feeds" >>"$raw"
    sfeed_pass stream "$feeds" >>"$raw"
  done
  machine_json >"$WORK/machine.end.json"
  cp "$raw" "$BENCH/results/ingest.raw.jsonl"
  $PY "$BENCH/lib/report.py" ingest "$WORK/machine.json" "$WORK/machine.end.json" "$raw" "$WORK/corpus/expected.json" \
    "$(dpkg-query -W -f='${Version}' python3-feedparser 2>/dev/null) / $(dpkg-query -W -f='${Version}' sfeed 2>/dev/null) / $(cd "$BENCH/node" && node -p 'require("rss-parser/package.json").version') / node $(node --version)" \
    >"$BENCH/results/ingest.md"
  log "wrote bench/results/ingest.md"
  cat "$BENCH/results/ingest.md"
}

# sfeed_pass per-file|stream DIR: one JSON line; items are sfeed's output lines (one per item).
sfeed_pass() {
  local how="$1" dir="$2" t0 t1 items bytes
  bytes="$(cat "$dir"/*.xml | wc -c)"
  t0="$(date +%s.%N)"
  if [ "$how" = per-file ]; then
    items="$(for f in "$dir"/*.xml; do sfeed <"$f"; done | wc -l)"
  else
    items="$(cat "$dir"/*.xml | sfeed | wc -l)"
  fi
  t1="$(date +%s.%N)"
  printf '{"tool":"sfeed-%s","seconds":%s,"files":%s,"bytes":%s,"items":%s}\n' "$how" \
    "$($PY -c "print(round($t1 - $t0, 4))")" "$(ls "$dir" | wc -l)" "$bytes" "$items"
}
