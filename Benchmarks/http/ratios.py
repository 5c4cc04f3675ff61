#!/usr/bin/env python3
"""The issue's ratios from run.sh's wrk files, per round and concurrency, then their medians:
rehabfaqs ÷ the faster nginx (gzip off), rehabfaqs-gzip ÷ the faster nginx with gzip on, and what
metrics cost (rehabfaqs ÷ rehabfaqs-nometrics)."""
import os, re, statistics, sys
from collections import defaultdict

outdir = sys.argv[1]
rps = {}
for name in os.listdir(outdir):
    m = re.match(r"r(\d+)-c(\d+)-(.+)\.txt$", name)
    if m:
        text = open(os.path.join(outdir, name)).read()
        rps[(int(m.group(1)), int(m.group(2)), m.group(3))] = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))

ratios = defaultdict(list)
for (r, c, s) in rps:
    if s != "rehabfaqs":
        continue
    get = lambda name: rps.get((r, c, name))
    plain = max(filter(None, [get("nginx-w1"), get("nginx-auto")]), default=None)
    gzip = max(filter(None, [get("nginx-w1-gzip"), get("nginx-auto-gzip")]), default=None)
    if plain: ratios[(c, "article ÷ best nginx (gzip off), goal ≥ 0.6")].append(get("rehabfaqs") / plain)
    if gzip and get("rehabfaqs-gzip"): ratios[(c, "article gzip ÷ best nginx gzip on, goal ≥ 2")].append(get("rehabfaqs-gzip") / gzip)
    if get("rehabfaqs-nometrics"): ratios[(c, "with metrics ÷ without metrics")].append(get("rehabfaqs") / get("rehabfaqs-nometrics"))

print("\n### Ratios (median over rounds; per-round values in brackets)\n")
print("| conns | ratio | median | rounds |")
print("|---:|---|---:|---|")
for (c, label), values in sorted(ratios.items(), key=lambda item: (-item[0][0], item[0][1])):
    print(f"| {c} | {label} | {statistics.median(values):.2f} | {', '.join(f'{v:.2f}' for v in values)} |")
