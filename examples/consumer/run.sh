#!/usr/bin/env bash
# Builds the consumer project against the jfastai artifacts installed in the local Maven repository (run
# `mvn install` first) and runs it on the module path; exits non-zero when the build, the module graph or its
# training check fails. Extra arguments go to Maven (e.g. -o).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$root/bin/env.sh"
version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$root/pom.xml" | head -1)"
mvn -B -q -ntp -f "$here/pom.xml" -Djfastai.version="$version" clean package "$@" >&2
exec java --add-modules jdk.incubator.vector -p "$here/target/lib:$here/target/jfastai-consumer.jar" \
  -m com.example.consumer/com.example.consumer.ConsumerMain
