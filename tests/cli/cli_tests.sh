#!/usr/bin/env bash
# rolelab-cli end-to-end checks: run natively and as wasm under node with the
# same expectations. Usage: cli_tests.sh DATA_DIR LAUNCHER... (the CLI command,
# e.g. "node --no-experimental-fetch rolelab-cli.js" or "rolelab-cli").
set -u
data=$1
shift
cli=("$@")
pass=0
fail=0
check() {  # name, expected exit status, regex the output must match, then the command's args (stdin from $STDIN if set)
  local name=$1 want=$2 regex=$3
  shift 3
  local out status
  if [ -n "${STDIN:-}" ]; then
    out=$("${cli[@]}" "$@" <"$STDIN" 2>&1)
  else
    out=$("${cli[@]}" "$@" 2>&1 </dev/null)
  fi
  status=$?
  if [ "$status" -eq "$want" ] && printf '%s' "$out" | grep -Eq -- "$regex"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $name: status $status (want $want), output:"
    printf '%s\n' "$out" | head -c 2000
    echo
  fi
}
check_absent() {  # name, regex the output must NOT match (exit status 0), then the command's args
  local name=$1 regex=$2
  shift 2
  local out status
  out=$("${cli[@]}" "$@" 2>&1 </dev/null)
  status=$?
  if [ "$status" -eq 0 ] && ! printf '%s' "$out" | grep -Eq -- "$regex"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $name: status $status (want 0, and no line matching $regex), output:"
    printf '%s\n' "$out" | head -c 2000
    echo
  fi
}

# The course: every shipped lesson proven and walked; the proof rejects broken lessons.
lessons="$data/../../lessons"
check lessons-verify 0 ": [0-9]+ proven, 0 failed$" lessons verify "$lessons"
check lessons-verify-one 0 "^t \(lesson-ok.json\): proven, 2 steps" lessons verify "$data/lesson-ok.json"
check lessons-verify-tampered 1 "step 2 \(bob\): check 1 \(user/bob can assume Auditor, line [0-9]+\) does not pass after the solution" lessons verify "$data/lesson-tampered.json"
check lessons-verify-trivial 1 "step 2 \(bob\): every check already passes when the step begins" lessons verify "$data/lesson-trivial.json"
check lessons-verify-invalid 1 "lesson-bad.json:[0-9]+:[0-9]+: InvalidLesson: Role 'Auditr': the world has no role named 'Auditr'. \(/steps/0/checks/0/attempt/role\)" lessons verify "$data/lesson-bad.json"
# Policy-check findings in a lesson's shipped policies: a warning, not a failure, unless the lesson expects them.
check lessons-verify-warning 0 "^  warning: world user alice policy Deploy: SECURITY_WARNING PASS_ROLE_WITH_STAR_IN_RESOURCE at line 6, column 17 \(/Statement/Resource\): " lessons verify "$data/lesson-risky.json"
check_absent lessons-verify-expected-finding "warning:" lessons verify "$data/lesson-risky-expected.json"
check_absent lessons-verify-course-no-warnings "warning:" lessons verify "$lessons"
check lessons-list 0 "users-and-roles +Users and roles" lessons list "$lessons"
check lessons-list-json 0 '"id": "capstone-troubleshooting",' lessons list --json "$lessons"
check lessons-play-unknown 2 "no lesson file or lesson id 'nope'" lessons play nope
check lessons-usage 2 "usage: rolelab-cli lessons list" lessons
STDIN="$data/lesson-play.txt" check lessons-play-interactive 0 "Step 2 done" lessons play "$data/lesson-ok.json"
for f in "$lessons"/*.json; do
  check "lessons-play-$(basename "$f" .json)" 0 ": ([0-9]+) of \1 steps done" lessons play "$f" --solve
done

check help 0 "simulate --batch FILE" --help
check version 0 "^rolelab-cli [0-9]+\.[0-9]+\.[0-9]+" --version
check no-args 2 "usage: rolelab-cli" 
check unknown-command 2 "unknown command 'simualte'" simualte
check simulate-allowed 0 '^\{"decision":"Allowed".*"summary":"Allowed: ' simulate "$data/simulate-allowed.json"
check simulate-explanation 0 '"conditions":\[\{"key":"sts:ExternalId".*"matched":true' simulate "$data/simulate-allowed.json"
check simulate-pretty 0 '^\{$' simulate --pretty "$data/simulate-allowed.json"
STDIN="$data/simulate-allowed.json" check simulate-stdin 0 '"decision":"Allowed"' simulate -
check simulate-bad 2 '^\{"error":\{"code":"MalformedPolicyDocument","column":[0-9]+,"help":"Effect must be.*"line":6,"message":"Syntax errors in policy.","path":"/identityPolicies/0/Statement/1/Effect"\}\}$' simulate "$data/simulate-bad.json"
check simulate-missing-file 2 '"code":"InvalidInput".*cannot open' simulate "$data/nope.json"
check simulate-no-file 2 "simulate needs a FILE" simulate
check simulate-bad-flag 2 "unknown option '--fast'" simulate --fast x
STDIN="$data/simulate-batch.jsonl" check batch-lines 2 '^\{"decision":"Allowed".*\}
\{"error":\{"code":"InvalidJson".*\}
\{"decision":"ExplicitlyDenied".*\}
\{"decision":"ImplicitlyDenied".*\}$' simulate --batch -
check batch-file 2 'ExplicitlyDenied' simulate --batch "$data/simulate-batch.jsonl"
# The simulate output, byte for byte as it was when nlohmann::json built it (issue 12's streaming
# writer must not change it): every decision kind, explanations with conditions, SCP/RCP levels,
# warnings, error lines, blank lines, unicode, escapes and control characters; --pretty too.
check_bytes() {  # name, expected exit status, golden file, then the command's args (stdin from $STDIN if set)
  local name=$1 want=$2 golden=$3
  shift 3
  local got status
  got=$(mktemp)
  "${cli[@]}" "$@" <"${STDIN:-/dev/null}" >"$got" 2>/dev/null
  status=$?
  if [ "$status" -eq "$want" ] && cmp -s "$got" "$golden"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $name: status $status (want $want), differences from $golden:"
    cmp "$got" "$golden" | head -3
    diff "$got" "$golden" | head -c 2000
  fi
  rm -f "$got"
}
check_bytes simulate-golden-batch 2 "$data/simulate-golden.out.jsonl" simulate --batch "$data/simulate-golden.jsonl"
STDIN="$data/simulate-golden.jsonl" check_bytes simulate-golden-stdin 2 "$data/simulate-golden.out.jsonl" simulate --batch -
check_bytes simulate-golden-pretty 0 "$data/simulate-golden-pretty.out.json" simulate --pretty "$data/simulate-golden-pretty.json"
check_bytes simulate-golden-pretty-error 2 "$data/simulate-golden-pretty-error.out.json" simulate --pretty "$data/simulate-bad.json"
# Every sentence an explanation can hold (each way a Principal, Action, Resource and condition
# clause matches or not, variables, NotPrincipal, levels, escapes inside sentences), output as
# main's build wrote it before the trace recorded facts and the writer made the sentences (issue 12).
check_bytes simulate-explanations 0 "$data/simulate-explanations.out.jsonl" simulate --batch "$data/simulate-explanations.jsonl"
# A program may write one line down a pipe and wait for its answer before the next: a batch
# writes out what it has answered before each read that could wait.
check_interactive() {
  local a1="" a2=""
  coproc SIM { "${cli[@]}" simulate --batch - 2>&1; }
  head -1 "$data/simulate-batch.jsonl" >&"${SIM[1]}"
  read -t 60 -r a1 <&"${SIM[0]}"
  sed -n 4p "$data/simulate-batch.jsonl" >&"${SIM[1]}"
  read -t 60 -r a2 <&"${SIM[0]}"
  local pid=${SIM_PID:-}
  exec {SIM[1]}>&-
  [ -z "$pid" ] || wait "$pid" 2>/dev/null
  if [[ "$a1" == '{"decision":"ImplicitlyDenied",'* && "$a2" == '{"decision":"ExplicitlyDenied",'* ]]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL simulate-batch-interactive: answers '${a1:0:60}' and '${a2:0:60}'"
  fi
}
check_interactive
# Every subcommand's --help (and -h) prints its usage on stdout with exit status 0.
for sub in assume lessons simulate console validate conformance; do
  check "help-$sub" 0 "^usage: rolelab-cli $sub " "$sub" --help
  check "help-$sub-short" 0 "^usage: rolelab-cli $sub " "$sub" -h
done
check help-lessons-play 0 "lessons play ID\|FILE" lessons play --help
check help-simulate-batch 0 "simulate --batch FILE" simulate --batch x.jsonl --help
check help-lists-lessons-subcommands 0 "rolelab-cli lessons list \[--json\] \[DIR\]" --help
check_absent help-no-old-lessons-form "lessons FILE\|DIR\.\.\." --help
check assume-denied 1 "^Denied: the trust policy of role Auditor does not name" assume --trust "$data/trust-alice.json" --principal arn:aws:iam::111122223333:user/bob --role arn:aws:iam::111122223333:role/Auditor
check assume-bad-principal 2 "is neither an ARN" assume --trust "$data/trust-alice.json" --principal bob --role arn:aws:iam::111122223333:role/Auditor
check lessons-bad 1 "InvalidLesson|InvalidJson" lessons "$data/simulate-bad.json"
check conformance-no-dir 2 "conformance needs a DIR" conformance /nonexistent
# Bad input to the console command: a clear error, exit status 2, never a crash.
check console-no-world 2 "console needs --world FILE" console
check console-missing-world 2 "cannot open '/nonexistent.json'" console --world /nonexistent.json
check console-bad-world 2 "line 1, column 2: InvalidWorld: Unknown key 'request'.*\(at /request\)" console --world "$data/simulate-bad.json"
check console-bad-seed 2 "--seed takes a number" console --world "$data/../../worlds/two-accounts.json" --seed abc
check console-bad-flag 2 "unexpected argument '--bogus' for console" console --world "$data/../../worlds/two-accounts.json" --bogus
# world import / world report (docs/import.md): the project's fixtures in the AWS CLI's and the API's
# shapes, golden reports; bad input gives clear errors (exit 2).
imp="$data/import"
wtmp=$(mktemp -d)
check_golden() {  # name, golden file, then the command's args: stdout must equal the file
  local name=$1 golden=$2
  shift 2
  local out status
  out=$("${cli[@]}" "$@" 2>/dev/null </dev/null)
  status=$?
  if [ "$status" -eq 0 ] && [ "$out" = "$(cat "$golden")" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $name: status $status, differences from $golden:"
    diff <(printf '%s\n' "$out") "$golden" | head -40
  fi
}
check world-help 0 "world import DETAILS.json" world --help
check world-no-sub 2 "world needs a subcommand" world
check world-import 0 "Imported 2 account\(s\): 4 users, 2 groups, 8 roles, 3 customer managed policies; [0-9]+ note" world import "$imp/account-a.json" "$imp/account-b-api.json" --account-alias 111111111111=prod --organization "$imp/scps.json" -o "$wtmp/world.json"
check_golden world-import-golden "$imp/world.expected.json" world import --quiet "$imp/account-a.json" "$imp/account-b-api.json" --account-alias 111111111111=prod --organization "$imp/scps.json"
check world-import-notes 0 "account-a.json: /UserDetailList/2/AttachedManagedPolicies/1: user bob: AWS managed policy arn:aws:iam::aws:policy/PowerUserAccess left out" world import "$imp/account-a.json"
check world-import-keys 2 "keys.json:10:13: SecretsInFile: The file holds 'AccessKeyMetadata'" world import "$imp/keys.json"
check world-import-shape 2 "wrong-shape.json:1:1: InvalidAccountDetails: Not the output of .aws iam get-account-authorization-details." world import "$imp/wrong-shape.json"
check world-import-cut 2 "cut-off.json:[0-9]+:[0-9]+: InvalidJson" world import "$imp/cut-off.json"
check world-import-paged 0 "one page of a paged output" world import "$imp/paged.json"
check world-import-alias 2 "--account-alias takes ACCOUNT=ALIAS" world import "$imp/paged.json" --account-alias prod
check world-import-org 2 "scps.json:[0-9]+:[0-9]+: InvalidOrganization: SCPs for account 222222222222, which no imported file holds" world import "$imp/account-a.json" --organization "$imp/scps.json"
check_golden world-report-text "$imp/report.expected.txt" world report "$wtmp/world.json"
check_golden world-report-json "$imp/report.expected.json" world report --json "$wtmp/world.json"
check world-report-lesson-world 0 "Who can assume which role" world report "$data/../../worlds/two-accounts.json"
check world-report-bad 2 "InvalidWorld" world report "$imp/account-a.json"
# The imported world in the console: alice assumes Deploy through her group Developers.
STDIN="$imp/console-alice.txt" check console-imported-world 0 "\"AssumedRoleUser\"" console --world "$wtmp/world.json"
rm -rf "$wtmp"
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
