import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { Plugin } from 'vite';

/**
 * Builds the service worker (`src/sw/sw.ts`) into `dist/sw.js` after Vite has written the app, with the list
 * of files to precache taken from Vite's manifest: index.html, the entry chunk with its static imports and
 * CSS, and the same for the routes meant to work offline. The worker's version is a hash of that list and of
 * index.html, so every build that changes the shell installs a new worker and drops the old shell cache.
 * (What vite-plugin-pwa's `injectManifest` does; see the note in sw.ts.)
 */

/** Routes whose code is precached with the shell: the lesson page and the public /verify page. */
export const OFFLINE_ROUTES = ['src/pages/elearning/Learner.tsx', 'src/pages/contracts/VerifyDocument.tsx'];

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
      const precache = ['/index.html', ...precacheFiles(manifest, ['index.html', ...OFFLINE_ROUTES]).map((f) => `/${f}`)];
      const version = createHash('sha256').update(readFileSync(join(outDir, 'index.html'))).update(precache.join('\n')).digest('hex').slice(0, 16);
      await build({
        entryPoints: [join(root, 'src/sw/sw.ts')],
        bundle: true,
        format: 'iife',
        target: 'es2022',
        minify: true,
        outfile: join(outDir, 'sw.js'),
        define: { __RABT_PRECACHE__: JSON.stringify(precache), __RABT_VERSION__: JSON.stringify(version) },
        logLevel: 'warning',
      });
    },
  };
}
