#!/usr/bin/env bash
# Starts a Spark standalone cluster from the Maven jars (a master and two workers, each its own JVM on 127.0.0.1),
# trains spark-chapter4 on it with the executors in their own JVMs, prints the executors' process ids, and stops
# everything it started. Needs `mvn package` of the spark module first. Arguments go to the runner, e.g.
#   spark/cluster/run-standalone.sh --epochs 5 --sync-every 8
set -euo pipefail
module="$(cd "$(dirname "$0")/.." && pwd)"
. "$module/../bin/env.sh"
lib="$module/target/lib"
if [ ! -f "$module/target/jfastai-spark.jar" ] || [ ! -d "$lib" ]; then
  echo "run 'mvn package -pl spark -am' first" >&2
  exit 1
fi
opens="$(tr '\n' ' ' < "$module/bin/spark-jvm-options")"

# SPARK_HOME/jars: Spark and the libraries; the application's own jars travel with the job (spark.jars).
export SPARK_HOME="$(mktemp -d)"
mkdir "$SPARK_HOME/jars"
for jar in "$lib"/*.jar; do
  case "$(basename "$jar")" in jfastai-*) ;; *) ln -s "$jar" "$SPARK_HOME/jars/" ;; esac
done
app_jars="$module/target/jfastai-spark.jar$(printf ',%s' "$lib"/jfastai-*.jar)"
export SPARK_SCALA_VERSION=2.13 # without it a worker fails with "Cannot find any build directories"
export JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
export SPARK_LOCAL_IP=127.0.0.1
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port="$(free_port)"
logs="$SPARK_HOME/logs"
mkdir "$logs"
pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$SPARK_HOME"
}
trap stop EXIT
daemon_opts=($opens -Xmx256m -Dlog4j2.configurationFile=classpath:org/apache/spark/log4j2-defaults.properties)
java "${daemon_opts[@]}" -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$port" --webui-port "$(free_port)" > "$logs/master.log" 2>&1 &
pids+=($!)
for i in 1 2; do
  java "${daemon_opts[@]}" -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker "spark://127.0.0.1:$port" \
    --host 127.0.0.1 --cores 1 --memory 1g --webui-port "$(free_port)" --work-dir "$SPARK_HOME/work$i" \
    > "$logs/worker$i.log" 2>&1 &
  pids+=($!)
done
for _ in $(seq 60); do
  [ "$(grep -l 'Successfully registered with master' "$logs"/worker*.log 2>/dev/null | wc -l)" = 2 ] && break
  sleep 1
done
[ "$(grep -l 'Successfully registered with master' "$logs"/worker*.log 2>/dev/null | wc -l)" = 2 ] \
  || { echo "the workers did not register; logs:" >&2; tail -n 20 "$logs"/*.log >&2; exit 1; }
echo "master spark://127.0.0.1:$port (pid ${pids[0]}), workers pids ${pids[1]} ${pids[2]}"

# Report the executors' JVMs once the workers have launched them.
(for _ in $(seq 120); do
   execs="$(pgrep -f 'CoarseGrainedExecutorBackend' -P "${pids[1]},${pids[2]}" | tr '\n' ' ' || true)"
   if [ "$(echo $execs | wc -w)" -ge 2 ]; then echo "executor JVMs (children of the workers): $execs"; break; fi
   sleep 1
 done) &

java "${JFASTAI_JAVA_OPTS[@]}" $opens --enable-native-access=ALL-UNNAMED \
  -Dspark.driver.host=127.0.0.1 -Dspark.jars="$app_jars" -Dspark.cores.max=2 -Dspark.executor.cores=1 \
  -Dspark.executor.memory=768m \
  "-Dspark.executor.extraJavaOptions=$opens --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED" \
  -jar "$module/target/jfastai-spark.jar" spark-chapter4 --master "spark://127.0.0.1:$port" "$@"
