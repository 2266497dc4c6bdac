import fs from 'node:fs';
import path from 'node:path';

/** The newest modification time of any file under the given folders. */
export function newestMtime(...dirs) {
  let newest = 0;
  const walk = (p) => {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(p)) if (e !== 'node_modules') walk(path.join(p, e));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  dirs.forEach(walk);
  return newest;
}

/** Whether the built console is missing or older than its sources. */
export function consoleIsStale(root) {
  const index = path.join(root, 'dist/console/index.html');
  const built = fs.statSync(index, { throwIfNoEntry: false });
  if (!built) return true;
  return newestMtime(path.join(root, 'src/web'), path.join(root, 'src/contracts')) > built.mtimeMs;
}
