# bench/run instances: the first refresh cycle of the fetch benchmark's sources (SOURCES, default 1,000 generated
# feeds on one nginx on 127.0.0.1) with 1, 2 and 3 Feedloom instances (`serve`) sharing one PostgreSQL store (started
# here from Debian's binaries, 127.0.0.1 only, its default durability), each with its own data folder and the same
# configuration (the fetch benchmark's, with store.url and site.baseUrl) and seeds (none). Each of RUNS (default 3)
# rounds runs every N of INSTANCES (default "1 2 3") in that order, so the machine's load of the moment weighs on all
# alike. Each run: the database dropped and created again, the data folders emptied, nginx started again with its
# limit and an empty access log, N instances launched at once; then
#   (a) the seconds from the launch until every source has status OK in source_state (psql every 100 ms; given up
#       after CYCLE_TIMEOUT seconds, default 300);
#   (b) from nginx's access log: requests, statuses, the peak in flight, the first-to-last request span;
#   (c) the sources fetched more than once (request URIs answered 200 or 304 more than once);
#   (d) the seconds from (a) until every instance serves the same bytes and ETag for /feeds/all.xml, having merged
#       every article (/healthz counts the generator's unique articles); polled every 100 ms for up to AGREE_TIMEOUT
#       seconds (default 30); what each served meanwhile goes to the run's agree.log; then each instance's /healthz
#       article count and its fetch and lease counts from /metrics;
# then the instances are stopped by their PIDs (SIGTERM; SIGKILL after 30 s, reported) and their exit checked.
# fetch.perHost holds for the instances together (shared request slots in the database), so nginx's limit_conn is
# PER_HOST for every N (a 503 means the instances together broke it); LIMIT=per-instance makes it PER_HOST x N
# instead, as for a Feedloom whose limit is each instance's own. JAVA_OPTS: every instance's JVM options. Results: bench/results/instances.md (raw beside it).
source "$BENCH/lib/fetch.sh"

bench_instances() {
  local per_host="${PER_HOST:-2}" concurrency="${CONCURRENCY:-8}" sources="${SOURCES:-1000}"
  local limit_mode="${LIMIT:-shared}" counts="${INSTANCES:-1 2 3}"
  RUNS="${RUNS_GIVEN:-3}"
  case "$limit_mode" in per-instance|shared) ;; *) log "LIMIT is per-instance or shared"; return 2 ;; esac
  apt_need nginx-light postgresql curl
  build_jar
  make_work
  chmod 755 "$WORK"
  gen_fetch_feeds "$sources"
  EXPECTED_ARTICLES="$($PY -c 'import json, sys; print(json.load(open(sys.argv[1]))["unique"])' \
    "$WORK/www/expected.json")"
  NGINX_PORT="$(free_port)"
  $PY "$BENCH/lib/fetch_config.py" "$WORK/config" "$NGINX_PORT" "$WORK/www/feeds" "$per_host" "$concurrency"
  # the one public address every instance names in its self links, as behind a load balancer
  sed -i 's#^  title: Fetch bench$#&\n  baseUrl: https://feeds.example.org/#' "$WORK/config/feedloom.yaml"
  grep -q '^  baseUrl: ' "$WORK/config/feedloom.yaml" || { log "site.baseUrl not set"; return 1; }
  start_postgres
  postgres_store_config
  mkdir -p "$WORK/seeds"
  NGINX_PID=""
  local raw="$WORK/instances.jsonl"; : >"$raw"
  machine_json >"$WORK/machine.json"
  local r n
  for r in $(seq 1 "$RUNS"); do
    for n in $counts; do
      log "round $r/$RUNS: $n instance$([ "$n" = 1 ] || echo s)"
      instances_run "$r" "$n" "$sources" "$per_host" "$limit_mode" >>"$raw"
      tail -1 "$raw" >&2
    done
  done
  [ -z "$NGINX_PID" ] || { stop_pid "$NGINX_PID"; forget_pid "$NGINX_PID"; }
  machine_json >"$WORK/machine.end.json"
  cp "$raw" "$BENCH/results/instances.raw.jsonl"
  $PY "$BENCH/lib/report.py" instances "$WORK/machine.json" "$WORK/machine.end.json" "$raw" \
    "$WORK/www/expected.json" "$per_host" "$concurrency" "$(nginx -v 2>&1)" "${JAVA_OPTS:-none}" \
    "$("$PG_BIN/postgres" --version)" "$limit_mode" >"$BENCH/results/instances.md"
  log "wrote bench/results/instances.md"
  cat "$BENCH/results/instances.md"
}

# One run of round $1 with $2 instances; prints its JSON line.
instances_run() {
  local r="$1" n="$2" sources="$3" per_host="$4" limit_mode="$5"
  local limit=$(( per_host * n ))
  if [ "$limit_mode" = shared ]; then limit="$per_host"; fi
  local dir="$WORK/run-$r-$n" i j
  mkdir -p "$dir"
  # nginx again, with this run's limit and an empty access log
  [ -z "$NGINX_PID" ] || { stop_pid "$NGINX_PID"; forget_pid "$NGINX_PID"; }
  fetch_nginx_conf "$NGINX_PORT" "$limit"
  : >"$WORK/access.log"
  start_nginx "$WORK/nginx.conf" "$NGINX_PORT"
  NGINX_PID="${PIDS[-1]}"
  reset_postgres
  rm -rf "$WORK"/data-*

  local pids=() t0
  t0="$EPOCHREALTIME"
  for i in $(seq 1 "$n"); do
    # shellcheck disable=SC2086
    java ${JAVA_OPTS:-} -jar "$ROOT/target/feedloom.jar" serve --port 0 --host 127.0.0.1 --config "$WORK/config" \
      --seeds "$WORK/seeds" --data "$WORK/data-$i" >"$dir/instance-$i.out" 2>"$dir/instance-$i.err" &
    pids+=("$!")
    PIDS+=("$!")
  done

  # (a) until every source is OK in source_state; the listening lines as they come
  local timeout="${CYCLE_TIMEOUT:-300}" listening=() row ok=0 states=0 t_done="" t_end="" died=""
  for i in $(seq 1 "$n"); do listening[i]=""; done
  while :; do
    row="$(pg_query "SELECT count(*) FILTER (WHERE status = 'OK') || ' ' || count(*) FROM source_state" \
      2>/dev/null)" || row="0 0"
    ok="${row%% *}"; states="${row##* }"
    if [ "$ok" -ge "$sources" ]; then t_end="$EPOCHREALTIME"; t_done="$(elapsed_since "$t0")"; break; fi
    for i in $(seq 1 "$n"); do
      if [ -z "${listening[i]}" ] && grep -q '^listening on ' "$dir/instance-$i.out"; then
        listening[i]="$(elapsed_since "$t0")"
      fi
      exited "${pids[i - 1]}" && died="$died $i"
    done
    [ -z "$died" ] || { log "instance(s)$died exited during the cycle"; break; }
    if ! below "$(elapsed_since "$t0")" "$timeout"; then
      log "not every source OK after $timeout s ($ok OK of $states states)"; break
    fi
    sleep 0.1
  done
  pg_query "SELECT status, count(*) FROM source_state GROUP BY status ORDER BY status" >"$dir/states.txt" 2>&1 || true

  # (d) every instance serves the same /feeds/all.xml, having merged every article
  local urls=() agree=""
  for i in $(seq 1 "$n"); do
    for j in $(seq 1 300); do
      grep -q '^listening on ' "$dir/instance-$i.out" && break
      exited "${pids[i - 1]}" && break
      sleep 0.1
    done
    if [ -z "${listening[i]}" ] && grep -q '^listening on ' "$dir/instance-$i.out"; then
      listening[i]="$(elapsed_since "$t0")"
    fi
    urls[i]="$(sed -n 's#^listening on \(http://127\.0\.0\.1:[0-9]*\)/$#\1#p' "$dir/instance-$i.out")"
  done
  if [ -n "$t_done" ]; then
    while :; do
      if instances_agree "$dir" "$n" "$(elapsed_since "$t_end")" "${urls[@]}"; then
        agree="$(elapsed_since "$t_end")"; break
      fi
      below "$(elapsed_since "$t_end")" "${AGREE_TIMEOUT:-30}" || break
      sleep 0.1
    done
  fi
  for i in $(seq 1 "$n"); do
    [ -n "${urls[i]}" ] || continue
    curl -s -m 5 "${urls[i]}/healthz" >"$dir/healthz-$i.json" || true
    curl -s -m 5 "${urls[i]}/metrics" >"$dir/metrics-$i.txt" || true
  done
  # the change log, for a run whose instances do not agree: who announced which sources when
  pg_query "SELECT seq, instance, at, coalesce(payload::json->>'committed', 'false'),
      json_array_length(payload::json->'sources') FROM change_log ORDER BY seq" >"$dir/change_log.txt" 2>&1 || true
  # (b), (c): nginx's log up to now, so that a late second fetch counts too
  sleep 0.2 # nginx writes the last log lines
  cp "$WORK/access.log" "$dir/access.log"
  $PY "$BENCH/lib/access_log.py" "$dir/access.log" >"$dir/access.json"

  # stop the instances by PID: SIGTERM, then wait up to 30 s (SIGKILL after that, reported)
  local codes=() killed=() stop_s=() t_stop
  t_stop="$EPOCHREALTIME"
  for i in $(seq 1 "$n"); do kill -TERM "${pids[i - 1]}" 2>/dev/null || true; done
  for i in $(seq 1 "$n"); do
    killed[i]=false
    for j in $(seq 1 300); do exited "${pids[i - 1]}" && break; sleep 0.1; done
    if ! exited "${pids[i - 1]}"; then
      log "instance $i did not stop within 30 s of SIGTERM: SIGKILL"
      kill -KILL "${pids[i - 1]}" 2>/dev/null || true
      killed[i]=true
    fi
    stop_s[i]="$(elapsed_since "$t_stop")"
    if wait "${pids[i - 1]}" 2>/dev/null; then codes[i]=0; else codes[i]=$?; fi
    forget_pid "${pids[i - 1]}"
    exited "${pids[i - 1]}" || log "instance $i (PID ${pids[i - 1]}) still runs"
  done

  for i in $(seq 1 "$n"); do
    printf '%s\t%s\t%s\t%s\t%s\n' "$i" "${listening[i]:-}" "${codes[i]}" "${killed[i]}" "${stop_s[i]}"
  done >"$dir/instances.tsv"
  $PY - "$dir" "$r" "$n" "$limit" "$limit_mode" "$t_done" "$ok" "$states" "$agree" "$sources" \
    "${AGREE_TIMEOUT:-30}" "$EXPECTED_ARTICLES" <<'PYEOF'
import hashlib, json, os, re, sys
d, r, n, limit, mode, done, ok, states, agree, sources, agree_timeout, expected = sys.argv[1:]
def num(x):
    return None if x == "" else float(x)
def metric(text, name, outcome=None):
    pat = re.escape(name) + (r'\{outcome="%s"\}' % re.escape(outcome) if outcome else "") + r" (\S+)"
    m = re.search(r"^" + pat + r"$", text, re.M)
    return None if not m else int(float(m.group(1)))
instances = []
for line in open(os.path.join(d, "instances.tsv")):
    i, listening, code, killed, stop_s = line.rstrip("\n").split("\t")
    def read(name):
        p = os.path.join(d, name)
        return open(p, errors="replace").read() if os.path.exists(p) else ""
    err = read(f"instance-{i}.err").splitlines()
    try:
        health = json.loads(read(f"healthz-{i}.json"))
    except ValueError:
        health = {}
    m = read(f"metrics-{i}.txt")
    body = os.path.join(d, f"all-{i}.xml")
    instances.append({
        "listening_s": num(listening), "exit_code": int(code), "killed": killed == "true", "stop_s": num(stop_s),
        "articles": health.get("articles"),
        "fetches_ok": metric(m, "feedloom_fetches_total", "ok"),
        "fetches_not_modified": metric(m, "feedloom_fetches_total", "not-modified"),
        "fetches_error": metric(m, "feedloom_fetches_total", "error"),
        "lease_claimed": metric(m, "feedloom_lease_claims_total", "claimed"),
        "lease_busy": metric(m, "feedloom_lease_claims_total", "busy"),
        "lease_not_due": metric(m, "feedloom_lease_claims_total", "not-due"),
        "lease_takeovers": metric(m, "feedloom_lease_takeovers_total"),
        "peer_changes": metric(m, "feedloom_peer_changes_total"),
        "all_xml_bytes": os.path.getsize(body) if os.path.exists(body) else None,
        "all_xml_sha256": (hashlib.sha256(open(body, "rb").read()).hexdigest()[:16] if os.path.exists(body)
                           else None),
        "stderr_lines": len(err),
        "stderr_warnings": sum(1 for l in err if re.search(r"WARN|ERROR|SEVERE|Exception", l)),
        # what the instance said about its peers, and any warning (the first 10)
        "notable": [l for l in err if re.search(r" (WARN|ERROR) | Peers - |Exception", l)][:10],
    })
states_by = dict(l.split("|") for l in open(os.path.join(d, "states.txt")).read().split() if "|" in l)
print(json.dumps({"round": int(r), "instances": int(n), "nginx_limit": int(limit), "limit_mode": mode,
                  "sources": int(sources), "articles_expected": int(expected), "seconds": num(done), "ok": int(ok),
                  "states": {k: int(v) for k, v in states_by.items()}, "agree_s": num(agree),
                  "agree_timeout": float(agree_timeout), "log": json.load(open(os.path.join(d, "access.json"))),
                  "per_instance": instances}))
PYEOF
}

# Seconds since the $EPOCHREALTIME value $1.
elapsed_since() {
  awk -v t0="$1" -v now="$EPOCHREALTIME" 'BEGIN{printf "%.3f", now - t0}'
}

# Whether the number $1 is below $2.
below() {
  awk -v a="$1" -v b="$2" 'BEGIN{exit !(a < b)}'
}

# Whether the process $1 (a child of this shell) has ended: gone, or a zombie waiting to be reaped.
exited() {
  local state
  state="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" || return 0
  [ -z "$state" ] || [ "$state" = Z ]
}

# Whether the N ($2) instances (their URLs after $3) all answer /feeds/all.xml with 200 and the same bytes and ETag,
# and /healthz with the generator's count of unique articles ($EXPECTED_ARTICLES); appends what each served to
# $1/agree.log, after the seconds $3, and keeps each one's last answer in $1/all-I.xml and $1/all-I.headers.
instances_agree() {
  local dir="$1" n="$2" i code articles sum etag same=0 line="$3" first_sum="" first_etag=""
  shift 3
  for i in $(seq 1 "$n"); do
    rm -f "$dir/all-$i.xml" "$dir/all-$i.headers"
    code=000 articles="" sum=none etag=""
    if [ -n "${1:-}" ]; then
      code="$(curl -s -m 5 -o "$dir/all-$i.xml" -D "$dir/all-$i.headers" -w '%{http_code}' \
        "$1/feeds/all.xml")" || code=000
      articles="$(curl -s -m 5 "$1/healthz" | sed -n 's/.*"articles":\([0-9]*\).*/\1/p')" || articles=""
    fi
    [ ! -f "$dir/all-$i.xml" ] || sum="$(sha256sum <"$dir/all-$i.xml" | cut -c1-16)"
    [ ! -f "$dir/all-$i.headers" ] \
      || etag="$(tr -d '\r' <"$dir/all-$i.headers" | sed -n 's/^[Ee][Tt][Aa][Gg]: *//p')"
    line="$line #$i $code ${articles:-?} $sum ${etag:-none}"
    if [ "$i" = 1 ]; then first_sum="$sum"; first_etag="$etag"; fi
    [ "$code" = 200 ] && [ "${articles:-}" = "$EXPECTED_ARTICLES" ] && [ -n "$etag" ] && [ "$sum" = "$first_sum" ] \
      && [ "$etag" = "$first_etag" ] || same=1
    shift
  done
  echo "$line" >>"$dir/agree.log"
  return "$same"
}
