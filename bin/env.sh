# Sourced by the bin/ scripts and .ci/run: picks the JDK and quiets Maven on new JDKs.
# JDK 25 runs the Vector API kernels several times faster than 17; fall back to the default JDK.
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
if [ -n "${JAVA_HOME:-}" ]; then export PATH="$JAVA_HOME/bin:$PATH"; fi
# Maven 3.8 itself calls sun.misc.Unsafe; JDK 24+ warns about it on every run unless allowed.
if java -version 2>&1 | grep -qE 'version "(2[4-9]|[3-9][0-9])'; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
