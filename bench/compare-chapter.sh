#!/usr/bin/env bash
# The chapter's whole workload (load the MNIST_SAMPLE PNGs, then a 40-epoch plain-loop fit on pre-sliced batches)
# in jfastai (`bench` command) and in the PyTorch reference seed_loop_torch.py --fast, run alternately as whole
# processes, so JVM and interpreter start count and other jobs on the machine weigh on all alike. Each round runs
# jfastai as a library user starts it (only --add-modules jdk.incubator.vector, default GC and JIT) and with
# bin/env.sh's launcher options, and PyTorch at its best: OpenBLAS's AVX-512 kernels (OPENBLAS_CORETYPE and
# OPENBLAS_L2_SIZE unset) with 1 and with 2 threads. Prints the median of each figure and PyTorch's / jfastai's
# (above 1: jfastai is faster, or smaller), PyTorch taking its faster thread count by median train_s.
#
# Usage: bench/compare-chapter.sh MNIST_SAMPLE_DIR [ROUNDS (5)] [THREADS for jfastai (2)]
# Needs /usr/bin/python3 with torch and PIL, GNU time (`apt-get install time`), and the reference script
# ../shared/bench/seed_loop_torch.py beside the repository, or beside its parent for a worktree (or TORCH_REF=its
# path). Builds the runner jar if missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
script=compare-chapter
. "$root/bin/env.sh"
. "$root/bench/compare-lib.sh"
data="${1:?usage: bench/compare-chapter.sh MNIST_SAMPLE_DIR [ROUNDS] [THREADS]}"
rounds="${2:-5}"
threads="${3:-2}"
[ -d "$data/train" ] || { echo "$script: $data has no train/ folder; pass an extracted mnist_sample" >&2; exit 1; }
ref="$(reference seed_loop_torch.py TORCH_REF)"
prepare

for i in $(seq "$rounds"); do
  echo "round $i/$rounds (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  round -jar "$jar" bench --data "$data" --threads "$threads" --quiet \
    -- /usr/bin/python3 "$ref" "$data" --fast --quiet
done
summary "$rounds" "$threads" load_s first_epoch_ms median_epoch_ms train_s wall_s peak_rss_mb alloc_per_step_bytes
