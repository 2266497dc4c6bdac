import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import type { Scenario } from '../harness.js';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/portal');
const TARGET_KB = 100;
/** The page a QR code sends constituents to: its chunk, loaded by the router on first visit. */
const PAGE = 'src/features/opinions/NewOpinionPage.tsx';

interface ManifestChunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}

/** The JS files of a chunk and of everything it imports statically (what the browser must fetch). */
function closure(manifest: Record<string, ManifestChunk>, key: string, seen = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const dep of chunk.imports ?? []) closure(manifest, dep, seen);
  return seen;
}

/**
 * The portal's first load, read from the production build: gzip bytes of the JavaScript the
 * submission page loads on a first visit (entry + the page's chunk and their static imports).
 */
export const portalBundle: Scenario = {
  name: 'portal-bundle',
  title: `portal first load: JS (gzip) of the submission page, target ≤ ${TARGET_KB} KB`,
  run() {
    const file = path.join(DIST, '.vite/manifest.json');
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run build:portal first`);
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, ManifestChunk>;
    const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
    if (!entry || !manifest[PAGE]) throw new Error(`the portal manifest has no entry or no ${PAGE}`);
    const files = closure(manifest, PAGE, closure(manifest, entry));
    let raw = 0;
    let gzip = 0;
    for (const f of files) {
      const bytes = fs.readFileSync(path.join(DIST, f));
      raw += bytes.length;
      gzip += zlib.gzipSync(bytes, { level: 6 }).length;
    }
    const kb = gzip / 1024;
    return Promise.resolve({
      name: 'portal-bundle',
      title: portalBundle.title,
      runs: [],
      notes: [
        `${files.size} JS files, ${(raw / 1024).toFixed(1)} KB raw, ${kb.toFixed(1)} KB gzip (level 6): ` +
          `${kb <= TARGET_KB ? 'within' : 'OVER'} the ${TARGET_KB} KB target`,
      ],
      checks: { jsGzipBytes: gzip, jsRawBytes: raw, files: files.size, withinTarget: kb <= TARGET_KB ? 1 : 0 },
    });
  },
};
