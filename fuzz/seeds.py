#!/usr/bin/env python3
"""Seed corpora for the libFuzzer targets, made from the project's own lessons,
worlds and test data (and the outside conformance cases, read in place when
../shared is there). Usage: seeds.py SOURCE_DIR OUT_DIR"""
import base64
import glob
import hashlib
import json
import os
import sys

src, out = sys.argv[1], sys.argv[2]


def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)


def policies(node):
    """Every policy document (an object with a Statement) inside a JSON value."""
    if isinstance(node, dict):
        if "Statement" in node:
            yield node
        for v in node.values():
            yield from policies(v)
    elif isinstance(node, list):
        for v in node:
            yield from policies(v)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


docs = []
for path in sorted(glob.glob(f"{src}/lessons/*.json") + glob.glob(f"{src}/worlds/*.json") +
                   glob.glob(f"{src}/tests/cases/*.json") + glob.glob(f"{src}/tests/data/*.json")):
    try:
        docs.extend(policies(load(path)))
    except ValueError:
        pass
for path in glob.glob(f"{src}/lessons/*.json"):
    # Trust policies are strings in lessons.
    lesson = load(path)
    if isinstance(lesson.get("trustPolicy"), str):
        docs.append(json.loads(lesson["trustPolicy"]))
for k, doc in enumerate(docs[:400]):
    text = json.dumps(doc, indent=(2 if k % 2 else None))
    for mode in (k % 128, (k * 37 + 8) % 128):
        put("policy", bytes([mode]) + text.encode())
for path in glob.glob(f"{src}/tests/data/trust-*.json"):
    put("policy", b"\x02" + open(path, "rb").read())

# validate: the policy checks' own cases (each trigger and its clean twin), and the
# shipped policies, each behind a mode byte (policy type and resource type, as
# fuzz_validate.cpp reads it).
VALIDATE_MODES = {("IDENTITY_POLICY", None): 0, ("RESOURCE_POLICY", None): 1, ("SERVICE_CONTROL_POLICY", None): 2,
                  ("RESOURCE_CONTROL_POLICY", None): 3, ("RESOURCE_POLICY", "AWS::IAM::AssumeRolePolicyDocument"): 5,
                  ("RESOURCE_POLICY", "AWS::S3::Bucket"): 13}
for path in sorted(glob.glob(f"{src}/tests/cases/analyzer/*.json")):
    for case in load(path).get("cases", []):
        mode = VALIDATE_MODES.get((case.get("policyType"), case.get("resourceType")), 0)
        for doc in (case.get("trigger"), case.get("clean")):
            if doc is None:
                continue
            text = doc if isinstance(doc, str) else json.dumps(doc, indent=2)
            put("validate", bytes([mode]) + text.encode())
for k, doc in enumerate(docs[:200]):
    put("validate", bytes([(0, 1, 2, 5)[k % 4]]) + json.dumps(doc, indent=2).encode())

for path in glob.glob(f"{src}/tests/data/simulate-*.json"):
    put("simulate", open(path, "rb").read())
for line in open(f"{src}/tests/data/simulate-batch.jsonl", encoding="utf-8"):
    if line.strip():
        put("simulate", line)
for path in glob.glob(f"{src}/tests/cases/*.json"):
    for case in load(path)[:120]:
        if "input" in case:
            put("simulate", json.dumps(case["input"]))

for path in glob.glob(f"{src}/worlds/*.json"):
    put("world", open(path, "rb").read())
for path in glob.glob(f"{src}/lessons/*.json"):
    put("lesson", open(path, "rb").read())
for path in glob.glob(f"{src}/tests/console/*.script"):
    put("console", open(path, "rb").read())

conformance = f"{src}/../shared/conformance/iam-simulate"
for path in sorted(glob.glob(f"{conformance}/*.json")):
    for case in load(path):
        put("conformance_case", json.dumps(case))


def b64url(obj):
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")


header = {"alg": "RS256", "typ": "JWT", "kid": "k1"}
for claims in (
    {"iss": "https://token.actions.githubusercontent.com", "aud": "sts.amazonaws.com",
     "sub": "repo:acme/app:ref:refs/heads/main", "exp": 1795860000, "iat": 1795856000},
    {"iss": "https://accounts.google.com", "aud": "app.apps.googleusercontent.com", "sub": "1234567890",
     "exp": 1795860000, "amr": ["pwd"]},
    {"iss": "https://gitlab.example.com", "aud": "sts.amazonaws.com", "sub": "x", "exp": 1},
):
    put("federation", f"{b64url(header)}.{b64url(claims)}.c2lnbmF0dXJl")
    put("federation", json.dumps(claims))
saml = {"issuer": "https://idp.example.com", "audience": "https://signin.aws.amazon.com/saml", "subject": "dana",
        "subjectType": "persistent", "notOnOrAfter": "2026-11-28T10:00:00Z",
        "attributes": {"https://aws.amazon.com/SAML/Attributes/Role":
                       ["arn:aws:iam::333333333333:role/Admin,arn:aws:iam::333333333333:saml-provider/CorpIdP"],
                       "https://aws.amazon.com/SAML/Attributes/RoleSessionName": ["dana"]}}
put("federation", json.dumps(saml))
put("federation", base64.b64encode(json.dumps(saml).encode()))

put("progress", json.dumps({"version": 2, "currentLesson": "trust-vs-permissions", "lessons": {
    "trust-vs-permissions": {"log": json.dumps({"step": 1, "actions": [
        {"attempt": {"as": "user/alice", "role": "Auditor", "sessionName": "s1"}}, {"gotoStep": 1},
        {"advanceClock": 900}, {"console": "aws sts get-caller-identity"}]}),
        "drafts": {"role/Auditor/trust": json.dumps(docs[0], indent=2) if docs else "{}"}}}}))
put("progress", '{"version": 2, "lessons": {}}')

for cmd in ({"cmd": "openLesson", "id": "trust-vs-permissions"}, {"cmd": "gotoStep", "step": 1},
            {"cmd": "applySolution"}, {"cmd": "attempt", "as": "user/bob", "role": "Auditor"},
            {"cmd": "editPolicy", "target": "role/Auditor/trust", "text": json.dumps(docs[0]) if docs else "{}"},
            {"cmd": "console", "line": "aws sts get-caller-identity"}, {"cmd": "advanceClock", "seconds": 3600},
            {"cmd": "setPresenter", "on": True}, {"cmd": "answer", "question": "q1", "choice": 0},
            {"cmd": "selectLesson", "index": 0}, {"cmd": "assume"}):
    put("test_api", json.dumps(cmd))

# import: the project's own get-account-authorization-details fixtures (good
# and bad), compact and indented; the scps file after a 0x01 byte (the
# --organization input, as fuzz_import.cpp splits it); and a small generated
# account in bench/generated_account.h's shape.
for path in sorted(glob.glob(f"{src}/tests/data/import/*.json")):
    if path.endswith(".expected.json") or path.endswith("scps.json"):
        continue
    raw = open(path, "rb").read()
    put("import", raw)
    try:
        put("import", json.dumps(json.loads(raw)))
    except ValueError:
        pass
    scps = f"{src}/tests/data/import/scps.json"
    if os.path.exists(scps):
        put("import", raw + b"\x01" + open(scps, "rb").read())
acct, doc = "123456789012", lambda st: {"Version": "2012-10-17", "Statement": [st]}
put("import", json.dumps({
    "GroupDetailList": [{"Path": "/teams/", "GroupName": "team-0", "Arn": f"arn:aws:iam::{acct}:group/teams/team-0",
                         "GroupPolicyList": [{"PolicyName": "Assume", "PolicyDocument": doc(
                             {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": f"arn:aws:iam::{acct}:role/team-0-*"})}],
                         "AttachedManagedPolicies": [{"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]}],
    "UserDetailList": [{"Path": "/", "UserName": "user-0", "Arn": f"arn:aws:iam::{acct}:user/user-0", "GroupList": ["team-0"],
                        "UserPolicyList": [], "AttachedManagedPolicies": [], "Tags": [{"Key": "team", "Value": "0"}]}],
    "RoleDetailList": [{"Path": "/", "RoleName": "team-0-role-0", "Arn": f"arn:aws:iam::{acct}:role/team-0-role-0",
                        "AssumeRolePolicyDocument": doc({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{acct}:root"},
                                                         "Action": "sts:AssumeRole"}),
                        "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [
                            {"PolicyName": "shared-0", "PolicyArn": f"arn:aws:iam::{acct}:policy/shared-0"}], "Tags": []}],
    "Policies": [{"PolicyName": "shared-0", "Arn": f"arn:aws:iam::{acct}:policy/shared-0", "Path": "/", "DefaultVersionId": "v1",
                  "PolicyVersionList": [{"Document": doc({"Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "*"}),
                                         "VersionId": "v1", "IsDefaultVersion": True}]}],
    "IsTruncated": False}, indent=2))
