#!/usr/bin/env python3
"""Writes the serve benchmark's data: N seed articles in one topic, each with a body, so that the topic's Atom
feed of 50 entries is about 100 KB; and a config folder declaring the topic. Deterministic (seeded)."""
import os
import random
import sys

WORDS = ("feed aggregator article canonical topic entry atom rss publish cache merge source model vision "
         "language network learning retrieval latency throughput ranking signal reader window index").split()


def vocabulary(rnd, size=3000):
    """Common words plus pseudo-words, so the text compresses about as well as real prose (~3-4x)."""
    letters = "etaoinshrdlcumwfgypbvk"
    made = ["".join(rnd.choice(letters) for _ in range(rnd.randint(3, 10))) for _ in range(size)]
    return WORDS + made


def sentence(rnd, n, vocab):
    return " ".join(rnd.choice(vocab) for _ in range(n)).capitalize() + "."


def main(out, count=60, body_words=150, seed=6):
    rnd = random.Random(seed)
    vocab = vocabulary(rnd)
    seeds = os.path.join(out, "seeds")
    config = os.path.join(out, "config")
    os.makedirs(seeds, exist_ok=True)
    os.makedirs(config, exist_ok=True)
    with open(os.path.join(config, "feedloom.yaml"), "w") as f:
        f.write("site:\n  title: Bench\n  maxEntries: 50\ntopics:\n  - name: Bench\n")
    for i in range(count):
        paragraphs = "\n\n".join(sentence(rnd, body_words // 4, vocab) for _ in range(4))
        with open(os.path.join(seeds, "%03d.md" % i), "w") as f:
            f.write("---\n")
            f.write('title: "%s"\n' % sentence(rnd, 8, vocab))
            f.write('excerpt: "%s"\n' % sentence(rnd, 30, vocab))
            f.write("publishedDateTime: 2026-01-%02dT%02d:%02d:00Z\n" % (1 + i % 28, i % 24, i % 60))
            f.write('webUrl: "https://news%d.example.org/2026/01/article-%d"\n' % (i % 7, i))
            f.write("provider: {name: Provider %d, domain: news%d.example.org}\n" % (i % 7, i % 7))
            f.write("topics: [Bench]\n")
            f.write("---\n%s\n" % paragraphs)


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:]))
