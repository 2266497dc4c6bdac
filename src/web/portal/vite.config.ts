import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * The public portal: served by the Liaison server at / from dist/portal. Its own small bundle
 * (constituents' phones on weak connections); the manifest lets `npm run bench` weigh first loads.
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.resolve(root, '../../../dist/portal'),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    manifest: true,
    assetsDir: 'assets',
  },
  server: {
    port: 5174,
    strictPort: true,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
