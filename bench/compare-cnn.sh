#!/usr/bin/env bash
# Chapter 13's last model (BatchNorm CNN, batch 512, fit_one_cycle(EPOCHS, 0.1) on full MNIST) in jfastai
# (`bench cnn`) and in the PyTorch reference cnn_torch.py, run alternately (A B A B ...) as whole processes, so JVM
# and interpreter start count and other jobs on the machine weigh on both alike. PyTorch runs at its best here:
# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset, and the faster of --threads 1 and 2 (both are run each pair).
# Prints the median of each figure and the PyTorch / jfastai ratio (above 1: jfastai is faster, or smaller).
#
# Usage: bench/compare-cnn.sh MNIST_PNG_DIR [PAIRS (3)] [EPOCHS (5)] [THREADS (2)]
# Needs /usr/bin/python3 with torch and PIL, GNU time (`apt-get install time`), and ../shared/bench/cnn_torch.py
# beside the repository, or beside its parent for a worktree (or TORCH_CNN_REF=its path).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/bin/env.sh"
data="${1:?usage: bench/compare-cnn.sh MNIST_PNG_DIR [PAIRS] [EPOCHS] [THREADS]}"
pairs="${2:-3}"
epochs="${3:-5}"
threads="${4:-2}"
ref="${TORCH_CNN_REF:-$root/../shared/bench/cnn_torch.py}"
[ -f "$ref" ] || [ -n "${TORCH_CNN_REF:-}" ] || ref="$root/../../shared/bench/cnn_torch.py"
jar="$root/examples/target/jfastai-examples.jar"
[ -d "$data/training" ] || { echo "compare-cnn: $data has no training/ folder; pass an extracted mnist_png" >&2; exit 1; }
[ -f "$ref" ] || { echo "compare-cnn: no PyTorch reference at $ref; set TORCH_CNN_REF" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "compare-cnn: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -ntp package -DskipTests -pl examples -am) >&2
fi

out="$(mktemp -d)"
script=compare-cnn
. "$root/bench/compare-lib.sh"

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$pairs"); do
  echo "pair $i/$pairs (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  run jfastai java "${JFASTAI_JAVA_OPTS[@]}" -jar "$jar" bench cnn --data "$data" --epochs "$epochs" \
    --threads "$threads" --quiet
  for t in 1 2; do
    run "pytorch$t" env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 "$ref" "$data" --threads "$t" \
      --epochs "$epochs" --quiet
  done
done

/usr/bin/python3 - "$out" "$pairs" "$threads" <<'PY'
import json, statistics, sys
out, pairs, threads = sys.argv[1], sys.argv[2], sys.argv[3]
runs = {n: [json.loads(l) for l in open(f"{out}/{n}.jsonl")] for n in ("jfastai", "pytorch1", "pytorch2")}
best = min(("pytorch1", "pytorch2"), key=lambda n: statistics.median(r["train_s"] for r in runs[n]))
print(f"{pairs} alternating rounds; jfastai on {threads} threads, PyTorch's faster setting: --threads {best[-1]}")
print(f"{'figure':<16}{'jfastai':>12}{'PyTorch':>12}{'PyTorch/jfastai':>18}")
for field in ("load_s", "median_epoch_s", "train_s", "wall_s", "peak_rss_mb"):
    j = statistics.median(r[field] for r in runs["jfastai"])
    t = statistics.median(r[field] for r in runs[best])
    print(f"{field:<16}{j:>12.3f}{t:>12.3f}{t / j:>17.2f}x")
ratios = sorted(t["train_s"] / j["train_s"] for j, t in zip(runs["jfastai"], runs[best]))
print(f"{'  each round':<16}" + " ".join(f"{r:.2f}x" for r in ratios) + "  (train_s, PyTorch/jfastai)")
print(f"{'final_acc':<16}{runs['jfastai'][-1]['final_acc']:>12}{runs[best][-1]['final_acc']:>12}")
PY
echo "(machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(java -version 2>&1 | head -n 1);" \
  "load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg); raw runs in $out)"
