# Sourced by the bin/ scripts and .ci/run: picks the JDK, quiets Maven on new JDKs, and sets the JVM options for
# running jfastai.
# Prefer JDK 25 where it is installed (see README "Using jfastai in your own program" for 17 vs 25).
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
if [ -n "${JAVA_HOME:-}" ]; then export PATH="$JAVA_HOME/bin:$PATH"; fi
# How bin/chapter4 and bench/compare-chapter.sh start the runner jar; bench/README.md has each option's measurements.
# - the Vector API module: without it the kernels fall back to plain loops, ~9x slower;
# - the serial collector with a 16 MB young generation: a smaller process (peak RSS ~140 MB instead of 240-780 MB);
# - C2 thresholds that compile the GEMM kernels before their loop-entry (OSR) variants and keep rarely hot framework
#   code in C1: a faster 40-epoch run; for long trainings drop the four -XX:Tier4 options.
JFASTAI_JAVA_OPTS=(--add-modules jdk.incubator.vector -XX:+UseSerialGC -Xmn16m
  -XX:Tier4MinInvocationThreshold=30 -XX:Tier4CompileThreshold=30000 -XX:Tier4BackEdgeThreshold=80000
  -XX:Tier4InvocationThreshold=30000)
# Transparent huge pages for the heap where the kernel offers them: fewer TLB misses as an epoch streams 39 MB.
if [ -r /sys/kernel/mm/transparent_hugepage/enabled ] \
    && ! grep -q '\[never\]' /sys/kernel/mm/transparent_hugepage/enabled; then
  JFASTAI_JAVA_OPTS+=(-XX:+UseTransparentHugePages)
fi
# Maven 3.8, Guice 7 and its Guava call sun.misc.Unsafe; JDK 24+ warns about it on every run unless allowed.
if java -version 2>&1 | grep -qE 'version "(2[4-9]|[3-9][0-9])'; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  JFASTAI_JAVA_OPTS+=(--sun-misc-unsafe-memory-access=allow)
fi
