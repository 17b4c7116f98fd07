/**
 * Issue 6 target: the lesson page's JavaScript on first load stays under 200 KB compressed. Measured on
 * the production build (vite, with its manifest): the entry chunk plus every chunk the lesson route
 * statically imports (routes are code-split with React Router `lazy`), each gzip-compressed at level 9
 * as a web server would send it. The whole app's JavaScript is reported beside it for context.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Bench } from '../lib/bench.ts';
import { absoluteRow, infoRow } from '../lib/table.ts';

const DIST = 'apps/web/dist';
interface ManifestChunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}

const gz = (file: string): number => gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length / 1024;

/** The files a browser loads for `key` and its static imports (each once). */
function closure(manifest: Record<string, ManifestChunk>, keys: string[]): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest`);
    files.add(chunk.file);
    for (const i of chunk.imports ?? []) visit(i);
  };
  keys.forEach(visit);
  return files;
}

export const webBundle: Bench = {
  name: 'web-bundle',
  run(ctx) {
    ctx.log('building the web app (vite)');
    const built = spawnSync('npm', ['run', 'build:web'], { stdio: 'ignore' });
    if (built.status !== 0) throw new Error('vite build failed');
    const manifest = JSON.parse(readFileSync(join(DIST, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
    const lesson = closure(manifest, ['index.html', 'src/pages/elearning/Learner.tsx']);
    const lessonKb = [...lesson].filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + gz(f), 0);
    const allKb = readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + gz(join('assets', f)), 0);
    return Promise.resolve([
      absoluteRow('lesson page JavaScript on first load (gzip)', lessonKb, 'KB', 200),
      infoRow('  whole app JavaScript, all routes (gzip)', `${allKb.toFixed(1)} KB`),
    ]);
  },
};
