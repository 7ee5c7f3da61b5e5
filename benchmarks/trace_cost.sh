#!/usr/bin/env bash
# What message trace costs mqbench: one broker of ours, mqbench producer runs alternating without
# and with -m (docs/performance.md, "Message trace").
#
#   benchmarks/trace_cost.sh [BIN_DIR] [ROUNDS] [SECONDS]
#
# BIN_DIR holds mqnamesrv, mqbroker, mqbench and mqadmin (default build/release/bin). Prints one
# line per run: round, trace off/on, send TPS, p99 send RT (ms), client CPU µs per message.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "${1:-$root/build/release/bin}" && pwd)
rounds=${2:-4}
seconds=${3:-15}
tmp=$(mktemp -d /tmp/rmq-trace-cost.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
wait_log() { for _ in $(seq 300); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done; echo "no '$2' in $1" >&2; exit 1; }

"$bin/mqnamesrv" listenPort=29876 kvConfigPath="$tmp/kv.json" configStorePath="$tmp/ns.properties" >"$tmp/ns.log" 2>&1 &
pids+=($!); wait_log "$tmp/ns.log" "boot success"
"$bin/mqbroker" -n 127.0.0.1:29876 brokerIP1=127.0.0.1 listenPort=29911 storePathRootDir="$tmp/store" >"$tmp/broker.log" 2>&1 &
pids+=($!); wait_log "$tmp/broker.log" "boot success"
NAMESRV_ADDR=127.0.0.1:29876 "$bin/mqadmin" updateTopic -c DefaultCluster -t TraceCost -r 8 -w 8 >/dev/null
sleep 1
bench() { "$bin/mqbench" producer -n 127.0.0.1:29876 -t TraceCost -s 1024 -w 16 "$@" --json 2>/dev/null | tail -1; }
bench --duration 5 >/dev/null  # warm-up
for round in $(seq "$rounds"); do
  for trace in off on; do
    flags=(--duration "$seconds"); [ "$trace" = on ] && flags+=(-m)
    bench "${flags[@]}" | sed -E 's/.*"send_tps":([0-9.]+).*"send_rt_p99_ms":([0-9.]+).*"client_cpu_us_per_msg":([0-9.]+).*/\1 \2 \3/' |
      awk -v r="$round" -v t="$trace" '{ printf "round %d trace %-3s  %8.0f msg/s  p99 %6.3f ms  %6.2f us/msg\n", r, t, $1, $2, $3 }'
  done
done
