#!/usr/bin/env bash
# The Redis failover load run (see benchmarks/README.md, "Redis failover (issue 18)"). From the repository root:
#   benchmarks/load/redis-failover.sh [sentinel] [sentinel-kill] [cluster] [cluster-kill] [breaker] [--threads N] [--rate R] [--seconds S]
# Builds the benchmarks jar, then RedisFailoverRun starts its own redis-server processes on loopback ($REDIS_SERVER,
# else PATH) for each scenario (all five by default: 8 threads, 2,000 increments/s, 24 s each, the event in the middle).
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ ! -f benchmarks/target/benchmarks.jar ] || [ "${BUILD:-1}" = 1 ]; then
  mvn -B -ntp -q -DskipTests -Djacoco.skip package -pl benchmarks -am
fi
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx1g} -cp benchmarks/target/benchmarks.jar com.lockllm.benchmarks.RedisFailoverRun "$@"
