# Sourced by the bin/ scripts and .ci/run: picks the JDK, quiets Maven on new JDKs, and sets the JVM options for
# running jfastai.
# JDK 25 runs the Vector API kernels several times faster than 17; fall back to the default JDK.
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
if [ -n "${JAVA_HOME:-}" ]; then export PATH="$JAVA_HOME/bin:$PATH"; fi
# How bin/chapter4 and bench/compare-chapter.sh start the runner jar (README "Speed" has the measurements):
# - the Vector API module, without which the kernels fall back to scalar loops several times slower;
# - the serial collector with a 16 MB young generation: peak RSS of the 40-epoch bench ~140 MB instead of
#   ~240 MB (serial, default young size) or ~550-780 MB (G1), and fitting the young generation in cache made
#   the epochs no slower but faster (train_s 1.45-1.64 s vs 1.68-1.83 s, 3 runs each).
# - C2 compiles a method with loops after 30 calls (default 600) once its calls plus loop iterations pass 15000:
#   the GEMM micro-kernels, 256 iterations per call, then get their normal compile before the loop-entry (OSR)
#   one, which the default thresholds queued first and which cost C2 ~190 ms for code used only until the normal
#   compile replaced it. On two cores C2's backlog is what slows the first epochs: median epoch 12.9 vs 14.2 ms,
#   train_s 1.10 vs 1.34 s (10 alternating runs each).
JFASTAI_JAVA_OPTS=(--add-modules jdk.incubator.vector -XX:+UseSerialGC -Xmn16m -XX:Tier4MinInvocationThreshold=30)
# Maven 3.8 and Guice's Guava call sun.misc.Unsafe; JDK 24+ warns about it on every run unless allowed.
if java -version 2>&1 | grep -qE 'version "(2[4-9]|[3-9][0-9])'; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  JFASTAI_JAVA_OPTS+=(--sun-misc-unsafe-memory-access=allow)
fi
