// A module: its versions with provenance and what each serves, a schema diff between two
// versions, its smoke checks and recent decisions, and a rollback to a chosen version.
import {
  actionButton,
  confirmAction,
  el,
  getJson,
  header,
  postAction,
  showStatus,
} from './common.js';

const name = decodeURIComponent(location.pathname.split('/').pop());
header(`Module ${name}`);
const main = document.getElementById('main');

load().catch((error) => showStatus(`Could not read ${name}: ${error.message}`, true));

async function load() {
  const view = await getJson(`/api/modules/${encodeURIComponent(name)}`);
  if (view.cells) return showCellular(view);
  const live = view.live.canary
    ? `v${view.live.version} and v${view.live.canary.version} at ${Math.round(view.live.canary.weight * 1000) / 10}%`
    : `v${view.live.version}`;
  main.append(
    el(
      'section',
      { id: 'about' },
      el('h2', {}, name),
      el(
        'p',
        {},
        `Owner ${view.owner} · tier ${view.tier} · function ${view.functionName}:${view.alias} serves ${live}`,
      ),
      actionButton('Roll back to a version…', () => rollback(view), { 'data-action': 'rollback' }),
    ),
    el(
      'section',
      { id: 'versions' },
      el('h2', {}, `Versions (${view.versions.length})`),
      el(
        'table',
        {},
        el(
          'tr',
          {},
          ...['version', 'published', 'deployed by', 'code SHA-256', 'description', 'serves'].map(
            (h) => el('th', {}, h),
          ),
        ),
        ...view.versions.map((v) =>
          el(
            'tr',
            { 'data-version': v.version },
            el('td', {}, `v${v.version}`),
            el('td', {}, v.publishedAt?.slice(0, 19) ?? '-'),
            el(
              'td',
              {},
              v.deployment
                ? el(
                    'a',
                    { href: `/deployments/${v.deployment.id}` },
                    `${v.deployment.startedBy ?? '?'} (${v.deployment.state})`,
                  )
                : '-',
            ),
            el(
              'td',
              { class: 'muted' },
              v.codeSha256 ?? '-',
              v.deployment?.provenance
                ? el(
                    'details',
                    { 'data-provenance': v.version },
                    el('summary', {}, 'build'),
                    el('div', {}, `bundle sha256 ${v.deployment.provenance.bundleSha256}`),
                    el('div', {}, `commit ${v.deployment.provenance.commit ?? '(not in git)'}`),
                    el(
                      'div',
                      {},
                      `dependencies: ${v.deployment.provenance.dependencies.join(', ')}`,
                    ),
                  )
                : null,
            ),
            el('td', {}, v.description ?? ''),
            el(
              'td',
              {},
              v.restPrefixes?.length ? el('div', {}, `REST ${v.restPrefixes.join(', ')}`) : null,
              v.sdl
                ? el('details', {}, el('summary', {}, 'GraphQL schema'), el('pre', {}, v.sdl))
                : null,
            ),
          ),
        ),
      ),
    ),
    diffSection(view.versions.map((v) => v.version)),
    el(
      'section',
      { id: 'smoke-checks' },
      el('h2', {}, `Smoke checks (${view.smokeChecks.length})`),
      view.smokeChecks.length
        ? el('pre', {}, JSON.stringify(view.smokeChecks, null, 2))
        : el('p', { class: 'muted' }, 'None.'),
    ),
    el(
      'section',
      { id: 'decisions' },
      el('h2', {}, 'Recent decisions'),
      ...view.decisions.map((d) =>
        el(
          'div',
          { class: `decision ${d.name}` },
          el(
            'div',
            {},
            el('strong', {}, d.name),
            ' ',
            el('a', { href: `/deployments/${d.deploymentId}` }, d.deploymentId),
            ` ${d.at.slice(0, 19)}`,
          ),
          el('div', {}, d.detail),
          ...d.figures.map((f) => el('div', { class: 'muted' }, f)),
        ),
      ),
      ...view.manualRollbacks.map((r) =>
        el(
          'div',
          { class: 'decision rollback' },
          el('strong', {}, 'manual rollback'),
          ` ${r.at.slice(0, 19)} v${r.from} → v${r.to} by ${r.by}${r.reason ? ` (${r.reason})` : ''}`,
        ),
      ),
    ),
  );
}

function diffSection(versions) {
  const choose = (id, index) =>
    el(
      'select',
      { id },
      ...versions.map((v, i) => el('option', { value: v, selected: i === index }, `v${v}`)),
    );
  const from = choose('diff-from', Math.min(1, versions.length - 1));
  const to = choose('diff-to', 0);
  const result = el('div', { id: 'diff-result' });
  const compare = async () => {
    try {
      const diff = await getJson(
        `/api/modules/${encodeURIComponent(name)}/schema-diff?from=${from.value}&to=${to.value}`,
      );
      result.replaceChildren(
        diff.changes.length
          ? el(
              'ul',
              {},
              ...diff.changes.map((c) =>
                el(
                  'li',
                  { class: c.criticality === 'BREAKING' ? 'bad' : '' },
                  `${c.criticality}: ${c.message}`,
                ),
              ),
            )
          : el('p', { class: 'muted' }, 'No schema changes.'),
        ...diff.breaking.map((b) => el('p', { class: 'bad' }, b)),
      );
    } catch (error) {
      result.replaceChildren(el('p', { class: 'bad' }, error.message));
    }
  };
  return el(
    'section',
    { id: 'diff' },
    el('h2', {}, 'Schema diff'),
    el('label', {}, 'from ', from),
    el('label', {}, ' to ', to),
    el('button', { class: 'plain', onclick: compare }, 'Compare'),
    result,
  );
}

function rollback(view) {
  confirmAction({
    title: `Roll back ${name}`,
    fields: [
      {
        name: 'to',
        label: 'To version',
        build: () =>
          el(
            'select',
            { name: 'to' },
            ...view.versions.map((v) => el('option', { value: v.version }, `v${v.version}`)),
          ),
      },
    ],
    run: ({ reason, to }) =>
      postAction(`/api/modules/${encodeURIComponent(name)}/rollback`, { reason, to }),
  });
}

/** A cellular module's versions are its cells': the cells page shows each. */
function showCellular(view) {
  main.append(
    el(
      'section',
      { id: 'about' },
      el('h2', {}, name),
      el('p', {}, `Owner ${view.owner} · tier ${view.tier} · cellular: ${view.cells.join(', ')}`),
      el(
        'p',
        {},
        el('a', { href: `/modules/${encodeURIComponent(name)}/cells` }, 'Its cells'),
        ": the cell map, and each cell's version and load.",
      ),
    ),
  );
}
