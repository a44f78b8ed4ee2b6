// A two-principal, two-step lesson shared by the app and progress tests.
#pragma once

namespace rolelab::test {

inline const char* kTwoStepLesson = R"({
  "id": "t", "title": "T", "intro": "I", "role": "arn:aws:iam::111122223333:role/Auditor",
  "trustPolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow",
     "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "sts:AssumeRole"}},
  "principals": [{"label": "alice", "arn": "arn:aws:iam::111122223333:user/alice"},
                 {"label": "bob", "arn": "arn:aws:iam::111122223333:user/bob"}],
  "steps": [{"text": "alice", "goals": [{"principal": "alice", "decision": "Allowed"}]},
            {"text": "bob", "goals": [{"principal": "bob", "decision": "Allowed"}]}]
})";

}  // namespace rolelab::test
