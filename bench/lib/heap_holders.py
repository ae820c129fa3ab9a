#!/usr/bin/env python3
"""Who holds the large arrays of a heap dump: bench/lib/heap_holders.py DUMP [MIN_LENGTH] [LEVELS] [CLASS_PART]

Reads an HPROF dump (jcmd PID GC.heap_dump FILE), finds every object array of at least MIN_LENGTH elements
(default 16384) whose class name contains CLASS_PART (default HashMap$Node: the tables of hash maps), and prints,
level by level up to LEVELS (default 4), the class and field of each object referring to it, then to that object:
which structure of the program a large table belongs to, which a class histogram cannot say. Used for issue 13's
count of the tables held per article (bench/README.md, ninth session of 2026-12-05). Reads the whole dump into
memory; 15 s for the 200 MB dump of a server on 100,000 articles.
"""
import struct, sys, collections
f = open(sys.argv[1], 'rb').read()
minlen = int(sys.argv[2]) if len(sys.argv) > 2 else 16384
PAT = sys.argv[4] if len(sys.argv) > 4 else 'HashMap$Node'
p = f.index(b'\0') + 1
ids = struct.unpack('>I', f[p:p+4])[0]; p += 12
assert ids == 8
SZ = {2: 8, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}
strings = {}; classname = {}; cls = {}  # cls[id] = (super, [(name, type)])
segs = []
while p < len(f):
    tag = f[p]; ln = struct.unpack('>I', f[p+5:p+9])[0]; body = p + 9; p = body + ln
    if tag == 1:
        strings[struct.unpack('>Q', f[body:body+8])[0]] = f[body+8:body+ln].decode('utf8', 'replace')
    elif tag == 2:
        cid, nid = struct.unpack('>Q', f[body+4:body+12])[0], struct.unpack('>Q', f[body+16:body+24])[0]
        classname[cid] = nid
    elif tag in (0x0c, 0x1c):
        segs.append((body, body + ln))
classname = {k: strings.get(v, '?') for k, v in classname.items()}
ROOT = {0xff: 8, 0x01: 16, 0x02: 16, 0x03: 16, 0x04: 12, 0x05: 8, 0x06: 12, 0x07: 8, 0x08: 16}
def walk(visit_inst, visit_arr):
    for s, e in segs:
        q = s
        while q < e:
            t = f[q]; q += 1
            if t in ROOT: q += ROOT[t]
            elif t == 0x20:
                cid = struct.unpack('>Q', f[q:q+8])[0]; sup = struct.unpack('>Q', f[q+12:q+20])[0]
                q += 8 + 4 + 8 * 6 + 4
                n = struct.unpack('>H', f[q:q+2])[0]; q += 2
                for _ in range(n):
                    ty = f[q+2]; q += 3 + SZ[ty]
                n = struct.unpack('>H', f[q:q+2])[0]; q += 2
                for _ in range(n):
                    ty = f[q+8]; q += 9 + SZ[ty]
                n = struct.unpack('>H', f[q:q+2])[0]; q += 2
                fl = []
                for _ in range(n):
                    fl.append((strings.get(struct.unpack('>Q', f[q:q+8])[0], '?'), f[q+8])); q += 9
                if cid not in cls: cls[cid] = (sup, fl)
            elif t == 0x21:
                oid, _, cid, nb = struct.unpack('>QIQI', f[q:q+24]); q += 24
                visit_inst(oid, cid, q, nb); q += nb
            elif t == 0x22:
                oid, _, n, acid = struct.unpack('>QIIQ', f[q:q+24]); q += 24
                visit_arr(oid, acid, q, n); q += 8 * n
            elif t == 0x23:
                oid, _, n, ty = struct.unpack('>QIIB', f[q:q+17]); q += 17 + n * SZ[ty]
            else:
                raise Exception('tag %x' % t)
layout = {}
def objfields(cid):
    if cid in layout: return layout[cid]
    out = []; off = 0; c = cid
    while c and c in cls:
        sup, fl = cls[c]
        for name, ty in fl:
            if ty == 2: out.append((off, classname.get(c, '?').split('/')[-1] + '.' + name))
            off += SZ[ty]
        c = sup
    layout[cid] = out; return out
big = {}
def find_big(oid, acid, q, n):
    if n >= minlen and PAT in classname.get(acid, ''): big[oid] = n
walk(lambda *a: None, find_big)
print('big tables', len(big))
targets = {b: 'table[%d]' % n for b, n in big.items()}
for level in range(int(sys.argv[3]) if len(sys.argv) > 3 else 4):
    found = collections.defaultdict(list)
    def vi(oid, cid, q, nb):
        for off, name in objfields(cid):
            r = struct.unpack('>Q', f[q+off:q+off+8])[0]
            if r in targets: found[r].append((oid, classname.get(cid, '?'), name))
    def va(oid, acid, q, n):
        pass
    walk(vi, va)
    nxt = {}
    for t, refs in found.items():
        for oid, cn, name in refs:
            print('  ' * level, targets[t], '<-', cn, name)
            nxt[oid] = targets[t] + ' <- ' + name
    targets = nxt
    if not targets: break
