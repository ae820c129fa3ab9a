#!/usr/bin/env python3
"""Who holds the large arrays of a heap dump: bench/lib/heap_holders.py DUMP [MIN_LENGTH] [LEVELS] [CLASS_PART]

Reads an HPROF dump (jcmd PID GC.heap_dump FILE), finds every object array of at least MIN_LENGTH elements
(default 16384) whose class name contains CLASS_PART (default HashMap$Node: the tables of hash maps), and prints,
level by level up to LEVELS (default 4), the class and field of each object referring to it, then to that object:
which structure of the program a large table belongs to, which a class histogram cannot say. Used for issue 13's
count of the tables held per article (bench/README.md, ninth session of 2026-12-05). Reads the whole dump into
memory; 15 s for the 200 MB dump of a server on 100,000 articles.
"""
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hprof import Hprof  # noqa: E402

dump = Hprof(sys.argv[1])
minlen = int(sys.argv[2]) if len(sys.argv) > 2 else 16384
levels = int(sys.argv[3]) if len(sys.argv) > 3 else 4
part = sys.argv[4] if len(sys.argv) > 4 else 'HashMap$Node'
big = {}


def find_big(oid, acid, q, n):
    if n >= minlen and part in dump.classname.get(acid, ''):
        big[oid] = n


dump.walk(on_array=find_big)
print('big tables', len(big))
targets = {b: 'table[%d]' % n for b, n in big.items()}
for level in range(levels):
    found = collections.defaultdict(list)

    def on_instance(oid, cid, q, nb):
        for off, name in dump.ref_fields(cid):
            r = dump.ref(q + off)
            if r in targets:
                found[r].append((oid, dump.classname.get(cid, '?'), name))

    dump.walk(on_instance)
    following = {}
    for t, refs in found.items():
        for oid, cn, name in refs:
            print('  ' * level, targets[t], '<-', cn, name)
            following[oid] = targets[t] + ' <- ' + name
    targets = following
    if not targets:
        break
