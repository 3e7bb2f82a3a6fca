#!/usr/bin/env bash
# Markdown tables from the load runs' CSVs: report.sh RESULTS_DIR (see run.sh).
set -euo pipefail
dir=${1:-benchmarks/load/results}

# A/B: per configuration, the mean over rounds (and the range) of req/s, p50 and p99; then, per
# round, each filtered configuration against the "off" run of the same round.
ab() {
  local phase=$1
  awk -F, -v phase="$phase" '
    NR > 1 && $1 == phase {
      c = $2; r = $3
      if (!(c in seen)) { seen[c] = 1; order[++n] = c }
      if (r > rounds) rounds = r
      rps[c, r] = $8; p50[c, r] = $9; p99[c, r] = $11
      bad[c] += $14; sock[c] += $15; reqs[c] += $7; conns = $4; secs = $6
    }
    function stats(arr, c,    r, s, lo, hi, v) {
      s = 0; lo = ""; hi = ""
      for (r = 1; r <= rounds; r++) {
        v = arr[c, r]; s += v
        if (lo == "" || v < lo) lo = v
        if (hi == "" || v > hi) hi = v
      }
      return sprintf("%s|%s|%s", s / rounds, lo, hi)
    }
    function fmt(triple, digits,    t) {
      split(triple, t, "|")
      return sprintf("%." digits "f (%." digits "f–%." digits "f)", t[1], t[2], t[3])
    }
    END {
      printf "%d rounds × %s s per configuration, %s connection(s); mean over the rounds (min–max)\n\n", rounds, secs, conns
      print "| configuration | req/s | p50 ms | p99 ms | requests | non-2xx | socket errors |"
      print "|---|---|---|---|---|---|---|"
      for (i = 1; i <= n; i++) {
        c = order[i]
        printf "| %s | %s | %s | %s | %d | %d | %d |\n", c, fmt(stats(rps, c), 0), fmt(stats(p50, c), 3),
          fmt(stats(p99, c), 3), reqs[c], bad[c], sock[c]
      }
      if (!("off" in seen)) exit
      print ""
      print "| against off, same round | throughput ratio | added p50 ms | added p99 ms |"
      print "|---|---|---|---|"
      for (i = 1; i <= n; i++) {
        c = order[i]
        if (c == "off") continue
        for (r = 1; r <= rounds; r++) {
          ratio[c, r] = rps[c, r] / rps["off", r]
          d50[c, r] = p50[c, r] - p50["off", r]
          d99[c, r] = p99[c, r] - p99["off", r]
        }
        printf "| %s | %s | %s | %s |\n", c, fmt(stats(ratio, c), 3), fmt(stats(d50, c), 3), fmt(stats(d99, c), 3)
      }
    }' "$dir/ab.csv"
}

# A curve: one row per x (prompt bytes or connections), req/s, p50 and p99 per configuration.
curve() {
  local phase=$1 x=$2
  awk -F, -v phase="$phase" -v x="$x" '
    NR > 1 && $1 == phase {
      key = (x == "bytes") ? $5 : $4
      if (!(key in seenx)) { seenx[key] = 1; xs[++nx] = key }
      if (!($2 in seenc)) { seenc[$2] = 1; cs[++nc] = $2 }
      rps[key, $2] = $8; p50[key, $2] = $9; p99[key, $2] = $11; bad += $14 + $15
    }
    function label(v) {
      if (x != "bytes") return v
      return v >= 1048576 ? (v / 1048576) " MiB" : (v / 1024) " KiB"
    }
    END {
      head = "| " (x == "bytes" ? "prompt" : "connections")
      rule = "|---"
      for (j = 1; j <= nc; j++) {
        head = head sprintf(" | %s req/s | %s p50 ms | %s p99 ms", cs[j], cs[j], cs[j])
        rule = rule "|---|---|---"
      }
      print head " |"
      print rule "|"
      for (i = 1; i <= nx; i++) {
        line = "| " label(xs[i])
        for (j = 1; j <= nc; j++) {
          k = xs[i] SUBSEP cs[j]
          line = line sprintf(" | %.1f | %.3f | %.3f", rps[k], p50[k], p99[k])
        }
        print line " |"
      }
      printf "\nnon-2xx answers and socket errors over all points: %d\n", bad
    }' "$dir/curves.csv"
}

# The soak: live heap (after a full GC), least-squares slope over all samples and over the second half.
soak() {
  awk -F, '
    NR > 1 && $2 != "" { n++; t[n] = $1; h[n] = $2; m[n] = $3 }
    function slope(from, to,    i, k, st, sh, stt, sth) {
      k = 0; st = sh = stt = sth = 0
      for (i = from; i <= to; i++) { k++; st += t[i]; sh += h[i]; stt += t[i] * t[i]; sth += t[i] * h[i] }
      return (k * sth - st * sh) / (k * stt - st * st) * 60
    }
    END {
      lo = hi = h[1]
      for (i = 1; i <= n; i++) { if (h[i] < lo) lo = h[i]; if (h[i] > hi) hi = h[i] }
      printf "| samples | seconds | live heap, first / last | min / max | slope, all samples | slope, second half | RSS first / last |\n"
      printf "|---|---|---|---|---|---|---|\n"
      printf "| %d | %d | %.1f / %.1f MiB | %.1f / %.1f MiB | %+.1f KiB/min | %+.1f KiB/min | %.0f / %.0f MiB |\n",
        n, t[n], h[1] / 1024, h[n] / 1024, lo / 1024, hi / 1024, slope(1, n), slope(int(n / 2) + 1, n),
        m[1] / 1024, m[n] / 1024
    }' "$dir/soak.csv"
  echo
  awk -F, 'NR > 1 { printf "wrk during the soak: %d requests in %.0f s, %.1f req/s, p50 %.3f ms, p99 %.3f ms, non-2xx %d, socket errors %d\n", $7, $6, $8, $9, $11, $14, $15 }' \
    "$dir/soak-wrk.csv"
}

# JMH: InterceptorBenchmark's percentiles per parameter set, and ExtractionBenchmark's mean.
jmh() {
  awk -F, '
    NR > 1 {
      gsub(/"/, "")
      name = $1; sub(/.*intercept/, "", name)
      key = $9 "|" $10 "|" $8
      if (!(key in seen)) { seen[key] = 1; keys[++n] = key }
      if (name == "") { mean[key] = $5; count[key] = $4 }
      else if (name == ":p0.50") p50[key] = $5
      else if (name == ":p0.90") p90[key] = $5
      else if (name == ":p0.99") p99[key] = $5
    }
    END {
      print "| engine | pii | body | p50 | p90 | p99 | mean | samples |"
      print "|---|---|---|---|---|---|---|---|"
      for (i = 1; i <= n; i++) {
        k = keys[i]; split(k, f, "|")
        printf "| %s | %s | %s | %.0f | %.0f | %.0f | %.0f | %d |\n", f[1], f[2], f[3], p50[k], p90[k], p99[k], mean[k], count[k]
      }
    }' "$dir/jmh-interceptor.csv"
  echo
  awk -F, 'NR > 1 { gsub(/"/, ""); printf "ExtractionBenchmark.extract: %.2f ± %.2f %s (%d iterations)\n", $5, $6, $7, $4 }' \
    "$dir/jmh-extraction.csv"
}

for part in jmh ab ab1 size conns soak; do
  case $part in
    jmh) [ -f "$dir/jmh-interceptor.csv" ] && { echo "### jmh"; echo; jmh; echo; } || true ;;
    ab | ab1) [ -f "$dir/ab.csv" ] && { echo "### $part"; echo; ab "$part"; echo; } || true ;;
    size) [ -f "$dir/curves.csv" ] && { echo "### cost vs prompt size"; echo; curve size bytes; echo; } || true ;;
    conns) [ -f "$dir/curves.csv" ] && { echo "### cost vs connections"; echo; curve conns conns; echo; } || true ;;
    soak) [ -f "$dir/soak.csv" ] && { echo "### soak"; echo; soak; echo; } || true ;;
  esac
done
