import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The api package's root (the folder with `migrations/` and `data/`), found by walking up from this
 * module, so the same code works from `src/` under tsx and from the `dist/` bundle that `npm start` runs.
 */
function findApiRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'migrations')) && existsSync(join(dir, 'data', 'reference'))) return dir;
    if (dirname(dir) === dir) throw new Error(`api root not found above ${from}`);
  }
}

export const API_ROOT = findApiRoot(import.meta.dirname);
export const MIGRATIONS_DIR = join(API_ROOT, 'migrations');
export const REFERENCE_DIR = join(API_ROOT, 'data', 'reference');
/** Files that ship with the api and are read at run time (fonts for signed-document PDFs: `assets/fonts/`). */
export const ASSETS_DIR = join(API_ROOT, 'assets');
export const WEB_DIST_DIR = join(API_ROOT, '..', 'web', 'dist');
