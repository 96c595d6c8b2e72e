#!/usr/bin/env bash
# Chapter 13's last model (BatchNorm CNN, batch 512, fit_one_cycle(EPOCHS, 0.1) on full MNIST) in jfastai
# (`bench cnn`) and in the PyTorch reference cnn_torch.py, run alternately as whole processes, so JVM and
# interpreter start count and other jobs on the machine weigh on all alike. Each round runs jfastai as a library
# user starts it (only --add-modules jdk.incubator.vector) and with bin/env.sh's options, and PyTorch at its best
# (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset) with 1 and 2 threads. Prints the median of each figure and the
# PyTorch / jfastai ratio (above 1: jfastai is faster, or smaller), PyTorch taking its faster thread count.
#
# Usage: bench/compare-cnn.sh MNIST_PNG_DIR [ROUNDS (3)] [EPOCHS (5)] [THREADS (2)]
# Needs /usr/bin/python3 with torch and PIL, GNU time (`apt-get install time`), and ../shared/bench/cnn_torch.py
# beside the repository, or beside its parent for a worktree (or TORCH_CNN_REF=its path).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
script=compare-cnn
. "$root/bin/env.sh"
. "$root/bench/compare-lib.sh"
data="${1:?usage: bench/compare-cnn.sh MNIST_PNG_DIR [ROUNDS] [EPOCHS] [THREADS]}"
rounds="${2:-3}"
epochs="${3:-5}"
threads="${4:-2}"
[ -d "$data/training" ] || { echo "$script: $data has no training/ folder; pass an extracted mnist_png" >&2; exit 1; }
ref="$(reference cnn_torch.py TORCH_CNN_REF)"
prepare

for i in $(seq "$rounds"); do
  echo "round $i/$rounds (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  round -jar "$jar" bench cnn --data "$data" --epochs "$epochs" --threads "$threads" --quiet \
    -- /usr/bin/python3 "$ref" "$data" --epochs "$epochs" --quiet
done
summary "$rounds" "$threads" load_s median_epoch_s train_s wall_s peak_rss_mb
