# Shared by the compare-*.sh scripts (sourced): one timed run of a benchmark command.
# run NAME CMD...: runs CMD, keeps its last stdout line (its JSON) and adds GNU time's wall seconds and peak RSS,
# appending the result to $out/NAME.jsonl; $out and $script must be set by the caller.
run() {
  local name="$1"
  shift
  /usr/bin/time -f '%e %M' -o "$out/time" "$@" 2>"$out/stderr" | tail -n 1 >"$out/json" \
    || { echo "$script: $name failed, see $out/stderr" >&2; exit 1; }
  read -r wall rss <"$out/time"
  /usr/bin/python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); d.update(wall_s=float(sys.argv[2]),
    peak_rss_mb=int(sys.argv[3]) / 1024); print(json.dumps(d))' "$out/json" "$wall" "$rss" >>"$out/$name.jsonl"
}
