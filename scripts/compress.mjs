/**
 * `node scripts/compress.mjs <dir>...`: writes .br and .gz beside every text asset of a built web
 * app, so that the server sends them compressed without compressing on each request (government
 * networks are often slow; the server's cores are few). Run by `npm run build:console|portal`.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const TEXT = /\.(js|mjs|css|html|svg|json|webmanifest|txt|map)$/;
const MIN_BYTES = 1024;

function* files(dir, test) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p, test);
    else if (test.test(e.name)) yield p;
  }
}

let count = 0;
let raw = 0;
let brotli = 0;
for (const dir of process.argv.slice(2)) {
  if (!fs.existsSync(dir)) throw new Error(`${dir}: no such folder (build it first)`);
  // A variant left from an earlier build would be served instead of the file it no longer matches.
  for (const stale of [...files(dir, /\.(br|gz)$/)]) fs.rmSync(stale);
  for (const file of files(dir, TEXT)) {
    const body = fs.readFileSync(file);
    if (body.length < MIN_BYTES) continue;
    const br = zlib.brotliCompressSync(body, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    });
    const gz = zlib.gzipSync(body, { level: 9 });
    fs.writeFileSync(`${file}.br`, br);
    fs.writeFileSync(`${file}.gz`, gz);
    count++;
    raw += body.length;
    brotli += br.length;
  }
}
console.log(`compressed ${count} files: ${(raw / 1024).toFixed(0)} KB → ${(brotli / 1024).toFixed(0)} KB brotli`);
