// The schemad web console end to end, in headless Chromium driven by
// playwright-core: sign in with the token, create a branch of `customer`,
// change its schema on every shard, see the branch diff and lint, open a
// deploy request from the page, deploy it, and watch it complete with every
// shard's progress bar at 100%. Screenshots go to $TESSERA_E2E_OUT (or a new
// temporary directory); their paths are printed.
//
// Run by console_e2e_test.cc against a TestCluster, with:
//   TESSERA_SCHEMAD_URL    http://127.0.0.1:<schemad port>
//   TESSERA_SCHEMAD_TOKEN  the API token
//   TESSERA_VTGATE_PORT    vtgate's MySQL port (user app/app)
//   TESSERA_SHARDS         JSON [{keyspace, shard, host, port, user, password}], direct MariaDB logins
//   TESSERA_CONFIG         the cluster config (for the record only)
//   TESSERA_CHROMIUM       optional, default /usr/bin/chromium
//   TESSERA_E2E_OUT        optional output directory
// Exits 0 when every step passed, 1 otherwise (with the step, the page's
// error banner and a failure screenshot).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

const KEYSPACE = 'customer';
const BRANCH = 'add-nickname';
const BRANCH_DB = `vt_${KEYSPACE}__${BRANCH.replaceAll('-', '_')}`;
const CHANGE = [
  "ALTER TABLE customer ADD COLUMN nickname VARCHAR(64) NOT NULL DEFAULT ''",
  'ALTER TABLE corder ADD INDEX idx_sku (sku)',
];
// A second branch whose requests wait for Apply (auto-apply off).
const GATED = 'add-tier';
const GATED_DB = `vt_${KEYSPACE}__${GATED.replaceAll('-', '_')}`;
const GATED_CHANGE = 'ALTER TABLE customer ADD COLUMN tier int NOT NULL DEFAULT 0';
const ROWS = 300;  // production rows, so that the online copy has work to show
const STEP_MS = 30_000;
const DEPLOY_MS = 240_000;
const OVERALL_MS = 540_000;

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

const schemadUrl = required('TESSERA_SCHEMAD_URL');
const apiToken = required('TESSERA_SCHEMAD_TOKEN');
const vtgatePort = required('TESSERA_VTGATE_PORT');
const shards = JSON.parse(required('TESSERA_SHARDS')).filter((s) => s.keyspace === KEYSPACE);
const chromiumPath = process.env.TESSERA_CHROMIUM || '/usr/bin/chromium';
const outDir = process.env.TESSERA_E2E_OUT || mkdtempSync(join(tmpdir(), 'tessera-console-e2e-'));
mkdirSync(outDir, { recursive: true });
rmSync(join(outDir, 'console-failure.png'), { force: true });  // from an earlier failed run

let currentStep = 'start';
function step(name) {
  currentStep = name;
  console.log(`[console-e2e] ${name}`);
}

// Polls `probe` until it returns a truthy value; throws naming `what` on timeout.
async function eventually(what, probe, timeoutMs = STEP_MS) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      last = e.message;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
}

function mariadb({ host, port, user, password }, database, sql) {
  return execFileSync('mariadb', [
    '--protocol=TCP', '-h', host, '-P', String(port), '-u', user, '--batch', '--skip-column-names',
    database, '-e', sql,
  ], { env: { ...process.env, MYSQL_PWD: password }, encoding: 'utf8', timeout: 60_000 });
}

async function screenshot(page, name) {
  const path = join(outDir, name);
  await page.screenshot({ path, fullPage: true });
  console.log(`[console-e2e] screenshot: ${path}`);
  return path;
}

async function visibleText(locator) {
  return (await locator.isVisible()) ? (await locator.innerText()).trim() : '';
}

async function run(page) {
  const byTestId = (id) => page.getByTestId(id);
  const banner = byTestId('error-banner');

  step('open the console: it asks for the token');
  await page.goto(`${schemadUrl}/`);
  await byTestId('token-view').waitFor({ state: 'visible' });

  step('a wrong token is refused with the API error in the banner');
  await byTestId('token-input').fill('not-the-token');
  await byTestId('token-submit').click();
  await banner.waitFor({ state: 'visible' });
  check((await byTestId('error-code').innerText()) === 'unauthorized',
    `error code is "${await byTestId('error-code').innerText()}"`);
  check(await byTestId('token-view').isVisible(), 'token form still shown after a wrong token');

  step('sign in with the right token: keyspaces are listed');
  await byTestId('token-input').fill(apiToken);
  await byTestId('token-submit').click();
  await byTestId(`keyspace-link-${KEYSPACE}`).waitFor({ state: 'visible' });
  check(!(await banner.isVisible()), 'the error banner is gone after signing in');

  step('the token is kept: a reload goes straight to the keyspaces');
  await page.reload();
  await byTestId(`keyspace-link-${KEYSPACE}`).waitFor({ state: 'visible' });
  check(!(await byTestId('token-view').isVisible()), 'no token form after a reload');

  step(`open keyspace ${KEYSPACE}: main is its production branch`);
  await byTestId(`keyspace-link-${KEYSPACE}`).click();
  await byTestId('branch-row-main').waitFor({ state: 'visible' });
  check(await byTestId('branch-delete-main').isDisabled(), 'main cannot be deleted');

  step(`create branch ${BRANCH} from main`);
  await byTestId('branch-name-input').fill(BRANCH);
  await byTestId('branch-parent-select').selectOption('main');
  await byTestId('branch-create-button').click();
  await byTestId(`branch-row-${BRANCH}`).waitFor({ state: 'visible', timeout: 60_000 });
  check(await byTestId(`branch-delete-${BRANCH}`).isEnabled(), 'the new branch can be deleted');

  step('creating it again shows the API error in the banner');
  await byTestId('branch-name-input').fill(BRANCH);
  await byTestId('branch-create-button').click();
  await banner.waitFor({ state: 'visible' });
  const duplicate = await byTestId('error-message').innerText();
  check(duplicate.includes(BRANCH), `the banner names the branch: "${duplicate}"`);
  await byTestId('error-dismiss').click();
  await banner.waitFor({ state: 'hidden' });

  step(`production rows through vtgate, then the schema change on ${BRANCH_DB} of every shard`);
  check(shards.length === 2, `customer has two shards in TESSERA_SHARDS (got ${shards.length})`);
  const values = [];
  for (let id = 1; id <= ROWS; ++id) values.push(`(${id}, 'user${id}@example.com')`);
  const orders = [];
  for (let id = 1; id <= ROWS; ++id) orders.push(`(${id}, ${id}, 'sku-${id % 17}', ${id * 10})`);
  const gate = { host: '127.0.0.1', port: vtgatePort, user: 'app', password: 'app' };
  mariadb(gate, KEYSPACE, `INSERT INTO customer (customer_id, email) VALUES ${values.join(', ')}`);
  mariadb(gate, KEYSPACE, `INSERT INTO corder (order_id, customer_id, sku, price) VALUES ${orders.join(', ')}`);
  for (const shard of shards) mariadb(shard, BRANCH_DB, CHANGE.map((s) => `${s};`).join(' '));

  step('the branch page shows the colored diff against main and the lint');
  await byTestId(`branch-link-${BRANCH}`).click();
  await byTestId('branch-diff').waitFor({ state: 'visible' });
  const added = page.locator('[data-testid="branch-diff"] .diff-add');
  await eventually('added lines in the branch diff', async () => (await added.count()) > 0);
  const addedText = await added.allInnerTexts();
  check(addedText.some((line) => line.includes('nickname')), `an added line names nickname: ${addedText}`);
  check(addedText.some((line) => line.includes('idx_sku')), `an added line names idx_sku: ${addedText}`);
  const addColor = await added.first().evaluate((node) => getComputedStyle(node).backgroundColor);
  check(addColor === 'rgb(230, 244, 234)', `added lines are green (${addColor})`);
  const removed = page.locator('[data-testid="branch-diff"] .diff-del');
  if ((await removed.count()) > 0) {
    const delColor = await removed.first().evaluate((node) => getComputedStyle(node).backgroundColor);
    check(delColor === 'rgb(253, 232, 232)', `removed lines are red (${delColor})`);
  }
  const ddl = await byTestId('branch-ddl').innerText();
  check(ddl.includes('ALTER TABLE'), `the branch DDL lists the ALTERs: ${ddl}`);
  const lint = await eventually('the branch lint', async () =>
    (await byTestId('branch-lint').isVisible()) || (await byTestId('branch-lint-empty').isVisible()));
  check(lint, 'lint section rendered');
  const findings = page.locator('[data-testid="branch-lint"] [data-testid="lint-finding"]');
  for (const finding of await findings.all()) {
    const severity = await finding.getAttribute('data-severity');
    const shown = await finding.getByTestId('lint-severity').innerText();
    check(shown.toLowerCase() === severity, `the lint badge reads its severity (${shown} vs ${severity})`);
    const tone = await finding.getByTestId('lint-severity').getAttribute('class');
    check(tone.includes(`badge-${severity}`), `the lint badge is colored for ${severity} (${tone})`);
  }
  console.log(`[console-e2e] branch lint findings: ${await findings.count()}`);
  await screenshot(page, 'console-branch.png');

  step('open a deploy request from the branch page');
  await byTestId('dr-notes-input').fill('Add customer.nickname and an index on corder.sku');
  await byTestId('dr-open-button').click();
  await byTestId('dr-title').waitFor({ state: 'visible' });
  await eventually('the request to be open', async () =>
    (await byTestId('dr-state').getAttribute('data-state')) === 'open');
  const drUrl = page.url();
  console.log(`[console-e2e] deploy request page: ${drUrl}`);

  step('the deploy request shows its diff and lint');
  const drAdded = page.locator('[data-testid="dr-diff"] .diff-add');
  await eventually('added lines in the request diff', async () => (await drAdded.count()) > 0);
  check((await drAdded.allInnerTexts()).some((line) => line.includes('nickname')),
    'the request diff adds nickname');
  check((await byTestId('dr-lint').isVisible()) || (await byTestId('dr-lint-empty').isVisible()),
    'the request lint is shown');
  const drDdl = await byTestId('dr-ddl').innerText();
  check(drDdl.includes('ALTER TABLE'), `the request DDL lists the ALTERs: ${drDdl}`);
  check(await byTestId('dr-action-deploy').isEnabled(), 'deploy is enabled while open');
  check(await byTestId('dr-action-close').isEnabled(), 'close is enabled while open');
  for (const verb of ['apply', 'force-cutover', 'cancel', 'revert', 'skip-revert']) {
    check(await byTestId(`dr-action-${verb}`).isDisabled(), `${verb} is disabled while open`);
  }

  // The click's reply says queued; only the page's own polling can bring
  // the later states in (nothing here reloads it).
  step('deploy, and watch the page poll until the request is complete');
  await byTestId('dr-action-deploy').click();
  const seen = new Set();
  await eventually('the request to be complete', async () => {
    const state = await byTestId('dr-state').getAttribute('data-state');
    if (state) seen.add(state);
    if (state === 'failed' || state === 'cancelled') {
      throw new Error(`deploy ended ${state}: ${await visibleText(byTestId('dr-message'))}`);
    }
    return state === 'complete';
  }, DEPLOY_MS);
  console.log(`[console-e2e] states seen: ${[...seen].join(' -> ')}`);

  step('every shard shows a progress bar at 100%');
  const bars = page.locator('[data-testid^="shard-progress-"]');
  await eventually('two shard progress bars at 100%', async () => {
    const values = await bars.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-valuenow')));
    return values.length === shards.length && values.every((v) => v === '100');
  });
  for (const shard of shards) {
    const bar = byTestId(`shard-progress-${shard.shard}`);
    check((await bar.getAttribute('aria-valuenow')) === '100', `shard ${shard.shard} at 100%`);
    check((await bar.innerText()).includes('100%'), `shard ${shard.shard} bar reads 100%`);
  }
  check((await byTestId('dr-progress').getAttribute('aria-valuenow')) === '100', 'overall progress 100%');
  check(await byTestId('dr-action-deploy').isDisabled(), 'deploy is disabled once complete');
  check(await byTestId('dr-action-skip-revert').isEnabled(), 'skip-revert is enabled once complete');
  check(await byTestId('dr-action-cancel').isDisabled(), 'cancel is disabled once complete');
  check(await byTestId('dr-action-force-cutover').isDisabled(),
    'force cut-over is disabled once complete');
  check(!(await banner.isVisible()), `no error banner: ${await visibleText(byTestId('error-message'))}`);
  await screenshot(page, 'console-deploy-request.png');

  step('production has the change on every shard');
  for (const shard of shards) {
    const column = mariadb(shard, `vt_${KEYSPACE}`, "SHOW COLUMNS FROM customer LIKE 'nickname'");
    check(column.includes('nickname'), `shard ${shard.shard} production has customer.nickname`);
    const index = mariadb(shard, `vt_${KEYSPACE}`, "SHOW INDEX FROM corder WHERE Key_name = 'idx_sku'");
    check(index.includes('idx_sku'), `shard ${shard.shard} production has corder.idx_sku`);
  }

  step('revert with the button (its confirmation accepted), and watch production go back');
  const countRows = () => shards.reduce((sum, shard) =>
    sum + Number(mariadb(shard, `vt_${KEYSPACE}`, 'SELECT COUNT(*) FROM customer').trim()), 0);
  const rowsBefore = countRows();
  check(rowsBefore >= ROWS, `production has its ${ROWS} rows before the revert: ${rowsBefore}`);
  check(await byTestId('dr-action-revert').isEnabled(), 'revert is enabled once complete');
  // main() accepts every confirmation dialog.
  await byTestId('dr-action-revert').click();
  await eventually('the request to be reverted', async () => {
    const state = await byTestId('dr-state').getAttribute('data-state');
    if (state === 'failed') {
      throw new Error(`revert failed: ${await visibleText(byTestId('dr-message'))}`);
    }
    return state === 'reverted';
  }, DEPLOY_MS);
  for (const shard of shards) {
    const column = mariadb(shard, `vt_${KEYSPACE}`, "SHOW COLUMNS FROM customer LIKE 'nickname'");
    check(!column.includes('nickname'), `shard ${shard.shard} production no longer has customer.nickname`);
  }
  check(countRows() === rowsBefore, 'every production row is still there after the revert');
  check(await byTestId('dr-action-revert').isDisabled(), 'revert is disabled once reverted');
  check(!(await banner.isVisible()), `no error banner: ${await visibleText(byTestId('error-message'))}`);
  await screenshot(page, 'console-reverted.png');

  step('the keyspace page lists the request as reverted');
  await page.getByTestId('crumb-keyspace').click();
  const row = page.locator('[data-testid^="dr-row-state-"]').first();
  await eventually('the listed request state', async () => (await row.getAttribute('data-state')) === 'reverted');

  step(`a gated request from branch ${GATED}: deploy stops before the cut-over; cancel it there`);
  await byTestId('branch-name-input').fill(GATED);
  await byTestId('branch-parent-select').selectOption('main');
  await byTestId('branch-create-button').click();
  await byTestId(`branch-row-${GATED}`).waitFor({ state: 'visible', timeout: 60_000 });
  for (const shard of shards) mariadb(shard, GATED_DB, GATED_CHANGE);
  const hasTier = (shard) =>
    mariadb(shard, `vt_${KEYSPACE}`, "SHOW COLUMNS FROM customer LIKE 'tier'").includes('tier');
  const openGated = async () => {
    await page.goto(`${schemadUrl}/#/keyspaces/${KEYSPACE}/branches/${GATED}`);
    await byTestId('dr-open-button').waitFor({ state: 'visible' });
    await byTestId('dr-auto-apply').uncheck();
    await byTestId('dr-open-button').click();
    await eventually('the gated request to be open', async () =>
      (await byTestId('dr-state').getAttribute('data-state')) === 'open');
    await byTestId('dr-action-deploy').click();
    await eventually('the gated request to wait for its cut-over', async () => {
      const state = await byTestId('dr-state').getAttribute('data-state');
      if (state === 'failed') throw new Error(`deploy failed: ${await visibleText(byTestId('dr-message'))}`);
      return state === 'pending_cutover';
    }, DEPLOY_MS);
    check(await byTestId('dr-action-apply').isEnabled(), 'apply is enabled while the cut-over waits');
    check(await byTestId('dr-action-cancel').isEnabled(), 'cancel is enabled while the cut-over waits');
  };
  await openGated();
  await byTestId('dr-action-cancel').click();
  await eventually('the gated request to be cancelled', async () =>
    (await byTestId('dr-state').getAttribute('data-state')) === 'cancelled', DEPLOY_MS);
  for (const shard of shards) check(!hasTier(shard), `shard ${shard.shard} production has no customer.tier after the cancel`);
  check(await byTestId('dr-action-apply').isDisabled(), 'apply is disabled once cancelled');

  step('the same change again, gated; throttle it from the page, then cut over with Apply');
  await openGated();
  check((await byTestId('dr-throttle-text').innerText()) === 'not set', 'no throttle ratio before one is set');
  check(await byTestId('dr-action-throttle').isEnabled(), 'throttle is enabled while the cut-over waits');
  await byTestId('dr-throttle-ratio').fill('0.3');
  await byTestId('dr-action-throttle').click();
  await eventually('the request to show its throttle ratio', async () =>
    (await byTestId('dr-throttle-text').innerText()) === '0.3');
  check(!(await banner.isVisible()), `no error banner after throttling: ${await visibleText(byTestId('error-message'))}`);
  await byTestId('dr-action-apply').click();
  await eventually('the applied request to be complete', async () => {
    const state = await byTestId('dr-state').getAttribute('data-state');
    if (state === 'failed' || state === 'cancelled') {
      throw new Error(`apply ended ${state}: ${await visibleText(byTestId('dr-message'))}`);
    }
    return state === 'complete';
  }, DEPLOY_MS);
  for (const shard of shards) check(hasTier(shard), `shard ${shard.shard} production has customer.tier after apply`);
  check(await byTestId('dr-action-throttle').isDisabled(), 'throttle is disabled once complete');
  check(!(await banner.isVisible()), `no error banner: ${await visibleText(byTestId('error-message'))}`);
  await screenshot(page, 'console-applied.png');
}

async function main() {
  const watchdog = setTimeout(() => {
    console.error(`[console-e2e] FAILED: overall time limit at step "${currentStep}"`);
    process.exit(1);
  }, OVERALL_MS);
  console.log(`[console-e2e] schemad ${schemadUrl}, vtgate ${vtgatePort}, config ${process.env.TESSERA_CONFIG || '-'}`);
  console.log(`[console-e2e] output directory: ${outDir}`);
  const browser = await chromium.launch({
    executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  // Reduced motion: progress bars are drawn at their value, not mid-animation.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  context.setDefaultTimeout(STEP_MS);
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // 401s of the wrong-token step and 409 of the duplicate branch are expected.
    if (message.type() === 'error' && !/status of 40[19]/.test(message.text())) {
      pageErrors.push(`console error: ${message.text()}`);
    }
  });
  page.on('dialog', (dialog) => dialog.accept());
  let ok = false;
  try {
    await run(page);
    check(pageErrors.length === 0, `no script errors in the page:\n  ${pageErrors.join('\n  ')}`);
    ok = true;
    console.log('[console-e2e] PASSED');
  } catch (error) {
    console.error(`[console-e2e] FAILED at step "${currentStep}": ${error.message}`);
    if (pageErrors.length > 0) console.error(`[console-e2e] page errors:\n  ${pageErrors.join('\n  ')}`);
    try {
      const bannerText = await visibleText(page.getByTestId('error-banner'));
      if (bannerText) console.error(`[console-e2e] error banner: ${bannerText}`);
      await screenshot(page, 'console-failure.png');
    } catch (e) {
      console.error(`[console-e2e] no failure screenshot: ${e.message}`);
    }
  } finally {
    await browser.close();
    clearTimeout(watchdog);
  }
  process.exit(ok ? 0 : 1);
}

main().catch((error) => {
  console.error(`[console-e2e] FAILED: ${error.stack || error}`);
  process.exit(1);
});
