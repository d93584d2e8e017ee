#!/usr/bin/env python3
"""Scores a labelled question set through `ipwest ask --json`, the way an outside
evaluator asks: one process, one question per line on stdin.

Usage: scripts/eval-cli.py SET.jsonl [--bin target/release/ipwest] [--misses]
Each line of SET is {"kind", "question", "expect": fact id or null[, "verdict"]}.
Prints right/total per kind, answerable right and unanswerable abstained; with
--misses, each miss (never use it on the held-out test set: it is not for tuning).
"""
import argparse
import collections
import json
import subprocess
import sys

parser = argparse.ArgumentParser()
parser.add_argument("set")
parser.add_argument("--bin", default="target/release/ipwest")
parser.add_argument("--misses", action="store_true")
args = parser.parse_args()

cases = [json.loads(line) for line in open(args.set, encoding="utf-8") if line.strip()]
questions = "".join(c["question"].replace("\n", " ") + "\n" for c in cases)
run = subprocess.run([args.bin, "ask", "--json"], input=questions.encode(),
                     capture_output=True, check=True)
answers = [json.loads(line) for line in run.stdout.decode().splitlines()]
assert len(answers) == len(cases), (len(answers), len(cases))

by_kind = collections.defaultdict(lambda: [0, 0])
totals = {"answerable": [0, 0], "unanswerable": [0, 0]}
for case, answer in zip(cases, answers):
    got = answer["answer"]["id"] if answer["answered"] else None
    ok = got == case["expect"]
    by_kind[case["kind"]][0] += ok
    by_kind[case["kind"]][1] += 1
    side = "answerable" if case["expect"] else "unanswerable"
    totals[side][0] += ok
    totals[side][1] += 1
    if not ok and args.misses:
        verdict = answer.get("verdict", "")
        sugg = [s["id"] for s in answer["suggestions"]][:2]
        print(f"MISS [{case['kind']}] {case['question']!r}\n     expected {case['expect']}, "
              f"got {got} {verdict} ({answer['confidence']}) {sugg}")

print(f"{'kind':<12} {'right':>6} {'total':>6} {'share':>7}")
for kind, (ok, total) in sorted(by_kind.items()):
    print(f"{kind:<12} {ok:>6} {total:>6} {100 * ok / total:>6.1f}%")
for side, (ok, total) in totals.items():
    print(f"{side}: {ok}/{total} ({100 * ok / max(total, 1):.1f}%)")
