#!/usr/bin/env bash
# Cross-checks the provenance records of the governance CLI with verifiers that share no code with it:
#
#   (a) the OpenSSL CLI verifies our DSSE signatures over a PAE built here (Ed25519 and ECDSA P-256, DER);
#   (b) Debian's python3-securesystemslib verifies the same signatures over a PAE computed in Python, and Python
#       recomputes the model's root digest (OpenSSF model_signing rules) from the files;
#   (c) @sigstore/core's dsse.preAuthEncoding gives the same PAE bytes, and @sigstore/verify verifies our Sigstore
#       bundles offline with the public key as trust material;
#   (d) Python (hashlib + the cryptography package) reads our audit log's segment files on its own, checks the C2SP
#       signed-note signature of our checkpoints (key id per the spec), and verifies our RFC 9162 inclusion and
#       consistency proofs against the signed roots;
#   (e) Prometheus's promtool checks the alerting rules rendered by `governance metrics alerts` (as a rule file and as
#       the spec of a PrometheusRule) and runs their unit tests (examples/metrics/alerts.test.yaml): every alert fires
#       and stays silent where expected;
#
# and that each of them (and our own verify) rejects a tampered payload. Every artefact is made with bin/governance
# only. Prints one line per check and closes with "interop: N passed, M failed"; exits 1 when a check failed, 2 when
# the tools could not be set up.
#
#   scripts/interop.sh            # builds governance-cli/target/governance.jar when it is missing
#
# Installs what it needs when missing: openssl, python3-securesystemslib, python3-cryptography, python3-yaml and
# prometheus (for promtool) from Debian (as root), and the npm packages @sigstore/core, @sigstore/verify and @sigstore/bundle into build/interop/ (git-ignored).
set -euo pipefail
unset CDPATH
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)

SIGSTORE_PACKAGES=(@sigstore/core@4.0.1 @sigstore/verify@4.1.3 @sigstore/bundle@5.0.1)
# Debian's python3-securesystemslib is installed for Debian's own interpreter, not for one on the PATH (pyenv).
PYTHON=/usr/bin/python3

# ---- tools -----------------------------------------------------------------------------------------------------------
need=()
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if [ ! -x "$PYTHON" ] || ! "$PYTHON" -c 'import securesystemslib' >/dev/null 2>&1; then
  need+=(python3-securesystemslib)
fi
if [ ! -x "$PYTHON" ] || ! "$PYTHON" -c 'import cryptography' >/dev/null 2>&1; then
  need+=(python3-cryptography)
fi
if [ ! -x "$PYTHON" ] || ! "$PYTHON" -c 'import yaml' >/dev/null 2>&1; then
  need+=(python3-yaml)
fi
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  need+=(nodejs npm)
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "interop: missing ${need[*]}; install them (sudo apt-get install ${need[*]}) and run again" >&2
    exit 2
  fi
  echo "interop: installing ${need[*]}" >&2
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; }; then
    echo "interop: apt-get could not install ${need[*]}" >&2
    exit 2
  fi
fi

prefix=$root/build/interop
installed=true
for spec in "${SIGSTORE_PACKAGES[@]}"; do
  name=${spec%@*}
  version=${spec##*@}
  manifest=$prefix/node_modules/$name/package.json
  if [ ! -f "$manifest" ] || [ "$(node -p "require('$manifest').version" 2>/dev/null)" != "$version" ]; then
    installed=false
  fi
done
if [ "$installed" != true ]; then
  echo "interop: installing ${SIGSTORE_PACKAGES[*]} into build/interop" >&2
  mkdir -p "$prefix"
  # The packages declare node ^22; they work on 20, so the engine warnings are dropped.
  if ! npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error "${SIGSTORE_PACKAGES[@]}" \
    >/dev/null; then
    echo "interop: npm could not install ${SIGSTORE_PACKAGES[*]}" >&2
    exit 2
  fi
fi

jar=governance-cli/target/governance.jar
if [ ! -f "$jar" ]; then
  echo "interop: building $jar (mvn package, tests skipped)" >&2
  if ! mvn -B -q -DskipTests -Dquick package -pl governance-cli -am; then
    echo "interop: building $jar failed" >&2
    exit 2
  fi
fi

# ---- checks ----------------------------------------------------------------------------------------------------------
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
log=$work/check.log

ok() { passed=$((passed + 1)); echo "PASS  $1"; }
ko() {
  failed=$((failed + 1))
  echo "FAIL  $1"
  if [ -s "$log" ]; then sed 's/^/      | /' "$log" | head -20; fi
}
# check NAME COMMAND...: passes when the command exits 0.
check() {
  local name=$1; shift
  if "$@" >"$log" 2>&1; then ok "$name"; else ko "$name"; fi
}
# reject NAME PATTERN COMMAND...: passes when the command exits non-zero and its output matches the extended regular
# expression PATTERN (the verifier's own words for a bad signature), so that a crash does not count as a rejection.
reject() {
  local name=$1 pattern=$2; shift 2
  if "$@" >"$log" 2>&1; then
    ko "$name (was accepted)"
  elif grep -Eq "$pattern" "$log"; then
    ok "$name"
  else
    echo "expected output matching: $pattern" >>"$log"
    ko "$name (failed for another reason)"
  fi
}
# expect_exit CODE PATTERN NAME COMMAND...: passes when the command exits with CODE and its output matches PATTERN.
expect_exit() {
  local code=$1 pattern=$2 name=$3 status=0; shift 3
  "$@" >"$log" 2>&1 || status=$?
  if [ "$status" -eq "$code" ] && grep -Eq "$pattern" "$log"; then
    ok "$name"
  else
    echo "exit $status, expected $code with output matching: $pattern" >>"$log"
    ko "$name"
  fi
}
# equal NAME ACTUAL EXPECTED: passes when both are the same non-empty text.
equal() {
  if [ -n "$2" ] && [ "$2" = "$3" ]; then
    ok "$1"
  else
    echo "got '$2', expected '$3'" >"$log"
    ko "$1"
  fi
}
gov() { bin/governance "$@"; }

# The helpers for the other verifiers. Python: DSSE envelope parts, PAE, tampering, securesystemslib, root digest.
cat >"$work/dsse.py" <<'PY'
import base64, hashlib, json, os, sys

def b64(text):
    text = text.strip()
    text += "=" * (-len(text) % 4)
    return base64.urlsafe_b64decode(text.replace("+", "-").replace("/", "_"))

def envelope(path):
    doc = json.load(open(path, "rb"))
    return doc.get("dsseEnvelope", doc)

def pae(payload_type, body):
    t = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(body), body)

def tamper(body):
    # Change one hex digit of the first sha256 digest in the statement: still JSON, no longer what was signed.
    i = body.index(b'"sha256":"') + len(b'"sha256":"')
    return body[:i] + (b"0" if body[i:i + 1] != b"0" else b"1") + body[i + 1:]

def extract(path, out, tampered=False):
    env = envelope(path)
    body = b64(env["payload"])
    if tampered:
        body = tamper(body)
    os.makedirs(out, exist_ok=True)
    open(os.path.join(out, "payload.bin"), "wb").write(body)
    open(os.path.join(out, "sig.bin"), "wb").write(b64(env["signatures"][0]["sig"]))
    open(os.path.join(out, "pae.bin"), "wb").write(pae(env["payloadType"], body))

def tamper_file(path, out):
    doc = json.load(open(path, "rb"))
    env = doc.get("dsseEnvelope", doc)
    env["payload"] = base64.b64encode(tamper(b64(env["payload"]))).decode("ascii")
    json.dump(doc, open(out, "w"))

def sslib(path, scheme, pub_pem, tampered=False):
    from securesystemslib.signer import SSlibKey, Signature
    from securesystemslib.exceptions import UnverifiedSignatureError
    env = envelope(path)
    body = b64(env["payload"])
    if tampered:
        body = tamper(body)
    pem = open(pub_pem).read()
    der = base64.b64decode("".join(l for l in pem.splitlines() if not l.startswith("-----")))
    keyid = hashlib.sha256(der).hexdigest()
    if scheme == "ed25519":
        key = SSlibKey(keyid, "ed25519", "ed25519", {"public": der[-32:].hex()})
    else:
        key = SSlibKey(keyid, "ecdsa", "ecdsa-sha2-nistp256", {"public": pem})
    sig = Signature(keyid, b64(env["signatures"][0]["sig"]).hex())
    try:
        key.verify_signature(sig, pae(env["payloadType"], body))
    except UnverifiedSignatureError as e:
        sys.exit("securesystemslib: not verified: %s" % e)
    print("securesystemslib: verified (%s)" % scheme)

def statement(path):
    return json.loads(b64(envelope(path)["payload"]))

def check_statement(path, expected_root):
    st = statement(path)
    assert st["_type"] == "https://in-toto.io/Statement/v1", st["_type"]
    digests = [s["digest"].get("sha256") for s in st["subject"]]
    assert expected_root in digests, "subject digests %s, expected %s" % (digests, expected_root)
    print("statement: %s, subject sha256:%s" % (st["predicateType"], expected_root))

def root_digest(model):
    # OpenSSF model_signing, method "files": sha256 per file, sorted by path components, then
    # sha256 over the concatenated raw digests.
    names = []
    for dirpath, dirnames, filenames in os.walk(model):
        dirnames[:] = [d for d in dirnames if d not in (".git", ".github")]
        for f in filenames:
            if f in (".gitattributes", ".gitignore", "model.sig"):
                continue
            names.append(os.path.relpath(os.path.join(dirpath, f), model).replace(os.sep, "/"))
    names.sort(key=lambda n: n.split("/"))
    raw = b"".join(hashlib.sha256(open(os.path.join(model, n), "rb").read()).digest() for n in names)
    print(hashlib.sha256(raw).hexdigest())

if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "extract":
        extract(args[0], args[1], len(args) > 2 and args[2] == "tampered")
    elif cmd == "tamper":
        tamper_file(args[0], args[1])
    elif cmd == "sslib":
        sslib(args[0], args[1], args[2], len(args) > 3 and args[3] == "tampered")
    elif cmd == "statement":
        check_statement(args[0], args[1])
    elif cmd == "root-digest":
        root_digest(args[0])
    else:
        sys.exit("unknown command " + cmd)
PY

# Node: @sigstore/core's PAE, and @sigstore/verify's offline bundle verification with the key as trust material.
cat >"$work/sigstore.js" <<'JS'
'use strict';
const fs = require('fs');
const crypto = require('crypto');
const { dsse } = require('@sigstore/core');
const { bundleFromJSON } = require('@sigstore/bundle');
const { toTrustMaterial, toSignedEntity, Verifier } = require('@sigstore/verify');

const [cmd, ...args] = process.argv.slice(2);
if (cmd === 'pae') {
  // pae ENVELOPE PAE_FILE: @sigstore/core's PAE of the envelope equals the bytes in PAE_FILE.
  const doc = JSON.parse(fs.readFileSync(args[0], 'utf8'));
  const env = doc.dsseEnvelope || doc;
  const ours = dsse.preAuthEncoding(env.payloadType, Buffer.from(env.payload, 'base64'));
  const expected = fs.readFileSync(args[1]);
  if (!Buffer.from(ours).equals(expected)) {
    console.error(`PAE differs: ${ours.length} bytes from @sigstore/core, ${expected.length} expected`);
    process.exit(1);
  }
  console.log(`PAE equal (${expected.length} bytes)`);
} else if (cmd === 'bundle') {
  // bundle BUNDLE PUBLIC_KEY_PEM: verifies offline, with no transparency log, CT log or timestamp authority.
  const bundle = bundleFromJSON(JSON.parse(fs.readFileSync(args[0], 'utf8')));
  const publicKey = crypto.createPublicKey(fs.readFileSync(args[1], 'utf8'));
  const trust = toTrustMaterial({
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [], ctlogs: [], certificateAuthorities: [], timestampAuthorities: [],
  }, (hint) => ({ publicKey, validFor: () => true }));
  const verifier = new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
  try {
    verifier.verify(toSignedEntity(bundle));
  } catch (e) {
    console.error(`@sigstore/verify: ${e.name}: ${e.message}`);
    process.exit(1);
  }
  console.log('@sigstore/verify: verified');
} else {
  console.error(`unknown command ${cmd}`);
  process.exit(2);
}
JS
py() { "$PYTHON" "$work/dsse.py" "$@"; }
sigstore() { NODE_PATH=$prefix/node_modules node "$work/sigstore.js" "$@"; }

echo "== artefacts, made with bin/governance only"
model=$work/credit-model
mkdir -p "$model/weights" "$model/config"
printf 'coef: [0.42, -1.7, 0.03]\nintercept: 0.5\n' >"$model/weights/model.yaml"
head -c 4096 /dev/urandom >"$model/weights/model.bin"
printf '{"threshold": 0.37}' >"$model/config/thresholds.json"
printf 'A credit-scoring model for the interop check.\n' >"$model/README.md"
manifest=$work/credit-scoring.yaml
cp examples/manifests/credit-scoring.yaml "$manifest"

check "keygen ed25519" gov keygen --algorithm ed25519 --out "$work/ed"
check "keygen ecdsa-p256" gov keygen --algorithm ecdsa-p256 --out "$work/p256"
for key in ed p256; do
  equal "the $key private key is mode 600" "$(stat -c %a "$work/$key.key.pem" 2>/dev/null || true)" 600
done
# A step whose output a check compares must not end the script: its failure is counted by that check.
root_digest=$(gov hash-model "$model" || true)
expected_root=$(py root-digest "$model" || true)
equal "hash-model equals the root digest Python computes from the files" "$root_digest" "sha256:$expected_root"
for key in ed p256; do
  check "sign $key DSSE envelope" gov sign --key "$work/$key.key.pem" --manifest "$manifest" --model "$model" \
    --format dsse --out "$work/$key.dsse.json"
  check "sign $key Sigstore bundle" gov sign --key "$work/$key.key.pem" --manifest "$manifest" --model "$model" \
    --format bundle --out "$work/$key.bundle.json"
  for record in dsse bundle; do
    check "our verify accepts the $key $record" gov verify --pub "$work/$key.pub.pem" \
      --envelope "$work/$key.$record.json" --manifest "$manifest" --model "$model"
    py tamper "$work/$key.$record.json" "$work/$key.$record.tampered.json" || true
    expect_exit 1 '^verification failed: (BAD_SIGNATURE|UNTRUSTED_KEY): ' \
      "our verify rejects the tampered $key $record (exit 1)" gov verify --pub "$work/$key.pub.pem" \
      --envelope "$work/$key.$record.tampered.json" --manifest "$manifest" --model "$model"
  done
  check "the $key statement's subject is the root digest" py statement "$work/$key.dsse.json" "$expected_root"
done

echo "== key files"
for key in ed p256; do
  check "openssl reads the $key PKCS#8 private key and derives our SPKI public key" \
    cmp <(openssl pkey -in "$work/$key.key.pem" -pubout) "$work/$key.pub.pem"
  keyid=$(gov verify --pub "$work/$key.pub.pem" --envelope "$work/$key.dsse.json" \
    --manifest "$manifest" --model "$model" --json \
    | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["keyids"][0])' || true)
  equal "the $key keyid is sha256 of the DER SPKI (RFC 6962 style)" "$keyid" \
    "$(openssl pkey -pubin -in "$work/$key.pub.pem" -outform DER | sha256sum | cut -d' ' -f1)"
  hint=$("$PYTHON" -c 'import json, sys
print(json.load(open(sys.argv[1]))["verificationMaterial"]["publicKey"]["hint"])' "$work/$key.bundle.json" || true)
  equal "the $key bundle hint is sha256 of the PEM text (as model_signing)" "$hint" \
    "$(sha256sum "$work/$key.pub.pem" | cut -d' ' -f1)"
done

echo "== (a) openssl"
for key in ed p256; do
  for record in dsse bundle; do
    py extract "$work/$key.$record.json" "$work/$key.$record" || true
    py extract "$work/$key.$record.json" "$work/$key.$record.tampered" tampered || true
  done
done
for record in dsse bundle; do
  ed_dir=$work/ed.$record
  p_dir=$work/p256.$record
  check "openssl pkeyutl verifies the Ed25519 $record" openssl pkeyutl -verify -pubin -inkey "$work/ed.pub.pem" \
    -rawin -in "$ed_dir/pae.bin" -sigfile "$ed_dir/sig.bin"
  reject "openssl pkeyutl rejects the tampered Ed25519 $record" 'Signature Verification Failure' \
    openssl pkeyutl -verify -pubin -inkey "$work/ed.pub.pem" -rawin -in "$ed_dir.tampered/pae.bin" \
    -sigfile "$ed_dir.tampered/sig.bin"
  check "openssl dgst verifies the P-256 $record (DER)" openssl dgst -sha256 -verify "$work/p256.pub.pem" \
    -signature "$p_dir/sig.bin" "$p_dir/pae.bin"
  reject "openssl dgst rejects the tampered P-256 $record" '^Verification failure' \
    openssl dgst -sha256 -verify "$work/p256.pub.pem" -signature "$p_dir.tampered/sig.bin" "$p_dir.tampered/pae.bin"
done
check "the P-256 signature is DER (openssl asn1parse reads a SEQUENCE)" \
  sh -c "openssl asn1parse -inform DER -in '$work/p256.dsse/sig.bin' | head -1 | grep -q SEQUENCE"

echo "== (b) python3-securesystemslib $("$PYTHON" -c 'import securesystemslib; print(securesystemslib.__version__)')"
check "securesystemslib verifies the Ed25519 envelope" py sslib "$work/ed.dsse.json" ed25519 "$work/ed.pub.pem"
reject "securesystemslib rejects the tampered Ed25519 envelope" 'not verified' \
  py sslib "$work/ed.dsse.json" ed25519 "$work/ed.pub.pem" tampered
check "securesystemslib verifies the P-256 envelope" py sslib "$work/p256.dsse.json" ecdsa "$work/p256.pub.pem"
reject "securesystemslib rejects the tampered P-256 envelope" 'not verified' \
  py sslib "$work/p256.dsse.json" ecdsa "$work/p256.pub.pem" tampered
check "securesystemslib verifies the P-256 bundle's envelope" \
  py sslib "$work/p256.bundle.json" ecdsa "$work/p256.pub.pem"

echo "== (c) @sigstore (node $(node --version))"
for key in ed p256; do
  for record in dsse bundle; do
    check "@sigstore/core PAE equals the openssl-verified PAE ($key $record)" \
      sigstore pae "$work/$key.$record.json" "$work/$key.$record/pae.bin"
  done
done
check "@sigstore/verify verifies the P-256 bundle offline" sigstore bundle "$work/p256.bundle.json" "$work/p256.pub.pem"
check "@sigstore/verify verifies the Ed25519 bundle offline" sigstore bundle "$work/ed.bundle.json" "$work/ed.pub.pem"
reject "@sigstore/verify rejects the tampered P-256 bundle" 'VerificationError' \
  sigstore bundle "$work/p256.bundle.tampered.json" "$work/p256.pub.pem"
reject "@sigstore/verify rejects the tampered Ed25519 bundle" 'VerificationError' \
  sigstore bundle "$work/ed.bundle.tampered.json" "$work/ed.pub.pem"
reject "@sigstore/verify rejects the P-256 bundle with the Ed25519 key" 'VerificationError' \
  sigstore bundle "$work/p256.bundle.json" "$work/ed.pub.pem"

echo "== (d) the audit log: segments, signed checkpoints and proofs, checked in Python"
cat >"$work/audit.py" <<'PY'
# An independent reader of the audit log format (docs/audit-log.md) and verifier of C2SP signed notes and RFC 9162
# proofs: hashlib and the cryptography package only.
import base64, glob, hashlib, json, os, struct, sys
from cryptography.hazmat.primitives.serialization import load_pem_public_key, Encoding, PublicFormat

def h(b):
    return hashlib.sha256(b).digest()

def node(l, r):
    return h(b"\x01" + l + r)

def digest(text):
    assert text.startswith("sha256:"), text
    return bytes.fromhex(text[7:])

def open_note(path, pub_pem, name):
    note = open(path, encoding="utf-8").read()
    body, _, sigs = note.partition("\n\n")
    body += "\n"
    pub = load_pem_public_key(open(pub_pem, "rb").read())
    raw = pub.public_bytes(Encoding.Raw, PublicFormat.Raw)
    key_id = h(name.encode() + b"\n" + b"\x01" + raw)[:4]
    for line in sigs.splitlines():
        if not line.startswith("\u2014 "):
            continue
        signer, b64 = line[2:].split(" ")
        blob = base64.b64decode(b64)
        if signer == name and blob[:4] == key_id:
            pub.verify(blob[4:], body.encode())  # raises InvalidSignature
            origin, size, root = body.splitlines()[:3]
            return origin, int(size), base64.b64decode(root)
    sys.exit("no signature by key " + name)

def record(log, index):
    for seg in sorted(glob.glob(os.path.join(log, "segments", "audit-*.seg"))):
        data = open(seg, "rb").read()
        assert data[:8] == b"GOVAUD01"
        (base,) = struct.unpack(">Q", data[42:50])
        pos = 64
        while pos + 20 <= len(data):
            length, _crc, idx, typ = struct.unpack(">IIQB", data[pos:pos + 17])
            if length == 0 and idx == 0:
                break
            if idx == index:
                return typ, data[pos + 20:pos + 20 + length]
            pos += 20 + length
    sys.exit("record %d not found" % index)

def inclusion_root(index, size, leaf, path):
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            sys.exit("inclusion path too long")
        if fn & 1 or fn == sn:
            r = node(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        sys.exit("inclusion path too short")
    return r

def consistency_roots(size1, size2, root1, path):
    if size1 & (size1 - 1) == 0:
        path = [root1] + path
    fn, sn = size1 - 1, size2 - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            sys.exit("consistency path too long")
        if fn & 1 or fn == sn:
            fr = node(c, fr)
            sr = node(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        sys.exit("consistency path too short")
    return fr, sr

def cmd_inclusion(log, pub_pem, proof_json, tamper="none"):
    name = open(os.path.join(log, "origin"), encoding="utf-8").read().strip()
    origin, size, root = open_note(os.path.join(log, "checkpoint"), pub_pem, name)
    proof = json.load(open(proof_json))
    typ, payload = record(log, proof["index"])
    if tamper == "record":
        payload = payload.replace(b'"', b"'", 1)
    event = json.loads(payload)
    # RFC 8785 for this ASCII, integer-only event is sorted keys without whitespace.
    if json.dumps(event, sort_keys=True, separators=(",", ":")).encode() != payload:
        sys.exit("payload is not canonical JSON")
    leaf = h(b"\x00" + payload)
    assert leaf == digest(proof["leafHash"]), "leaf hash differs from the proof's"
    path = [digest(p) for p in proof["path"]]
    if tamper == "path":
        path[0] = h(path[0])
    assert proof["treeSize"] == size, "proof is not for the checkpoint's size"
    if inclusion_root(proof["index"], size, leaf, path) != root:
        sys.exit("inclusion proof does not reach the signed root")
    print("record %d (%s) is in %s at size %d" % (proof["index"], event["type"], origin, size))

def cmd_consistency(log, pub_pem, old_note, proof_json):
    name = open(os.path.join(log, "origin"), encoding="utf-8").read().strip()
    _, size1, root1 = open_note(old_note, pub_pem, name)
    _, size2, root2 = open_note(os.path.join(log, "checkpoint"), pub_pem, name)
    proof = json.load(open(proof_json))
    assert (proof["size1"], proof["size2"]) == (size1, size2), "proof sizes differ from the checkpoints"
    fr, sr = consistency_roots(size1, size2, root1, [digest(p) for p in proof["path"]])
    if (fr, sr) != (root1, root2):
        sys.exit("consistency proof does not link the two signed roots")
    print("checkpoint %d extends checkpoint %d" % (size2, size1))

def cmd_forged(note_path, pub_pem, name):
    text = open(note_path, encoding="utf-8").read().split("\n")
    text[1] = str(int(text[1]) + 1)
    forged = note_path + ".forged"
    open(forged, "w", encoding="utf-8").write("\n".join(text))
    open_note(forged, pub_pem, name)

if __name__ == "__main__":
    {"inclusion": cmd_inclusion, "consistency": cmd_consistency, "forged": cmd_forged}[sys.argv[1]](*sys.argv[2:])
PY
apy() { "$PYTHON" "$work/audit.py" "$@"; }
alog=$work/audit-log
events=$work/events.jsonl
for i in $(seq 1 40); do
  printf '{"type":"acme.batch","attributes":{"n":%d,"job":"nightly"}}\n' "$i"
done >"$events"
gov keygen --algorithm ed25519 --out "$work/audit" >/dev/null
check "audit append (40 events, SYNC, signed checkpoints)" gov audit append --log "$alog" \
  --key "$work/audit.key.pem" --events "$events"
cp "$alog/checkpoint" "$work/checkpoint-1"
check "audit append (40 more events)" gov audit append --log "$alog" --key "$work/audit.key.pem" --events "$events"
gov audit prove --log "$alog" --pub "$work/audit.pub.pem" --index 17 >"$work/prove.json" 2>"$log" || true
check "Python: the record's bytes, leaf hash and inclusion proof reach our signed checkpoint root" \
  apy inclusion "$alog" "$work/audit.pub.pem" "$work/prove.json"
reject "Python rejects a changed record" "not canonical|leaf hash|Expecting|does not reach" \
  apy inclusion "$alog" "$work/audit.pub.pem" "$work/prove.json" record
reject "Python rejects a changed inclusion path" "does not reach" \
  apy inclusion "$alog" "$work/audit.pub.pem" "$work/prove.json" path
size1=$(sed -n 2p "$work/checkpoint-1")
size2=$(sed -n 2p "$alog/checkpoint")
gov audit consistency --log "$alog" --pub "$work/audit.pub.pem" --from "$size1" --to "$size2" >"$work/consistency.json" 2>"$log" || true
check "Python: our consistency proof links checkpoint $size1 to checkpoint $size2" \
  apy consistency "$alog" "$work/audit.pub.pem" "$work/checkpoint-1" "$work/consistency.json"
reject "Python rejects a checkpoint whose size was changed after signing" "InvalidSignature" \
  apy forged "$alog/checkpoint" "$work/audit.pub.pem" "$(cat "$alog/origin")"
check "our audit verify accepts the log" gov audit verify --log "$alog" --pub "$work/audit.pub.pem"

echo "== (e) Prometheus alerting rules ($(promtool --version 2>&1 | head -1))"
# The rules are rendered by the CLI from the example config; the unit-test file is copied next to them, so promtool
# tests this rendering (rule_files: [model-alerts.yaml] is relative to the test file).
mdir=$work/metrics
mkdir -p "$mdir/lax"
mcfg=examples/metrics/metrics-config.yaml
gov metrics alerts --config "$mcfg" --format rules >"$mdir/model-alerts.yaml" 2>"$log" || true
check "promtool check rules accepts the rule file of metrics alerts --format rules" \
  promtool check rules "$mdir/model-alerts.yaml"
check "examples/metrics/model-alerts.yaml is the CLI's current rendering of metrics-config.yaml" \
  cmp "$mdir/model-alerts.yaml" examples/metrics/model-alerts.yaml
cp examples/metrics/alerts.test.yaml "$mdir/alerts.test.yaml"
check "promtool test rules: each of the 6 alerts fires, and stays silent, as alerts.test.yaml expects" \
  promtool test rules "$mdir/alerts.test.yaml"
gov metrics alerts --config "$mcfg" --format prometheusrule >"$mdir/prometheusrule.yaml" 2>"$log" || true
cat >"$work/prometheusrule.py" <<'PY'
import sys, yaml

doc = yaml.safe_load(open(sys.argv[1], "rb"))
if doc.get("apiVersion") != "monitoring.coreos.com/v1" or doc.get("kind") != "PrometheusRule":
    sys.exit("not a monitoring.coreos.com/v1 PrometheusRule: %s %s" % (doc.get("apiVersion"), doc.get("kind")))
if not doc.get("metadata", {}).get("name"):
    sys.exit("metadata.name is missing")
groups = doc.get("spec", {}).get("groups")
if not groups:
    sys.exit("spec.groups is missing or empty")
yaml.safe_dump({"groups": groups}, open(sys.argv[2], "w"), sort_keys=False)
PY
prometheusrule_spec() {
  "$PYTHON" "$work/prometheusrule.py" "$mdir/prometheusrule.yaml" "$mdir/spec-groups.yaml" &&
    promtool check rules "$mdir/spec-groups.yaml"
}
check "--format prometheusrule is a PrometheusRule whose spec.groups pass promtool check rules" prometheusrule_spec
# The checkers must be able to fail: a rule that does not parse, and rules rendered with a laxer error-rate threshold
# and smaller drift windows, which the unit tests must catch.
printf 'groups:\n  - name: broken\n    rules:\n      - alert: Broken\n        expr: "sum(rate(x[5m]) > "\n' \
  >"$mdir/broken.yaml"
reject "promtool check rules rejects a rule whose expression does not parse" "could not parse expression" \
  promtool check rules "$mdir/broken.yaml"
sed -e 's/^\(  errorRate:\) 0.02/\1 0.05/' -e 's/^\(  minWindowSamples:\) 200/\1 100/' "$mcfg" >"$mdir/lax/config.yaml"
gov metrics alerts --config "$mdir/lax/config.yaml" --out "$mdir/lax/model-alerts.yaml" >/dev/null 2>"$log" || true
cp examples/metrics/alerts.test.yaml "$mdir/lax/alerts.test.yaml"
reject "promtool test rules fails on rules with a laxer error rate and smaller drift windows" "FAILED" \
  promtool test rules "$mdir/lax/alerts.test.yaml"

echo "== OpenSSF model_signing's own bundle, verified by our CLI"
shared=${MODELGOV_SHARED:-$root/../shared}
vector=$shared/vectors/provenance/model_signing
if [ -f "$vector/v1.1.0-elliptic-key/model.sig" ]; then
  cp -R "$vector/v1.1.0-elliptic-key" "$work/ms-model"
  chmod -R u+w "$work/ms-model"
  check "our verify accepts model_signing v1.1.0's P-384 bundle" gov verify \
    --pub "$vector/signing-key-pub.spki.pem" --envelope "$work/ms-model/model.sig" --model "$work/ms-model"
  printf 'x' >>"$work/ms-model/signme-1"
  expect_exit 1 '^verification failed: SUBJECT_DIGEST_MISMATCH: .*signme-1' \
    "our verify rejects it once a model file changed (exit 1)" gov verify \
    --pub "$vector/signing-key-pub.spki.pem" --envelope "$work/ms-model/model.sig" --model "$work/ms-model"
else
  echo "SKIP  model_signing vector not found under $shared (set MODELGOV_SHARED)"
fi

echo
echo "interop: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
