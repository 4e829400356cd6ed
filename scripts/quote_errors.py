"""Quote errors per article: each gold quote with gold vs predicted speaker and the rule (method) that chose it,
missed quotes (MISSQ), spurious ones (FP), and per-rule accuracy. Dev split only.
Usage: python3 scripts/quote_errors.py GOLD_DIR PRED.jsonl [miss|all]  (PRED from `annotate --explain`)."""
import sys, json, importlib.util
from pathlib import Path
spec = importlib.util.spec_from_file_location("score", "/work/shared/eval/score.py")
sc = importlib.util.module_from_spec(spec); spec.loader.exec_module(sc)
gold_dir, pred_path = sys.argv[1], sys.argv[2]
only = sys.argv[3] if len(sys.argv) > 3 else "miss"   # miss | all | fp
preds = {str(json.loads(l)["id"]): json.loads(l) for l in open(pred_path) if l.strip()}
from collections import Counter
meth = Counter(); methok = Counter()
for f in sorted(Path(gold_dir).glob("*.json")):
    g = json.loads(f.read_text()); p = preds.get(g["id"], {})
    pq = p.get("quotes", []) or []; used = set(); lines = []
    for q in g.get("quotes", []):
        hit = None
        for i, r in enumerate(pq):
            if i not in used and sc.quote_match(q, r):
                used.add(i); hit = r; break
        if hit is None:
            lines.append(f"  MISSQ  gold={q.get('speaker')!r:28} | {q['start'][:50]}")
            continue
        if not q.get("speaker"):
            lines.append(f"  nogold pred={hit.get('speaker')!r} {hit.get('method')} | {q['start'][:50]}") if only=="all" else None
            continue
        ok = sc.same_ref(sc.entity_ref(q["speaker"], g), sc.entity_ref(hit.get("speaker"), p))
        meth[hit.get("method")] += 1; methok[hit.get("method")] += ok
        if not ok or only == "all":
            lines.append(f"  {'ok  ' if ok else 'BAD '}  gold={q['speaker']!r:28} pred={hit.get('speaker')!r:28} {hit.get('method')} cue={hit.get('cue')!r} | {q['start'][:45]}")
    for i, r in enumerate(pq):
        if i not in used:
            lines.append(f"  FP     pred={r.get('speaker')!r:28} {r.get('method')} | {(r.get('start') or r.get('text'))[:60]}")
    if lines:
        print(g["id"]); print("\n".join(lines))
print("\nper method (correct/total among found quotes with named gold speaker):")
for m, n in meth.most_common():
    print(f"  {str(m):40} {methok[m]}/{n}")
