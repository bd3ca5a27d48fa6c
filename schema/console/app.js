// The schemad web console: a single-page app over the HTTP/JSON API
// (schema/service/api_route.h). Plain JavaScript modules, no framework, no
// build step, nothing loaded from elsewhere. Pages are listed in routes.js.
//
// Every API call sends the token kept in localStorage; a 401 forgets it and
// asks again. Every API error is shown in the banner (#error-banner) with its
// code and message.

import { api, token } from './api.js';
import { DeployRequestPage } from './deploy_request_page.js';
import {
  badge, ddlList, el, fact, formatBytes, link, lintList, section, stateBadge, time, unifiedDiff,
} from './dom.js';
import { apiKeyspace, hrefBranch, hrefKeyspace, hrefRequest, parseRoute } from './routes.js';

const $ = (id) => document.getElementById(id);

// The branch's data state, with the copy's rows, progress and rows/s when it
// has copied (or is copying) its parent's data.
function dataCopyText(info) {
  const d = info.data || {};
  if (!d.shards || d.shards.length === 0) return info.data_state;
  let text = `${info.data_state}: ${d.rows_copied}/${d.rows_estimated} rows (${d.progress}%), ` +
    `${d.rows_per_second} rows/s`;
  if (d.message) text += ` — ${d.message}`;
  return text;
}

// ---- Banners -------------------------------------------------------------

function showError(error) {
  $('error-code').textContent = error.code || 'error';
  $('error-message').textContent = error.message || String(error);
  $('error-banner').hidden = false;
}

function clearError() {
  $('error-banner').hidden = true;
  $('error-code').textContent = '';
  $('error-message').textContent = '';
}

let noticeTimer = null;
function notify(text) {
  const notice = $('notice');
  notice.textContent = text;
  notice.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => { notice.hidden = true; }, 5000);
}

// ---- API -------------------------------------------------------------------

// An API call; a 401 means the token is wrong or was changed: it is
// forgotten and asked for again.
async function call(method, path, body) {
  try {
    return await api(method, path, body);
  } catch (error) {
    if (error.status === 401) {
      token.clear();
      showTokenView();
      showError(error);
    }
    throw error;
  }
}

// ---- Routing -------------------------------------------------------------

// Each render gets a generation; work of an older one (late replies, poll
// timers) sees that it is stale and stops.
let generation = 0;

function setCrumbs(route) {
  const items = [link('#/', 'Keyspaces', 'crumb-keyspaces')];
  if (route.ks) items.push(link(hrefKeyspace(route.ks), route.ks, 'crumb-keyspace'));
  if (route.branch) items.push(el('span', { testid: 'crumb-branch' }, `branch ${route.branch}`));
  if (route.id) items.push(el('span', { testid: 'crumb-deploy-request' }, `deploy request #${route.id}`));
  const last = items[items.length - 1];
  last.setAttribute('aria-current', 'page');
  $('breadcrumbs').replaceChildren(...items.map((item) => el('li', {}, item)));
}

function showTokenView() {
  generation += 1;
  $('token-view').hidden = false;
  $('view').replaceChildren();
  $('sign-out').hidden = true;
  $('breadcrumbs').replaceChildren();
  $('token-input').focus();
}

async function render() {
  const mine = ++generation;
  if (!token.get()) {
    showTokenView();
    return;
  }
  $('token-view').hidden = true;
  $('sign-out').hidden = false;
  const route = parseRoute(location.hash);
  setCrumbs(route);
  const view = $('view');
  view.setAttribute('aria-busy', 'true');
  view.replaceChildren(el('p', { class: 'loading', testid: 'loading' }, 'Loading…'));
  const stale = () => mine !== generation;
  try {
    const views = {
      keyspaces: renderKeyspaces,
      keyspace: renderKeyspace,
      branch: renderBranch,
      'deploy-request': renderDeployRequest,
      'not-found': renderNotFound,
    };
    const content = await views[route.view](route, stale);
    if (stale()) return;
    view.replaceChildren(...content);
  } catch (error) {
    if (stale()) return;
    view.replaceChildren(el('p', { class: 'empty', testid: 'view-failed' },
      'This page could not be loaded; see the error above.'));
    showError(error);
  } finally {
    if (!stale()) view.setAttribute('aria-busy', 'false');
  }
}

function navigate(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

// ---- Views ---------------------------------------------------------------

async function renderNotFound() {
  return [el('h1', {}, 'Not found'),
    el('p', {}, 'There is no such page. ', link('#/', 'Back to the keyspaces', 'back-home'), '.')];
}

async function renderKeyspaces() {
  const { keyspaces } = await call('GET', '/api/keyspaces');
  const rows = keyspaces.map((ks) => el('tr', { testid: `keyspace-row-${ks.name}` },
    el('th', { scope: 'row' }, link(hrefKeyspace(ks.name), ks.name, `keyspace-link-${ks.name}`)),
    el('td', {}, ks.sharded ? 'sharded' : 'unsharded'),
    el('td', {}, ks.shards.join(', '))));
  return [
    el('h1', {}, 'Keyspaces'),
    section('Keyspaces', 'keyspaces',
      rows.length === 0 ? el('p', { class: 'empty' }, 'No keyspaces in this cluster.')
        : el('table', { class: 'table', testid: 'keyspace-table' },
          el('thead', {}, el('tr', {},
            el('th', { scope: 'col' }, 'Keyspace'), el('th', { scope: 'col' }, 'Kind'),
            el('th', { scope: 'col' }, 'Shards'))),
          el('tbody', {}, rows))),
  ];
}

async function renderKeyspace(route) {
  const ks = route.ks;
  const [{ branches }, requests] = await Promise.all([
    call('GET', `${apiKeyspace(ks)}/branches`),
    listDeployRequests(ks),
  ]);
  return [
    el('h1', {}, `Keyspace ${ks}`),
    branchesSection(ks, branches),
    createBranchSection(ks, branches),
    deployRequestsSection(ks, requests, 'Deploy requests'),
  ];
}

// The keyspace's deploy requests, newest first; null when this schemad
// serves none (the routes answer 404 there).
async function listDeployRequests(ks) {
  try {
    const { deploy_requests: list } = await call('GET', `${apiKeyspace(ks)}/deploy-requests`);
    return list.slice().reverse();
  } catch (error) {
    if (error.status === 404) return null;
    throw error;
  }
}

function branchesSection(ks, branches) {
  const rows = branches.map((b) => {
    const del = el('button', {
      class: 'button button-danger button-small', type: 'button', testid: `branch-delete-${b.name}`,
      disabled: b.production, 'aria-label': `Delete branch ${b.name}`,
      title: b.production ? 'Production branches cannot be deleted' : null,
    }, 'Delete');
    del.addEventListener('click', async () => {
      if (!confirm(`Delete branch ${b.name} of ${ks} and its databases on every shard?`)) return;
      del.disabled = true;
      try {
        await call('DELETE', `${apiKeyspace(ks)}/branches/${encodeURIComponent(b.name)}`);
        notify(`Branch ${b.name} deleted.`);
        render();
      } catch (error) {
        del.disabled = false;
        showError(error);
      }
    });
    return el('tr', { testid: `branch-row-${b.name}` },
      el('th', { scope: 'row' }, link(hrefBranch(ks, b.name), b.name, `branch-link-${b.name}`),
        b.production ? [' ', badge('production', 'success')] : null),
      el('td', {}, b.parent || '—'),
      el('td', {}, b.safe_migrations ? 'on' : 'off'),
      el('td', {}, time(b.created_at)),
      el('td', { class: 'actions' }, del));
  });
  return section('Branches', 'branches',
    el('table', { class: 'table', testid: 'branch-table' },
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col' }, 'Branch'), el('th', { scope: 'col' }, 'Parent'),
        el('th', { scope: 'col' }, 'Safe migrations'), el('th', { scope: 'col' }, 'Created'),
        el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Actions')))),
      el('tbody', {}, rows)));
}

function createBranchSection(ks, branches) {
  const name = el('input', {
    id: 'branch-name-input', testid: 'branch-name-input', type: 'text', required: true,
    pattern: '[a-z0-9]([a-z0-9\\-]*[a-z0-9])?', autocomplete: 'off', spellcheck: 'false',
    'aria-describedby': 'branch-name-help',
  });
  const parent = el('select', { id: 'branch-parent-select', testid: 'branch-parent-select' },
    branches.map((b) => el('option', { value: b.name, selected: b.name === 'main' }, b.name)));
  const submit = el('button', { class: 'button button-primary', type: 'submit', testid: 'branch-create-button' },
    'Create branch');
  const form = el('form', { class: 'form-row', testid: 'branch-create-form' },
    el('label', { for: 'branch-name-input' }, 'Name'), name,
    el('label', { for: 'branch-parent-select' }, 'From'), parent, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearError();
    submit.disabled = true;
    submit.textContent = 'Creating…';
    try {
      const created = await call('POST', `${apiKeyspace(ks)}/branches`,
        { name: name.value.trim(), parent: parent.value });
      notify(`Branch ${created.name} created from ${created.parent}.`);
      render();
    } catch (error) {
      showError(error);
      submit.disabled = false;
      submit.textContent = 'Create branch';
    }
  });
  return section('Create a branch', 'branch-create', form,
    el('p', { id: 'branch-name-help', class: 'help' },
      'Lower-case letters, digits and dashes (not first or last). The branch gets a copy of the parent\'s schema on every shard, without data.'));
}

function deployRequestsSection(ks, requests, title) {
  if (requests === null) {
    return section(title, 'deploy-requests',
      el('p', { class: 'empty' }, 'This schemad does not serve deploy requests.'));
  }
  const rows = requests.map((r) => el('tr', { testid: `dr-row-${r.id}` },
    el('th', { scope: 'row' }, link(hrefRequest(ks, r.id), `#${r.id}`, `dr-link-${r.id}`)),
    el('td', {}, link(hrefBranch(ks, r.branch), r.branch)),
    el('td', {}, r.into),
    el('td', {}, stateBadge(r.state, `dr-row-state-${r.id}`)),
    el('td', {}, r.tables.join(', ') || '—'),
    el('td', {}, time(r.created_at))));
  return section(title, 'deploy-requests',
    rows.length === 0 ? el('p', { class: 'empty', testid: 'dr-empty' }, 'No deploy requests yet.')
      : el('table', { class: 'table', testid: 'dr-table' },
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col' }, 'Request'), el('th', { scope: 'col' }, 'Branch'),
          el('th', { scope: 'col' }, 'Into'), el('th', { scope: 'col' }, 'State'),
          el('th', { scope: 'col' }, 'Tables'), el('th', { scope: 'col' }, 'Opened'))),
        el('tbody', {}, rows)));
}

async function renderBranch(route) {
  const { ks, branch } = route;
  const base = `${apiKeyspace(ks)}/branches/${encodeURIComponent(branch)}`;
  const [info, schema, requests] = await Promise.all([
    call('GET', base), call('GET', `${base}/schema`), listDeployRequests(ks)]);
  // main has no parent to diff against.
  const diff = info.parent ? await call('GET', `${base}/diff`) : null;
  const mine = requests === null ? null : requests.filter((r) => r.branch === branch);
  return [
    el('h1', {}, `Branch ${branch}`, info.production ? [' ', badge('production', 'success')] : null),
    section('Details', 'branch-details', el('dl', { class: 'facts' },
      fact('Keyspace', ks), fact('Parent', info.parent || '—'),
      fact('Database', el('code', {}, info.database)), fact('Shards', (info.shards || []).join(', ')),
      fact('Data', dataCopyText(info)), fact('Safe migrations', info.safe_migrations ? 'on' : 'off'),
      fact('Size', formatBytes(info.size_bytes)), fact('Created', time(info.created_at)))),
    diff ? section(`Changes against ${diff.parent}`, 'branch-changes',
      el('div', { class: 'toolbar' },
        el('button', { class: 'button', type: 'button', testid: 'branch-refresh', onclick: () => render() },
          'Refresh')),
      ddlList(diff.ddl, 'branch-ddl'),
      el('h3', {}, 'Unified diff'), unifiedDiff(diff.unified, 'branch-diff'),
      el('h3', {}, 'Lint'), lintList(diff.lint, 'branch-lint')) : null,
    diff && mine !== null ? openRequestSection(ks, branch, diff) : null,
    mine !== null && info.parent ? deployRequestsSection(ks, mine, 'Deploy requests from this branch') : null,
    section('Schema', 'branch-schema-section',
      el('pre', { class: 'code', testid: 'branch-schema', tabindex: '0', 'aria-label': 'Schema of the branch' },
        schema.statements.map((s) => `${s};`).join('\n\n') || '(no tables)')),
  ];
}

function openRequestSection(ks, branch, diff) {
  const notes = el('textarea', { id: 'dr-notes-input', testid: 'dr-notes-input', rows: '2' });
  const autoApply = el('input', { id: 'dr-auto-apply', testid: 'dr-auto-apply', type: 'checkbox', checked: true });
  const submit = el('button', {
    class: 'button button-primary', type: 'submit', testid: 'dr-open-button',
    disabled: diff.ddl.length === 0,
  }, 'Open deploy request');
  const form = el('form', { class: 'stack', testid: 'dr-open-form' },
    el('label', { for: 'dr-notes-input' }, 'Notes'), notes,
    el('label', { class: 'check' }, autoApply, ' Cut over automatically when the copy is done'),
    el('div', {}, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearError();
    submit.disabled = true;
    try {
      const request = await call('POST', `${apiKeyspace(ks)}/deploy-requests`,
        { branch, into: diff.parent, notes: notes.value, auto_apply: autoApply.checked });
      notify(`Deploy request #${request.id} opened.`);
      navigate(hrefRequest(ks, request.id));
    } catch (error) {
      showError(error);
      submit.disabled = false;
    }
  });
  return section(`Deploy into ${diff.parent}`, 'dr-open',
    diff.ddl.length === 0 ? el('p', { class: 'help' }, 'The branch has no changes to deploy.') : null,
    form);
}

// ---- Deploy request --------------------------------------------------------

async function renderDeployRequest(route, stale) {
  const { ks, id } = route;
  const path = `${apiKeyspace(ks)}/deploy-requests/${encodeURIComponent(id)}`;
  const first = await call('GET', path);
  const page = new DeployRequestPage(ks, path, { call, notify, showError, clearError, stale });
  page.update(first);
  return page.nodes;
}

// ---- Start -----------------------------------------------------------------

function start() {
  $('token-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    clearError();
    const value = $('token-input').value.trim();
    if (!value) return;
    token.set(value);
    try {
      await call('GET', '/api/keyspaces');  // checks the token
      $('token-input').value = '';
      render();
    } catch (error) {
      showError(error);
    }
  });
  $('sign-out').addEventListener('click', () => {
    token.clear();
    clearError();
    showTokenView();
  });
  $('error-dismiss').addEventListener('click', clearError);
  window.addEventListener('hashchange', () => {
    clearError();
    render();
    $('main').focus({ preventScroll: true });
  });
  render();
}

start();
