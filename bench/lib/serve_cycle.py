#!/usr/bin/env python3
"""The first fetch cycle as `serve` runs it: starts `java OPTS -jar JAR serve` on the data folder DATA (with the
configuration CONFIG and the seeds SEEDS) on a free 127.0.0.1 port, polls /healthz every 50 ms until it counts
EXPECTED articles or TIMEOUT seconds pass, stops the server it started (by its PID) and prints one JSON object:
seconds to listening, seconds to every article published (null when the count was not reached), and the timeline
of the article count (seconds, articles), one point a change.

usage: serve_cycle.py JAR CONFIG SEEDS DATA EXPECTED TIMEOUT [JVM option ...]"""
import json
import socket
import subprocess
import sys
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(jar, config, seeds, data, expected, timeout, *opts):
    expected, timeout, port = int(expected), float(timeout), free_port()
    started = time.monotonic()
    server = subprocess.Popen(["java", *opts, "-jar", jar, "serve", "--config", config, "--seeds", seeds,
                               "--data", data, "--host", "127.0.0.1", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    listening, published, timeline = None, None, []
    try:
        while time.monotonic() - started < timeout and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                    articles = json.load(answer).get("articles", 0)
            except OSError:
                time.sleep(0.05)
                continue
            now = round(time.monotonic() - started, 2)
            listening = listening if listening is not None else now
            if not timeline or timeline[-1][1] != articles:
                timeline.append([now, articles])
            if articles >= expected:
                published = now
                break
            time.sleep(0.05)
    finally:
        server.terminate()
        server.wait()
    print(json.dumps({"seconds": published, "listening": listening, "expected": expected, "timeline": timeline}))


if __name__ == "__main__":
    if len(sys.argv) < 7:
        sys.exit(__doc__)
    main(*sys.argv[1:])
