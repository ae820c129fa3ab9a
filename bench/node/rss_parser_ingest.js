// Peer: the npm package rss-parser over every DIR/*.xml, one process; one JSON line per measured pass (after
// one warm-up pass, as the JVM gets). Usage: node rss_parser_ingest.js DIR RUNS
'use strict';
const fs = require('fs');
const path = require('path');
const Parser = require('rss-parser');

async function pass(files, parser) {
  let items = 0;
  let bytes = 0;
  for (const f of files) {
    const body = fs.readFileSync(f, 'utf8');
    bytes += Buffer.byteLength(body);
    const feed = await parser.parseString(body);
    items += feed.items.length;
  }
  return { items, bytes };
}

async function main() {
  const dir = process.argv[2];
  const runs = parseInt(process.argv[3], 10);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.xml')).sort().map((f) => path.join(dir, f));
  const parser = new Parser();
  await pass(files, parser);
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = await pass(files, parser);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    console.log(JSON.stringify({ tool: 'rss-parser', seconds, files: files.length, bytes: r.bytes, items: r.items }));
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
