# bench/run serve: wrk, 64 keep-alive connections, against one cached topic feed (50 entries, ~100 KB) served by
# Feedloom and the same bytes served by nginx as a static file (plus a pre-gzipped copy for gzip_static).
# Three cases: identity, gzip (Accept-Encoding: gzip) and the 304 path (If-None-Match with the ETag).
# Each case: a 5 s warm-up per server, then RUNS rounds of DURATION seconds, Feedloom and nginx alternating.
# SMALL=1 serves the README's defaults instead: the repository's seeds, /feeds/all.xml (about 26 KB), issue 13's
# small-document case (its targets: 0.8x nginx for the document, 1.0x for 304s, p99 at most max(10 ms, nginx's)).

bench_serve() {
  local duration="${DURATION:-15}" conns=64 threads=2
  apt_need wrk nginx-light
  build_jar
  make_work
  chmod 755 "$WORK"
  log "work folder $WORK"
  local doc=bench
  if [ "${SMALL:-0}" = 1 ]; then
    doc=all
    mkdir -p "$WORK/config" && cp -r "$ROOT/seeds" "$WORK/seeds"
  else
    $PY "$BENCH/lib/serve_seeds.py" "$WORK"
  fi
  start_feedloom --config "$WORK/config" --seeds "$WORK/seeds" --data "$WORK/data" --host 127.0.0.1
  local fl="${FL_URL}feeds/$doc.xml"
  mkdir -p "$WORK/www"
  curl -sf "$fl" -o "$WORK/www/bench.xml"
  curl -sf -H 'Accept-Encoding: gzip' "$fl" -o "$WORK/www/bench.xml.gz"
  local lm; lm="$(curl -sfI "$fl" | sed -n 's/^Last-Modified: //Ip' | tr -d '\r')"
  touch -d "$lm" "$WORK/www/bench.xml" "$WORK/www/bench.xml.gz"
  chmod -R a+rX "$WORK/www"
  local port; port="$(free_port)"
  sed -e "s#@WORK@#$WORK#g" -e "s#@ROOT@#$WORK/www#g" -e "s#@PORT@#$port#g" -e "s#@ACCESS_LOG@#off#g" \
    "$BENCH/lib/nginx.conf.in" >"$WORK/nginx.conf"
  start_nginx "$WORK/nginx.conf" "$port"
  local ng="http://127.0.0.1:$port/bench.xml"

  # the same bytes from both, and the validators each one gives
  cmp <(curl -sf "$fl") <(curl -sf "$ng") || { log "identity bodies differ"; return 1; }
  cmp <(curl -sf -H 'Accept-Encoding: gzip' "$fl") <(curl -sf -H 'Accept-Encoding: gzip' "$ng") \
    || { log "gzip bodies differ"; return 1; }
  local fl_etag ng_etag
  fl_etag="$(curl -sfI "$fl" | sed -n 's/^ETag: //Ip' | tr -d '\r')"
  ng_etag="$(curl -sfI "$ng" | sed -n 's/^ETag: //Ip' | tr -d '\r')"
  for pair in "$fl|$fl_etag" "$ng|$ng_etag"; do
    local code; code="$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: ${pair#*|}" "${pair%%|*}")"
    [ "$code" = 304 ] || { log "expected 304 from ${pair%%|*}, got $code"; return 1; }
  done
  log "identity $(stat -c %s "$WORK/www/bench.xml") bytes, gzip $(stat -c %s "$WORK/www/bench.xml.gz") bytes; ETags $fl_etag / $ng_etag"

  local raw="$WORK/serve.raw"; : >"$raw"
  machine_json >"$WORK/machine.json"
  for case in identity gzip 304; do
    local fl_h=() ng_h=()
    case "$case" in
      gzip) fl_h=(-H 'Accept-Encoding: gzip'); ng_h=(-H 'Accept-Encoding: gzip') ;;
      304) fl_h=(-H "If-None-Match: $fl_etag"); ng_h=(-H "If-None-Match: $ng_etag") ;;
    esac
    log "$case: warm-up"
    wrk -t$threads -c$conns -d5s "${fl_h[@]}" "$fl" >/dev/null
    wrk -t$threads -c$conns -d5s "${ng_h[@]}" "$ng" >/dev/null
    local r
    for r in $(seq 1 "$RUNS"); do
      log "$case: round $r/$RUNS"
      { echo "### feedloom $case $r"; wrk -t$threads -c$conns -d"${duration}s" --latency "${fl_h[@]}" "$fl"; } >>"$raw"
      { echo "### nginx $case $r"; wrk -t$threads -c$conns -d"${duration}s" --latency "${ng_h[@]}" "$ng"; } >>"$raw"
    done
  done
  machine_json >"$WORK/machine.end.json"
  local name="serve${SMALL:+-small}"
  [ "${SMALL:-0}" = 1 ] || name=serve
  cp "$raw" "$BENCH/results/$name.raw.txt"
  $PY "$BENCH/lib/report.py" serve "$WORK/machine.json" "$WORK/machine.end.json" "$raw" \
    "$(stat -c %s "$WORK/www/bench.xml")" "$(stat -c %s "$WORK/www/bench.xml.gz")" "$(nginx -v 2>&1)" \
    "wrk $threads threads, $conns connections, ${duration} s, $RUNS rounds" "${SMALL:-0}" >"$BENCH/results/$name.md"
  log "wrote bench/results/$name.md"
  cat "$BENCH/results/$name.md"
}
