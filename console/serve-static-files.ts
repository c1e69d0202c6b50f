import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The console's own pages and scripts. */
const PAGES = join(import.meta.dirname, 'pages');

/**
 * The files the browser loads, by URL path under /assets/: the console's scripts and
 * styles, and uPlot from its npm package (never a CDN: the console works offline).
 * A fixed list, so no path the browser sends can name another file.
 */
export function consoleAssets(): Record<string, string> {
  const uplot = join(dirname(createRequire(import.meta.url).resolve('uplot')));
  return {
    'console.css': join(PAGES, 'console.css'),
    'common.js': join(PAGES, 'common.js'),
    'fleet.js': join(PAGES, 'fleet.js'),
    'deployment.js': join(PAGES, 'deployment.js'),
    'module.js': join(PAGES, 'module.js'),
    'cells.js': join(PAGES, 'cells.js'),
    'regions.js': join(PAGES, 'regions.js'),
    'uplot.js': join(uplot, 'uPlot.iife.min.js'),
    'uplot.css': join(uplot, 'uPlot.min.css'),
  };
}

/** Reads an asset once; assets do not change while the console runs. */
export function createAssetReader(assets: Record<string, string>) {
  const cache = new Map<string, Promise<string>>();
  return (name: string): { type: string; body: Promise<string> } | undefined => {
    const file = assets[name];
    if (!file) return undefined;
    let body = cache.get(file);
    if (!body) {
      body = readFile(file, 'utf8');
      cache.set(file, body);
    }
    return { type: TYPES[file.slice(file.lastIndexOf('.'))] ?? 'text/plain', body };
  };
}

const TITLES = {
  fleet: 'Fleet',
  deployment: 'Deployment',
  module: 'Module',
  cells: 'Cells',
  regions: 'Regions',
} as const;

/**
 * One of the console's pages: the one HTML shell with the page's script (and uPlot on
 * the page that draws charts), and the console's settings for its scripts, escaped for
 * an HTML attribute.
 */
export async function renderPage(
  page: keyof typeof TITLES,
  settings: Record<string, unknown>,
): Promise<string> {
  const html = await readFile(join(PAGES, 'page.html'), 'utf8');
  const attribute = JSON.stringify(settings)
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;');
  const charts =
    page === 'deployment'
      ? '<link rel="stylesheet" href="/assets/uplot.css" />\n  <script src="/assets/uplot.js"></script>'
      : '';
  return html
    .replace('{{SETTINGS}}', attribute)
    .replace('{{TITLE}}', TITLES[page])
    .replace('{{CHARTS}}', charts)
    .replace('{{PAGE}}', page);
}
