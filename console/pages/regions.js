// The Regions: each one's routing control, health, recent traffic, live versions and
// replication lag, as `turnout regions` reports them, live through server-sent events;
// the latest failovers; and the failover switch (hidden when the console is read-only).
import {
  actionButton,
  confirmAction,
  el,
  header,
  listen,
  ms,
  percent,
  postAction,
  showStatus,
} from './common.js';

header('Regions');
const main = document.getElementById('main');
const sections = {
  regions: el('section', { id: 'regions' }),
  failovers: el('section', { id: 'failovers' }),
};
main.append(...Object.values(sections));

listen('/api/regions/events', {
  regions: render,
  problem: (p) => showStatus(`Could not read the Regions: ${p.message}`, true),
});

function render(view) {
  const names = view.regions.map((r) => r.region);
  const allOn = view.regions.every((r) => r.routingControl === 'On');
  sections.regions.replaceChildren(
    el('h2', {}, `Regions (${view.regions.length})`),
    el(
      'p',
      {},
      allOn
        ? 'Every routing control is On: clients go to their nearest healthy Region.'
        : `Routing controls Off: ${view.regions
            .filter((r) => r.routingControl !== 'On')
            .map((r) => r.region)
            .join(', ')}.`,
      ' ',
      actionButton('Fail over…', () => failOver(names), { 'data-action': 'failover' }),
      allOn ? null : actionButton('Restore every Region', restore, { 'data-action': 'restore' }),
    ),
    el(
      'table',
      {},
      el(
        'tr',
        {},
        ...[
          'Region',
          'routing control',
          'health',
          'requests (1 min)',
          'error rate',
          'p50',
          'p99',
          'replication lag (5 min)',
          'live versions',
        ].map((h) => el('th', {}, h)),
      ),
      ...view.regions.map((r) =>
        el(
          'tr',
          { 'data-region': r.region },
          el('td', {}, r.region),
          el(
            'td',
            { 'data-field': 'control', class: r.routingControl === 'On' ? 'good' : 'bad' },
            r.routingControl,
          ),
          el(
            'td',
            { 'data-field': 'health', class: r.health === 'healthy' ? 'good' : 'bad' },
            r.health,
          ),
          el('td', {}, r.gateway ? String(r.gateway.requests) : '-'),
          el(
            'td',
            { class: r.gateway?.errorRate > 0.01 ? 'bad' : '' },
            r.gateway ? percent(r.gateway.errorRate) : '-',
          ),
          el('td', {}, ms(round(r.gateway?.p50Ms))),
          el('td', {}, ms(round(r.gateway?.p99Ms))),
          el(
            'td',
            { 'data-field': 'lag' },
            r.replicationLatency
              ? `average ${ms(round(r.replicationLatency.averageMs))}, worst ${ms(round(r.replicationLatency.maximumMs))} to ${r.replicationLatency.toRegions.join(', ')}`
              : 'nothing replicated',
          ),
          el(
            'td',
            { 'data-field': 'modules' },
            ...r.modules.map((m) =>
              el(
                'div',
                { 'data-live': m.cell ? `${m.module}/${m.cell}` : m.module },
                `${m.cell ? `${m.module}/${m.cell}` : m.module} v${m.liveVersion}`,
                m.canary ? ` (+v${m.canary.version} at ${percent(m.canary.weight)})` : '',
              ),
            ),
          ),
        ),
      ),
    ),
  );
  sections.failovers.replaceChildren(
    el('h2', {}, 'Latest failovers'),
    view.failovers.length
      ? el(
          'table',
          {},
          el(
            'tr',
            {},
            ...['when', 'what', 'by', 'why', 'traffic stopped'].map((h) => el('th', {}, h)),
          ),
          ...view.failovers.map((f) =>
            el(
              'tr',
              { 'data-failover': f.id },
              el('td', {}, f.at.replace('T', ' ').slice(0, 19)),
              el('td', {}, f.action === 'to' ? `all traffic to ${f.to}` : 'every Region restored'),
              el('td', {}, f.by),
              el('td', {}, f.reason),
              el(
                'td',
                {},
                f.trafficStoppedAfterMs === undefined ? '-' : `after ${f.trafficStoppedAfterMs} ms`,
              ),
            ),
          ),
        )
      : el('p', { class: 'muted' }, 'No failover yet.'),
  );
}

const round = (value) => (value === undefined ? undefined : Math.round(value));

function failOver(names) {
  confirmAction({
    title: 'Fail over: all traffic to one Region',
    fields: [
      {
        name: 'region',
        label: "To Region (every other Region's routing control goes Off)",
        build: () =>
          el('select', { name: 'region' }, ...names.map((n) => el('option', { value: n }, n))),
      },
    ],
    run: ({ reason, region }) => postAction('/api/regions/failover', { reason, region }),
  });
}

function restore() {
  confirmAction({
    title: 'Restore every Region (routing controls On)',
    run: ({ reason }) => postAction('/api/regions/failover', { reason, restore: true }),
  });
}
