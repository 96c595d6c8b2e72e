#!/usr/bin/env bash
# Times one MLP training step (MlpStepBenchmark) with JMH and its PyTorch twin bench/torch_mlp_step.py (OpenBLAS's
# AVX-512 kernels, the faster of 1 and 2 threads) on this machine, and prints one table with the ratios and the host
# mode's probe (bench/CoreToCore.java) before, between and after.
# Needs bench/target/benchmarks.jar:  . bin/env.sh && mvn -B -q -pl bench -am package -DskipTests
# Usage: bench/compare-mlp.sh [JMH options; default the annotations: 3 warm-up and 5 measured 1 s iterations]
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
script=compare-mlp
. bin/env.sh
. bench/compare-lib.sh
out="$(mktemp -d)"
probe_setup
trips=("$(probe)")
java -jar bench/target/benchmarks.jar MlpStepBenchmark -rf json -rff "$out/jmh.json" "$@" >"$out/jmh.log" 2>&1
trips+=("$(probe)")
(cd bench && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 torch_mlp_step.py --json) >"$out/torch.jsonl"
trips+=("$(probe)")
/usr/bin/python3 bench/mlp_table.py "$out/jmh.json" "$out/torch.jsonl"
echo "(core-to-core round trip before JMH, between, after PyTorch: ${trips[*]} ns; a mode can switch in between,"
echo " see bench/compare-mlp-modes.sh; raw results in $out; load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
