#!/usr/bin/env bash
# MlpStepBenchmark and its PyTorch twin (bench/torch_mlp_step.py at 1 and 2 threads, OpenBLAS's AVX-512 kernels) one
# size at a time, alternating, each run bracketed by the core-to-core probe (bench/CoreToCore.java), so that every
# figure is labelled with the host mode it ran in (bench/README.md, "Two host modes"); then one table per mode.
# Needs bench/target/benchmarks.jar:  . bin/env.sh && mvn -B -q -pl bench -am package -DskipTests
# Usage: bench/compare-mlp-modes.sh [ROUNDS (3)] [SIZES (all six, e.g. 64x30 256x256)]
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
script=compare-mlp-modes
. bin/env.sh
. bench/compare-lib.sh
rounds="${1:-3}"
sizes=("${@:2}")
[ ${#sizes[@]} -gt 0 ] || sizes=(64x30 256x30 256x256 1024x1024 4096x1024 256x4096)
out="$(mktemp -d)"
probe_setup
for r in $(seq "$rounds"); do
  for size in "${sizes[@]}"; do
    echo "round $r/$rounds, $size" >&2
    before="$(probe)"
    java -jar bench/target/benchmarks.jar MlpStepBenchmark -p "size=$size" -f 1 -wi 3 -i 4 -rf json \
      -rff "$out/jmh.json" >"$out/jmh.log" 2>&1
    after="$(probe)"
    /usr/bin/python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))[0]
print(json.dumps({"impl": "jfastai", "size": sys.argv[2], "ms": r["primaryMetric"]["score"],
                  "c2c_ns": [int(sys.argv[3]), int(sys.argv[4])]}))' "$out/jmh.json" "$size" "$before" "$after" \
      >>"$out/runs.jsonl"
    for threads in 1 2; do
      before="$(probe)"
      ms="$(cd bench && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 torch_mlp_step.py --json \
        --threads "$threads" --sizes "$size" | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["ms"])')"
      after="$(probe)"
      echo "{\"impl\": \"pytorch-$threads\", \"size\": \"$size\", \"ms\": $ms, \"c2c_ns\": [$before, $after]}" \
        >>"$out/runs.jsonl"
    done
  done
done
/usr/bin/python3 bench/mlp_modes_table.py "$out/runs.jsonl"
echo "(raw runs in $out; load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
