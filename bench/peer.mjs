// Times @cloud-copilot/iam-simulate's runSimulation on the strict conformance
// cases (the same ones rolelab-bench --conformance uses), under node.
// The peer is installed by bench/compare.sh into build/bench-peer (never committed).
//   node peer.mjs PEER_NODE_MODULES CONFORMANCE_DIR [ROUNDS]
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const [modules, dir, roundsArg] = process.argv.slice(2);
const require = createRequire(path.join(modules, 'x.js'));
const { runSimulation } = require('@cloud-copilot/iam-simulate');
const rounds = Number(roundsArg || 3);

function files(d) {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(d, e.name)) : e.name.endsWith('.json') ? [path.join(d, e.name)] : []);
}
const sims = [];
for (const f of files(dir).sort()) {
  for (const c of JSON.parse(fs.readFileSync(f, 'utf8'))) {
    if ((c.simulation && c.simulation.mode === 'Discovery') || c.endpointPolicies) continue;
    const named = (list, prefix) => (list || []).map((p, i) => ({ name: `${prefix}${i}`, policy: p }));
    sims.push({
      request: { principal: c.request.principal, action: c.request.action, resource: c.request.resource,
                 contextVariables: c.request.context || {} },
      identityPolicies: named(c.identityPolicies, 'identity'),
      serviceControlPolicies: (c.serviceControlPolicies || []).map((l) => ({ orgIdentifier: l.orgIdentifier, policies: named(l.policies, 'scp') })),
      resourceControlPolicies: (c.resourceControlPolicies || []).map((l) => ({ orgIdentifier: l.orgIdentifier, policies: named(l.policies, 'rcp') })),
      resourcePolicy: c.resourcePolicy,
      permissionBoundaryPolicies: named(c.permissionBoundaries, 'pb'),
      sessionPolicy: c.sessionPolicy,
    });
  }
}
const times = [];
for (let r = 0; r < rounds; r++) {
  for (const s of sims) {
    const t0 = performance.now();
    await runSimulation(s, {});
    times.push((performance.now() - t0) * 1000);
  }
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(JSON.stringify({ cases: sims.length, rounds, medianMicros: median }));
