// `npm run dev`: the server (restarting on change) and the console with Vite's hot reload.
// Open http://localhost:5173/console/ — Vite proxies /api to the server on :3000.
import { spawn } from 'node:child_process';

const procs = [
  spawn(process.execPath, ['--import', 'tsx', '--watch', 'src/server/main.ts', 'serve'], { stdio: 'inherit' }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--config', 'src/web/console/vite.config.ts'], {
    stdio: 'inherit',
  }),
];
const stop = () => procs.forEach((p) => p.kill('SIGTERM'));
process.on('SIGINT', stop).on('SIGTERM', stop);
for (const p of procs) p.on('exit', stop);
