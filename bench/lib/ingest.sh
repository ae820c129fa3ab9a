# bench/run ingest: feeds parsed, canonicalised and deduped by Feedloom in one JVM, and parsed by the peers on the
# same files, on up to three corpora (CORPORA, default generated,realworld,realistic):
#   generated   1,000 feeds of bench/lib/gen_feeds.py (seeded; the narrow RSS/Atom subset of the StAX fast path)
#   realworld   the test corpus's real-world XML captures, copied unchanged to REALWORLD_MB (default 50) MB
#               (bench/lib/realworld_corpus.py); Feedloom also reads them with the JSON Feed captures
#   realistic   REALISTIC_FEEDS (default 1,000) feeds of bench/lib/gen_realistic.py (seeded; as WordPress,
#               Substack, Ghost, Hugo, Jekyll, Blogger and news sites publish them, full HTML bodies)
# Tools: Feedloom (1 and 2 threads), Feedloom with the store (the feeds committed to SQLite 64 to a transaction, as
# the server's one writer commits them when busy, each batch merged incrementally; INGEST_STORE_BATCH=1 commits
# feed by feed; STORE=0 leaves it out; MERGED=1 adds the same pass with each batch merged into the merge state the
# store keeps, issue 13's design of the merge in the database), Feedloom with ROME for every feed, Feedloom with syndicated copies not
# folded, python3-feedparser, sfeed (one process per feed, and one stream), a bare JDK StAX pass (1 and 2
# threads; the ceiling of any Java XML parse), and the npm package rss-parser on the generated corpus only. RUNS
# rounds; in each round every tool makes one measured pass over each corpus, one corpus after the other, so a
# corpus's tools all see the same minutes of the (shared) machine. JVM and node passes follow warm-up passes in
# the same process. Every JVM pass runs with a heap of INGEST_HEAP (default 4g) sized and touched before its first
# pass (-Xms, -Xmx, -XX:+AlwaysPreTouch): a Feedloom pass holds every item of the corpus at once (about 2 GB on the
# realistic corpus), and a heap growing inside the measured pass put the kernel's zeroing of new memory and the
# collector's resizing into one figure and not another (3.4-8.3 s passes of the same code on 2026-12-02, against
# 3.5-3.8 s with the heap sized first). Then JAVA_OPTS (default none: the JVM's defaults), reported. The README's
# serve options (JAVA_OPTS="$README_OPTS") made this benchmark slower on 2026-12-02 (results/ingest-readme-jvm-
# options.md): a pass holds every item of the corpus at once, and their heap limits keep that heap tight, so it is
# collected in full again and again, where a server holds one fetch's items at a time.

bench_ingest() {
  local corpora="${CORPORA:-generated,realworld,realistic}" c
  apt_need sfeed python3-feedparser
  if has_corpus generated; then
    command -v node >/dev/null || apt_need nodejs npm
    (cd "$BENCH/node" && npm install --no-audit --no-fund --silent >/dev/null)
  fi
  build_bench
  make_work
  for c in ${corpora//,/ }; do
    log "generating the $c corpus"
    case "$c" in
      generated) $PY "$BENCH/lib/gen_feeds.py" "$WORK/$c" 1000 6 ;;
      realworld) $PY "$BENCH/lib/realworld_corpus.py" "$ROOT/src/test/resources/corpus" "$WORK/$c" "${REALWORLD_MB:-50}" ;;
      realistic) $PY "$BENCH/lib/gen_realistic.py" "$WORK/$c" "${REALISTIC_FEEDS:-1000}" 12 ;;
      *) log "unknown corpus '$c' (generated, realworld, realistic)"; return 2 ;;
    esac | tee "$WORK/$c.gen.txt" >&2
  done
  local raw="$WORK/ingest.jsonl" r
  : >"$raw"
  machine_json >"$WORK/machine.json"
  for r in $(seq 1 "$RUNS"); do
    for c in ${corpora//,/ }; do
      log "round $r/$RUNS: $c"
      ingest_round "$c" "$WORK/$c/feeds" | sed "s/^{/{\"corpus\":\"$c\",\"round\":$r,/" >>"$raw"
    done
  done
  machine_json >"$WORK/machine.end.json"
  cp "$raw" "$BENCH/results/ingest.raw.jsonl"
  local rss_parser="not run"
  has_corpus generated && rss_parser="$(cd "$BENCH/node" && node -p 'require("rss-parser/package.json").version') on node $(node --version)"
  $PY "$BENCH/lib/report.py" ingest "$WORK/machine.json" "$WORK/machine.end.json" "$raw" "$WORK" "$corpora" \
    "$(dpkg-query -W -f='${Version}' python3-feedparser 2>/dev/null) / $(dpkg-query -W -f='${Version}' sfeed 2>/dev/null) / $rss_parser" \
    "$(ingest_jvm)" "${INGEST_WARMUP:-30}" \
    >"$BENCH/results/ingest.md"
  log "wrote bench/results/ingest.md"
  cat "$BENCH/results/ingest.md"
}

# The options of every JVM pass: the heap sized first, then JAVA_OPTS.
ingest_jvm() {
  local heap="${INGEST_HEAP:-4g}"
  echo "-Xms$heap -Xmx$heap -XX:+AlwaysPreTouch${JAVA_OPTS:+ $JAVA_OPTS}"
}

has_corpus() { [[ ",${CORPORA:-generated,realworld,realistic}," == *",$1,"* ]]; }

# ingest_round CORPUS DIR: a measured pass of every tool over DIR, one JSON line each (and each JVM's first, cold
# pass, as MODE-first); the StAX, Feedloom, folding-off and store JVMs measure INGEST_PASSES passes each (default 5; the
# report counts each JVM as its median): one pass a JVM left the 2-thread figures at the mercy of one pass's heap and
# JIT (realistic 2-thread speed-ups of 1.53, 1.14 and 1.17x in three rounds of one run on 2026-12-02). The JVM
# passes follow 2 warm-up passes on every corpus (1 for the slower ROME-only mode), and as many more as fit in
# INGEST_WARMUP seconds (default 30; it was 15 until a run showed 2-thread JVMs, whose parsing threads leave the JIT's
# compiler threads no idle core on this machine, still at 2.2 s a real-world pass 20 s in, against 0.7 s once
# compiled) from the JVM's first pass: on 2026-12-02 the real-world
# corpus's passes (1.3 s, then under 1 s) went on getting faster until the sixth, about 9 s in, the realistic
# corpus's (3 s) until the fourth, about 12 s in, so 2 passes measured the JIT's progress on one corpus and not on
# the other. (Before that, the realistic corpus had 1 warm-up pass, its passes being long, but its second pass still
# ran partly in code the JIT had not compiled yet: the parsing thread's CPU time per pass in one JVM was 7.3, 5.2,
# 3.0 and 2.7 s.)
ingest_round() {
  local c="$1" feeds="$2" cp w=2 jvm t="${INGEST_WARMUP:-30}" n="${INGEST_PASSES:-5}"; jvm="$(ingest_jvm)"
  cp="$(bench_cp)"
  java $jvm -cp "$cp" org.feedloom.bench.Ingest stax "$feeds" "$n" "$w" 1 "$t" 2>/dev/null
  java $jvm -cp "$cp" org.feedloom.bench.Ingest stax "$feeds" "$n" "$w" 2 "$t" 2>/dev/null
  java $jvm -cp "$cp" org.feedloom.bench.Ingest feedloom "$feeds" "$n" "$w" 1 "$t" 2>/dev/null
  java $jvm -cp "$cp" org.feedloom.bench.Ingest feedloom "$feeds" "$n" "$w" 2 "$t" 2>/dev/null
  java $jvm -cp "$cp" org.feedloom.bench.Ingest feedloom-rome "$feeds" 1 1 1 "$t" 2>/dev/null
  java $jvm -cp "$cp" org.feedloom.bench.Ingest feedloom-nofold "$feeds" "$n" "$w" 1 "$t" 2>/dev/null
  [ "${STORE:-1}" = 1 ] && java $jvm -cp "$cp" org.feedloom.bench.Ingest feedloom-store "$feeds" "$n" "$w" 1 "$t" 2>/dev/null
  [ "${MERGED:-0}" = 1 ] && java $jvm -cp "$cp" org.feedloom.bench.Ingest feedloom-store-merged "$feeds" "$n" "$w" 1 "$t" \
    2>/dev/null
  if [ "$c" = realworld ]; then
    java $jvm -cp "$cp" org.feedloom.bench.Ingest feedloom "$(dirname "$feeds")/all" 1 "$w" 1 "$t" 2>/dev/null \
      | sed 's/"tool":"feedloom\(-first\)\{0,1\}"/"tool":"feedloom-with-json\1"/'
  fi
  $PY "$BENCH/peers/feedparser_ingest.py" "$feeds" 1
  [ "$c" = generated ] && node "$BENCH/node/rss_parser_ingest.js" "$feeds" 1
  sfeed_pass per-file "$feeds"
  sfeed_pass stream "$feeds"
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
