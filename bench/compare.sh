#!/usr/bin/env bash
# Runs the JMH GEMM and training-step benchmarks and bench/torch_matmul.py back to back on this machine and
# prints one table (ms, GFLOP/s, PyTorch ratios). Needs bench/target/benchmarks.jar:
#   . bin/env.sh && mvn -B -q -pl bench -am package -DskipTests
# Usage: bench/compare.sh [JMH regexp, default 'GemmBenchmark|TrainingStep'] [extra JMH options]
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/env.sh
out="$(mktemp -d)"
pattern="${1:-GemmBenchmark|TrainingStep}"
shift || true
java -jar bench/target/benchmarks.jar "$pattern" -wi 3 -i 5 -w 1 -r 1 -rf json -rff "$out/jmh.json" "$@" >"$out/jmh.log" 2>&1
/usr/bin/python3 bench/torch_matmul.py --json >"$out/torch.jsonl"
/usr/bin/python3 bench/gemm_table.py "$out/jmh.json" "$out/torch.jsonl"
echo "(raw results in $out; load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
