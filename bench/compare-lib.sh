# Shared by the compare-*.sh scripts (sourced after they set $root and $script): finding the PyTorch reference, the
# checks and the runner jar, one timed run (with the host mode around it), and the summary table.

# reference FILE VAR: the path of ../shared/bench/FILE beside the repository (or beside its parent, for a worktree),
# or $VAR when set; exits when there is none.
reference() {
  local file="$1" var="$2" ref
  ref="${!var:-$root/../shared/bench/$file}"
  [ -f "$ref" ] || [ -n "${!var:-}" ] || ref="$root/../../shared/bench/$file"
  [ -f "$ref" ] || { echo "$script: no PyTorch reference at $ref; set $var" >&2; exit 1; }
  echo "$ref"
}

# prepare: checks for GNU time, builds the runner jar if missing, makes $out, the folder of the raw runs, and compiles
# the core-to-core probe (bench/CoreToCore.java) into it.
prepare() {
  [ -x /usr/bin/time ] || { echo "$script: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }
  jar="$root/examples/target/jfastai-examples.jar"
  if [ ! -f "$jar" ]; then
    (cd "$root" && mvn -B -q -ntp package -DskipTests -pl examples -am) >&2
  fi
  out="$(mktemp -d)"
  probe_setup
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
}

# probe_setup: compiles the core-to-core probe (bench/CoreToCore.java) into $out/probe.
probe_setup() {
  javac --release 17 -d "$out/probe" "$root/bench/CoreToCore.java"
}

# probe: prints the core-to-core round trip now, in ns: ~70 near, ~330 far (bench/README.md, "Two host modes").
probe() {
  java -cp "$out/probe" CoreToCore
}

# run NAME CMD...: runs CMD, keeps its last stdout line (its JSON) and adds GNU time's wall seconds and peak RSS,
# and the core-to-core round trip measured just before and just after it (c2c_ns: which host mode it ran in),
# appending the result to $out/NAME.jsonl.
run() {
  local name="$1" before after
  shift
  before="$(probe)"
  /usr/bin/time -f '%e %M' -o "$out/time" "$@" 2>"$out/stderr" | tail -n 1 >"$out/json" \
    || { echo "$script: $name failed, see $out/stderr" >&2; exit 1; }
  after="$(probe)"
  read -r wall rss <"$out/time"
  /usr/bin/python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); d.update(wall_s=float(sys.argv[2]),
    peak_rss_mb=int(sys.argv[3]) / 1024, c2c_ns=[int(sys.argv[4]), int(sys.argv[5])]); print(json.dumps(d))' \
    "$out/json" "$wall" "$rss" "$before" "$after" >>"$out/$name.jsonl"
}

# round JFASTAI_ARGS... -- TORCH_CMD...: one round, alternating: jfastai as a library user starts it (only the
# Vector API module), PyTorch with 1 thread, jfastai with bin/env.sh's options, PyTorch with 2 threads. PyTorch runs
# with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset, so that OpenBLAS picks its AVX-512 kernels.
round() {
  local j=() t=()
  while [ "$1" != "--" ]; do j+=("$1"); shift; done
  shift
  t=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$@")
  run jfastai-default java --add-modules jdk.incubator.vector "${j[@]}"
  run pytorch-1 "${t[@]}" --threads 1
  run jfastai-launcher java "${JFASTAI_JAVA_OPTS[@]}" "${j[@]}"
  run pytorch-2 "${t[@]}" --threads 2
}

# summary ROUNDS THREADS FIELD...: the medians table of the rounds (bench/compare_table.py) and the machine.
summary() {
  local rounds="$1" threads="$2"
  shift 2
  /usr/bin/python3 "$root/bench/compare_table.py" "$out" "$rounds" "$threads" "$@"
  echo "(machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(java -version 2>&1 | head -n 1);" \
    "load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg); raw runs in $out)"
}
