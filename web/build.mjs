// Build the dashboard into src/newsevents/serve/static/ (see README.md). The page itself,
// index.html and favicon.svg, is written by hand there; the build makes the rest:
//
//   app.js                <- src/main.js and its imports, bundled and minified by esbuild,
//                            with the licences of the bundled packages in a leading comment
//   app.css               <- src/style.css, minified by esbuild
//   countries-110m.json   <- node_modules/world-atlas/countries-110m.json (Natural Earth)
//   build-info.json       <- {"sources_sha256": ...}: the hash of the build's sources
//
// The output depends only on the sources and the locked packages: no timestamps, no paths.

import { build, transform } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = dirname(fileURLToPath(import.meta.url));
const OUT = join(WEB, '..', 'src', 'newsevents', 'serve', 'static');

// ---- the sources' hash -------------------------------------------------------------------

function walk(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) files.push(...walk(path));
    else if (st.isFile()) files.push(path);
  }
  return files;
}

/** Compare strings by Unicode code point, as Python's sorted() does. */
function byCodePoint(a, b) {
  const x = Array.from(a, (c) => c.codePointAt(0));
  const y = Array.from(b, (c) => c.codePointAt(0));
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/**
 * sha256 over web/package.json, web/package-lock.json, web/build.mjs and every file under
 * web/src, sorted by their path relative to web/ (with "/"), each as
 * UTF-8 path + "\n" + the file's bytes + "\n".
 */
export function sourcesSha256() {
  const paths = ['package.json', 'package-lock.json', 'build.mjs',
    ...walk(join(WEB, 'src')).map((p) => relative(WEB, p).split(sep).join('/'))];
  paths.sort(byCodePoint);
  const hash = createHash('sha256');
  for (const p of paths) {
    hash.update(Buffer.from(p, 'utf8'));
    hash.update('\n');
    hash.update(readFileSync(join(WEB, ...p.split('/'))));
    hash.update('\n');
  }
  return hash.digest('hex');
}

// ---- third-party licences ----------------------------------------------------------------

function packageOf(input) {
  // "node_modules/d3-geo/src/path/index.js" -> "d3-geo"; scoped names keep their scope
  const parts = input.split('/');
  const i = parts.lastIndexOf('node_modules');
  if (i < 0) return null;
  return parts[i + 1].startsWith('@') ? `${parts[i + 1]}/${parts[i + 2]}` : parts[i + 1];
}

function licenceBanner(packages) {
  const byText = new Map();
  for (const name of [...packages].sort(byCodePoint)) {
    const dir = join(WEB, 'node_modules', ...name.split('/'));
    const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^licen[cs]e(\.|$)/i.test(f));
    const text = file ? readFileSync(join(dir, file), 'utf8').trim() : `${meta.license} (no licence file)`;
    if (!byText.has(text)) byText.set(text, []);
    byText.get(text).push(`${meta.name} ${meta.version} (${meta.license})`);
  }
  const lines = ['newsevents dashboard. Bundled third-party packages and their licences:', ''];
  for (const [text, names] of byText) {
    lines.push(...names, '', ...text.split(/\r?\n/), '', '-----', '');
  }
  lines.pop();
  const body = lines.map((l) => ` * ${l}`.trimEnd()).join('\n').replace(/\*\//g, '* /');
  return `/*!\n${body}\n */\n`;
}

// ---- build -------------------------------------------------------------------------------

async function main() {
  mkdirSync(OUT, { recursive: true });

  const result = await build({
    entryPoints: [join(WEB, 'src', 'main.js')],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    charset: 'ascii',
    legalComments: 'none',
    sourcemap: false,
    metafile: true,
    write: false,
    outfile: join(OUT, 'app.js'),
    logLevel: 'warning',
  });
  const packages = new Set();
  for (const input of Object.keys(result.metafile.inputs)) {
    const name = packageOf(input);
    if (name) packages.add(name);
  }
  const js = licenceBanner(packages) + result.outputFiles[0].text;
  writeFileSync(join(OUT, 'app.js'), js);

  const css = await transform(readFileSync(join(WEB, 'src', 'style.css'), 'utf8'),
    { loader: 'css', minify: true, charset: 'utf8', legalComments: 'none' });
  writeFileSync(join(OUT, 'app.css'), css.code);

  copyFileSync(join(WEB, 'node_modules', 'world-atlas', 'countries-110m.json'),
    join(OUT, 'countries-110m.json'));

  const sha = sourcesSha256();
  writeFileSync(join(OUT, 'build-info.json'), `{"sources_sha256": "${sha}"}\n`);

  for (const name of ['app.js', 'app.css', 'countries-110m.json', 'build-info.json']) {
    const size = statSync(join(OUT, name)).size;
    console.log(`${relative(process.cwd(), join(OUT, name))}  ${size.toLocaleString('en-US')} bytes`);
  }
  console.log(`sources_sha256 ${sha}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
