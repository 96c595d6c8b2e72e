#!/usr/bin/env bash
# The chapter's whole workload (load the MNIST_SAMPLE PNGs, then a 40-epoch plain-loop fit on pre-sliced batches)
# in jfastai (`bench` command) and in the PyTorch reference, run alternately as whole processes, so JVM and
# interpreter start count, and other jobs on the machine weigh on all alike. Each pair runs jfastai twice, as a
# library user starts it (only --add-modules jdk.incubator.vector, default GC and JIT) and with bin/env.sh's
# launcher options, and PyTorch at its best: OpenBLAS's AVX-512 kernels (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
# unset) with 1 and with 2 threads. Prints the median of each figure and PyTorch's / jfastai's (above 1: jfastai
# is faster, or smaller), PyTorch taking its faster thread count by median train_s.
#
# Usage: bench/compare-chapter.sh MNIST_SAMPLE_DIR [PAIRS (5)] [THREADS for jfastai (2)]
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
torch=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 "$ref" "$data" --fast --quiet)
bench=(-jar "$jar" bench --data "$data" --threads "$threads" --quiet)

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$pairs"); do
  echo "pair $i/$pairs (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  run jfastai-default java --add-modules jdk.incubator.vector "${bench[@]}"
  run pytorch-1 "${torch[@]}" --threads 1
  run jfastai-launcher java "${JFASTAI_JAVA_OPTS[@]}" "${bench[@]}"
  run pytorch-2 "${torch[@]}" --threads 2
done

/usr/bin/python3 - "$out" "$pairs" "$threads" <<'PY'
import json, statistics, sys
out, pairs, threads = sys.argv[1], sys.argv[2], sys.argv[3]
names = ("jfastai-default", "jfastai-launcher", "pytorch-1", "pytorch-2")
runs = {n: [json.loads(l) for l in open(f"{out}/{n}.jsonl")] for n in names}
med = {n: {f: statistics.median(r[f] for r in runs[n]) for f in runs[n][0] if isinstance(runs[n][0][f], (int, float))}
       for n in names}
best = min(("pytorch-1", "pytorch-2"), key=lambda n: med[n]["train_s"])
print(f"{pairs} alternating rounds; jfastai {threads} threads; PyTorch's best: {best}; medians")
print(f"{'figure':<22}{'default JVM':>12}{'launcher':>12}{'PyTorch':>12}{'ratio dflt':>12}{'ratio lnch':>12}")
for f in ("load_s", "first_epoch_ms", "median_epoch_ms", "train_s", "wall_s", "peak_rss_mb", "alloc_per_step_bytes"):
    d, l = med["jfastai-default"].get(f), med["jfastai-launcher"].get(f)
    t = med[best].get(f)
    cells = [f"{v:12.3f}" if v is not None else f"{'-':>12}" for v in (d, l, t)]
    ratios = [f"{t / v:11.2f}x" if (t is not None and v) else f"{'-':>12}" for v in (d, l)]
    print(f"{f:<22}" + "".join(cells) + "".join(ratios))
for f in ("first_acc", "final_acc"):
    print(f"{f:<22}" + "".join(f"{runs[n][-1][f]:>12}" for n in ("jfastai-default", "jfastai-launcher", best)))
print("impl: " + runs["jfastai-default"][-1]["impl"] + " vs " + runs[best][-1]["impl"])
PY
echo "(machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(java -version 2>&1 | head -n 1);" \
  "load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg); raw runs in $out)"
