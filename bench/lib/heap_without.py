#!/usr/bin/env python3
"""What some fields alone hold of a heap dump: bench/lib/heap_without.py DUMP Class.field [Class.field ...]

Reads an HPROF dump (jcmd PID GC.heap_dump FILE), marks what the GC roots (root records and classes' static fields)
reach, then marks it again without following the named instance fields (e.g. Aggregator.merged), and prints both
totals and what only those fields held: the heap a program would keep without what they refer to, everything else
unchanged. Sizes as heap_owners.py counts them (compressed references). Used for issue 13's estimate of a server's
heap with its merge state in the store (bench/README.md, twenty-third session of 2026-12-06).
"""
import collections
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hprof import Hprof, PRIMITIVE_NAMES, SIZES  # noqa: E402


def aligned(n):
    return (n + 7) // 8 * 8


def main(path, cut_names):
    dump = Hprof(path)
    f = dump.data
    size, refs, cut = {}, {}, collections.defaultdict(set)
    kind = {}

    def on_instance(oid, cid, q, nb):
        fields = dump.ref_fields(cid)
        size[oid] = aligned(12 + nb - 4 * len(fields))
        kind[oid] = dump.classname.get(cid, '?').split('/')[-1]
        out = []
        for off, name in fields:
            t = dump.ref(q + off)
            if t:
                out.append(t)
                if name in cut_names:
                    cut[oid].add(t)
        refs[oid] = out

    def on_array(oid, acid, q, n):
        size[oid] = aligned(16 + 4 * n)
        kind[oid] = dump.classname.get(acid, '?').split('/')[-1]
        refs[oid] = [t for t in struct.unpack('>%dQ' % n, f[q:q + 8 * n]) if t]

    def on_primitive(oid, ty, q, n):
        size[oid] = aligned(16 + n * SIZES[ty])
        kind[oid] = PRIMITIVE_NAMES.get(ty, '?')

    roots = set()
    dump.walk(on_instance, on_array, on_primitive, roots.add)
    roots.update(dump.classes)

    def reach(cutting):
        seen = set()
        stack = [r for r in roots if r in size]
        seen.update(stack)
        while stack:
            o = stack.pop()
            skip = cut.get(o, ()) if cutting else ()
            for t in refs.get(o, ()):
                if t not in seen and t in size and t not in skip:
                    seen.add(t)
                    stack.append(t)
        return seen

    everything = reach(False)
    kept = reach(True)
    total = sum(size[o] for o in everything)
    rest = sum(size[o] for o in kept)
    print('reachable: %.1f MB in %d objects' % (total / 1e6, len(everything)))
    print('without %s: %.1f MB in %d objects' % (', '.join(sorted(cut_names)), rest / 1e6, len(kept)))
    print('held only through them: %.1f MB' % ((total - rest) / 1e6))
    for title, objects in (('held only through them, by class:', everything - kept),
                           ('what the rest is, by class:', kept)):
        print(title)
        by_kind = collections.Counter()
        for o in objects:
            by_kind[kind.get(o, '?')] += size[o]
        for k, b in by_kind.most_common(12):
            print('  %8.1f MB  %s' % (b / 1e6, k))


if __name__ == '__main__':
    main(sys.argv[1], set(sys.argv[2:]))
