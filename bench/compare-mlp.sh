#!/usr/bin/env bash
# Times one MLP training step (MlpStepBenchmark) with JMH and its PyTorch twin bench/torch_mlp_step.py (OpenBLAS's
# AVX-512 kernels, the faster of 1 and 2 threads) on this machine, and prints one table with the ratios.
# Needs bench/target/benchmarks.jar:  . bin/env.sh && mvn -B -q -pl bench -am package -DskipTests
# Usage: bench/compare-mlp.sh [extra JMH options, e.g. -wi 2 -i 3 for a shorter run]
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/env.sh
out="$(mktemp -d)"
java -jar bench/target/benchmarks.jar MlpStepBenchmark -w 1 -r 1 -rf json -rff "$out/jmh.json" "$@" >"$out/jmh.log" 2>&1
(cd bench && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 torch_mlp_step.py --json) >"$out/torch.jsonl"
/usr/bin/python3 bench/mlp_table.py "$out/jmh.json" "$out/torch.jsonl"
echo "(raw results in $out; load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
