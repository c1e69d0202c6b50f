// One deployment, live: its plan, where each module stands, a chart per module of each
// version's error rate, latency and request rate, every decision in words, and the
// operator's buttons. Fed by server-sent events from the deployment record.
import {
  actionButton,
  confirmAction,
  el,
  header,
  listen,
  percent,
  postAction,
  showStatus,
  weightBar,
} from './common.js';

const id = decodeURIComponent(location.pathname.split('/').pop());
header(`Deployment ${id}`);
const main = document.getElementById('main');
const sections = {
  summary: el('section', { id: 'summary' }),
  progress: el('section', { id: 'progress' }),
  charts: el('section', { id: 'charts' }, el('h2', {}, 'Health per version')),
  decisions: el('section', { id: 'decisions' }),
};
main.append(...Object.values(sections));
const charts = new Map();

listen(`/api/deployments/${encodeURIComponent(id)}/events`, {
  deployment: renderDeployment,
  charts: renderCharts,
  problem: (p) => showStatus(`Could not read ${p.event}: ${p.message}`, true),
});

function renderDeployment(view) {
  const { record } = view;
  const running = record.state === 'running';
  const retryable = !running && record.state !== 'succeeded';
  sections.summary.replaceChildren(
    el('h2', {}, 'Deployment'),
    el(
      'p',
      {},
      'State: ',
      el(
        'strong',
        { id: 'state', class: record.state === 'succeeded' ? 'good' : running ? '' : 'bad' },
        record.state,
      ),
      record.reason ? el('span', { id: 'reason' }, ` (${record.reason})`) : null,
      running
        ? el(
            'span',
            { class: 'muted' },
            view.driven ? ' · driven by its orchestrator' : ' · no orchestrator (lease lapsed)',
          )
        : null,
    ),
    el(
      'p',
      { class: 'muted' },
      `Started ${record.createdAt.replace('T', ' ').slice(0, 19)}${record.plan.startedBy ? ` by ${record.plan.startedBy}` : ''} · `,
      `waves: ${record.plan.waves.map((w, i) => `${i + 1}. ${w.join(', ')}`).join('  ')} · `,
      `targets: ${record.plan.targets.join(', ')} · `,
      `strategies: ${Object.entries(record.plan.strategies)
        .map(([m, s]) => `${m} ${s}`)
        .join(', ')}`,
    ),
    el(
      'div',
      { id: 'actions' },
      running && view.driven
        ? actionButton(
            'Promote now',
            () => steer('promote', 'Promote now (skip the rest of the bake)'),
            { 'data-action': 'promote' },
          )
        : null,
      running
        ? actionButton('Abort', () => steer('abort', 'Abort (roll back)'), {
            'data-action': 'abort',
          })
        : null,
      retryable
        ? actionButton('Retry', () => steer('retry', 'Retry this deployment'), {
            'data-action': 'retry',
          })
        : null,
    ),
  );
  sections.progress.replaceChildren(
    el('h2', {}, 'Modules'),
    el(
      'table',
      {},
      el(
        'tr',
        {},
        ...['module@target', 'phase', 'step', 'weight', 'stable', 'new', ''].map((h) =>
          el('th', {}, h),
        ),
      ),
      ...view.modules.map((m) =>
        el(
          'tr',
          { 'data-key': m.key },
          el('td', {}, el('a', { href: `/modules/${m.module}` }, m.module), `@${m.target}`),
          el('td', { 'data-field': 'phase' }, m.progress.phase),
          el('td', {}, m.progress.step === undefined ? '-' : String(m.progress.step + 1)),
          el(
            'td',
            { 'data-field': 'weight', 'data-weight': m.progress.weight ?? 0 },
            weightBar(m.progress.weight ?? 0),
            percent(m.progress.weight ?? 0),
          ),
          el('td', {}, m.progress.stable ? `v${m.progress.stable}` : '-'),
          el('td', {}, m.progress.candidate ? `v${m.progress.candidate}` : '-'),
          el(
            'td',
            {},
            actionButton('Roll back to…', () => rollback(m.module, m.progress)),
          ),
        ),
      ),
    ),
  );
  sections.decisions.replaceChildren(
    el('h2', {}, `Decisions (${view.decisions.length})`),
    ...view.decisions
      .slice()
      .reverse()
      .map((d) =>
        el(
          'div',
          { class: `decision ${d.name}`, 'data-decision': d.name },
          el(
            'div',
            {},
            el('strong', {}, d.name),
            ` ${d.module ? `${d.module}@${d.target} ` : ''}`,
            el('span', { class: 'muted' }, d.at.slice(11, 19)),
          ),
          el('div', {}, d.detail),
          ...d.figures.map((f) => el('div', { class: 'muted' }, f)),
          d.thresholds ? el('div', { class: 'muted' }, `Thresholds: ${d.thresholds}`) : null,
        ),
      ),
  );
}

/** Three charts per module: error rate, latency (p90, p99) and request rate, a line per version. */
function renderCharts(byKey) {
  for (const [key, series] of Object.entries(byKey)) {
    const versions = Object.keys(series.versions);
    const times = series.versions[versions[0]]?.map((p) => p.t) ?? [];
    const pick = (field, scale = 1) =>
      versions.map((v) =>
        series.versions[v].map((p) => (p[field] === null ? null : p[field] * scale)),
      );
    const data = {
      'error rate (%)': [times, ...pick('errorRate', 100)],
      'latency (ms)': [times, ...pick('p90Ms'), ...pick('p99Ms')],
      'requests per second': [times, ...pick('requestsPerSecond')],
    };
    const labels = {
      'error rate (%)': versions.map((v) => `v${v}`),
      'latency (ms)': [...versions.map((v) => `v${v} p90`), ...versions.map((v) => `v${v} p99`)],
      'requests per second': versions.map((v) => `v${v}`),
    };
    let holder = charts.get(key);
    if (!holder || holder.versions !== versions.join()) {
      holder?.element.remove();
      const element = el(
        'div',
        { class: 'chart-group', 'data-chart': key },
        el('h3', {}, key),
        el('div', { class: 'charts' }),
      );
      sections.charts.append(element);
      holder = { element, versions: versions.join(), plots: {} };
      for (const [title, values] of Object.entries(data)) {
        const target = el('div', { 'data-metric': title });
        element.lastChild.append(target);
        holder.plots[title] = new uPlot(chartOptions(title, labels[title]), values, target);
      }
      charts.set(key, holder);
    } else {
      for (const [title, values] of Object.entries(data)) holder.plots[title].setData(values);
    }
    holder.element.setAttribute('data-points', String(times.length));
    holder.element.setAttribute(
      'data-requests',
      String(
        versions.reduce(
          (total, v) => total + series.versions[v].reduce((s, p) => s + p.requestsPerSecond, 0),
          0,
        ),
      ),
    );
  }
}

const COLORS = ['#0b63c5', '#c62828', '#2e7d32', '#b26a00'];

function chartOptions(title, labels) {
  return {
    title,
    width: 380,
    height: 200,
    series: [
      {},
      ...labels.map((label, i) => ({
        label,
        stroke: COLORS[i % COLORS.length],
        width: 2,
        spanGaps: true,
      })),
    ],
    axes: [{}, { size: 50 }],
  };
}

function steer(action, title) {
  confirmAction({
    title,
    run: ({ reason }) =>
      postAction(`/api/deployments/${encodeURIComponent(id)}/${action}`, { reason }),
  });
}

function rollback(module, progress) {
  confirmAction({
    title: `Roll back ${module}`,
    fields: [
      {
        name: 'to',
        label: 'To version',
        build: () =>
          el('input', {
            name: 'to',
            value: progress.stable ?? '',
            inputmode: 'numeric',
            pattern: '[0-9]+',
          }),
      },
    ],
    run: ({ reason, to }) =>
      postAction(`/api/modules/${module}/rollback`, { reason, ...(to ? { to } : {}) }),
  });
}
