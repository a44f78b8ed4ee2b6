// Browser smoke test: serve the built page on 127.0.0.1, drive Debian's
// headless Chromium with playwright-core, wait for the app's ready flag,
// check the console stays clean, run assume attempts through the test API,
// force an error to check the error panel, force an abort to check the page's
// own panel and that the learner's edit survives a reload, and save
// screenshots that must not be blank (pixel variance, measured with ImageMagick).
//   node smoke.mjs --dir BUILD/web --out DIR --node-modules DIR
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const { startServer } = await import(path.join(here, '../../scripts/static-server.mjs'));

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const require = createRequire(path.join(args['node-modules'], 'x.js'));
const { chromium } = require('playwright-core');

let failures = 0, passes = 0;
function check(cond, what) {
  if (cond) { passes++; console.log(`ok   ${what}`); } else { failures++; console.log(`FAIL ${what}`); }
}

function variance(png) {
  const r = spawnSync('convert', [png, '-colorspace', 'Gray', '-format', '%[fx:standard_deviation]', 'info:'], { encoding: 'utf8' });
  return Number(r.stdout.trim());
}

fs.mkdirSync(args.out, { recursive: true });
const server = await startServer(args.dir, 0);
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(url);
  const state = () => page.evaluate(() => JSON.parse(Module.ccall('rolelab_test_state', 'string', [], [])));
  const command = (c) => page.evaluate((j) => JSON.parse(Module.ccall('rolelab_test_command', 'string', ['string'], [j])),
                                       JSON.stringify(c));
  await page.waitForFunction(() => {
    try { return JSON.parse(Module.ccall('rolelab_test_state', 'string', [], [])).ready; } catch (e) { return false; }
  }, null, { timeout: 60000 });
  let s = await state();
  check(s.ready === true && s.platform === 'browser', 'the app reports ready in the browser');
  check(s.lessons.length >= 1 && s.loadErrors.length === 0, `lessons loaded from the embedded files (${s.lessons.length})`);
  await page.waitForFunction(() => JSON.parse(Module.ccall('rolelab_test_state', 'string', [], [])).frames > 30, null, { timeout: 30000 });

  let r = await command({ cmd: 'selectLesson', index: 0 });
  check(r.ok, 'selectLesson');
  r = await command({ cmd: 'assume' });
  check(r.ok && r.outcome.decision === 'Allowed', `alice may assume the role: ${r.outcome && r.outcome.summary}`);
  r = await command({ cmd: 'selectPrincipal', index: 1 });
  r = await command({ cmd: 'assume' });
  check(r.outcome.decision === 'ImplicitlyDenied' && r.outcome.cause === 'trust relationship',
        `bob is denied by the trust relationship: ${r.outcome.summary}`);
  await page.waitForTimeout(500);
  const shot = path.join(args.out, 'browser.png');
  await page.screenshot({ path: shot });
  const sd = variance(shot);
  check(sd > 0.05, `the screenshot is not blank (gray standard deviation ${sd.toFixed(3)})`);

  r = await command({ cmd: 'setTrustPolicy', text: '{"Version": "2012-10-17", "Statement": [' });
  r = await command({ cmd: 'assume' });
  check(r.outcome.decision === 'InvalidPolicy' && r.outcome.errors[0].message === 'Syntax errors in policy.',
        'a broken trust policy gives MalformedPolicyDocument with a location');
  r = await command({ cmd: 'resetTrustPolicy' });
  check(consoleErrors.length === 0, `no console errors (${consoleErrors.join(' | ')})`);

  // The console tab: the same console code as rolelab-cli, over an embedded world.
  s = await state();
  check(s.worlds.includes('two-accounts.json') && s.worldLoadErrors.length === 0, `worlds embedded (${s.worlds.join(', ')})`);
  r = await command({ cmd: 'selectWorld', index: s.worlds.indexOf('two-accounts.json') });
  check(r.ok, 'selectWorld');
  r = await command({ cmd: 'consoleRun', line: 'aws sts assume-role --role-arn arn:aws:iam::222222222222:role/Auditor --role-session-name audit --external-id audit-2026' });
  check(r.ok && r.output.includes('"Arn": "arn:aws:sts::222222222222:assumed-role/Auditor/audit"'), 'assume-role in the browser console');
  r = await command({ cmd: 'consoleRun', line: 'aws sts assume-role --role-arn arn:aws:iam::222222222222:role/Auditor --role-session-name nope' });
  check(r.output.startsWith('An error occurred (AccessDenied) when calling the AssumeRole operation'), 'AccessDenied line in the browser console');
  r = await command({ cmd: 'consoleRun', line: 'explain' });
  check(r.output.includes('sts:ExternalId'), 'explain names the failing condition');
  await page.waitForTimeout(400);
  const consoleShot = path.join(args.out, 'browser-console.png');
  await page.screenshot({ path: consoleShot });
  check(variance(consoleShot) > 0.05, 'the console screenshot is not blank');
  r = await command({ cmd: 'showTab', index: 0 });
  check(r.ok, 'back to the lessons tab');

  // An exception inside a frame is stopped at the frame boundary: the page
  // keeps running and shows the error panel instead of a frozen canvas.
  r = await command({ cmd: 'forceError' });
  await page.waitForFunction(() => !!JSON.parse(Module.ccall('rolelab_test_state', 'string', [], [])).fatalError, null, { timeout: 10000 });
  const f1 = (await state()).frames;
  await page.waitForTimeout(300);
  s = await state();
  check(s.frames > f1 && s.fatalError.includes('Forced error'), 'after a forced error the page keeps rendering and reports it');
  const errShot = path.join(args.out, 'browser-error-panel.png');
  await page.screenshot({ path: errShot });
  check(variance(errShot) > 0.02, 'the error panel screenshot is not blank');

  // Nothing the learner had is lost: an edit is saved to localStorage within
  // half a second, survives an abort that no frame boundary can stop (the
  // page shows its own panel), and comes back after a reload.
  const marker = '{"Version": "2012-10-17", "Statement": [], "Sid": "my-unfinished-edit"}';
  r = await command({ cmd: 'setTrustPolicy', text: marker });
  check(r.ok, 'setTrustPolicy (an unfinished edit)');
  await page.waitForFunction((m) => (window.localStorage.getItem('rolelab.progress.v1') || '').includes('my-unfinished-edit'),
                             null, { timeout: 10000 });
  check(true, 'the edit reached localStorage');
  r = await command({ cmd: 'forceAbort' });
  await page.waitForFunction(() => getComputedStyle(document.getElementById('fatal')).display === 'block', null, { timeout: 10000 });
  const fatalText = await page.evaluate(() => document.getElementById('fatal-text').textContent);
  check(/abort/i.test(fatalText), `an abort shows the page's error panel: "${fatalText.slice(0, 80)}"`);
  const abortShot = path.join(args.out, 'browser-abort-panel.png');
  await page.screenshot({ path: abortShot });
  check(variance(abortShot) > 0.02, 'the abort panel screenshot is not blank');
  await page.reload();
  await page.waitForFunction(() => {
    try { return JSON.parse(Module.ccall('rolelab_test_state', 'string', [], [])).ready; } catch (e) { return false; }
  }, null, { timeout: 60000 });
  s = await state();
  check(s.editor === marker && !s.fatalError, 'after a reload the unfinished edit is back');
} finally {
  await browser.close();
  server.close();
}
console.log(`browser smoke: ${passes} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
