// A small two-step lesson (format 2) shared by the course, app and progress tests.
#pragma once

namespace rolelab::test {

inline const char* kTwoStepLesson = R"({
  "format": 2, "id": "t", "title": "T", "track": "Foundations", "summary": "S", "minutes": 5,
  "references": ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html"],
  "world": {"startTime": "2026-11-28T09:00:00Z", "accounts": {"111122223333": {
    "users": {"alice": {}, "bob": {}},
    "roles": {"Auditor": {"trustPolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow",
       "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "sts:AssumeRole"}}}}}}},
  "editable": ["role/Auditor/trust"],
  "steps": [
    {"title": "alice", "text": "Assume as **alice**.",
     "checks": [{"check": "attempted", "attempt": {"as": "user/alice", "role": "Auditor"}, "outcome": "success"}],
     "hints": ["Press Assume role."],
     "solution": [{"attempt": {"as": "user/alice", "role": "Auditor", "sessionName": "s1"}}]},
    {"title": "bob", "text": "Let bob in.",
     "checks": [{"check": "assume", "attempt": {"as": "user/bob", "role": "Auditor"}, "succeeds": true}],
     "hints": ["Add bob to the trust policy."],
     "solution": [{"edit": "role/Auditor/trust", "policy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow",
       "Principal": {"AWS": ["arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/bob"]}, "Action": "sts:AssumeRole"}}}]}
  ]
})";

}  // namespace rolelab::test
