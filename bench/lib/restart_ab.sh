#!/usr/bin/env bash
# bench/lib/restart_ab.sh WORK LABEL JAR [JVM OPTIONS]: one restart of `feedloom serve --no-fetch` (the README's JVM
# options, then JVM OPTIONS) on a copy of the store of a memory benchmark's work folder (KEEP=1 bench/run memory, with
# or without CORPUS=realistic), until the start-up merge is done and the heap compacted. Prints one line: seconds from
# `java -jar` to that, the CPU seconds the process used to then, the peak and current resident memory (VmHWM,
# VmRSS), the heap used after a full collection, and the start-up merge's log line (stored items, articles, texts
# read back). Run it for two jars alternately to compare builds in the same minutes; an OutOfMemoryError is reported
# as such.
set -euo pipefail
BENCH="$(cd "$(dirname "$0")/.." && pwd)"
source "$BENCH/lib/common.sh"
work="$1" label="$2" jar="$3" extra="${4:-}"
run="$(mktemp -d -t feedloom-restart.XXXXXX)"
trap 'rm -rf "$run"' EXIT
cp -r "$work/data" "$run/data"
t0="$(date +%s.%N)"
# shellcheck disable=SC2086
java $README_OPTS $extra -jar "$jar" serve --config "$work/config" --seeds "$work/seeds" --data "$run/data" \
  --port 0 --no-fetch >"$run/out" 2>"$run/err" &
pid=$!
for _ in $(seq 1 6000); do
  grep -q "heap compacted\|OutOfMemoryError" "$run/err" && break
  sleep 0.05
done
t1="$(date +%s.%N)"
# the process's CPU seconds to then (user and system), steadier than the wall clock on a shared machine
cpu="$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$pid/stat")"
sleep 1
hwm="$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$pid/status")"
rss="$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")"
jcmd "$pid" GC.run >/dev/null 2>&1
heap="$(jcmd "$pid" GC.heap_info 2>/dev/null | $PY -c "import re, sys; print(sum(int(x) for x in re.findall(
  r'(?:new generation|tenured generation)\s+total \d+K, used (\d+)K', sys.stdin.read())) // 1024)")"
kill "$pid"
wait "$pid" 2>/dev/null || true
if grep -q OutOfMemoryError "$run/err"; then merged="OutOfMemoryError"; else merged="$(grep -o 'loaded .*' "$run/err" || true)"; fi
echo "$label merged_after_s=$($PY -c "print(round($t1 - $t0, 2))") cpu_s=$cpu hwm_mb=$hwm rss_mb=$rss heap_after_gc_mb=$heap | $merged"
