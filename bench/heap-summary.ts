/**
 * `node --import tsx bench/heap-summary.ts FILE.heapsnapshot`: what a V8 heap snapshot holds, by
 * kind (constructor or type) and the largest collections by their number of references, to see
 * what grows in a long run (a soak server's `--heapsnapshot-signal=SIGUSR2`).
 */
import fs from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export function summarise(snap: Snapshot, top = 25) {
  const fields = snap.snapshot.meta.node_fields;
  const width = fields.length;
  const [TYPE, NAME, SELF, EDGES] = ['type', 'name', 'self_size', 'edge_count'].map((f) => fields.indexOf(f));
  const types = snap.snapshot.meta.node_types[0];
  const byKind = new Map<string, { count: number; bytes: number }>();
  const collections: { name: string; edges: number; bytes: number }[] = [];
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + TYPE!]!]!;
    const name = snap.strings[snap.nodes[i + NAME!]!]!;
    const self = snap.nodes[i + SELF!]!;
    const edges = snap.nodes[i + EDGES!]!;
    total += self;
    const kind = type === 'object' || type === 'closure' ? `${type} ${name}` : type;
    const k = byKind.get(kind) ?? { count: 0, bytes: 0 };
    k.count++;
    k.bytes += self;
    byKind.set(kind, k);
    if (edges > 1000) collections.push({ name: `${type} ${name}`.slice(0, 80), edges, bytes: self });
  }
  return {
    totalMb: total / 2 ** 20,
    kinds: [...byKind.entries()].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top),
    collections: collections.sort((a, b) => b.edges - a.edges).slice(0, 15),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: heap-summary.ts FILE.heapsnapshot');
  const s = summarise(JSON.parse(fs.readFileSync(file, 'utf8')) as Snapshot);
  console.log(`${file}: ${s.totalMb.toFixed(1)} MB in objects`);
  for (const [kind, k] of s.kinds)
    console.log(
      `${(k.bytes / 2 ** 20).toFixed(1).padStart(8)} MB ${String(k.count).padStart(9)}  ${kind.slice(0, 100)}`,
    );
  console.log('largest collections (references):');
  for (const c of s.collections) console.log(`${String(c.edges).padStart(9)}  ${c.name}`);
}
