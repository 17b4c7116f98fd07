import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Built into apps/web/dist, which the API serves (same origin, CSP default-src 'self').
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, manifest: true },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
