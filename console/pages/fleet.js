// The fleet: every module with its live version, weights and health, what waits for a
// decision, and the recent deployments; live through server-sent events.
import {
  actionButton,
  confirmAction,
  el,
  header,
  listen,
  ms,
  percent,
  postAction,
  settings,
  showStatus,
  weightBar,
} from './common.js';

header('Fleet');
const main = document.getElementById('main');
const filter = el('input', {
  type: 'search',
  id: 'filter',
  placeholder: 'Filter: module, tier, owner, target...',
  oninput: () => render(),
});
const sections = {
  waiting: el('section', { id: 'waiting' }),
  modules: el('section', { id: 'modules' }),
  // Links to the Regions page (when the environment has Regions) and each cellular module's cells.
  regions: el('section', { id: 'regions' }),
  deployments: el('section', { id: 'deployments' }),
};
main.append(...Object.values(sections));
// The filter stays put while the table under it is redrawn, so typing keeps its focus.
const modulesTitle = el('h2', {}, 'Modules');
const modulesBody = el('div', {});
sections.modules.append(modulesTitle, filter, modulesBody);
let fleet;
/** The Regions page's reading, when the environment has Regions. */
let regions;
let sort = { key: 'module', descending: false };

listen('/api/fleet/events', {
  fleet: (value) => {
    fleet = value;
    render();
  },
  regions: (value) => {
    regions = value;
    render();
  },
  problem: (p) => showStatus(`Could not read the ${p.event}: ${p.message}`, true),
});

function render() {
  if (!fleet) return;
  renderWaiting();
  renderModules();
  renderRegions();
  renderDeployments();
}

function renderWaiting() {
  const rows = fleet.waiting.map((w) =>
    el(
      'tr',
      { 'data-deployment': w.deploymentId },
      el('td', {}, el('a', { href: `/deployments/${w.deploymentId}` }, w.deploymentId)),
      el('td', {}, w.modules.join(', ')),
      el('td', {}, w.why),
      el(
        'td',
        {},
        w.actions.includes('promote')
          ? actionButton('Promote now', () => steer(w.deploymentId, 'promote'))
          : null,
        actionButton('Abort', () => steer(w.deploymentId, 'abort')),
      ),
    ),
  );
  sections.waiting.replaceChildren(
    el('h2', {}, `Waiting for a decision (${rows.length})`),
    rows.length
      ? el(
          'table',
          {},
          el('tr', {}, ...['deployment', 'modules', 'why', ''].map((h) => el('th', {}, h))),
          ...rows,
        )
      : el('p', { class: 'muted' }, 'Nothing waits for you.'),
  );
}

const COLUMNS = [
  ['module', (m) => m.module],
  ['tier', (m) => m.tier],
  ['owner', (m) => m.owner],
  ['target', (m) => m.target],
  ['live', (m) => Number(m.liveVersion)],
  ['requests', (m) => sum(m.health, 'requests')],
  ['error rate', (m) => Math.max(0, ...m.health.map((h) => h.errorRate))],
  ['p99', (m) => Math.max(0, ...m.health.map((h) => h.p99Ms ?? 0))],
  ['throttles', (m) => sum(m.health, 'throttles')],
];

function renderModules() {
  const words = filter.value.trim().toLowerCase();
  const shown = fleet.modules.filter(
    (m) => !words || [m.module, m.tier, m.owner, m.target].join(' ').toLowerCase().includes(words),
  );
  const by = COLUMNS.find(([name]) => name === sort.key)?.[1] ?? ((m) => m.module);
  shown.sort((a, b) => {
    const [x, y] = [by(a), by(b)];
    const order = typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
    return sort.descending ? -order : order;
  });
  const head = el(
    'tr',
    {},
    ...COLUMNS.map(([name]) => el('th', { 'data-sort': name, onclick: () => sortBy(name) }, name)),
    el('th', {}, 'weights'),
    el('th', {}, 'deployments'),
  );
  const rows = shown.map((m) =>
    el(
      'tr',
      { 'data-module': m.module, 'data-cell': m.cell },
      el('td', {}, el('a', { href: `/modules/${m.module}` }, m.module)),
      el('td', {}, m.tier),
      el('td', {}, m.owner),
      el('td', {}, m.cell ? `${m.target} / ${m.cell}` : m.target),
      el('td', {}, `v${m.liveVersion}`),
      healthCell(m, (h) => String(h.requests)),
      healthCell(
        m,
        (h) => percent(h.errorRate),
        (h) => h.errorRate > 0.01,
      ),
      healthCell(m, (h) => ms(h.p99Ms)),
      healthCell(
        m,
        (h) => String(h.throttles),
        (h) => h.throttles > 0,
      ),
      el(
        'td',
        { class: 'weights' },
        ...Object.entries(m.weights).map(([v, w]) =>
          el('div', {}, weightBar(w), `v${v} ${percent(w)}`),
        ),
      ),
      el(
        'td',
        {},
        ...m.deployments.map((id) => el('div', {}, el('a', { href: `/deployments/${id}` }, id))),
      ),
    ),
  );
  modulesTitle.textContent = `Modules (${shown.length} of ${fleet.modules.length}); health over the last ${fleet.healthWindowMs / 60000} minutes, per version`;
  modulesBody.replaceChildren(el('table', { id: 'module-table' }, head, ...rows));
}

function healthCell(m, text, isBad = () => false) {
  return el(
    'td',
    {},
    ...m.health.map((h) =>
      el(
        'div',
        { class: h.error ? 'muted' : isBad(h) ? 'bad' : '', title: h.error ?? h.source ?? '' },
        `v${h.version}: ${h.error ? 'n/a' : text(h)}`,
      ),
    ),
  );
}

function sortBy(name) {
  sort = { key: name, descending: sort.key === name ? !sort.descending : false };
  render();
}

function renderRegions() {
  sections.regions.replaceChildren(
    el('h2', {}, 'Regions and cells'),
    settings.regions
      ? el(
          'p',
          {},
          el('a', { href: '/regions', id: 'regions-link' }, 'Regions'),
          ': routing controls, health, live versions, replication lag and the failover switch.',
        )
      : el('p', { class: 'muted' }, 'One Region (`turnout dev --regions ...` runs several).'),
    regions
      ? el(
          'table',
          { id: 'region-summary' },
          el(
            'tr',
            {},
            ...['Region', 'routing control', 'health', 'requests (1 min)', 'error rate', 'p99'].map(
              (h) => el('th', {}, h),
            ),
          ),
          ...regions.regions.map((r) =>
            el(
              'tr',
              { 'data-region': r.region },
              el('td', {}, r.region),
              el('td', { class: r.routingControl === 'On' ? 'good' : 'bad' }, r.routingControl),
              el('td', { class: r.health === 'healthy' ? 'good' : 'bad' }, r.health),
              el('td', {}, r.gateway ? String(r.gateway.requests) : '-'),
              el('td', {}, r.gateway ? percent(r.gateway.errorRate) : '-'),
              el(
                'td',
                {},
                ms(r.gateway?.p99Ms === undefined ? undefined : Math.round(r.gateway.p99Ms)),
              ),
            ),
          ),
        )
      : null,
    fleet.cells.length
      ? el(
          'ul',
          { id: 'cellular' },
          ...fleet.cells.map((c) =>
            el(
              'li',
              { 'data-cellular': c.module },
              el('a', { href: `/modules/${c.module}/cells` }, `${c.module} cells`),
              ` (${c.cells.join(', ')}; ${c.buckets} buckets)`,
            ),
          ),
        )
      : el('p', { class: 'muted' }, 'No cellular module.'),
  );
}

function renderDeployments() {
  sections.deployments.replaceChildren(
    el('h2', {}, 'Recent deployments'),
    el(
      'table',
      {},
      el('tr', {}, ...['deployment', 'state', 'started', 'modules'].map((h) => el('th', {}, h))),
      ...fleet.deployments.map((d) =>
        el(
          'tr',
          {},
          el('td', {}, el('a', { href: `/deployments/${d.id}` }, d.id)),
          el(
            'td',
            { class: d.state === 'succeeded' ? 'good' : d.state === 'running' ? '' : 'bad' },
            d.state,
          ),
          el('td', {}, d.createdAt.replace('T', ' ').slice(0, 19)),
          el('td', {}, d.modules.join(', ')),
        ),
      ),
    ),
  );
}

function steer(id, action) {
  confirmAction({
    title: `${action === 'promote' ? 'Promote now' : 'Abort'} ${id}`,
    run: ({ reason }) => postAction(`/api/deployments/${id}/${action}`, { reason }),
  });
}

const sum = (list, key) => list.reduce((total, h) => total + (h[key] ?? 0), 0);
