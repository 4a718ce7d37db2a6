#!/usr/bin/env python3
"""
Verifies an audit export of the IP Review Engine offline, with nothing but the Python standard library:
an independent implementation of the recipe in the README ("Verifying an export offline"). It shares no
code with the service.

    python3 verify_export.py EXPORT.ndjson            # IPR_AUDIT_HMAC_KEY in the environment: also the signature

Prints one JSON line: {"ok": true, "events": N, ...} or {"ok": false, "seq": N, "reason": "..."}; exit 0 / 1.
"""
import hashlib
import hmac
import json
import os
import sys


def canonical(value):
    # RFC 8785 for the values the service writes: sorted keys, no whitespace, UTF-8 as is.
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def sha256_hex(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def verify(path, key):
    # Split on "\n" only: str.splitlines() would also split inside strings at U+2028, U+0085 and friends.
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    header = json.loads(lines[0])
    if header.get("format") != "ipr-audit-export/1":
        return {"ok": False, "seq": None, "reason": "not an ipr-audit-export/1 file"}
    whole_chain = header["caseId"] is None
    first, last = header["range"]["from"], header["range"]["to"]
    expected = first
    prev = header["anchor"]["hash"] if whole_chain and header["anchor"] else None
    seen = {}
    previous_seq = 0
    for line in lines[1:]:
        event = json.loads(line)
        seq = event["seq"]
        stored_hash = event.pop("hash")
        prev_hash = event.pop("prevHash")
        if whole_chain:
            if seq != expected:
                return {"ok": False, "seq": expected, "reason": f"expected seq {expected}, found seq {seq}"}
            if prev is not None and prev_hash != prev:
                return {"ok": False, "seq": seq, "reason": "prevHash does not link to the previous event"}
        elif seq <= previous_seq:
            return {"ok": False, "seq": seq, "reason": "events out of sequence order"}
        if sha256_hex(prev_hash + canonical(event)) != stored_hash:
            return {"ok": False, "seq": seq, "reason": "the event does not match its hash"}
        seen[seq] = stored_hash
        prev, previous_seq, expected = stored_hash, seq, seq + 1
    if whole_chain and expected - 1 != last:
        return {"ok": False, "seq": expected, "reason": f"the export ends at seq {expected - 1}, its header says {last}"}

    checkpoint = header.get("checkpoint")
    signature = "absent"
    if checkpoint:
        signature = "not checked (no key)"
        if key:
            message = canonical({"hash": checkpoint["hash"], "recordedAt": checkpoint["recordedAt"], "seq": checkpoint["seq"]})
            mac = hmac.new(key.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()
            if not hmac.compare_digest(mac, checkpoint["signature"]):
                return {"ok": False, "seq": checkpoint["seq"], "reason": "the checkpoint signature does not verify"}
            signature = "valid"
        if checkpoint["seq"] in seen and seen[checkpoint["seq"]] != checkpoint["hash"]:
            return {"ok": False, "seq": checkpoint["seq"], "reason": "the event at the checkpoint does not have the signed hash"}
    return {"ok": True, "events": len(seen), "last": {"seq": previous_seq, "hash": prev}, "checkpoint": signature}


if __name__ == "__main__":
    result = verify(sys.argv[1], os.environ.get("IPR_AUDIT_HMAC_KEY"))
    print(json.dumps(result))
    sys.exit(0 if result["ok"] else 1)
