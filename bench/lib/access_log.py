#!/usr/bin/env python3
"""Reads nginx's benchmark access log ("$msec $request_time $status $request_uri" per line) and prints JSON:
requests, statuses, the span from the first request's start to the last one's end, requests/s over that span,
and the peak number of requests in flight at once (each request from msec - request_time to msec). nginx logs
to the millisecond, so two bounds are given: "peak_in_flight" counts requests that touch the same millisecond as
overlapping (an upper bound), "peak_in_flight_low" counts them as not overlapping (a lower bound). By request URI:
"uris" (distinct URIs asked), "uris_repeated" (asked more than once, a refused request's retry included) and
"uris_answered_twice" (answered 200 or 304 more than once: fetched more than once).
Usage: access_log.py LOG"""
import collections
import json
import sys


def main(path):
    spans, statuses = [], collections.Counter()
    asked, answered = collections.Counter(), collections.Counter()
    for line in open(path):
        parts = line.split()
        if len(parts) < 4:
            continue
        end, took = float(parts[0]), float(parts[1])
        spans.append((end - took, end))
        statuses[parts[2]] += 1
        asked[parts[3]] += 1
        if parts[2] in ("200", "304"):
            answered[parts[3]] += 1
    if not spans:
        print(json.dumps({"requests": 0}))
        return
    def peak_of(starts_first):
        events = sorted([(round(s, 3), 1) for s, _ in spans] + [(round(e, 3), -1) for _, e in spans],
                        key=lambda x: (x[0], -x[1] if starts_first else x[1]))
        peak = cur = 0
        for _, d in events:
            cur += d
            peak = max(peak, cur)
        return peak
    peak, low = peak_of(True), peak_of(False)
    first = min(s for s, _ in spans)
    last = max(e for _, e in spans)
    span = max(last - first, 0.001)
    print(json.dumps({"requests": len(spans), "statuses": dict(statuses), "span_s": round(span, 3),
                      "req_per_s": round(len(spans) / span, 1), "peak_in_flight": peak,
                      "peak_in_flight_low": low, "uris": len(asked),
                      "uris_repeated": sum(1 for n in asked.values() if n > 1),
                      "uris_answered_twice": sum(1 for n in answered.values() if n > 1)}))


if __name__ == "__main__":
    main(*sys.argv[1:])
