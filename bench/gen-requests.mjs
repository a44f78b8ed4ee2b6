// Deterministic simulate inputs for the speed comparison (bench/compare.sh):
// DISTINCT different requests, each written COPIES times in a shuffled order,
// one simulate input (README's contract) per line. A fifth each of identity,
// resource (same and cross account), permissions-boundary, session-policy and
// SCP cases; Allowed, implicitly and explicitly denied ones, some with
// conditions on request context keys.
//   node gen-requests.mjs [LINES=6000] [DISTINCT=1200] [SEED=12] > requests.jsonl
// The same seed always gives the same file (a small xorshift generator, no
// Math.random), so before/after figures compare the same work.

const [linesArg, distinctArg, seedArg] = process.argv.slice(2);
const lines = Number(linesArg || 6000);
const distinct = Number(distinctArg || 1200);
let state = (Number(seedArg || 12) * 2654435761) >>> 0 || 1;

function next() {  // xorshift32
  state ^= state << 13; state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5; state >>>= 0;
  return state / 4294967296;
}
const pick = (list) => list[Math.floor(next() * list.length)];
const chance = (p) => next() < p;
const range = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));

const CALLER_ACCOUNT = '111122223333';
const OTHER_ACCOUNT = '444455556666';
const users = ['alice', 'bob', 'carol', 'dave'];
const buckets = ['logs', 'reports', 'media', 'backups'];
const tables = ['orders', 'users', 'events'];

// Actions with the resource each one acts on (owner account as a parameter).
const actions = [
  { action: 's3:GetObject', resource: (a, n) => `arn:aws:s3:::${n}/data/file-${range(1, 9)}.json`, s3: true },
  { action: 's3:PutObject', resource: (a, n) => `arn:aws:s3:::${n}/data/file-${range(1, 9)}.json`, s3: true },
  { action: 's3:DeleteObject', resource: (a, n) => `arn:aws:s3:::${n}/tmp/x-${range(1, 9)}`, s3: true },
  { action: 's3:ListBucket', resource: (a, n) => `arn:aws:s3:::${n}`, s3: true },
  { action: 'dynamodb:GetItem', resource: (a) => `arn:aws:dynamodb:us-east-1:${a}:table/${pick(tables)}` },
  { action: 'dynamodb:PutItem', resource: (a) => `arn:aws:dynamodb:us-east-1:${a}:table/${pick(tables)}` },
  { action: 'sqs:SendMessage', resource: (a) => `arn:aws:sqs:us-east-1:${a}:queue-${range(1, 3)}` },
  { action: 'kms:Decrypt', resource: (a) => `arn:aws:kms:us-east-1:${a}:key/1234abcd-12ab-34cd-56ef-1234567890ab` },
  // Never a request resource of "*": RoleLab reads it as "any resource" (an
  // action without resource-level permissions), iam-simulate as the literal.
  { action: 'ec2:StartInstances', resource: (a) => `arn:aws:ec2:us-east-1:${a}:instance/i-0abc${range(1, 4)}` },
];

// Action patterns a statement may name.
const actionPatterns = ['s3:*', 's3:Get*', 's3:GetObject', 's3:PutObject', 's3:List*', 'dynamodb:*', 'dynamodb:Get*',
  'dynamodb:PutItem', 'sqs:SendMessage', 'kms:Decrypt', 'ec2:Start*', 'ec2:*', '*'];

function resourcePattern(account) {
  return pick([
    '*',
    `arn:aws:s3:::${pick(buckets)}/*`,
    `arn:aws:s3:::${pick(buckets)}`,
    'arn:aws:s3:::*',
    `arn:aws:dynamodb:us-east-1:${account}:table/*`,
    `arn:aws:dynamodb:*:${account}:table/${pick(tables)}`,
    `arn:aws:sqs:us-east-1:${account}:queue-*`,
    `arn:aws:kms:us-east-1:${account}:key/*`,
    `arn:aws:ec2:*:${account}:instance/*`,
  ]);
}

// A condition on a key the request's context may or may not carry.
function condition() {
  return pick([
    () => ({ StringEquals: { 'aws:PrincipalTag/team': pick(['red', 'blue']) } }),
    () => ({ Bool: { 'aws:SecureTransport': 'true' } }),
    () => ({ IpAddress: { 'aws:SourceIp': pick(['10.0.0.0/8', '192.0.2.0/24']) } }),
    () => ({ StringEquals: { 'aws:RequestedRegion': pick(['us-east-1', 'eu-west-1']) } }),
    () => ({ NumericLessThan: { 'aws:MultiFactorAuthAge': String(range(1, 4) * 900) } }),
    () => ({ StringLike: { 'aws:userid': pick(['AIDA*', '*:session-*']) } }),
  ])();
}

function context() {
  const c = {};
  if (chance(0.6)) c['aws:PrincipalTag/team'] = pick(['red', 'blue', 'green']);
  if (chance(0.7)) c['aws:SecureTransport'] = pick(['true', 'false']);
  if (chance(0.6)) c['aws:SourceIp'] = pick(['10.1.2.3', '192.0.2.7', '203.0.113.9']);
  if (chance(0.6)) c['aws:RequestedRegion'] = pick(['us-east-1', 'eu-west-1']);
  if (chance(0.4)) c['aws:MultiFactorAuthAge'] = String(range(0, 3600));
  if (chance(0.4)) c['aws:userid'] = pick(['AIDAEXAMPLE', 'AROAEXAMPLE:session-1']);
  return c;
}

function statement(account, { allowOnly = false, principal = null } = {}) {
  const s = { Effect: !allowOnly && chance(0.2) ? 'Deny' : 'Allow' };
  if (principal) s.Principal = principal;
  const n = range(1, 3);
  s.Action = n === 1 ? pick(actionPatterns) : Array.from({ length: n }, () => pick(actionPatterns));
  s.Resource = chance(0.3) ? [resourcePattern(account), resourcePattern(account)] : resourcePattern(account);
  if (chance(0.35)) s.Condition = condition();
  return s;
}

function policy(account, count, options) {
  const doc = { Version: '2012-10-17', Statement: Array.from({ length: count }, () => statement(account, options)) };
  if (chance(0.3)) doc.Statement[0].Sid = `S${range(1, 99)}`;
  return doc;
}

const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

function request(kind) {
  const a = pick(actions);
  const user = pick(users);
  let principal = `arn:aws:iam::${CALLER_ACCOUNT}:user/${user}`;
  let owner = CALLER_ACCOUNT;
  const input = {};
  if (kind === 'resource') owner = chance(0.5) ? OTHER_ACCOUNT : CALLER_ACCOUNT;
  if (kind === 'session') principal = `arn:aws:sts::${CALLER_ACCOUNT}:assumed-role/App/session-${range(1, 5)}`;
  const bucket = pick(buckets);
  const req = { principal, action: a.action, resource: a.resource(owner, bucket), resourceAccount: owner, context: context() };
  input.request = req;
  input.identityPolicies = Array.from({ length: range(1, 3) }, () => policy(CALLER_ACCOUNT, range(1, 5)));
  if (kind === 'resource') {
    // A resource policy on the bucket or table, naming the caller, its account or anyone.
    const who = pick([{ AWS: principal }, { AWS: `arn:aws:iam::${CALLER_ACCOUNT}:root` }, { AWS: CALLER_ACCOUNT }, '*',
      { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }]);
    input.resourcePolicy = policy(owner, range(1, 4), { principal: who });
    if (chance(0.3)) input.identityPolicies = [];
  } else if (kind === 'boundary') {
    input.permissionsBoundary = policy(CALLER_ACCOUNT, range(1, 3));
  } else if (kind === 'session') {
    input.sessionPolicy = policy(CALLER_ACCOUNT, range(1, 3));
  } else if (kind === 'scp') {
    const deny = policy(CALLER_ACCOUNT, range(1, 3));
    input.serviceControlPolicies = [[allowAll], chance(0.5) ? [allowAll, deny] : [deny]];
  }
  return input;
}

const kinds = ['identity', 'resource', 'boundary', 'session', 'scp'];
const unique = Array.from({ length: distinct }, (_, k) => JSON.stringify(request(kinds[k % kinds.length])));
const out = Array.from({ length: lines }, (_, k) => unique[k % distinct]);
for (let k = out.length - 1; k > 0; k--) {  // Fisher-Yates with the seeded generator
  const j = Math.floor(next() * (k + 1));
  [out[k], out[j]] = [out[j], out[k]];
}
process.stdout.write(out.join('\n') + '\n');
