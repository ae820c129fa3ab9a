#!/usr/bin/env python3
"""Turns the raw output of a benchmark run into bench/results/<name>.md (printed to stdout)."""
import json
import os
import re
import statistics
import sys


def med(xs):
    return statistics.median(xs)


def fmt(x, unit=""):
    if x >= 100:
        s = f"{x:,.0f}"
    elif x >= 10:
        s = f"{x:.1f}"
    else:
        s = f"{x:.2f}"
    return s + unit


def mmm(xs, unit=""):
    """median (min–max)"""
    return f"{fmt(med(xs), unit)} ({fmt(min(xs))}–{fmt(max(xs))})"


def header(title, start, end, notes):
    m = json.load(open(start))
    e = json.load(open(end))
    lines = [f"# {title}", "",
             f"- date: {m['date']} (UTC), commit {m['commit']}",
             f"- machine: {m['nproc']} cores ({m['cpu']}), {m['mem_gb']} GB memory; {m['java']}",
             f"- load average at start {' / '.join(m['load'])}, at end {' / '.join(e['load'])}: the machine is "
             "shared with other builds, so absolute figures drift; the ratios compare runs made in the same "
             "minutes, interleaved"]
    lines += [f"- {n}" for n in notes]
    return lines + [""]


# ---- serve -------------------------------------------------------------------------------------------------

def wrk_ms(value):
    m = re.match(r"([\d.]+)(us|ms|s)", value)
    n = float(m.group(1))
    return {"us": n / 1000, "ms": n, "s": n * 1000}[m.group(2)]


def parse_wrk(raw):
    runs = []
    for block in raw.split("### ")[1:]:
        head, body = block.split("\n", 1)
        server, case, rnd = head.split()
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", body).group(1))
        p50 = wrk_ms(re.search(r"\s50%\s+(\S+)", body).group(1))
        p99 = wrk_ms(re.search(r"\s99%\s+(\S+)", body).group(1))
        bad = re.search(r"Non-2xx or 3xx responses: (\d+)", body)
        errs = re.search(r"Socket errors: (.*)", body)
        runs.append({"server": server, "case": case, "round": int(rnd), "rps": rps, "p50": p50, "p99": p99,
                     "bad": int(bad.group(1)) if bad else 0, "errors": errs.group(1) if errs else ""})
    return runs


def serve(start, end, raw_path, size, gz_size, nginx_version, setup, small="0"):
    runs = parse_wrk(open(raw_path).read())
    small = small == "1"
    targets = {"identity": 0.80, "gzip": 0.40, "304": 1.00} if small else {"identity": 0.70, "gzip": 0.40, "304": 1.00}
    peer = {"identity": "nginx (static file)", "gzip": "nginx (gzip_static)", "304": "nginx (If-None-Match)"}
    what = ("the README's defaults: /feeds/all.xml of the repository's seeds" if small
            else "one topic feed, 50 entries")
    out = header("Serve: Feedloom vs nginx" + (", a small document" if small else ""), start, end, [
        f"document: {what}, {int(size):,} bytes ({int(gz_size):,} gzip); nginx serves the "
        f"same bytes (identical, checked with cmp) from a file and a pre-gzipped copy; {nginx_version}",
        f"load: {setup}, both servers on 127.0.0.1, wrk on the same 2 cores",
        "each figure: median of the rounds (min–max)"])
    out += ["| case | Feedloom req/s | nginx req/s | ratio | target | Feedloom p50 / p99 ms | nginx p50 / p99 ms | holds |",
            "|---|---|---|---|---|---|---|---|"]
    for case in ("identity", "gzip", "304"):
        f = [r for r in runs if r["server"] == "feedloom" and r["case"] == case]
        n = [r for r in runs if r["server"] == "nginx" and r["case"] == case]
        if not f or not n:
            continue
        ratio = med([r["rps"] for r in f]) / med([r["rps"] for r in n])
        p99 = med([r["p99"] for r in f])
        p99_limit = max(10.0, med([r["p99"] for r in n])) if small else 15.0
        holds = ratio >= targets[case] and p99 <= p99_limit
        out.append(f"| {case} ({peer[case]}) | {mmm([r['rps'] for r in f])} | {mmm([r['rps'] for r in n])} | "
                   f"{ratio:.0%} | ≥ {targets[case]:.0%}, p99 ≤ {p99_limit:g} ms | {fmt(med([r['p50'] for r in f]))} / "
                   f"{fmt(p99)} | {fmt(med([r['p50'] for r in n]))} / {fmt(med([r['p99'] for r in n]))} | "
                   f"{'yes' if holds else 'no'} |")
    out += ["", "Per round (req/s, p99 ms):", "", "| case | round | Feedloom | nginx | ratio |", "|---|---|---|---|---|"]
    for r in runs:
        if r["server"] != "feedloom":
            continue
        n = next(x for x in runs if x["server"] == "nginx" and x["case"] == r["case"] and x["round"] == r["round"])
        out.append(f"| {r['case']} | {r['round']} | {r['rps']:,.0f}, {r['p99']:.2f} | {n['rps']:,.0f}, {n['p99']:.2f} | "
                   f"{r['rps'] / n['rps']:.0%} |")
    bad = [r for r in runs if r["bad"] or (r["errors"] and not r["errors"].endswith("timeout 0"))]
    out += ["", "Errors or unexpected statuses: " + ("none" if not bad else "; ".join(
        f"{r['server']} {r['case']} {r['round']}: {r['bad']} non-2xx/3xx, {r['errors']}" for r in bad)), ""]
    return out


# ---- ingest ------------------------------------------------------------------------------------------------

LABELS = {
    "feedloom/1": "Feedloom: parse + canonicalise + dedupe, 1 thread",
    "feedloom-first/1": "Feedloom: the same, the first pass of a fresh JVM (what a server just started pays), 1 thread",
    "feedloom/2": "Feedloom: the same, 2 threads (as the fetch pool runs)",
    "feedloom-store/1": "Feedloom with the store: the same, the feeds committed to SQLite 64 to a transaction (as the server's writer does when busy) and each batch merged incrementally, 1 thread",
    "feedloom-store-merged/1": "Feedloom with the store, each batch merged into the merge state the store keeps (issue 13's merge in the database), 1 thread",
    "feedloom-rome/1": "Feedloom with the fast path off (ROME for every feed), 1 thread",
    "feedloom-nofold/1": "Feedloom with folding off (syndicated copies not compared), 1 thread",
    "feedloom-with-json/1": "Feedloom, 1 thread, with the JSON Feed captures (no peer reads them)",
    "stax/1": "bare JDK StAX pass (ceiling), 1 thread",
    "stax/2": "bare JDK StAX pass (ceiling), 2 threads",
    "feedparser/1": "python3-feedparser, one process",
    "rss-parser/1": "rss-parser (npm), one node process",
    "sfeed-per-file/1": "sfeed, one process per feed (as sfeed_update runs it)",
    "sfeed-stream/1": "sfeed, all feeds as one stream",
}
# peer, target of Feedloom's throughput against it (None: shown, no target)
TARGETS = (("feedparser/1", 20), ("rss-parser/1", 2.5), ("sfeed-per-file/1", 1.0), ("sfeed-stream/1", None),
           ("stax/1", 0.25), ("feedloom-rome/1", None), ("feedloom-nofold/1", None))
SHORT = {"feedparser/1": "feedparser", "rss-parser/1": "rss-parser", "sfeed-per-file/1": "sfeed per file",
         "sfeed-stream/1": "sfeed stream", "stax/1": "StAX", "feedloom-rome/1": "ROME only",
         "feedloom-nofold/1": "folding off"}
CORPUS_NAMES = {"generated": "Generated feeds (gen_feeds.py)", "realworld": "Real-world captures, replicated",
                "realistic": "Realistic generated feeds (gen_realistic.py)"}


def corpus_note(name, e):
    mb = e["bytes"] / 1e6
    if name == "generated":
        return (f"{e['files']:,} feeds of bench/lib/gen_feeds.py (seed {e['seed']}: {e['formats']}), {e['items']:,} items, "
                f"{mb:.1f} MB; the narrow RSS/Atom subset the StAX fast path takes; expected unique articles {e['unique']:,}")
    if name == "realworld":
        return (f"the {e['captures']} XML captures of src/test/resources/corpus/realworld/ (RSS 0.9x, 1.0, 2.0, Atom; "
                f"{mb / e['copies']:.1f} MB) copied unchanged {e['copies']} time{'s' if e['copies'] > 1 else ''}: "
                f"{e['files']:,} files, {mb:.1f} MB; "
                f"every article is found once per copy. The {e['json_captures']} JSON Feed captures are read by Feedloom "
                f"alone, in a row of their own ({e['all_files']:,} files, {e['all_bytes'] / 1e6:.1f} MB): no peer reads "
                "JSON Feed")
    return (f"{e['files']:,} feeds of bench/lib/gen_realistic.py (seed {e['seed']}: {e['formats']}), {e['items']:,} items "
            f"({e['items_with_body']:,} with a full HTML body of 2–20 KB), {mb:.1f} MB; expected unique articles "
            f"{e['unique']:,}")


def ingest_corpus(name, rows, expected):
    by = {}
    for r in rows:
        r["items_s"] = r["items"] / r["seconds"]
        r["mb_s"] = r["bytes"] / 1e6 / r["seconds"]
        by.setdefault(f"{r['tool']}/{r.get('threads', 1)}", []).append(r)
    out = [f"## {CORPUS_NAMES.get(name, name)}", "", corpus_note(name, expected), "",
           "| tool | seconds | files/s | MB/s | items/s | items | unique articles | files refused |",
           "|---|---|---|---|---|---|---|---|"]
    for key, label in LABELS.items():
        rs = by.get(key)
        if not rs:
            continue
        uniq = {r.get("unique") for r in rs}
        u = "" if uniq <= {None, 0} else ", ".join(f"{x:,}" for x in sorted(uniq)) + (
            "" if "unique" not in expected else " ✓" if uniq == {expected["unique"]} else " ✗")
        refused = sorted({r.get("failed") for r in rs} - {None})
        out.append(f"| {label} | {mmm([r['seconds'] for r in rs])} | {fmt(med([r['files'] / r['seconds'] for r in rs]))} | "
                   f"{mmm([r['mb_s'] for r in rs])} | {mmm([r['items_s'] for r in rs])} | {items_of(rs)} | {u} | "
                   f"{', '.join(str(x) for x in refused)} |")

    def ratio(a, b, unit="mb_s"):
        if a not in by or b not in by:
            return None
        return med([r[unit] for r in by[a]]) / med([r[unit] for r in by[b]])
    same = {key: items_of(rs) for key, rs in by.items() if "with-json" not in key}
    agree = len(set(same.values())) == 1
    out += ["", "Feedloom (1 thread) against each peer: the ratio of the median throughputs (MB/s; "
            + ("every tool found the same items, so items/s gives the same ratios" if agree else
               "the tools did not all count the same items, so items/s ratios would differ: see the items column")
            + "):", "", "| peer | Feedloom ÷ peer | target | holds |", "|---|---|---|---|"]
    for peer, target in TARGETS:
        x = ratio("feedloom/1", peer)
        if x is None:
            continue
        t = "—" if target is None else (f"≥ {target:g}×" if target >= 1 else f"≥ {target:.0%}")
        holds = "—" if target is None else ("yes" if x >= target else "no")
        shown = f"{x:.0%}" if peer.startswith("stax") else f"{x:.2f}×"
        out.append(f"| {LABELS[peer]} | {shown} | {t} | {holds} |")
    with_store = ratio("feedloom-store/1", "feedloom/1")
    if with_store is not None:
        out += ["", f"With the store: {with_store:.2f}× the throughput without it (issue 13's target: at least 0.5×; "
                + ("holds" if with_store >= 0.5 else "does not hold") + ")."]
    merged = ratio("feedloom-store-merged/1", "feedloom/1")
    if merged is not None:
        keys = ("feedloom-store-merged/1", "feedloom-store/1")
        written = [med([r["written_mb"] for r in by[k]]) for k in keys
                   if k in by and all(r.get("written_mb", -1) >= 0 for r in by[k])]
        out += ["", f"With the merge in the store: {merged:.2f}× the throughput without the store ("
                f"{ratio('feedloom-store-merged/1', 'feedloom-store/1'):.2f}× the store pass merging in memory"
                + (f"; {written[0]:,.0f} MB written a pass against its {written[1]:,.0f} MB" if len(written) == 2
                   else "") + ")."]
    fl2, st2 = ratio("feedloom/2", "feedloom/1"), ratio("stax/2", "stax/1")
    if fl2 is not None and st2 is not None:
        out += ["", f"Two threads: Feedloom {fl2:.2f}× its 1-thread throughput, the StAX pass {st2:.2f}× its own "
                f"(Feedloom with 2 threads is {ratio('feedloom/2', 'stax/2'):.0%} of StAX with 2; issue 13's target: "
                f"Feedloom's speed-up at least 0.8× StAX's, {'held' if fl2 >= 0.8 * st2 else 'not held'})."]
    return out + [""] + per_round(by)


def per_round(by):
    """Feedloom's ratios round by round (same-round passes only): how far the machine's drift moves them."""
    peers = [p for p, _ in TARGETS if p in by]
    seconds = {(k, r.get("round")): r["seconds"] for k, rs in by.items() for r in rs}
    rounds = sorted({r.get("round") for r in by.get("feedloom/1", [])} - {None})
    if len(rounds) < 2:
        return []
    out = ["Per round, Feedloom (1 thread) ÷ peer (the ratio of their times in that round), and each 2-thread "
           "speed-up:", "", "| round | " + " | ".join(SHORT[p] for p in peers)
           + " | Feedloom 2 threads ÷ 1 | StAX 2 threads ÷ 1 |", "|---" * (len(peers) + 3) + "|"]
    for n in rounds:
        fl = seconds[("feedloom/1", n)]
        cells = []
        for p in peers:
            x = seconds.get((p, n))
            cells.append("" if x is None else f"{x / fl:.0%}" if p.startswith("stax") else f"{x / fl:.2f}×")
        two = [seconds.get((f"{t}/1", n), 0) / seconds[(f"{t}/2", n)] if (f"{t}/2", n) in seconds else None
               for t in ("feedloom", "stax")]
        out.append(f"| {n} | " + " | ".join(cells) + " | " + " | ".join("" if x is None else f"{x:.2f}×" for x in two) + " |")
    return out + [""]


def items_of(rs):
    return ", ".join(f"{n:,}" for n in sorted({r["items"] for r in rs}))


def jvm_medians(runs):
    """Each JVM's measured passes (one tool, threads, corpus and round) as one row: the pass of median seconds."""
    groups = {}
    for r in runs:
        groups.setdefault((r.get("corpus"), r.get("round"), r["tool"], r.get("threads", 1)), []).append(r)
    out = []
    for rs in groups.values():
        rs = sorted(rs, key=lambda r: r["seconds"])
        out.append(dict(rs[(len(rs) - 1) // 2], passes=len(rs)))
    return out


def ingest(start, end, raw_path, work, corpora, versions, jvm="none", warmup="0"):
    runs = jvm_medians([json.loads(line) for line in open(raw_path) if line.strip().startswith("{")])
    passes = max(r["passes"] for r in runs if r["tool"] == "feedloom")
    names = corpora.split(",")
    rounds = len({r.get("round") for r in runs})
    out = header("Ingest: Feedloom vs feedparser, sfeed, rss-parser and a bare StAX pass", start, end, [
        f"corpora: {', '.join(names)}; {rounds} round{'s' if rounds != 1 else ''}, each running every tool once over "
        "each corpus, one corpus after the other",
        f"peers (python3-feedparser / sfeed / rss-parser): {versions}",
        "Feedloom measures reading every file, parsing it (FeedParser: decoding, the StAX fast path or ROME, sanitising, "
        "links, dates), canonicalising every item's URL and merging all items into articles in memory "
        "(ArticleMerger, syndicated copies folded as the shipped rule folds them; the folding-off row leaves that "
        "out); no store, no topics, no rendering. The peers parse only; StAX reads every event and the "
        "text of every element",
        "every pass reads the files (from the page cache) inside its timing; JVM passes follow warm-up passes in the "
        f"same JVM (2, 1 for the ROME-only mode, and more until {warmup} s have passed since the JVM's first pass; "
        f"that first pass, cold, has a row of its own), node's 1; each JVM measures {passes} pass"
        f"{'es' if passes != 1 else ''} and counts as its median; each figure: median of the rounds (min–max)",
        f"JVM options of every JVM pass (Feedloom's and the StAX pass's): {jvm}"])
    for name in names:
        expected = json.load(open(f"{work}/{name}/expected.json"))
        out += ingest_corpus(name, [r for r in runs if r.get("corpus", "generated") == name], expected)
    return out


# ---- fetch -------------------------------------------------------------------------------------------------

def fetch(start, end, raw_path, expected_path, per_host, concurrency, nginx_version, prefill="0", java_opts="none",
          database="sqlite"):
    expected = json.load(open(expected_path))
    runs = [json.loads(line) for line in open(raw_path) if line.strip().startswith("{")]
    prefill = int(prefill)
    slack = 1.2 if prefill else 1.0  # issue 13: on a filled store, within 1.2x of the empty store's targets
    title = f"Fetch cycle: {expected['files']:,} sources on one nginx" + (
        f", on a store already holding {prefill:,} articles" if prefill else "") + (
        ", PostgreSQL store" if database != "sqlite" else "")
    out = header(title, start, end, [
        (f"store: every round starts from a copy of a store holding {prefill:,} articles ({prefill // 100:,} other "
         "generated feeds of 100 items, fetched once by `export`; their sources stay configured, disabled, so "
         "their articles are published and merged with the new ones); the targets are 1.2× the empty store's"
         if prefill else "store: every round starts from an empty store")
        + ("; the store is a PostgreSQL server on 127.0.0.1 (" + database + ", started by the benchmark with its "
           "default durability: each commit's WAL flushed), its database dropped and created again before each "
           "round" if database != "sqlite" else "; the store is the embedded SQLite file"),
        f"upstream: {nginx_version} on 127.0.0.1 serving the {expected['files']:,} generated feeds "
        f"({expected['items']:,} items, {expected['bytes'] / 1e6:.1f} MB; ETag and Last-Modified on, as for any "
        f"static file); all {expected['files']:,} sources are on that one host",
        f"Feedloom: fetch.perHost {per_host} (the shipped default), fetch.concurrency {concurrency}, retention as "
        "shipped (counted from first sight, so every item is kept); JVM options: " + java_opts
        + (" (the JVM's defaults on this machine)" if java_opts == "none" else ""),
        "`export`: the whole command in a new JVM (start, open and load the store, fetch every source once, "
        "parse, merge, store, render the site); the second export runs on the store the first left, so every "
        "request is conditional and answered 304",
        "in-process: five cycles inside one running Feedloom (the pipeline `serve` uses, opened once on the round's "
        "store; each cycle fetches every source, and rebuilds the catalog and renders every topic feed when items "
        "changed): the first cycle of a fresh JVM, so JIT warm-up is included; the second, the first answered 304; "
        "the later three, 304 cycles once the JIT has compiled that path, as in a server that has run a while; then "
        "(from 2026-12-04) three cycles in each of which one source in fifty has one new post and the others answer "
        "304, as most of a running server's cycles are (no target of their own; the 304 cycles' 1 s beside them)",
        "serve: `feedloom serve` on a fresh copy of the round's store, from `java -jar` until `/healthz` counts "
        "every article (polled every 50 ms): the first cycle as a user of serve waits for it, with the catalog "
        "rebuilt while sources are fetched and those rebuilds paced; the summary gives the article count's timeline",
        f"nginx also enforces the limit: `limit_conn` {per_host} for the server, so any request beyond it would "
        "have been answered 503 (a 503 in the statuses means the limit was broken)",
        "requests/s and the peak in flight: from nginx's access log (each request from its start to its last "
        "byte, millisecond resolution: the peak is an upper bound counting requests in the same millisecond as "
        "overlapping, the lower bound beside it); each figure: median of the rounds (min–max)"])
    out += ["| how | cycle | seconds | target | requests | statuses (per round) | requests/s to upstream | "
            "peak in flight, upper (lower) bound | limit (503s) | holds |", "|---|---|---|---|---|---|---|---|---|---|"]
    for how in ("export", "in-process", "serve"):
        for cycle, target in (("first", 6.0 * slack), ("second", 1.5 * slack), ("later", 1.0 * slack),
                              ("changed", None)):
            rs = [r for r in runs if r.get("how", "export") == how and r["cycle"] == cycle]
            if not rs:
                continue
            secs = [r["seconds"] if r["seconds"] is not None else float("inf") for r in rs]
            peak = max(r["log"].get("peak_in_flight", 0) for r in rs)
            low = max(r["log"].get("peak_in_flight_low", 0) for r in rs)
            statuses = {}
            for r in rs:
                for k, v in r["log"].get("statuses", {}).items():
                    statuses[k] = statuses.get(k, 0) + v
            statuses = ", ".join(f"{k}: {v // len(rs):,}" for k, v in sorted(statuses.items()))
            cycle = {"later": "later (3rd–5th)", "changed": "a new post in 1 of 50 sources (6th–8th)"}.get(cycle, cycle)
            refused = sum(r["log"].get("statuses", {}).get("503", 0) for r in rs)
            holds = "—" if target is None else "yes" if med(secs) <= target and refused == 0 else "no"
            out.append(f"| {how} | {cycle} | {mmm(secs)} | {'—' if target is None else f'≤ {target:g} s'} | "
                       f"{fmt(med([r['log']['requests'] for r in rs]))} | {statuses} | "
                       f"{mmm([r['log']['req_per_s'] for r in rs])} | {peak} ({low}) | {per_host} ({refused}) | {holds} |")
    summaries = sorted({(r["summary"] if isinstance(r["summary"], str) else json.dumps(r["summary"])).split("; written")[0]
                        for r in runs if r.get("how", "export") == "export"})
    out += ["", "Export summaries: " + "; ".join(summaries), ""]
    return out


# ---- instances ---------------------------------------------------------------------------------------------

def instances(start, end, raw_path, expected_path, per_host, concurrency, nginx_version, java_opts, database,
              limit_mode="shared"):
    expected = json.load(open(expected_path))
    runs = [json.loads(line) for line in open(raw_path) if line.strip().startswith("{")]
    counts = sorted({r["instances"] for r in runs})
    rounds = len({r["round"] for r in runs})
    wait = max(r.get("agree_timeout", 30) for r in runs)
    limit_mode = runs[0].get("limit_mode", limit_mode)  # as the runs record it
    per_host = int(per_host)
    limits = ", ".join(f"{min(r['nginx_limit'] for r in runs if r['instances'] == n)} for {n}" for n in counts)
    title = (f"Instances: the first fetch cycle of {expected['files']:,} sources with "
             + ", ".join(str(n) for n in counts[:-1]) + (" and " if len(counts) > 1 else "") + str(counts[-1])
             + " Feedloom instances sharing one PostgreSQL store")
    out = header(title, start, end, [
        f"store: {database} on 127.0.0.1, started by the benchmark with its default durability (each commit's WAL "
        "flushed), its database dropped and created again before each run; each instance `serve` with its own empty "
        "data folder, the same configuration and no seeds, `site.baseUrl` set to one address for all",
        f"upstream: {nginx_version} on 127.0.0.1 serving the {expected['files']:,} generated feeds "
        f"({expected['items']:,} items, {expected['bytes'] / 1e6:.1f} MB, {expected.get('unique', 0):,} unique "
        "articles; ETag and Last-Modified on); all the sources are on that one host",
        f"Feedloom: fetch.perHost {per_host} (the shipped default), fetch.concurrency {concurrency}, `store.lease` as "
        "shipped (60 s); JVM options: " + java_opts
        + (" (the JVM's defaults on this machine)" if java_opts == "none" else ""),
        ("nginx's limit: `limit_conn` " + limits + " instances, that is fetch.perHost × N (LIMIT=per-instance), as "
         "for instances whose per-host limit is each one's own; a 503 means an instance broke its own limit"
         if limit_mode == "per-instance" else
         "nginx's limit: `limit_conn` " + limits + " instances, that is fetch.perHost whatever N: the instances keep "
         "the per-host limit together (request slots in the database), so a 503 means they together broke it"),
        f"{rounds} round{'s' if rounds != 1 else ''}; each runs N = " + ", ".join(str(n) for n in counts)
        + " back to back, so the load of the moment weighs on every N alike",
        "cycle: from the launch of the N JVMs (start-up, schema creation and the first fetches included) until "
        "`source_state` has status OK for every source (psql every 100 ms); requests, statuses, the peak in flight "
        "and the first-to-last request span from nginx's access log (the peak is an upper bound counting requests "
        "in the same millisecond as overlapping, the lower bound beside it); fetched twice: sources whose URL nginx "
        "answered 200 or 304 more than once",
        "agree: from the end of the cycle until every instance answers `/feeds/all.xml` with 200, the same bytes and "
        "the same ETag, and `/healthz` counts every article the generator made (curl every 100 ms, up to "
        f"{wait:g} s; for one instance, until it has merged every article). The cycle ends at the last fetch's "
        "commit; each instance then still merges what it and the others fetched, and the others merge an "
        "instance's sources only once it announces its own merge of them, so agreement comes later; each figure: "
        "median of the rounds (min–max)"])
    out += ["| instances | cycle seconds | speed against 1 instance | requests | statuses (per run) | fetched twice | "
            "peak in flight, upper (lower) | nginx limit (503s) | first-to-last request, s | agree, s | "
            "articles served | stopped on SIGTERM |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    one = [r["seconds"] for r in runs if r["instances"] == 1 and r["seconds"] is not None]
    for n in counts:
        rs = [r for r in runs if r["instances"] == n]
        secs = [r["seconds"] for r in rs if r["seconds"] is not None]
        unfinished = len(rs) - len(secs)
        cycle = (mmm(secs) if secs else "—") + (f", {unfinished} unfinished" if unfinished else "")
        speed = f"{med(one) / med(secs):.2f}×" if one and secs else "—"
        statuses = {}
        for r in rs:
            for k, v in r["log"].get("statuses", {}).items():
                statuses[k] = statuses.get(k, 0) + v
        statuses = ", ".join(f"{k}: {v // len(rs):,}" for k, v in sorted(statuses.items()))
        refused = sum(r["log"].get("statuses", {}).get("503", 0) for r in rs)
        twice = ", ".join(str(r["log"].get("uris_answered_twice", 0)) for r in rs)
        peak = max(r["log"].get("peak_in_flight", 0) for r in rs)
        low = max(r["log"].get("peak_in_flight_low", 0) for r in rs)
        limit = ", ".join(str(x) for x in sorted({r["nginx_limit"] for r in rs}))
        agree = [r["agree_s"] for r in rs if r["agree_s"] is not None]
        agreed = (mmm(agree) if agree else "—") + (f", {len(rs) - len(agree)} never" if len(agree) < len(rs) else "")
        articles = sorted({i.get("articles") for r in rs for i in r["per_instance"]} - {None})
        clean = sum(1 for r in rs for i in r["per_instance"] if not i["killed"])
        codes = sorted({i["exit_code"] for r in rs for i in r["per_instance"]})
        stop = max(i["stop_s"] or 0 for r in rs for i in r["per_instance"])
        out.append(f"| {n} | {cycle} | {speed} | {fmt(med([r['log'].get('requests', 0) for r in rs]))} | {statuses} | "
                   f"{twice} | {peak} ({low}) | {limit} ({refused}) | "
                   f"{mmm([r['log'].get('span_s', 0) for r in rs])} | {agreed} | "
                   f"{', '.join(f'{a:,}' for a in articles)} | {clean} of {sum(len(r['per_instance']) for r in rs)} "
                   f"within {stop:.1f} s, exit {', '.join(str(c) for c in codes)} |")
    out += ["", "Per run: each instance's fetches answered 200 (`feedloom_fetches_total{outcome=\"ok\"}`), its lease "
            "claims (claimed / busy / not due), the peers' changes it merged, and the seconds from the launch to its "
            "`listening on` line:", "",
            "| round | instances | cycle, s | agree, s | per instance: fetched 200, leases claimed / busy / not due, "
            "peers' changes merged, listening at |", "|---|---|---|---|---|"]
    for r in runs:
        cells = "; ".join(
            f"#{k}: {i.get('fetches_ok')}, {i.get('lease_claimed')} / {i.get('lease_busy')} / {i.get('lease_not_due')}, "
            f"{i.get('peer_changes')}, {i['listening_s'] if i['listening_s'] is not None else '—'} s"
            for k, i in enumerate(r["per_instance"], 1))
        sec = "—" if r["seconds"] is None else f"{r['seconds']:.2f}"
        agree = "—" if r["agree_s"] is None else f"{r['agree_s']:.2f}"
        out.append(f"| {r['round']} | {r['instances']} | {sec} | {agree} | {cells} |")
    out += ["", "Notes:", ""] + instances_notes(runs, counts, one, expected, wait)
    return out + [""]


def instances_notes(runs, counts, one, expected, wait):
    notes = []
    secs = {n: [r["seconds"] for r in runs if r["instances"] == n and r["seconds"] is not None] for n in counts}
    if one and len(counts) > 1:
        parts = [f"{n} instances {med(secs[n]):.1f} s ({med(one) / med(secs[n]):.2f}× one's speed)"
                 for n in counts if n != 1 and secs[n]]
        notes.append(f"- One instance took {med(one):.1f} s for the first cycle; " + ", ".join(parts) + ". This "
                     "machine has 2 cores, and every instance's JVM, nginx and PostgreSQL share them, so the figures "
                     "say what dividing the work costs, not what N machines would gain. A first cycle is mostly CPU: "
                     "parsing, merging, writing to PostgreSQL, and each JVM's own start-up and JIT compilation. More "
                     "instances divide the fetching and parsing between them, but each one starts its own JVM, "
                     "compiles the same code and merges every source (its own and those the others announce), so "
                     "on shared cores the total work grows with N. On separate machines the fetching and parsing "
                     "would divide; the writes to the one database and each instance's merge of everything would not.")
    up = {n: [i["listening_s"] for r in runs if r["instances"] == n for i in r["per_instance"]
              if i["listening_s"] is not None] for n in counts}
    if all(up.values()):
        notes.append("- Start-up is inside the cycle: the instances printed `listening on` after "
                     + ", ".join(f"{med(up[n]):.1f} s (median) with {n}" for n in counts)
                     + " started at once (an instance prints it as it starts fetching).")
    bad = [r for r in runs if r["seconds"] is None]
    if bad:
        notes.append("- Not every source reached OK in: " + "; ".join(
            f"round {r['round']}, {r['instances']} instances ({r['ok']} OK, states {r['states']})" for r in bad) + ".")
    twice = [r for r in runs if r["log"].get("uris_answered_twice", 0)]
    missing = [r for r in runs if r["log"].get("uris", 0) < r["sources"]]
    if not twice and not missing:
        notes.append("- Every source was fetched exactly once in every run: the leases held (no instance was killed "
                     "in these runs, so none was taken over).")
    else:
        if twice:
            notes.append("- Sources fetched more than once: " + "; ".join(
                f"round {r['round']}, {r['instances']} instances: {r['log']['uris_answered_twice']}" for r in twice)
                + ". No instance was killed, so no lease expired: a second fetch means two instances fetched one source.")
        if missing:
            notes.append("- Sources nginx was never asked for: " + "; ".join(
                f"round {r['round']}, {r['instances']} instances: {r['sources'] - r['log'].get('uris', 0)}"
                for r in missing) + ".")
    refused = [r for r in runs if r["log"].get("statuses", {}).get("503", 0)]
    over = [r for r in runs if r["log"].get("peak_in_flight_low", 0) > r["nginx_limit"]]
    notes.append("- No request was refused (no 503): " + (
                 "no instance held more than its own limit of requests to the host at once."
                 if runs[0].get("limit_mode") != "shared" else
                 "the instances together never held more than one instance's limit of requests to the host at once.")
                 + ("" if not over else " Yet the access log's lower bound of requests in flight exceeded the limit in: "
                    + "; ".join(f"round {r['round']}, {r['instances']} instances" for r in over) + ".")
                 if not refused else "- 503s: " + "; ".join(
                     f"round {r['round']}, {r['instances']} instances: {r['log']['statuses']['503']} (limit "
                     f"{r['nginx_limit']})" for r in refused) + ".")
    multi = [r for r in runs if r["instances"] > 1]
    never = [r for r in multi if r["agree_s"] is None]
    if multi:
        agree = [r["agree_s"] for r in multi if r["agree_s"] is not None]
        notes.append(("- Every run's instances served the same bytes and ETag for `/feeds/all.xml`"
                      + (f", at most {max(agree):.1f} s after the cycle ended." if agree else ".")) if not never else
                     f"- The instances did not serve the same `/feeds/all.xml` with every article within {wait:g} s "
                     "of the cycle's end in: " + "; ".join(
                         f"round {r['round']}, {r['instances']} instances" for r in never) + ".")
    articles = {i.get("articles") for r in runs for i in r["per_instance"]} - {None}
    if articles:
        notes.append(f"- Articles served (`/healthz`, when the bytes agreed or {wait:g} s after the cycle): "
                     + ", ".join(f"{a:,}" for a in sorted(articles))
                     + (f"; the generator expects {expected['unique']:,}." if "unique" in expected else "."))
    said = {}
    for r in runs:
        for k, i in enumerate(r["per_instance"], 1):
            for line in i.get("notable", []):
                message = re.sub(r"^\S+ ", "", line)  # without its time
                message = re.sub(r"\b\d+\b", "N", message)
                said.setdefault(message, []).append(f"round {r['round']}, {r['instances']} instances, #{k}")
    for message, where in sorted(said.items()):
        places = [f"{w} ×{where.count(w)}" if where.count(w) > 1 else w for w in sorted(set(where))]
        notes.append(f"- Logged {len(where)} time{'s' if len(where) != 1 else ''}: `{message}` ("
                     + "; ".join(places) + ").")
    killed = [(r, k) for r in runs for k, i in enumerate(r["per_instance"], 1) if i["killed"]]
    if killed:
        notes.append("- Killed after 30 s without stopping on SIGTERM: " + "; ".join(
            f"round {r['round']}, {r['instances']} instances, #{k}" for r, k in killed) + ".")
    return notes


# ---- memory ------------------------------------------------------------------------------------------------

def memory(start, end, raw_path, java_opts, articles="100000"):
    runs = [json.loads(line) for line in open(raw_path) if line.strip().startswith("{")]
    articles = int(articles)
    out = header(f"Memory and start-up: {articles:,} stored articles", start, end, [
        (f"store: {articles // 60:,} realistic feeds (gen_realistic.py: bodies of 2-20 KB, 20-100 items a feed)"
         if os.environ.get("CORPUS") == "realistic" else
         f"store: {articles // 100:,} generated feeds of 100 distinct items each") +
        ", fetched once by `feedloom export` from nginx on "
        "127.0.0.1; then each round starts `feedloom serve` on that store (its start-up refresh gets 304 from "
        f"every source); JVM options: {java_opts}" + (" (the JVM's defaults on this machine)" if java_opts == "none" else ""),
        "first feed: from `java -jar` to the first 200 of /feeds/research.xml (curl's total time of that request "
        "is the process's first render); cold render: after the refresh, the median of 5 requests with a Host header "
        "not asked before, so each misses the rendered-bytes cache and renders; resident memory from /proc/<pid>/status after the refresh, 10 s later, and 10 s after the rendered-bytes cache was filled (the topic's pages asked with new Host headers until it held 60 MiB of its 64 MiB budget); heap "
        "after `jcmd GC.run` from `jcmd GC.heap_info`; each figure: median of the rounds (min–max)"])
    articles = sorted({r["articles"] for r in runs})
    lasts = sorted({r["last_page"] for r in runs if r.get("last_page")})
    out += [f"Articles served (/healthz): {', '.join(f'{a:,}' for a in articles)}"
            + (f"; /feeds/research.xml's last page: {', '.join(f'{p:,}' for p in lasts)}" if lasts else ""), "",
            "| measure | Feedloom | target | holds |", "|---|---|---|---|"]
    rows = (("resident memory after the refresh (VmRSS), MB", "rss_mb", 350, 1),
            ("resident memory 10 s later, the server idle, MB", "rss_idle_mb", 350, 1),
            ("resident memory with the rendered-bytes cache full (10 s after filling it), MB", "rss_cache_full_mb", 350, 1),
            ("what the rendered-bytes cache held then, MiB", "cache_mb", None, 1),
            ("resident memory after a full GC, MB", "rss_after_gc_mb", None, 1),
            ("peak resident memory (VmHWM), MB", "hwm_mb", None, 1),
            ("heap used after a full GC, MB", "heap_used_mb", None, 1),
            ("cold render of one topic feed (a request that misses the cache, after the refresh), ms", "miss_s",
             20, 1000),
            ("cold render of its second page (`?page=2`), ms", "miss_page2_s", 20, 1000),
            ("cold render of its middle page, ms", "miss_middle_s", 20, 1000),
            ("cold render of its last page (the deepest), ms", "miss_last_s", 20, 1000),
            ("the first request of the process (its render is the process's first), ms", "cold_render_s", None, 1000),
            ("the same request again (cached), ms", "warm_s", None, 1000),
            ("`java -jar` to listening, s", "listening_s", None, 1),
            ("`java -jar` to the first served feed, s", "first_feed_s", 1.5, 1))
    for label, key, target, scale in rows:
        xs = [r[key] * scale for r in runs if r.get(key) is not None]
        if not xs:
            continue
        holds = "—" if target is None else ("yes" if med(xs) <= target else "no")
        out.append(f"| {label} | {mmm(xs)} | {'—' if target is None else '≤ ' + format(target, 'g')} | {holds} |")
    return out + [""]


def startup(start, end, raw_path, readme_opts, articles="100000"):
    runs = [json.loads(line) for line in open(raw_path) if line.strip().startswith("{")]
    articles = int(articles)
    out = header(f"Start-up with and without the class-data archive: {articles:,} stored articles", start, end, [
        f"store: the memory benchmark's ({articles // 100:,} generated feeds of 100 distinct items each, fetched once "
        "by `feedloom export` from nginx on 127.0.0.1, nginx left running, so the start-up refresh runs meanwhile)",
        f"both variants run the README's serve command ({readme_opts}); \"archive\" adds "
        "`-XX:SharedArchiveFile=target/feedloom.jsa` (the classes `mvn package`'s training run, `feedloom warmup`, "
        "loaded), \"plain\" leaves it out; rounds alternate A B, B A",
        "listening: `java -jar` to the `listening on` line; first feed: to the first 200 of /feeds/research.xml; each "
        "figure: median of the rounds (min–max)"])
    refused = sum(r["archive_refused"] for r in runs if r["variant"] == "archive")
    out += ["| measure | with the archive | without | archive ÷ without | target | holds |", "|---|---|---|---|---|---|"]
    for label, key, target in (("`java -jar` to listening, s", "listening_s", None),
                               ("`java -jar` to the first served feed, s", "first_feed_s", 1.5)):
        a = [r[key] for r in runs if r["variant"] == "archive"]
        p = [r[key] for r in runs if r["variant"] == "plain"]
        holds = "—" if target is None else ("yes" if med(a) <= target else "no")
        out.append(f"| {label} | {mmm(a)} | {mmm(p)} | {med(a) / med(p):.2f} | "
                   f"{'—' if target is None else '≤ ' + format(target, 'g')} | {holds} |")
    out += ["", f"Starts whose JVM refused the archive (a warning on start): {refused}", "",
            "| round | variant | listening s | first feed s | load |", "|---|---|---|---|---|"]
    out += [f"| {r['round']} | {r['variant']} | {r['listening_s']} | {r['first_feed_s']} | {r['load']} |" for r in runs]
    return out + [""]


# ---- jmh ---------------------------------------------------------------------------------------------------

def jmh(start, end, raw_path):
    results = json.load(open(raw_path))
    out = header("JMH micro-benchmarks", start, end, [
        "one fork, 3 warm-up and 5 measured iterations of 1 s; mean time per operation with JMH's 99.9% error; "
        "ParseBench: one feed of 50 items (a linked, emphasised summary each), items/s derived from the mean",
        "these have no peer: they are here so that a regression in one stage shows in isolation"])
    out += ["| benchmark | parameters | mean | error | items/s |", "|---|---|---|---|---|"]
    for r in results:
        name = r["benchmark"].rsplit(".", 2)
        params = ", ".join(f"{k}={v}" for k, v in (r.get("params") or {}).items())
        m = r["primaryMetric"]
        unit = m["scoreUnit"]
        per_item = ""
        if "ParseBench" in r["benchmark"] and unit == "us/op":
            per_item = f"{50 / (m['score'] / 1e6):,.0f}"
        out.append(f"| {name[-2]}.{name[-1]} | {params} | {m['score']:,.2f} {unit} | ± {m['scoreError']:,.2f} | {per_item} |")
    return out + [""]


if __name__ == "__main__":
    kind = sys.argv[1]
    lines = {"serve": serve, "ingest": ingest, "fetch": fetch, "instances": instances,
             "memory": memory, "startup": startup, "jmh": jmh}[kind](*sys.argv[2:])
    print("\n".join(lines))
