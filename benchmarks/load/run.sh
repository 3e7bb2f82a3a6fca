#!/usr/bin/env bash
# Load and cost runs of issue 7 (see benchmarks/README.md, "Load runs with wrk"). From the repository root:
#   benchmarks/load/run.sh build            # package the gateway and the benchmarks jar (offline)
#   benchmarks/load/run.sh jmh              # InterceptorBenchmark and ExtractionBenchmark
#   benchmarks/load/run.sh ab               # the gateway with the filter off, on (3 ways), alternated under wrk
#   benchmarks/load/run.sh curves           # cost vs prompt size and vs connections, filter on and off
#   benchmarks/load/run.sh soak             # 10 minutes of wrk on the filtered gateway, live heap sampled
#   benchmarks/load/run.sh report           # markdown tables from the CSVs
#   benchmarks/load/run.sh plot             # benchmarks/load/cost.png from the curves' CSVs (gnuplot)
#   benchmarks/load/run.sh all              # everything above, in that order
# Needs wrk and gnuplot (Debian: apt-get install wrk gnuplot-nox), a JDK 17 with jcmd, curl.
# Results go to $RESULTS (default benchmarks/load/results); settings below can be overridden from the
# environment, e.g. AB_SECONDS=5 ROUNDS=1 benchmarks/load/run.sh ab for a quick try.
set -euo pipefail
cd "$(dirname "$0")/../.."

RESULTS=${RESULTS:-benchmarks/load/results}
JAVA_OPTS=${JAVA_OPTS:--Xms512m -Xmx512m}
GATEWAY_JAR=samples/gateway/target/gateway.jar
BENCH_JAR=benchmarks/target/benchmarks.jar
FULL_DIR=benchmarks/target/full-engine
LUA=benchmarks/load/chat.lua
ROUTE=/v1/chat/completions
# Configurations (see start): the A/B alternates AB_CONFIGS, ROUNDS x each x AB_SECONDS at AB_CONNS
# connections (saturating), then the same at one connection (latency without queueing), every
# gateway warmed up first; the curves run CURVE_CONFIGS, the soak SOAK_CONFIG.
AB_CONFIGS=${AB_CONFIGS:-rules off pii full}
CURVE_CONFIGS=${CURVE_CONFIGS:-rules off pii}
SOAK_CONFIG=${SOAK_CONFIG:-pii}
ROUNDS=${ROUNDS:-3}
AB_SECONDS=${AB_SECONDS:-30}
AB_CONNS=${AB_CONNS:-8}
AB_LATENCY_SECONDS=${AB_LATENCY_SECONDS:-15}
AB_BYTES=${AB_BYTES:-1024}
WARMUP_SECONDS=${WARMUP_SECONDS:-15}
# The curves: each point CURVE_WARMUP_SECONDS (not recorded), then CURVE_SECONDS.
SIZES=${SIZES:-1024 4096 16384 65536 262144 1048576}
SIZE_CONNS=${SIZE_CONNS:-1}
CONNS=${CONNS:-1 2 4 8 16 32 64}
CURVE_SECONDS=${CURVE_SECONDS:-10}
CURVE_WARMUP_SECONDS=${CURVE_WARMUP_SECONDS:-3}
# The soak.
SOAK_SECONDS=${SOAK_SECONDS:-600}
SOAK_INTERVAL=${SOAK_INTERVAL:-15}
SOAK_CONNS=${SOAK_CONNS:-8}
JMH_ARGS=${JMH_ARGS:-}

PIDS=()

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  PIDS=()
}
trap cleanup EXIT

build() {
  # Spring Boot does not repackage a jar it has repackaged before, so a gateway jar left from an
  # earlier build would keep the engine it was built with.
  rm -f "$GATEWAY_JAR" "$GATEWAY_JAR.original"
  mvn -B -ntp -q -o -DskipTests package -pl samples/gateway,benchmarks -am
  # The full engine's Scanner, alone in a jar, next to ONNX Runtime and the model (copied by the pom).
  jar cf "$FULL_DIR/full-engine-scanner.jar" -C benchmarks/target/classes \
    com/lockllm/benchmarks/load/FullEngineScanner.class
}

bodies() {
  java -cp "$BENCH_JAR" com.lockllm.benchmarks.load.LoadBodies "$RESULTS/bodies" "$AB_BYTES" $SIZES
}

# start CONFIG ARGS...: the gateway in one configuration, its response cache off (every request
# reaches the echo model). off: lockllm.enabled=false (no filter); rules: the filter with the
# engine's lexical tier (rules + lexical model), PII detection off; pii: the lexical tier with
# pii-action=strip; transformer: the gateway's default engine (rules + lexical + transformer), PII
# detection off; full: the lexical tier with the semantic model added (FullEngineScanner as the
# Scanner bean). Sets STARTED_PID.
start() {
  local config=$1 port
  shift
  port=$(port_of "$config")
  local launch=(-jar "$GATEWAY_JAR")
  case $config in
    off) set -- --lockllm.enabled=false "$@" ;;
    rules) set -- --lockllm.pii-action= --lockllm.engine-tier=lexical "$@" ;;
    pii) set -- --lockllm.engine-tier=lexical "$@" ;;
    transformer) set -- --lockllm.pii-action= "$@" ;;
    full)
      launch=(-Dloader.path="$FULL_DIR" -cp "$GATEWAY_JAR" org.springframework.boot.loader.launch.PropertiesLauncher)
      set -- --spring.main.sources=com.lockllm.benchmarks.load.FullEngineScanner --lockllm.pii-action= "$@" ;;
    *) log "unknown configuration $config"; exit 2 ;;
  esac
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  PORT=$port java $JAVA_OPTS ${JVM_EXTRA:-} "${launch[@]}" --lockllm.gateway.cache.enabled=false "$@" \
    >"$RESULTS/logs/gateway-$config.log" 2>&1 &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
  local i
  for i in $(seq 120); do
    if curl -fso /dev/null "http://127.0.0.1:$port/health"; then
      log "gateway $config up on $port (pid $STARTED_PID)"
      return
    fi
    sleep 1
  done
  log "gateway $config did not start; see $RESULTS/logs/gateway-$config.log"
  exit 1
}

# check CONFIG BODY: the body must be answered 200, scanned unless the filter is off.
check() {
  local config=$1 body=$2 headers
  headers=$(curl -s -o /dev/null -D - -H 'Content-Type: application/json' --data-binary "@$body" \
    "http://127.0.0.1:$(port_of "$config")$ROUTE" | tr -d '\r')
  if ! grep -q '^HTTP/1.1 200' <<<"$headers"; then
    log "$config: $body is not answered 200:"
    echo "$headers" >&2
    exit 1
  fi
  if [ "$config" != off ] && ! grep -qi '^X-LockLLM-Scanned: true' <<<"$headers"; then
    log "$config: $body was not scanned"
    exit 1
  fi
  if [ "$config" = off ] && grep -qi '^X-LockLLM-Scanned' <<<"$headers"; then
    log "off: $body was scanned although the filter is off"
    exit 1
  fi
}

CSV_HEADER=phase,config,round,conns,bytes,seconds,requests,rps,p50_ms,p90_ms,p99_ms,max_ms,mean_ms,non2xx,socket_errors

# load CSV PHASE CONFIG ROUND CONNS BYTES SECONDS: one wrk run, one CSV row (when CSV is not -).
load() {
  local csv=$1 phase=$2 config=$3 round=$4 conns=$5 bytes=$6 seconds=$7 out line
  out="$RESULTS/logs/wrk-$phase-$config-r$round-c$conns-b$bytes.txt"
  BODY="$RESULTS/bodies/chat-$bytes.json" wrk -t1 -c"$conns" -d"${seconds}s" --timeout 30s -s "$LUA" --latency \
    "http://127.0.0.1:$(port_of "$config")$ROUTE" >"$out" 2>&1
  line=$(grep '^RESULT,' "$out")
  # wrk stops with requests in flight; let the server finish them (the slowest request seen, plus
  # half a second, or 5 s if none finished) so they do not run into the next measurement.
  sleep "$(awk -F, '{ s = $2 > 0 ? $12 / 1e6 + 0.5 : 5; print (s > 30 ? 30 : s) }' <<<"$line")"
  if [ "$csv" != - ]; then
    # No request completed (a point slower than its duration): latencies left empty.
    awk -F, -v p="$phase" -v c="$config" -v r="$round" -v n="$conns" -v b="$bytes" '{
      s = $3 / 1e6
      if ($2 == 0) { printf "%s,%s,%s,%s,%s,%.1f,0,0,,,,,,%d,%d\n", p, c, r, n, b, s, $4, $5 + $6 + $7 + $8; next }
      printf "%s,%s,%s,%s,%s,%.1f,%d,%.1f,%.3f,%.3f,%.3f,%.3f,%.3f,%d,%d\n",
        p, c, r, n, b, s, $2, $2 / s, $9 / 1e3, $10 / 1e3, $11 / 1e3, $12 / 1e3, $13 / 1e3, $4, $5 + $6 + $7 + $8
    }' <<<"$line" | tee -a "$csv" >&2
  fi
}

ab() {
  local csv=$RESULTS/ab.csv body=$RESULTS/bodies/chat-$AB_BYTES.json round config
  echo "$CSV_HEADER" >"$csv"
  for config in $AB_CONFIGS; do
    start "$config"
    check "$config" "$body"
  done
  for config in $AB_CONFIGS; do
    log "warm-up $config"
    load - warmup "$config" 0 "$AB_CONNS" "$AB_BYTES" "$WARMUP_SECONDS"
  done
  for round in $(seq "$ROUNDS"); do
    for config in $AB_CONFIGS; do
      log "ab round $round: $config, $AB_CONNS connections"
      load "$csv" ab "$config" "$round" "$AB_CONNS" "$AB_BYTES" "$AB_SECONDS"
    done
  done
  for round in $(seq "$ROUNDS"); do
    for config in $AB_CONFIGS; do
      log "ab1 round $round: $config, 1 connection"
      load "$csv" ab1 "$config" "$round" 1 "$AB_BYTES" "$AB_LATENCY_SECONDS"
    done
  done
  cleanup
}

port_of() {
  case $1 in
    off) echo 18100 ;;
    rules) echo 18101 ;;
    pii) echo 18102 ;;
    full) echo 18103 ;;
    transformer) echo 18104 ;;
  esac
}

curves() {
  local csv=$RESULTS/curves.csv bytes conns config
  echo "$CSV_HEADER" >"$csv"
  # The 1 MB point's body is 1 MiB of prompt plus the JSON around it: over the default
  # lockllm.max-body-size (1MB = 1 MiB), so the gateways get 2MB for every point.
  for config in $CURVE_CONFIGS; do
    start "$config" --lockllm.max-body-size=2MB
    for bytes in $SIZES; do
      check "$config" "$RESULTS/bodies/chat-$bytes.json"
    done
    load - warmup "$config" 0 8 "$AB_BYTES" "$WARMUP_SECONDS"
  done
  for bytes in $SIZES; do
    for config in $CURVE_CONFIGS; do
      log "size $bytes: $config, $SIZE_CONNS connection(s)"
      load - warmup "$config" 0 "$SIZE_CONNS" "$bytes" "$CURVE_WARMUP_SECONDS"
      # The slow points (256 KiB and up) run twice as long, for more than a handful of requests.
      load "$csv" size "$config" 1 "$SIZE_CONNS" "$bytes" $((bytes >= 262144 ? 2 * CURVE_SECONDS : CURVE_SECONDS))
    done
  done
  for conns in $CONNS; do
    for config in $CURVE_CONFIGS; do
      log "connections $conns: $config, $AB_BYTES bytes"
      load - warmup "$config" 0 "$conns" "$AB_BYTES" "$CURVE_WARMUP_SECONDS"
      load "$csv" conns "$config" 1 "$conns" "$AB_BYTES" "$CURVE_SECONDS"
    done
  done
  cleanup
}

# The soak: wrk for SOAK_SECONDS while, every SOAK_INTERVAL s, a class histogram (which runs a full
# GC first) gives the live heap to the byte; RSS from /proc. The GC log is kept as a cross-check.
soak() {
  local csv=$RESULTS/soak.csv pid wrk_pid t0 now live rss
  # Pre-touched heap: RSS then grows only with native memory.
  JVM_EXTRA="-XX:+AlwaysPreTouch -Xlog:gc:file=$RESULTS/logs/soak-gc.txt" start "$SOAK_CONFIG"
  pid=$STARTED_PID
  check "$SOAK_CONFIG" "$RESULTS/bodies/chat-$AB_BYTES.json"
  load - warmup "$SOAK_CONFIG" 0 "$SOAK_CONNS" "$AB_BYTES" "$WARMUP_SECONDS"
  echo "seconds,heap_live_kb,rss_kb" >"$csv"
  echo "$CSV_HEADER" >"$RESULTS/soak-wrk.csv"
  load "$RESULTS/soak-wrk.csv" soak "$SOAK_CONFIG" 1 "$SOAK_CONNS" "$AB_BYTES" "$SOAK_SECONDS" &
  wrk_pid=$!
  t0=$(date +%s)
  jcmd "$pid" GC.class_histogram >"$RESULTS/logs/soak-histogram-start.txt"
  while kill -0 "$wrk_pid" 2>/dev/null; do
    live=$(jcmd "$pid" GC.class_histogram | awk '$1 == "Total" {print int($3 / 1024)}')
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
    now=$(date +%s)
    echo "$((now - t0)),$live,$rss" | tee -a "$csv" >&2
    sleep "$SOAK_INTERVAL"
  done
  wait "$wrk_pid"
  jcmd "$pid" GC.class_histogram >"$RESULTS/logs/soak-histogram-end.txt"
  cleanup
}

jmh() {
  # shellcheck disable=SC2086 # JMH_ARGS is a list of options
  java -jar "$BENCH_JAR" InterceptorBenchmark $JMH_ARGS -rf csv -rff "$RESULTS/jmh-interceptor.csv" \
    | tee "$RESULTS/logs/jmh-interceptor.txt"
  # shellcheck disable=SC2086
  java -jar "$BENCH_JAR" ExtractionBenchmark $JMH_ARGS -rf csv -rff "$RESULTS/jmh-extraction.csv" \
    | tee "$RESULTS/logs/jmh-extraction.txt"
}

report() {
  benchmarks/load/report.sh "$RESULTS" | tee "$RESULTS/report.md"
}

plot() {
  gnuplot -e "results='$RESULTS'" benchmarks/load/plot.gp
}

machine() {
  {
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "cpus: $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
    echo "memory: $(free -m | awk '/^Mem/ {print $2}') MiB"
    echo "kernel: $(uname -r)"
    echo "java: $(java -version 2>&1 | head -2 | tr '\n' ' ')"
    echo "wrk: $(wrk -v 2>&1 | head -1)"
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "JAVA_OPTS: $JAVA_OPTS"
  } >>"$RESULTS/machine.txt"
}

mkdir -p "$RESULTS/logs"
for step in "${@:-all}"; do
  case $step in
    build) build ;;
    jmh) machine; jmh ;;
    ab) machine; bodies; ab ;;
    curves) machine; bodies; curves ;;
    soak) machine; bodies; soak ;;
    report) report ;;
    plot) plot ;;
    all) build; machine; bodies; jmh; ab; curves; soak; report; plot ;;
    *) echo "unknown step: $step" >&2; exit 2 ;;
  esac
done
