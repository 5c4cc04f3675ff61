#!/usr/bin/env python3
"""Write the articles that ../shared/bench/static/hugo_site.py gives Hugo in RehabFAQs' content
format, so both engines build the same content: N articles of 10 questions and answers each, the
same titles, date, topic and intro, and one author (the editorial team).

usage: corpus_content.py CORPUS.jsonl OUTDIR [N_ARTICLES]"""
import json
import os
import sys

corpus, out = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
rows = [json.loads(line) for _, line in zip(range(n * 10), open(corpus))]
os.makedirs(f"{out}/articles", exist_ok=True)
os.makedirs(f"{out}/authors", exist_ok=True)
with open(f"{out}/authors/editorial-team.md", "w") as f:
    f.write("---\nname: RehabFAQs Editorial Team\nkind: organization\n---\nWe write plain answers.\n")


def quoted(text):
    return json.dumps(text)  # a JSON string is a valid YAML double-quoted scalar


for a in range(n):
    chunk = rows[a * 10:(a + 1) * 10]
    first_sentence = chunk[0]["answer"].split(". ")[0].rstrip(".") + "."
    lines = ["---", f"title: {quoted(chunk[0]['question'])}", "author: editorial-team", "published: 2025-01-01",
             f"topics: [{quoted(chunk[0]['topic'])}]", f"summary: {quoted(first_sentence)}", "---", "",
             "A short introduction to the questions below.", ""]
    for row in chunk:
        question = row["question"] if row["question"].endswith("?") else row["question"] + "?"
        lines += ["## " + question, "", row["answer"], ""]
    with open(f"{out}/articles/a{a}.md", "w") as f:
        f.write("\n".join(lines))
