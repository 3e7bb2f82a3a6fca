#!/usr/bin/env bash
# Issue 18's load run (see benchmarks/README.md, "Streams without a thread each"). From the repository root, after
# benchmarks/load/run.sh build:
#   benchmarks/load/stream-threads.sh
#   JARS="blocking=/tmp/gateway-before.jar async=samples/gateway/target/gateway.jar" benchmarks/load/stream-threads.sh
# For each gateway jar in JARS (label=path): the slow upstream of StreamLoadRun (DELTAS deltas INTERVAL_MS apart)
# behind the gateway (answer checking as shipped, lexical tier, response cache off), STREAMS streams all open together,
# started evenly over RAMP_MS.
# The gateway's live threads and resident memory are read from /proc every second and its heap by jstat; the heap
# after a full GC is taken idle and GC_AT seconds into the run, with the streams open upstream and the Tomcat workers
# busy then. One CSV line per jar is added to
# $RESULTS/stream-threads.csv. JAVA picks the JDK that runs the gateways (its jcmd and jstat read them).
set -euo pipefail
cd "$(dirname "$0")/../.."

RESULTS=${RESULTS:-benchmarks/load/results}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g}
JAVA=${JAVA:-java}
JDK_BIN=$(dirname "$(readlink -f "$(command -v "$JAVA")")")
JARS=${JARS:-async=samples/gateway/target/gateway.jar}
BENCH_JAR=benchmarks/target/benchmarks.jar
UPSTREAM_PORT=${UPSTREAM_PORT:-18093}
GATEWAY_PORT=${GATEWAY_PORT:-18092}
DELTAS=${DELTAS:-15}
INTERVAL_MS=${INTERVAL_MS:-1000}
STREAMS=${STREAMS:-2000}
RAMP_MS=${RAMP_MS:-10000}
GC_AT=${GC_AT:-14}
GATEWAY_ARGS=${GATEWAY_ARGS:-}

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
mkdir -p "$RESULTS/logs"

wait_for() {
  for _ in $(seq 1 180); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.5
  done
  echo "no answer from $1" >&2
  return 1
}

# The live heap (a class histogram, taken after a full GC), in MiB.
heap_after_gc() {
  "$JDK_BIN/jcmd" "$1" GC.class_histogram | awk '/^Total/ {print int($3 / 1048576)}'
}

java -cp "$BENCH_JAR" com.lockllm.benchmarks.StreamLoadRun upstream --port "$UPSTREAM_PORT" --deltas "$DELTAS" \
  --interval-ms "$INTERVAL_MS" &
PIDS+=($!)
sleep 1

csv="$RESULTS/stream-threads.csv"
[ -s "$csv" ] || echo "label,java,streams,seconds_per_stream,client,threads_idle,threads_peak,rss_idle_mib,rss_peak_mib,heap_peak_mib,live_heap_idle_mib,live_heap_open_mib,upstream_open,workers_busy" \
  > "$csv"
for entry in $JARS; do
  label=${entry%%=*}
  jar=${entry#*=}
  # shellcheck disable=SC2086 # JAVA_OPTS and GATEWAY_ARGS are lists
  "$JAVA" $JAVA_OPTS -jar "$jar" --server.port="$GATEWAY_PORT" --server.address=127.0.0.1 \
    --lockllm.gateway.upstream.base-url="http://127.0.0.1:$UPSTREAM_PORT" --lockllm.gateway.cache.enabled=false \
    --lockllm.engine-tier=lexical --logging.level.root=WARN $GATEWAY_ARGS > "$RESULTS/logs/stream-threads-$label.log" 2>&1 &
  gateway=$!
  PIDS+=("$gateway")
  wait_for "http://127.0.0.1:$GATEWAY_PORT/health"
  url="http://127.0.0.1:$GATEWAY_PORT/v1/chat/completions"
  # One stream first, so the routes have run once.
  java -cp "$BENCH_JAR" com.lockllm.benchmarks.StreamLoadRun run --url "$url" --concurrency 1 --streams 1 > /dev/null
  threads_idle=$(awk '/^Threads/{print $2}' "/proc/$gateway/status")
  rss_idle=$(awk '/^VmRSS/{print int($2 / 1024)}' "/proc/$gateway/status")
  heap_idle=$(heap_after_gc "$gateway")

  samples="$RESULTS/logs/stream-threads-$label.samples"
  : > "$samples"
  (while kill -0 "$gateway" 2>/dev/null; do
    echo "$(date +%s) $(awk '/^Threads/{t=$2} /^VmRSS/{r=int($2 / 1024)} END{print t, r}' "/proc/$gateway/status")" >> "$samples"
    sleep 1
  done) &
  sampler=$!
  "$JDK_BIN/jstat" -gc "$gateway" 1000 > "$RESULTS/logs/stream-threads-$label.jstat" &
  jstat=$!
  (sleep "$GC_AT"
    ss -Htn state established "( dport = :$UPSTREAM_PORT )" | wc -l > "$RESULTS/logs/stream-threads-$label.open"
    # Tomcat workers not parked in their pool's queue: busy, or held by a stream.
    "$JDK_BIN/jcmd" "$gateway" Thread.print | awk -v RS= '/"http-nio-[^"]*exec-/ && !/TaskQueue/ {n++} END {print n + 0}' \
      > "$RESULTS/logs/stream-threads-$label.busy"
    heap_after_gc "$gateway" > "$RESULTS/logs/stream-threads-$label.open-heap") &
  gc=$!
  started=$(date +%s)
  result=$(java -cp "$BENCH_JAR" com.lockllm.benchmarks.StreamLoadRun run --url "$url" --concurrency "$STREAMS" \
    --streams "$STREAMS" --ramp-ms "$RAMP_MS")
  echo "$label: $result ($(( $(date +%s) - started )) s)"
  wait "$gc"
  kill "$sampler" "$jstat" 2>/dev/null || true
  threads_peak=$(awk 'max < $2 {max = $2} END {print max}' "$samples")
  rss_peak=$(awk 'max < $3 {max = $3} END {print max}' "$samples")
  # S0U + S1U + EU + OU, KiB
  heap_peak=$(awk '$1 ~ /^[0-9.]+$/ {u = $3 + $4 + $6 + $8; if (u > max) max = u} END {print int(max / 1024)}' \
    "$RESULTS/logs/stream-threads-$label.jstat")
  heap_open=$(cat "$RESULTS/logs/stream-threads-$label.open-heap")
  open=$(cat "$RESULTS/logs/stream-threads-$label.open")
  busy=$(cat "$RESULTS/logs/stream-threads-$label.busy")
  echo "  threads idle $threads_idle, peak $threads_peak; RSS idle $rss_idle MiB, peak $rss_peak MiB;" \
    "heap peak $heap_peak MiB; live heap idle $heap_idle MiB, $GC_AT s into the run $heap_open MiB ($open upstream streams open, $busy Tomcat workers busy)"
  echo "$label,$("$JAVA" -version 2>&1 | head -1 | tr -d ',"' | awk '{print $1, $3}'),$STREAMS,$(( DELTAS * INTERVAL_MS / 1000 )),\"$result\",$threads_idle,$threads_peak,$rss_idle,$rss_peak,$heap_peak,$heap_idle,$heap_open,$open,$busy" \
    >> "$csv"
  kill "$gateway"
  wait "$gateway" 2>/dev/null || true
done
