# bench/run startup: `java -jar` to listening and to the first served feed on a store of 100,000 articles (the
# memory benchmark's store; ARTICLES sets another size), with the README's serve command and the same command
# without its class-data archive (-XX:SharedArchiveFile=target/feedloom.jsa, written by `mvn package`'s training
# run), alternating A B B A round after round so that the machine's drift falls on both.

source "$BENCH/lib/memory.sh"

bench_startup() {
  local articles="${ARTICLES:-100000}"
  memory_fill "$articles"
  [ -f "$ROOT/target/feedloom.jsa" ] || { log "no target/feedloom.jsa: mvn package writes it"; exit 1; }
  local raw="$WORK/startup.jsonl"; : >"$raw"
  machine_json >"$WORK/machine.json"
  local r variant
  for r in $(seq 1 "$RUNS"); do
    local order="archive plain"
    [ $(( r % 2 )) = 0 ] && order="plain archive"
    for variant in $order; do
      startup_round "$variant" "$r" >>"$raw"
      tail -1 "$raw" >&2
    done
  done
  machine_json >"$WORK/machine.end.json"
  cp "$raw" "$BENCH/results/startup.raw.jsonl"
  $PY "$BENCH/lib/report.py" startup "$WORK/machine.json" "$WORK/machine.end.json" "$raw" "$README_OPTS" \
    "$articles" >"$BENCH/results/startup.md"
  log "wrote bench/results/startup.md"
  cat "$BENCH/results/startup.md"
}

# One start: the seconds to the "listening on" line and to the first 200 of a topic feed. One JSON line.
startup_round() {
  local variant="$1" round="$2" opts="$README_OPTS" warned=0
  [ "$variant" = archive ] && opts="-XX:SharedArchiveFile=$ROOT/target/feedloom.jsa $opts"
  serve_to_first_feed "$opts"
  grep -q 'Unable to use shared archive' "$WORK/serve.out" "$WORK/serve.err" && warned=1
  stop_pid "$SERVE_PID"
  printf '{"variant": "%s", "round": %s, "listening_s": %s, "first_feed_s": %s, "archive_refused": %s, "load": "%s"}\n' \
    "$variant" "$round" "$SERVE_LISTENING" "$SERVE_FIRST" "$warned" "$(cut -d' ' -f1 /proc/loadavg)"
}
