# The cost curves of the load runs as one PNG, from RESULTS/curves.csv (benchmarks/load/run.sh curves):
#   gnuplot -e "results='benchmarks/load/results'" benchmarks/load/plot.gp
if (!exists("results")) results = "benchmarks/load/results"
if (!exists("out")) out = "benchmarks/load/cost.png"
csv = results . "/curves.csv"
series(phase, config) = sprintf("< grep '^%s,%s,' %s", phase, config, csv)
configs = "off rules pii"
names = "'filter off' 'filter on: rules + lexical' 'filter on: rules + lexical + PII strip'"

set terminal pngcairo size 1400,1000 font "sans,11"
set output out
set datafile separator ","
set grid
set key top left box opaque
set style line 1 lc rgb "#777777" lw 2 pt 7
set style line 2 lc rgb "#1f77b4" lw 2 pt 5
set style line 3 lc rgb "#d62728" lw 2 pt 9
set multiplot layout 2,2 title "Gateway echo route, benchmarks/load/run.sh curves (2 cores, wrk -t1 on the same machine)"

set title "Latency vs prompt size (1 connection): p50 solid, p99 dashed"
set logscale xy
set xlabel "prompt (KiB)"
set ylabel "ms"
plot for [i=1:3] series("size", word(configs, i)) using ($5/1024):9 with linespoints ls i title word(names, i), \
     for [i=1:3] series("size", word(configs, i)) using ($5/1024):11 with linespoints ls i dt 2 notitle

set key top right
set title "Throughput vs prompt size (1 connection)"
set ylabel "requests/s"
plot for [i=1:3] series("size", word(configs, i)) using ($5/1024):8 with linespoints ls i title word(names, i)

set key center right
set title "Throughput vs connections (1 KiB prompt)"
set logscale x 2
unset logscale y
set xlabel "connections"
set ylabel "requests/s"
set yrange [0:*]
plot for [i=1:3] series("conns", word(configs, i)) using 4:8 with linespoints ls i title word(names, i)

set key top left
set title "Latency vs connections (1 KiB prompt): p50 solid, p99 dashed"
set logscale y
set yrange [*:*]
set ylabel "ms"
plot for [i=1:3] series("conns", word(configs, i)) using 4:9 with linespoints ls i title word(names, i), \
     for [i=1:3] series("conns", word(configs, i)) using 4:11 with linespoints ls i dt 2 notitle

unset multiplot
