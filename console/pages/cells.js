// A cellular module's cells: the cell map (buckets per cell, pinned keys) and each cell's
// version and load, as `turnout cells <module>` shows them; live through server-sent events.
import { el, header, listen, showStatus } from './common.js';

const name = decodeURIComponent(location.pathname.split('/').at(-2));
header(`Cells of ${name}`);
const main = document.getElementById('main');

listen(`/api/modules/${encodeURIComponent(name)}/cells/events`, {
  cells: render,
  problem: (p) => showStatus(`Could not read the cells of ${name}: ${p.message}`, true),
});

function render(report) {
  const version = (cell) =>
    cell.candidate
      ? `v${cell.stable} and v${cell.candidate.version} at ${Math.round(cell.candidate.weight * 100)}%`
      : cell.stable
        ? `v${cell.stable}`
        : '-';
  main.replaceChildren(
    el(
      'section',
      { id: 'cell-map' },
      el('h2', {}, `${name}: ${report.cells.length} cells, ${report.buckets} buckets`),
      el(
        'p',
        { class: 'muted' },
        `Registry generation ${report.generation}`,
        report.defaultCell ? `; requests without a key go to ${report.defaultCell}` : '',
        `. Load: the gateways' requests over the last ${report.windowSeconds} s.`,
      ),
      el(
        'table',
        { id: 'cells' },
        el(
          'tr',
          {},
          ...[
            'cell',
            'buckets',
            'share',
            'pinned keys',
            'live version',
            'requests',
            'errors',
            'function',
          ].map((h) => el('th', {}, h)),
        ),
        ...report.cells.map((cell) =>
          el(
            'tr',
            { 'data-cell': cell.name },
            el('td', {}, cell.name),
            el('td', { 'data-field': 'buckets' }, String(cell.buckets)),
            el('td', {}, `${Math.round((cell.buckets / report.buckets) * 1000) / 10}%`),
            el('td', { 'data-field': 'pinned' }, cell.pinnedKeys.join(', ') || '-'),
            el('td', { 'data-field': 'version' }, version(cell)),
            el('td', { 'data-field': 'requests' }, String(cell.load?.invokes ?? '?')),
            el('td', { class: cell.load?.errors ? 'bad' : '' }, String(cell.load?.errors ?? '?')),
            el('td', { class: 'muted' }, cell.functionName),
          ),
        ),
      ),
    ),
    el(
      'section',
      { id: 'pins' },
      el('h2', {}, 'Pinned keys (newest first)'),
      report.pins.length
        ? el(
            'ul',
            {},
            ...report.pins.map((pin) =>
              el(
                'li',
                {},
                `${pin.at.slice(0, 19)} "${pin.key}" ${pin.from ?? '-'} → ${pin.to ?? '-'} by ${pin.by}${pin.reason ? ` (${pin.reason})` : ''}`,
              ),
            ),
          )
        : el('p', { class: 'muted' }, "No key is pinned: every key goes to its bucket's cell."),
    ),
  );
}
