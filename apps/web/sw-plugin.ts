import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { Plugin } from 'vite';
import type { PrecacheEntry } from 'workbox-precaching';

/**
 * Builds the Workbox service worker (`src/sw/sw.ts`) into `dist/sw.js` with esbuild after Vite has written the
 * app, injecting the precache list as `self.__WB_MANIFEST` (Workbox's `{url, revision}` entries, as
 * workbox-build's `injectManifest` would): index.html, the entry chunk with its static imports and CSS, and the
 * same for the routes meant to work offline, taken from Vite's manifest. Hashed files have no revision (their
 * name changes with their content); index.html's revision is a hash of its content, so every build that
 * changes the shell changes sw.js, installs a new worker, and workbox-precaching replaces what changed.
 */

/**
 * Routes whose code is precached with the shell: the lesson page (with /courses/:id and /my-learning, the list of
 * the trainee's courses), the live-session blocks those pages load on demand, and the public /verify page.
 */
export const OFFLINE_ROUTES = ['src/pages/elearning/Learner.tsx', 'src/pages/elearning/Classrooms.tsx', 'src/pages/contracts/VerifyDocument.tsx'];

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
  assets?: string[];
}

/** The files (relative to dist) a browser loads for `keys` and their static imports: JavaScript, CSS and assets, each once. */
export function precacheFiles(manifest: Record<string, ManifestChunk>, keys: string[]): string[] {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`service worker: ${key} is not in the build manifest`);
    if (!chunk.file.endsWith('.html')) files.add(chunk.file);
    for (const f of [...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(f);
    for (const i of chunk.imports ?? []) visit(i);
  };
  keys.forEach(visit);
  return [...files].sort();
}

export function serviceWorker(): Plugin {
  let root = '';
  let outDir = '';
  return {
    name: 'rabt-service-worker',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
      const precache: PrecacheEntry[] = [
        { url: '/index.html', revision: createHash('sha256').update(readFileSync(join(outDir, 'index.html'))).digest('hex').slice(0, 16) },
        ...precacheFiles(manifest, ['index.html', ...OFFLINE_ROUTES]).map((f) => ({ url: `/${f}`, revision: null })),
      ];
      await build({
        entryPoints: [join(root, 'src/sw/sw.ts')],
        bundle: true,
        format: 'iife',
        target: 'es2022',
        minify: true,
        outfile: join(outDir, 'sw.js'),
        // Workbox's modules drop their development logging and checks in production.
        define: { 'self.__WB_MANIFEST': JSON.stringify(precache), 'process.env.NODE_ENV': '"production"' },
        logLevel: 'warning',
      });
    },
  };
}
