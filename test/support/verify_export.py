#!/usr/bin/env python3
"""
Verifies an audit export of the IP Review Engine offline, with nothing but the Python standard library and
the service's public key: an independent implementation of the recipe in the README ("Verifying an export
offline"). It shares no code with the service; Ed25519 verification follows RFC 8032, section 5.1.7.

    python3 verify_export.py EXPORT.ndjson [PUBLIC_KEY_FILE]

PUBLIC_KEY_FILE: the JSON of GET /api/v1/audit/public-key, or one base64 raw public key. Without it the
signatures are not checked. Prints one JSON line: {"ok": true, "events": N, ...} or
{"ok": false, "seq": N, "reason": "..."}; exit 0 / 1.
"""
import base64
import hashlib
import json
import sys

# ---- Ed25519 verification (RFC 8032) ---------------------------------------------------------------
P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)


def _add(a, b):
    x1, y1, z1, t1 = a
    x2, y2, z2, t2 = b
    a_ = (y1 - x1) * (y2 - x2) % P
    b_ = (y1 + x1) * (y2 + x2) % P
    c_ = 2 * t1 * t2 * D % P
    d_ = 2 * z1 * z2 % P
    e, f, g, h = b_ - a_, d_ - c_, d_ + c_, b_ + a_
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def _mul(s, point):
    q = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            q = _add(q, point)
        point = _add(point, point)
        s >>= 1
    return q


def _equal(a, b):
    return (a[0] * b[2] - b[0] * a[2]) % P == 0 and (a[1] * b[2] - b[1] * a[2]) % P == 0


def _recover_x(y, sign):
    if y >= P:
        return None
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P)
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P != 0:
        x = x * SQRT_M1 % P
    if (x * x - x2) % P != 0:
        return None
    if (x & 1) != sign:
        x = P - x
    return x


def _decompress(s):
    if len(s) != 32:
        return None
    y = int.from_bytes(s, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = _recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % P)


G_Y = 4 * pow(5, P - 2, P) % P
G = (_recover_x(G_Y, 0), G_Y, 1, _recover_x(G_Y, 0) * G_Y % P)


def ed25519_verify(public, message, signature):
    if len(public) != 32 or len(signature) != 64:
        return False
    a = _decompress(public)
    r = _decompress(signature[:32])
    s = int.from_bytes(signature[32:], "little")
    if a is None or r is None or s >= L:
        return False
    h = int.from_bytes(hashlib.sha512(signature[:32] + public + message).digest(), "little") % L
    return _equal(_mul(s, G), _add(r, _mul(h, a)))


# ---- the export ----------------------------------------------------------------------------------


def canonical(value):
    # RFC 8785 for the values the service writes: sorted keys, no whitespace, UTF-8 as is.
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def sha256_hex(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_keys(path):
    with open(path, encoding="utf-8") as f:
        text = f.read().strip()
    raw = [k["publicKey"] for k in json.loads(text)["keys"]] if text.startswith("{") else [text]
    keys = {}
    for b64 in raw:
        key = base64.b64decode(b64)
        keys[hashlib.sha256(key).hexdigest()[:16]] = key
    return keys


def signature_valid(keys, seq, hash_, signature):
    key_id, _, sig = signature.partition(":")
    key = keys.get(key_id)
    message = f"ipr-audit-head/1 {seq} {hash_}".encode("ascii")
    return key is not None and ed25519_verify(key, message, base64.b64decode(sig))


def verify(path, keys):
    # Split on "\n" only: str.splitlines() would also split inside strings at U+2028, U+0085 and friends.
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    header = json.loads(lines[0])
    if header.get("format") != "ipr-audit-export/2":
        return {"ok": False, "seq": None, "reason": "not an ipr-audit-export/2 file"}
    whole_chain = header["caseId"] is None
    first, last = header["range"]["from"], header["range"]["to"]
    expected = first
    prev = header["anchor"]["hash"] if whole_chain and header["anchor"] else None
    seen = {}
    previous_seq = 0
    last_signed = header["anchor"]["seq"] if whole_chain and header["anchor"] else 0
    for line in lines[1:]:
        event = json.loads(line)
        seq = event["seq"]
        stored_hash = event.pop("hash")
        prev_hash = event.pop("prevHash")
        head_signature = event.pop("headSignature", None)
        if whole_chain:
            if seq != expected:
                return {"ok": False, "seq": expected, "reason": f"expected seq {expected}, found seq {seq}"}
            if prev is not None and prev_hash != prev:
                return {"ok": False, "seq": seq, "reason": "prevHash does not link to the previous event"}
        elif seq <= previous_seq:
            return {"ok": False, "seq": seq, "reason": "events out of sequence order"}
        if sha256_hex(prev_hash + canonical(event)) != stored_hash:
            return {"ok": False, "seq": seq, "reason": "the event does not match its hash"}
        if head_signature is not None and keys is not None:
            if not signature_valid(keys, seq, stored_hash, head_signature):
                return {"ok": False, "seq": seq, "reason": "the head signature does not verify"}
            last_signed = seq
        seen[seq] = stored_hash
        prev, previous_seq, expected = stored_hash, seq, seq + 1
    if whole_chain and expected - 1 != last:
        return {"ok": False, "seq": expected, "reason": f"the export ends at seq {expected - 1}, its header says {last}"}

    head = header["signedHead"]
    signatures = "not checked (no key)"
    if keys is not None:
        if not signature_valid(keys, head["seq"], head["hash"], head["signature"]):
            return {"ok": False, "seq": head["seq"], "reason": "the signed head in the header does not verify"}
        # An export that reaches the head it was taken at must end on signed events: a tail added to the
        # file after the last signature has none.
        if whole_chain and last >= head["seq"] and last_signed < last:
            return {"ok": False, "seq": last_signed + 1, "reason": "the events from here on carry no valid signed head"}
        signatures = "valid"
    if head["seq"] in seen and seen[head["seq"]] != head["hash"]:
        return {"ok": False, "seq": head["seq"], "reason": "the event at the signed head does not have the signed hash"}
    return {"ok": True, "events": len(seen), "last": {"seq": previous_seq, "hash": prev}, "signatures": signatures}


if __name__ == "__main__":
    result = verify(sys.argv[1], read_keys(sys.argv[2]) if len(sys.argv) > 2 else None)
    print(json.dumps(result))
    sys.exit(0 if result["ok"] else 1)
