// @cloud-copilot/iam-simulate's runSimulation on RoleLab simulate inputs
// (JSON Lines, e.g. from gen-requests.mjs), for bench/compare.sh. Each line is
// turned into the peer's request shape (the reverse of cli/conformance_case.cpp's
// to_contract). The peer is installed by compare.sh into build/bench-peer.
//   node peer-batch.mjs PEER_NODE_MODULES decisions FILE   one decision per line (or "error: ...")
//   node peer-batch.mjs PEER_NODE_MODULES time FILE [ROUNDS] runSimulation alone, JSON figures
//   node peer-batch.mjs PEER_NODE_MODULES batch FILE        whole run: one JSON result line per input line
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const [modules, mode, file, roundsArg] = process.argv.slice(2);
const require = createRequire(path.resolve(modules, 'x.js'));
const { runSimulation } = require('@cloud-copilot/iam-simulate');

function toPeer(input) {
  const r = input.request;
  const named = (list, prefix) => (list || []).map((p, i) => ({ name: `${prefix}${i}`, policy: p }));
  const levels = (list, prefix) => (list || []).map((l, i) => ({ orgIdentifier: `ou-${i}`, policies: named(l, prefix) }));
  const sim = {
    request: {
      principal: r.principal, action: r.action,
      resource: { resource: r.resource || '*', accountId: r.resourceAccount },
      contextVariables: r.context || {},
    },
    identityPolicies: named(input.identityPolicies, 'identity'),
    serviceControlPolicies: levels(input.serviceControlPolicies, 'scp'),
    resourceControlPolicies: levels(input.resourceControlPolicies, 'rcp'),
    permissionBoundaryPolicies: input.permissionsBoundary ? named([input.permissionsBoundary], 'pb') : [],
  };
  if (input.resourcePolicy) sim.resourcePolicy = input.resourcePolicy;
  if (input.sessionPolicy) sim.sessionPolicy = input.sessionPolicy;
  return sim;
}

const decision = (res) => (res.errors ? `error: ${JSON.stringify(res.errors).slice(0, 200)}` : res.overallResult);

if (mode === 'batch') {
  // Like rolelab-cli simulate --batch: parse each line, simulate, write the
  // whole result (the peer's analysis and explain) as one line.
  const out = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    out.push(JSON.stringify(await runSimulation(toPeer(JSON.parse(line)), {})));
    if (out.length >= 256) fs.writeSync(1, out.splice(0).join('\n') + '\n');
  }
  if (out.length) fs.writeSync(1, out.join('\n') + '\n');
} else {
  const sims = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => toPeer(JSON.parse(l)));
  if (mode === 'decisions') {
    for (const s of sims) console.log(decision(await runSimulation(s, {})));
  } else if (mode === 'time') {
    // Like rolelab-bench --requests: one untimed round, then ROUNDS timed ones;
    // the median wall time of one simulation and the process CPU time over
    // all of them (immune to being descheduled on a busy machine).
    const rounds = Number(roundsArg || 3);
    const measure = async (fn) => {
      for (const s of sims) await fn(s);
      const times = [];
      const cpu0 = process.cpuUsage();
      for (let k = 0; k < rounds; k++) {
        for (const s of sims) {
          const t = performance.now();
          await fn(s);
          times.push((performance.now() - t) * 1000);
        }
      }
      const cpu = process.cpuUsage(cpu0);
      times.sort((a, b) => a - b);
      return { medianMicros: times[times.length >> 1], cpuMeanMicros: (cpu.user + cpu.system) / times.length };
    };
    const bare = await measure((s) => runSimulation(s, {}));
    let bytes = 0;  // the explanation written: the whole result as JSON text
    const explained = await measure(async (s) => { bytes += JSON.stringify(await runSimulation(s, {})).length; });
    console.log(JSON.stringify({ simulations: sims.length, rounds, noOutput: bare, explained }));
  } else {
    console.error('usage: node peer-batch.mjs PEER_NODE_MODULES decisions|time|batch FILE [ROUNDS]');
    process.exit(2);
  }
}
