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
# - C2 compiles a method with loops after 30 calls (default 600) once its calls plus loop iterations pass 30000,
#   and only then at a loop entry (OSR, after 80000 iterations): the GEMM micro-kernels, 256 iterations a call, get
#   their normal compile first, where the defaults queued an OSR one that cost C2 ~190 ms for code used only until
#   the normal one replaced it. A method without loops waits for 30000 calls (default 5000): the framework code a
#   step calls a few times (Gemm.gemm, the optimizer's update, the backward engine) then stays in C1 instead of
#   queueing C2 compiles that, on two cores, took the second kernel thread's core in epochs 20-35. Median epoch
#   of the 40-epoch bench (10 alternating runs each): 12.4 ms with both changes vs 14.3 ms with the first alone,
#   which had beaten the JVM defaults 12.9 to 14.2 ms. Tuned for runs of tens of epochs, as the chapter's: in a
#   150-epoch bench that code reaches C2 only after epoch ~100, so the median epoch is ~5% slower (12.4 vs 11.85 ms)
#   though the run is shorter (train_s 2.60 vs 2.72 s); for long trainings drop the last three options.
JFASTAI_JAVA_OPTS=(--add-modules jdk.incubator.vector -XX:+UseSerialGC -Xmn16m
  -XX:Tier4MinInvocationThreshold=30 -XX:Tier4CompileThreshold=30000 -XX:Tier4BackEdgeThreshold=80000
  -XX:Tier4InvocationThreshold=30000)
# Transparent huge pages for the heap where the kernel offers them: an epoch streams the 39 MB of training images,
# 10,000 4 KB pages, through the TLB. Median epoch of the 40-epoch bench 11.8 vs 12.1, 12.2 vs 13.1 and 12.6 vs
# 13.0 ms (16, 12 and 8 alternating runs), peak RSS +5-8 MB. The huge pages cost the start: right after another
# large process (PyTorch, alternating runs) load_s was 0.29 vs 0.20 s, the kernel compacting memory to fault them
# in, for a median epoch of 12.2 vs 12.6 ms; a 40-epoch run is then ~0.05 s longer, a longer one shorter.
if [ -r /sys/kernel/mm/transparent_hugepage/enabled ] \
    && ! grep -q '\[never\]' /sys/kernel/mm/transparent_hugepage/enabled; then
  JFASTAI_JAVA_OPTS+=(-XX:+UseTransparentHugePages)
fi
# Maven 3.8 and Guice's Guava call sun.misc.Unsafe; JDK 24+ warns about it on every run unless allowed.
if java -version 2>&1 | grep -qE 'version "(2[4-9]|[3-9][0-9])'; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  JFASTAI_JAVA_OPTS+=(--sun-misc-unsafe-memory-access=allow)
fi
