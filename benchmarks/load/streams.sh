#!/usr/bin/env bash
# The answer side's load run (see benchmarks/README.md, "Streamed answers under load"). From the repository root,
# after benchmarks/load/run.sh build:
#   benchmarks/load/streams.sh
# A slow OpenAI-compatible upstream (StreamLoadRun upstream: DELTAS deltas INTERVAL_MS apart) behind the gateway,
# its response cache off; the gateway started with answer checking as shipped (on), on without personal data
# (secrets and exfiltration links only) and off, alternated ROUNDS times; each time STREAMS streams, CONCURRENCY at
# once, after a warm-up of WARMUP streams.
set -euo pipefail
cd "$(dirname "$0")/../.."

JAVA_OPTS=${JAVA_OPTS:--Xms512m -Xmx512m}
GATEWAY_JAR=samples/gateway/target/gateway.jar
BENCH_JAR=benchmarks/target/benchmarks.jar
UPSTREAM_PORT=${UPSTREAM_PORT:-18091}
GATEWAY_PORT=${GATEWAY_PORT:-18090}
DELTAS=${DELTAS:-40}
INTERVAL_MS=${INTERVAL_MS:-25}
CONCURRENCY=${CONCURRENCY:-100}
STREAMS=${STREAMS:-2000}
WARMUP=${WARMUP:-400}
ROUNDS=${ROUNDS:-2}

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

wait_for() {
  for _ in $(seq 1 120); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.5
  done
  echo "no answer from $1" >&2
  return 1
}

java -cp "$BENCH_JAR" com.lockllm.benchmarks.StreamLoadRun upstream --port "$UPSTREAM_PORT" --deltas "$DELTAS" \
  --interval-ms "$INTERVAL_MS" &
PIDS+=($!)
sleep 1

for round in $(seq 1 "$ROUNDS"); do
  for config in on no-pii off; do
    case "$config" in
      on) args=() ;;
      no-pii) args=(--lockllm.output.personal-data=off) ;;
      off) args=(--lockllm.output.enabled=false) ;;
    esac
    # shellcheck disable=SC2086
    java $JAVA_OPTS -jar "$GATEWAY_JAR" --server.port="$GATEWAY_PORT" --server.address=127.0.0.1 \
      --lockllm.gateway.upstream.base-url="http://127.0.0.1:$UPSTREAM_PORT" --lockllm.gateway.cache.enabled=false \
      "${args[@]}" --logging.level.root=WARN > /dev/null &
    gateway=$!
    PIDS+=("$gateway")
    wait_for "http://127.0.0.1:$GATEWAY_PORT/health"
    url="http://127.0.0.1:$GATEWAY_PORT/v1/chat/completions"
    java -cp "$BENCH_JAR" com.lockllm.benchmarks.StreamLoadRun run --url "$url" --concurrency "$CONCURRENCY" \
      --streams "$WARMUP" > /dev/null
    echo -n "round $round, answer checking $config: "
    java -cp "$BENCH_JAR" com.lockllm.benchmarks.StreamLoadRun run --url "$url" --concurrency "$CONCURRENCY" \
      --streams "$STREAMS"
    kill "$gateway"
    wait "$gateway" 2>/dev/null || true
  done
done
