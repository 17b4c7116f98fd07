import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { serviceWorker } from './sw-plugin.ts';

// Built into apps/web/dist, which the API serves (same origin, CSP default-src 'self'); dist/sw.js is the service worker.
// Every text asset over 1 KB is also written Brotli- and gzip-compressed beside itself (x.js.br, x.js.gz), which the
// API sends to a browser that accepts them (@fastify/static preCompressed): a phone downloads ~160 KB, not ~500 KB.
export default defineConfig({
  plugins: [react(), serviceWorker(), compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024, logLevel: 'silent' })],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, manifest: true },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
