# wrk's --latency summary as one line, for bench/run and bench/nodes: requests/s, p50 and p99 in ms,
# answers that were not 2xx or 3xx, then wrk's socket errors line if it printed one.
function ms(value) {
    if (value ~ /us$/) { sub(/us$/, "", value); return value / 1000 }
    if (value ~ /ms$/) { sub(/ms$/, "", value); return value + 0 }
    if (value ~ /s$/)  { sub(/s$/, "", value);  return value * 1000 }
    return value
}
$1 == "50%" { p50 = ms($2) }
$1 == "99%" { p99 = ms($2) }
/^Requests\/sec:/ { rate = $2 }
/Non-2xx or 3xx responses:/ { errors = $NF }
/Socket errors:/ { socket = $0; sub(/^ +/, "", socket) }
END { printf "%.0f %.2f %.2f %d%s\n", rate, p50, p99, errors, (socket ? " " socket : "") }
