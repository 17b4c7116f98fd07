// Bundles the API node into apps/api/dist/main.mjs for `npm start`: plain Node runs it, without the
// TypeScript loader, which halves the node's idle memory (measured by `npm run bench`). npm packages
// stay external (resolved from node_modules); only our own TypeScript — the api and @rabt/contracts — is bundled.
import { build } from 'esbuild';

await build({
  entryPoints: ['apps/api/src/main.ts'],
  outfile: 'apps/api/dist/main.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [
    {
      name: 'external-packages',
      setup(b) {
        // Bare specifiers are npm packages, except our workspace packages which ship TypeScript source.
        b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@rabt/') ? undefined : { path: args.path, external: true }));
      },
    },
  ],
});
