// Building the console's DOM: every piece of API data goes in as text, never
// as markup. Also the shared renderers (diffs, lint, progress bars) used by
// more than one page.

// The badge tone of each deploy-request state.
const STATE_TONE = {
  open: 'info', approved: 'info', queued: 'busy', running: 'busy', pending_cutover: 'warning',
  reverting: 'busy', complete: 'success', reverted: 'neutral', closed: 'neutral',
  cancelled: 'neutral', failed: 'error',
};

// el('a', {href: '#/', class: 'x', testid: 'y'}, 'text', child, ...): children
// are nodes or strings (always text); null/false children are skipped.
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'testid') node.dataset.testid = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function section(title, testid, ...children) {
  const id = `${testid}-title`;
  return el('section', { class: 'card', testid, 'aria-labelledby': id },
    el('h2', { id }, title), ...children);
}

export function badge(text, tone, testid) {
  return el('span', { class: `badge badge-${tone}`, testid }, text);
}

export function stateBadge(state, testid) {
  const node = badge(state.replaceAll('_', ' '), STATE_TONE[state] || 'neutral', testid);
  node.dataset.state = state;
  return node;
}

export function time(value) {
  return value ? `${value} UTC` : '—';
}

export function link(href, text, testid) {
  return el('a', { href, testid }, text);
}

export function fact(term, value) {
  return [el('dt', {}, term), el('dd', {}, value)];
}

export function formatBytes(n) {
  if (typeof n !== 'number') return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i += 1; }
  return `${i === 0 ? n : n.toFixed(1)} ${units[i]}`;
}

export function ddlList(ddl, testid) {
  if (ddl.length === 0) return el('p', { class: 'empty', testid: `${testid}-empty` }, 'No DDL: the schemas are the same.');
  return el('ol', { class: 'ddl', testid },
    ddl.map((statement) => el('li', {}, el('code', {}, `${statement};`))));
}

// A unified diff, one element per line: added lines green, removed red.
export function unifiedDiff(text, testid) {
  if (!text) return el('p', { class: 'empty', testid: `${testid}-empty` }, 'No differences.');
  const lines = text.replace(/\n$/, '').split('\n').map((line) => {
    let kind = 'context';
    if (line.startsWith('+++') || line.startsWith('---')) kind = 'file';
    else if (line.startsWith('@@')) kind = 'hunk';
    else if (line.startsWith('+')) kind = 'add';
    else if (line.startsWith('-')) kind = 'del';
    return el('span', { class: `diff-line diff-${kind}`, 'data-kind': kind }, line || ' ');
  });
  return el('pre', { class: 'diff', testid, tabindex: '0', 'aria-label': 'Unified diff' }, lines);
}

export function lintList(findings, testid) {
  if (!findings || findings.length === 0) {
    return el('p', { class: 'empty', testid: `${testid}-empty` }, 'No lint findings.');
  }
  const order = { error: 0, warning: 1, info: 2 };
  const sorted = findings.slice().sort((a, b) => (order[a.severity] ?? 3) - (order[b.severity] ?? 3));
  const tone = { error: 'error', warning: 'warning', info: 'info' };
  return el('ul', { class: 'lint', testid },
    sorted.map((f) => el('li', { class: 'lint-finding', testid: 'lint-finding', 'data-severity': f.severity, 'data-code': f.code },
      badge(f.severity, tone[f.severity] || 'neutral', 'lint-severity'),
      el('code', { class: 'lint-code' }, f.code),
      f.table ? el('span', { class: 'lint-table' }, f.table) : null,
      el('span', { class: 'lint-message' }, f.message))));
}

export function progressBar(label, testid) {
  const fill = el('div', { class: 'progress-fill' });
  const text = el('span', { class: 'progress-text', 'aria-hidden': 'true' });
  const node = el('div', {
    class: 'progress', role: 'progressbar', 'aria-label': label, 'aria-valuemin': '0',
    'aria-valuemax': '100', testid,
  }, el('div', { class: 'progress-track' }, fill), text);
  const set = (percent) => {
    const p = Math.max(0, Math.min(100, Math.round(percent)));
    node.setAttribute('aria-valuenow', String(p));
    node.dataset.progress = String(p);
    fill.style.width = `${p}%`;
    text.textContent = `${p}%`;
    node.classList.toggle('progress-done', p === 100);
  };
  set(0);
  return { node, set };
}
