#!/usr/bin/env python3
"""Check the shop's public impact ledger with nothing but Python's standard library.

    python3 scripts/verify_impact_ledger.py https://<shop>/impact/ledger.json
    python3 scripts/verify_impact_ledger.py ledger.json [--head HASH]

Recomputes every entry's SHA-256 from the previous hash and its canonical JSON payload,
follows the `next` pages, and prints the chain head. With --head (a fingerprint printed on a
statement), also checks that this fingerprint is in the chain: if an entry before it was
rewritten, the hashes no longer lead to it. Exit status 0 when the chain holds, 1 otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import urllib.parse
import urllib.request

GENESIS = "0" * 64


def load(source: str) -> dict:
    if source.startswith(("http://", "https://")):
        with urllib.request.urlopen(source, timeout=30) as response:  # noqa: S310
            return json.load(response)
    with open(source, encoding="utf-8") as handle:
        return json.load(handle)


def pages(source: str):
    while source:
        page = load(source)
        yield page
        following = page.get("next")
        source = urllib.parse.urljoin(source, following) if following else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="URL or file of /impact/ledger.json")
    parser.add_argument("--head", help="a fingerprint that must be in the chain")
    args = parser.parse_args(argv)
    prev, seq, seen, head = GENESIS, 0, set(), None
    for page in pages(args.source):
        head = page.get("head", head)
        for entry in page["entries"]:
            seq += 1
            payload = entry["payload"]
            data = json.loads(payload)
            canonical = json.dumps(data, sort_keys=True, separators=(",", ":"),
                                   ensure_ascii=False)
            digest = hashlib.sha256(f"{prev}\n{payload}".encode()).hexdigest()
            problems = [msg for bad, msg in (
                (entry["seq"] != seq or data.get("seq") != seq, "out of sequence"),
                (entry["prev_hash"] != prev, "does not follow the entry before"),
                (canonical != payload, "payload not canonical"),
                (digest != entry["hash"], "hash does not match its contents")) if bad]
            if problems:
                print(f"entry {entry['seq']}: {', '.join(problems)}")
                return 1
            prev = digest
            seen.add(digest)
    if head and (head.get("seq") != seq or head.get("hash") != prev):
        print("the published head does not match the last entry")
        return 1
    if args.head and args.head not in seen:
        print(f"{args.head} is not in the chain: the history before it was changed")
        return 1
    print(f"chain intact: {seq} entries, head {prev}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
