// Bundles the console for the dispatcher to serve: index.html, console.js and console.css in the
// output directory (default ../build/console). Offline: only esbuild from node_modules.
//   node build.mjs [--out DIR] [--dev]     (--dev: no minifying, inline source map)
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function option(name) {
  const i = process.argv.indexOf(name);
  if (i < 0) return undefined;
  const value = process.argv[i + 1];
  if (!value || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

async function loadEsbuild() {
  try {
    return (await import('esbuild')).build;
  } catch {
    throw new Error('esbuild is not installed in console/node_modules: run scripts/install-deps (it runs npm ci there)');
  }
}

async function main() {
  const build = await loadEsbuild();
  const out = path.resolve(option('--out') ?? path.join(here, '..', 'build', 'console'));
  const dev = process.argv.includes('--dev');
  await mkdir(out, { recursive: true });
  // Written under temporary names and renamed, so a dispatcher serving `out` never sees half a file.
  const result = await build({
    entryPoints: { console: path.join(here, 'src', 'main.js') },
    bundle: true,
    format: 'esm',
    target: ['chrome110', 'firefox115', 'safari16'],
    minify: !dev,
    sourcemap: dev ? 'inline' : false,
    legalComments: 'linked',
    outdir: out,
    entryNames: '[name].tmp',
    write: true,
    logLevel: 'warning',
    loader: { '.css': 'css' },
  });
  if (result.errors.length) throw new Error('esbuild failed');
  const css = await readFile(path.join(here, 'src', 'console.css'), 'utf8');
  const olCss = await readFile(path.join(here, 'node_modules', 'ol', 'ol.css'), 'utf8');
  await writeFile(path.join(out, 'console.css.tmp'), olCss + '\n' + css);
  await copyFile(path.join(here, 'src', 'index.html'), path.join(out, 'index.html.tmp'));
  await rename(path.join(out, 'console.tmp.js'), path.join(out, 'console.js'));
  try {
    await rename(path.join(out, 'console.tmp.js.LEGAL.txt'), path.join(out, 'console.js.LEGAL.txt'));
  } catch { /* no legal comments in this bundle */ }
  await rename(path.join(out, 'console.css.tmp'), path.join(out, 'console.css'));
  await rename(path.join(out, 'index.html.tmp'), path.join(out, 'index.html'));
}

main().catch((error) => {
  console.error(`console build: ${error.message}`);
  process.exit(1);
});
