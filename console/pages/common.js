// Shared by the console's pages: settings, API calls with the token, safe DOM building.
// Plain browser JavaScript, served as is: the console has no front-end build step.

/** What the server put in the page: { token, readOnly, environment }. */
export const settings = JSON.parse(
  document.querySelector('meta[name="turnout-console"]').getAttribute('content'),
);

/** Builds an element; text is always set as text, never parsed as HTML (records hold user text). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export async function getJson(path) {
  const response = await fetch(path, { headers: { 'x-turnout-console-token': settings.token } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ?? `${response.status}`);
  return body;
}

export async function postAction(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-turnout-console-token': settings.token },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error ?? `${response.status}`);
  return answer;
}

/** Server-sent events: each named event's JSON to its handler. */
export function listen(path, handlers) {
  const source = new EventSource(path);
  for (const [event, handle] of Object.entries(handlers))
    source.addEventListener(event, (message) => handle(JSON.parse(message.data)));
  return source;
}

export const percent = (rate) => `${Math.round(rate * 1000) / 10}%`;
export const ms = (value) => (value === undefined || value === null ? '-' : `${value} ms`);

/**
 * Asks for a reason (and whatever else the action needs) in a dialog, then runs the
 * action; its outcome or error is shown in the page's status line. Nothing happens
 * without a reason.
 */
export function confirmAction({ title, fields = [], run }) {
  const reason = el('textarea', {
    name: 'reason',
    required: true,
    rows: 3,
    placeholder: 'Why? (goes on the record)',
  });
  const inputs = fields.map((f) => ({ ...f, input: f.build() }));
  const dialog = el(
    'dialog',
    { class: 'action-dialog' },
    el(
      'form',
      { method: 'dialog' },
      el('h3', {}, title),
      ...inputs.map((f) => el('label', {}, f.label, f.input)),
      el('label', {}, 'Reason', reason),
      el(
        'menu',
        {},
        el('button', { value: 'cancel', formnovalidate: true }, 'Cancel'),
        el('button', { value: 'confirm', class: 'danger', 'data-action': 'confirm' }, 'Confirm'),
      ),
    ),
  );
  dialog.addEventListener('close', async () => {
    dialog.remove();
    if (dialog.returnValue !== 'confirm') return;
    const values = Object.fromEntries(inputs.map((f) => [f.name, f.input.value]));
    try {
      const answer = await run({ reason: reason.value, ...values });
      showStatus(`${title}: ${answer.outcome ?? 'done'}`);
    } catch (error) {
      showStatus(`${title} refused: ${error.message}`, true);
    }
  });
  document.body.append(dialog);
  dialog.showModal();
}

export function showStatus(text, isError = false) {
  const line = document.getElementById('status');
  line.textContent = text;
  line.className = isError ? 'error' : 'ok';
}

/** A button, unless the console is read-only: then nothing at all. */
export function actionButton(label, onclick, extra = {}) {
  if (settings.readOnly) return null;
  return el('button', { class: 'action', onclick, ...extra }, label);
}

export function header(title) {
  const bar = document.getElementById('header');
  bar.replaceChildren(
    el('a', { href: '/', class: 'brand' }, 'Turnout console'),
    el('span', { class: 'title' }, title),
    el('span', { class: 'env' }, settings.environment),
    ...(settings.readOnly ? [el('span', { class: 'badge' }, 'read-only')] : []),
  );
}

/** A bar as wide as the share of traffic. */
export function weightBar(weight) {
  return el(
    'span',
    { class: 'weightbar' },
    el('span', { class: 'weight', style: `width:${Math.round(weight * 100)}%` }),
  );
}
