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
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
