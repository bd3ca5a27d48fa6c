// The deploy-request page: state, checks, actions, per-shard progress, diff,
// lint and reviews. Built once, then updated in place from each reply, so the
// polling (every second while migrations move) keeps focus and scroll.

import {
  badge, ddlList, el, fact, lintList, link, progressBar, section, stateBadge, time, unifiedDiff,
} from './dom.js';
import { hrefBranch } from './routes.js';

const POLL_MS = 1000;
// Deploy-request states in which migrations move on their own: the page polls.
const MOVING_STATES = ['queued', 'running', 'pending_cutover', 'reverting'];
// The actions of a deploy request and the states that allow them
// (schema/deploy/deploy_action.h).
const DR_ACTIONS = [
  { verb: 'deploy', label: 'Deploy', primary: true,
    allowed: (r) => (r.state === 'open' || r.state === 'approved') && r.deployable },
  { verb: 'apply', label: 'Apply (cut over)', primary: true,
    allowed: (r) => r.state === 'pending_cutover' },
  { verb: 'apply', label: 'Force cut-over', body: { force: true }, testid: 'force-cutover',
    confirm: 'Cut over now on every shard, even when throttled, killing the sessions that hold locks on the table?',
    allowed: (r) => r.state === 'running' || r.state === 'pending_cutover' },
  { verb: 'cancel', label: 'Cancel deployment', confirm: 'Cancel this deployment?',
    allowed: (r) => ['queued', 'running', 'pending_cutover'].includes(r.state) },
  { verb: 'revert', label: 'Revert', confirm: 'Revert this schema change on every shard?',
    allowed: (r) => r.state === 'complete' && r.revertible },
  { verb: 'skip-revert', label: 'Skip revert', confirm: 'End the revert window now?',
    allowed: (r) => r.state === 'complete' },
  { verb: 'close', label: 'Close', confirm: 'Close this deploy request without deploying?',
    allowed: (r) => r.state === 'open' || r.state === 'approved' },
  { verb: 'review', label: 'Approve', body: { approve: true }, testid: 'approve',
    allowed: (r) => r.state === 'open' },
];
// States in which the row copies can be throttled.
const THROTTLE_STATES = ['queued', 'running', 'pending_cutover'];

// `ui` gives what the page needs from the app: call(method, path, body) (the
// API), notify(text), showError(error), clearError(), and stale() (true once
// another page is shown: the page then stops polling and updating).
export class DeployRequestPage {
  constructor(ks, path, ui) {
    this.ks = ks;
    this.path = path;
    this.ui = ui;
    this.stale = ui.stale;
    this.pollTimer = null;
    this.unified = null;
    this.title = el('h1', { testid: 'dr-title' });
    this.summary = el('dl', { class: 'facts', testid: 'dr-summary' });
    this.message = el('p', { class: 'dr-message', testid: 'dr-message', hidden: true });
    this.checks = el('div', { testid: 'dr-checks' });
    this.buttons = new Map();
    const toolbar = el('div', { class: 'toolbar', role: 'group', 'aria-label': 'Deploy request actions' });
    for (const action of DR_ACTIONS) {
      const button = el('button', {
        class: `button${action.primary ? ' button-primary' : ''}${action.confirm ? ' button-danger' : ''}`,
        type: 'button', testid: `dr-action-${action.testid || action.verb}`, disabled: true,
      }, action.label);
      button.addEventListener('click', () => this.act(action));
      this.buttons.set(action, button);
      toolbar.append(button);
    }
    // Throttle: the share of the time every shard's row copy pauses.
    this.throttleInput = el('input', {
      id: 'dr-throttle-ratio', testid: 'dr-throttle-ratio', type: 'number', min: '0', max: '1',
      step: '0.05', value: '0.5',
    });
    this.throttleButton = el('button', {
      class: 'button', type: 'button', testid: 'dr-action-throttle', disabled: true,
    }, 'Set throttle');
    this.throttleButton.addEventListener('click', () => this.act({
      verb: 'throttle', label: 'Throttle', body: () => ({ ratio: this.throttleInput.value.trim() }),
    }));
    const throttle = el('div', { class: 'toolbar form-row', role: 'group', 'aria-label': 'Throttle the row copies' },
      el('label', { for: 'dr-throttle-ratio' }, 'Copy pause ratio (0 = full speed, 1 = stopped)'),
      this.throttleInput, this.throttleButton);
    this.overall = progressBar('Overall progress', 'dr-progress');
    this.shards = el('div', { class: 'shards', testid: 'dr-shards' });
    this.revertShards = el('div', { class: 'shards', testid: 'dr-revert-shards' });
    this.revertSection = section('Revert progress', 'dr-revert', this.revertShards);
    this.revertSection.hidden = true;
    this.ddl = el('div');
    this.diff = el('div');
    this.lint = el('div');
    this.reviews = el('div');
    this.nodes = [
      this.title,
      section('Status', 'dr-status', this.summary, this.message, this.checks, toolbar, throttle),
      section('Progress', 'dr-progress-section', this.overall.node, this.shards),
      this.revertSection,
      section('Changes', 'dr-changes', this.ddl, el('h3', {}, 'Unified diff'), this.diff),
      section('Lint', 'dr-lint-section', this.lint),
      section('Reviews', 'dr-reviews', this.reviews),
    ];
  }

  update(r) {
    this.request = r;
    this.title.replaceChildren(`Deploy request #${r.id} `, stateBadge(r.state, 'dr-state'));
    this.title.dataset.state = r.state;
    this.summary.replaceChildren(
      ...fact('Branch', link(hrefBranch(this.ks, r.branch), r.branch, 'dr-branch-link')),
      ...fact('Into', r.into),
      ...fact('State', el('span', { testid: 'dr-state-text' }, r.state)),
      ...fact('Cut-over', r.auto_apply ? 'automatic' : (r.cutover_requested ? 'requested' : 'waits for apply')),
      ...fact('Throttle', el('span', { testid: 'dr-throttle-text' },
        r.throttle_ratio === null || r.throttle_ratio === undefined ? 'not set' : String(r.throttle_ratio))),
      ...fact('Tables', r.tables.join(', ') || '—'),
      ...fact('Notes', r.notes || '—'),
      ...fact('Opened', time(r.created_at)),
      ...fact('Deployed', time(r.deployed_at)),
      ...fact('Completed', time(r.completed_at)),
      ...(r.revert_window_ends ? fact('Revert window ends', time(r.revert_window_ends)) : []));
    this.message.textContent = r.message || '';
    this.message.hidden = !r.message;
    const problems = [...(r.blockers || []), ...(r.conflicts || [])];
    const undeployable = (r.state === 'open' || r.state === 'approved') && problems.length > 0;
    this.checks.replaceChildren(...(undeployable
      ? [el('ul', { class: 'problems', testid: 'dr-blockers', 'aria-label': 'Why it cannot be deployed' },
        problems.map((p) => el('li', {}, p)))]
      : []));
    for (const [action, button] of this.buttons) button.disabled = this.busy || !action.allowed(r);
    this.throttleButton.disabled = this.busy || !THROTTLE_STATES.includes(r.state);

    this.overall.set(r.progress || 0);
    this.shards.replaceChildren(...shardProgress(r.shards || [], 'shard'));
    this.revertSection.hidden = !(r.revert_shards && r.revert_shards.length > 0);
    this.revertShards.replaceChildren(...shardProgress(r.revert_shards || [], 'revert-shard'));

    if (this.unified !== r.unified) {
      this.unified = r.unified;
      this.ddl.replaceChildren(ddlList(r.ddl || [], 'dr-ddl'));
      this.diff.replaceChildren(unifiedDiff(r.unified, 'dr-diff'));
      this.lint.replaceChildren(lintList(r.lint, 'dr-lint'));
    }
    this.reviews.replaceChildren((r.reviews || []).length === 0
      ? el('p', { class: 'empty' }, 'No reviews.')
      : el('ul', { class: 'reviews' }, r.reviews.map((v) => el('li', {},
        badge(v.approved ? 'approved' : 'comment', v.approved ? 'success' : 'neutral'), ' ',
        v.comment || '', ' ', el('span', { class: 'muted' }, time(v.created_at))))));
    this.schedulePoll();
  }

  schedulePoll() {
    clearTimeout(this.pollTimer);
    if (this.stale() || !MOVING_STATES.includes(this.request.state)) return;
    this.pollTimer = setTimeout(async () => {
      if (this.stale()) return;
      try {
        const r = await this.ui.call('GET', this.path);
        if (!this.stale()) this.update(r);
      } catch (error) {
        if (this.stale()) return;
        this.ui.showError(error);
        this.schedulePoll();  // keep trying: schemad may be restarting
      }
    }, POLL_MS);
  }

  async act(action) {
    if (action.confirm && !confirm(action.confirm)) return;
    this.ui.clearError();
    this.busy = true;
    for (const button of this.buttons.values()) button.disabled = true;
    this.throttleButton.disabled = true;
    try {
      const body = typeof action.body === 'function' ? action.body() : (action.body || {});
      const r = await this.ui.call('POST', `${this.path}/${action.verb}`, body);
      this.busy = false;
      if (!this.stale()) {
        this.ui.notify(`${action.label}: deploy request #${r.id} is ${r.state.replaceAll('_', ' ')}.`);
        this.update(r);
      }
    } catch (error) {
      this.busy = false;
      this.ui.showError(error);
      if (!this.stale()) this.update(this.request);
    }
  }
}

function shardProgress(shards, prefix) {
  if (shards.length === 0) {
    return [el('p', { class: 'empty', testid: `${prefix}-none` }, 'No migrations yet: they are recorded when the request is deployed.')];
  }
  return shards.map((s) => {
    const bar = progressBar(`Shard ${s.shard}`, `${prefix}-progress-${s.shard}`);
    bar.set(s.progress);
    const rows = s.migrations.map((m) => el('tr', {},
      el('th', { scope: 'row' }, m.table),
      el('td', {}, stateBadge(m.state, null)),
      el('td', { class: 'num' }, `${m.rows_copied} / ${m.rows_estimated}`),
      el('td', { class: 'num' }, `${m.progress}%`),
      el('td', { class: 'num' }, m.eta_seconds === null ? '—' : `${m.eta_seconds} s`),
      el('td', { class: 'num' }, `${m.events_applied ?? 0}`),
      el('td', { class: 'num' }, m.binlog_lag_bytes === null || m.binlog_lag_bytes === undefined ? '—' : `${m.binlog_lag_bytes} B`),
      el('td', { class: 'num' }, m.throttle_ratio === null || m.throttle_ratio === undefined ? '—' : String(m.throttle_ratio)),
      el('td', {}, m.message || '')));
    return el('div', { class: 'shard', testid: `${prefix}-${s.shard}`, 'data-state': s.state },
      el('div', { class: 'shard-head' },
        el('h3', {}, `Shard ${s.shard}`), stateBadge(s.state, `${prefix}-state-${s.shard}`)),
      bar.node,
      el('table', { class: 'table table-compact' },
        el('caption', { class: 'visually-hidden' }, `Migrations on shard ${s.shard}`),
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col' }, 'Table'), el('th', { scope: 'col' }, 'State'),
          el('th', { scope: 'col' }, 'Rows copied'), el('th', { scope: 'col' }, 'Progress'),
          el('th', { scope: 'col' }, 'ETA'), el('th', { scope: 'col' }, 'Binlog events'),
          el('th', { scope: 'col' }, 'Binlog lag'), el('th', { scope: 'col' }, 'Throttle'),
          el('th', { scope: 'col' }, 'Message'))),
        el('tbody', {}, rows)));
  });
}
