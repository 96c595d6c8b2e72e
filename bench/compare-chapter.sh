#!/usr/bin/env bash
# The chapter's whole workload (load the MNIST_SAMPLE PNGs, then a 40-epoch plain-loop fit on pre-sliced batches)
# in jfastai (`bench` command) and in the PyTorch reference, run alternately (A B A B ...) as whole processes, so
# JVM and interpreter start count, and other jobs on the machine weigh on both alike. Prints the median of each
# figure over the runs and the PyTorch / jfastai ratio (above 1: jfastai is faster, or smaller).
#
# Usage: bench/compare-chapter.sh MNIST_SAMPLE_DIR [PAIRS (5)] [THREADS (2)]
# Needs /usr/bin/python3 with torch and PIL, GNU time (`apt-get install time`), and the reference script
# ../shared/bench/seed_loop_torch.py beside the repository, or beside its parent for a worktree (or TORCH_REF=its
# path). Builds the runner jar if missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/bin/env.sh"
data="${1:?usage: bench/compare-chapter.sh MNIST_SAMPLE_DIR [PAIRS] [THREADS]}"
pairs="${2:-5}"
threads="${3:-2}"
ref="${TORCH_REF:-$root/../shared/bench/seed_loop_torch.py}"
[ -f "$ref" ] || [ -n "${TORCH_REF:-}" ] || ref="$root/../../shared/bench/seed_loop_torch.py"
jar="$root/examples/target/jfastai-examples.jar"
[ -d "$data/train" ] || { echo "compare-chapter: $data has no train/ folder; pass an extracted mnist_sample" >&2; exit 1; }
[ -f "$ref" ] || { echo "compare-chapter: no PyTorch reference at $ref; set TORCH_REF" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "compare-chapter: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -ntp package -DskipTests -pl examples -am) >&2
fi

out="$(mktemp -d)"
script=compare-chapter
. "$root/bench/compare-lib.sh"

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$pairs"); do
  echo "pair $i/$pairs (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  run jfastai java "${JFASTAI_JAVA_OPTS[@]}" -jar "$jar" bench --data "$data" --threads "$threads" --quiet
  run pytorch /usr/bin/python3 "$ref" "$data" --threads "$threads" --fast --quiet
done

/usr/bin/python3 - "$out" "$pairs" "$threads" <<'EOF'
import json, statistics, sys
out, pairs, threads = sys.argv[1], sys.argv[2], sys.argv[3]
runs = {name: [json.loads(l) for l in open(f"{out}/{name}.jsonl")] for name in ("jfastai", "pytorch")}
print(f"{pairs} alternating pairs, {threads} threads; medians (first_acc / final_acc: last run)")
print(f"{'figure':<18}{'jfastai':>12}{'PyTorch':>12}{'PyTorch/jfastai':>18}")
for field in ("load_s", "median_epoch_ms", "train_s", "wall_s", "peak_rss_mb"):
    j = statistics.median(r[field] for r in runs["jfastai"])
    t = statistics.median(r[field] for r in runs["pytorch"])
    print(f"{field:<18}{j:>12.3f}{t:>12.3f}{t / j:>17.2f}x")
# The spread of the pairs says how far one run's ratio can be trusted on this machine.
ratios = sorted(t["median_epoch_ms"] / j["median_epoch_ms"] for j, t in zip(runs["jfastai"], runs["pytorch"]))
print(f"{'  each pair':<18}" + " ".join(f"{r:.2f}x" for r in ratios) + "  (median_epoch_ms, PyTorch/jfastai)")
for field in ("first_acc", "final_acc"):
    print(f"{field:<18}{runs['jfastai'][-1][field]:>12}{runs['pytorch'][-1][field]:>12}")
print("impl: " + runs["jfastai"][-1]["impl"] + " vs " + runs["pytorch"][-1]["impl"])
EOF
echo "(machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(java -version 2>&1 | head -n 1);" \
  "load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg); raw runs in $out)"
