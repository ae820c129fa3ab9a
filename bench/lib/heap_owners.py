#!/usr/bin/env python3
"""What a heap dump's bytes belong to: bench/lib/heap_owners.py DUMP [DEPTH] [ROWS]

Reads an HPROF dump (jcmd PID GC.heap_dump FILE; GC.heap_dump collects in full first, so it holds the live heap)
and prints the shallow bytes of every object grouped by its class and the chain of DEPTH (default 2) fields that
first refer to it (e.g. `[B <- String.value <- Item.title`: the bytes of items' titles), the ROWS (default 60)
largest groups; then the strings whose characters another string holds too, and what they waste. Sizes are those of
a heap with compressed references (4-byte references, 12-byte headers, 8-byte alignment), as the README's JVM options
give below 32 GB; an object referred to from several places is counted once, under the first referrer the dump
lists. Used for issue 13's account of a 100,000-article server's heap (bench/README.md, fourteenth session of
2026-12-06). 20 s for the 156 MB dump of that server.
"""
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hprof import Hprof, PRIMITIVE_NAMES, SIZES  # noqa: E402


def aligned(n):
    return (n + 7) // 8 * 8


def main(path, depth, rows):
    dump = Hprof(path)
    size, kind, byte_arrays = {}, {}, {}

    def on_instance(oid, cid, q, nb):
        size[oid] = aligned(12 + nb - 4 * len(dump.ref_fields(cid)))
        kind[oid] = dump.classname.get(cid, '?').split('/')[-1]

    def on_array(oid, acid, q, n):
        size[oid] = aligned(16 + 4 * n)
        kind[oid] = dump.classname.get(acid, '?').split('/')[-1]

    def on_primitive(oid, ty, q, n):
        size[oid] = aligned(16 + n * SIZES[ty])
        kind[oid] = PRIMITIVE_NAMES.get(ty, '?')
        if ty == 8:
            byte_arrays[oid] = dump.data[q:q + n]

    dump.walk(on_instance, on_array, on_primitive)
    referrer, string_value = {}, {}
    string_class = next(c for c, n in dump.classname.items() if n == 'java/lang/String')

    def refer(oid, name, r):
        if r in size and r not in referrer:
            referrer[r] = (oid, name)

    def on_instance_refs(oid, cid, q, nb):
        for off, name in dump.ref_fields(cid):
            r = dump.ref(q + off)
            refer(oid, name, r)
            if cid == string_class and name == 'String.value':
                string_value[oid] = r

    def on_array_refs(oid, acid, q, n):
        name = dump.classname.get(acid, '?').split('/')[-1] + '[]'
        for i in range(n):
            refer(oid, name, dump.ref(q + 8 * i))

    dump.walk(on_instance_refs, on_array_refs)

    def owners(oid):
        chain = []
        for _ in range(depth):
            if oid not in referrer:
                break
            oid, name = referrer[oid]
            chain.append(name)
        return ' <- '.join(chain)

    total, count = collections.Counter(), collections.Counter()
    for oid, n in size.items():
        group = kind[oid] + '  <- ' + owners(oid)
        total[group] += n
        count[group] += 1
    print('live objects: %.1f MB in %d objects' % (sum(size.values()) / 1e6, len(size)))
    print('%9s %10s  %s' % ('MB', 'objects', 'class <- first referrers'))
    for group, n in total.most_common(rows):
        print('%9.2f %10d  %s' % (n / 1e6, count[group], group))

    arrays_by_text = collections.defaultdict(set)
    for s, v in string_value.items():
        if v in byte_arrays:
            arrays_by_text[byte_arrays[v]].add(v)
    copies = sum(len(v) - 1 for v in arrays_by_text.values())
    wasted = sum((len(v) - 1) * (aligned(16 + len(t)) + 24) for t, v in arrays_by_text.items())
    print('strings: %d, %d distinct texts, %d more copies of a text, %.2f MB in those copies'
          % (len(string_value), len(arrays_by_text), copies, wasted / 1e6))


if __name__ == '__main__':
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2, int(sys.argv[3]) if len(sys.argv) > 3 else 60)
