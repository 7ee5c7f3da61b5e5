#!/usr/bin/env bash
# mqbench and the official Java benchmark tools (Apache RocketMQ 4.9.8), each against our broker
# and the Java broker, in one run on one machine (docs/performance.md, "Clients").
#
#   RMQ_JAVA_REFERENCE=../shared/reference/rocketmq-4.9.8 benchmarks/compare_clients.sh [BIN_DIR]
#
# BIN_DIR holds mqnamesrv, mqbroker, mqbench and mqadmin (default build/release/bin). Each case:
#   throughput: 1 KiB bodies, 16 senders, as fast as the broker takes them; after WARMUP seconds
#               (8) a DURATION-second window (30) is measured;
#   latency:    a consumer running while the producer sends RATE msg/s (5000) for DURATION.
# Reported: send TPS (messages stored, counted on the broker), the tool's RT figures, the
# broker's CPU per message and the load generator's CPU per message (from /proc).
# BROKERS="ours java" picks the brokers; TRACE=1 turns message trace on in every producer and
# consumer (mqbench -m, the Java tools' -m true), to measure what tracing costs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "${1:-$root/build/release/bin}" && pwd)
ref=${RMQ_JAVA_REFERENCE:?set RMQ_JAVA_REFERENCE to the Java reference folder}
ref=$(cd "$ref" && pwd)
duration=${DURATION:-30}
rate=${RATE:-5000}
warmup=${WARMUP:-8}  # the JVM starts and warms up; both tools get the same
brokers=${BROKERS:-ours java}
trace_mqbench=(); trace_java=()
if [ "${TRACE:-0}" = 1 ]; then trace_mqbench=(-m); trace_java=(-m true); fi
tmp=$(mktemp -d /tmp/rmq-compare.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; [ "${KEEP:-0}" = 1 ] && echo "kept $tmp" >&2 || rm -rf "$tmp"; }
trap cleanup EXIT
export RMQ_REF_HEAP="-Xms1g -Xmx1g"
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }  # user + system CPU ticks
hz=$(getconf CLK_TCK)
wait_log() { for _ in $(seq 600); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done; echo "no '$2' in $1" >&2; exit 1; }

start_ours() {
  "$bin/mqnamesrv" listenPort=29876 kvConfigPath="$tmp/kv.json" configStorePath="$tmp/ns.properties" >"$tmp/ns.log" 2>&1 &
  ns_pid=$!; pids+=("$ns_pid"); wait_log "$tmp/ns.log" "boot success"
  "$bin/mqbroker" -n 127.0.0.1:29876 brokerIP1=127.0.0.1 listenPort=29911 \
    storePathRootDir="$tmp/store-ours" >"$tmp/broker.log" 2>&1 &
  broker_pid=$!; pids+=("$broker_pid"); wait_log "$tmp/broker.log" "boot success"
}
start_java() {
  printf 'listenPort=29876\n' >"$tmp/ns.conf"
  printf 'brokerClusterName=DefaultCluster\nbrokerName=broker-a\nbrokerId=0\nbrokerIP1=127.0.0.1\nlistenPort=29911\nstorePathRootDir=%s\nnamesrvAddr=127.0.0.1:29876\n' "$tmp/store-java" >"$tmp/broker.conf"
  "$ref/bin-java" namesrv -c "$tmp/ns.conf" >"$tmp/ns.log" 2>&1 &
  ns_pid=$!; pids+=("$ns_pid"); wait_log "$tmp/ns.log" "boot success"
  "$ref/bin-java" broker -c "$tmp/broker.conf" >"$tmp/broker.log" 2>&1 &
  broker_pid=$!; pids+=("$broker_pid"); wait_log "$tmp/broker.log" "boot success"
}
stop_servers() { kill "$broker_pid" "$ns_pid" 2>/dev/null || true; wait "$broker_pid" "$ns_pid" 2>/dev/null || true; sleep 1; }

stored() {  # messages stored in topic $1 (sum of max offsets)
  NAMESRV_ADDR=127.0.0.1:29876 "$bin/mqadmin" topicStatus -t "$1" 2>/dev/null |
    awk 'NR > 1 && $2 ~ /^[0-9]+$/ { n += $4 } END { print n + 0 }'
}
create_topic() { NAMESRV_ADDR=127.0.0.1:29876 "$bin/mqadmin" updateTopic -c DefaultCluster -t "$1" -r 8 -w 8 >/dev/null; sleep 1; }

# --- a run of one load generator; prints one result line --------------------------------------
run_producer() {  # <broker> <tool>: WARMUP s, then a DURATION s window measured on both sides
  local broker=$1 tool=$2 topic="T_${1}_${2}_$RANDOM" gen n0 n1 b0 b1 g0 g1 rt
  create_topic "$topic"
  if [ "$tool" = mqbench ]; then
    "$bin/mqbench" producer -n 127.0.0.1:29876 -t "$topic" -s 1024 -w 16 --interval 1 \
      "${trace_mqbench[@]}" --duration $((warmup + duration + 2)) >"$tmp/gen.log" 2>&1 &
  else
    "$ref/bin-java" producer -n 127.0.0.1:29876 -t "$topic" -s 1024 -w 16 "${trace_java[@]}" >"$tmp/gen.log" 2>&1 &
  fi
  gen=$!; pids+=("$gen")
  sleep "$warmup"
  n0=$(stored "$topic"); b0=$(ticks "$broker_pid"); g0=$(ticks "$gen")
  sleep "$duration"
  n1=$(stored "$topic"); b1=$(ticks "$broker_pid"); g1=$(ticks "$gen")
  kill -INT "$gen" 2>/dev/null || true; sleep 1; kill -9 "$gen" 2>/dev/null || true; wait "$gen" 2>/dev/null || true
  if [ "$tool" = mqbench ]; then  # the reports inside the window (one per second)
    rt=$(grep '^Send TPS' "$tmp/gen.log" | sed -n "$((warmup + 1)),$((warmup + duration))p" |
      awk '{ a += $9; p50 += $11; p99 += $13; if ($13 > m) m = $13; k++ } END { printf "avg %.3f p50 %.3f p99 %.3f (worst second %.3f)", a / k, p50 / k, p99 / k, m }')
  else
    rt="avg $(grep -o 'Average RT(ms): *[0-9.]*' "$tmp/gen.log" | tail -2 | awk '{ s += $NF; k++ } END { printf "%.3f", s / k }') (p50/p99 not reported)"
  fi
  awk -v broker="$broker" -v tool="$tool" -v n=$((n1 - n0)) -v d="$duration" -v bt=$((b1 - b0)) -v gt=$((g1 - g0)) -v hz="$hz" -v rt="$rt" \
    'BEGIN { printf "| %s | %s producer | %.0f | %s | %.2f | %.2f |\n", broker, tool, n / d, rt, (n ? bt / hz * 1e6 / n : 0), (n ? gt / hz * 1e6 / n : 0) }'
}

run_latency() {  # <broker> <tool>: a consumer while RATE msg/s are sent by mqbench
  local broker=$1 tool=$2 topic="L_${1}_${2}_$RANDOM" cpid b2c
  create_topic "$topic"
  if [ "$tool" = mqbench ]; then
    "$bin/mqbench" consumer -n 127.0.0.1:29876 -t "$topic" -g "G_$RANDOM" "${trace_mqbench[@]}" --duration $((duration + 20)) --json >"$tmp/c.log" 2>&1 &
  else
    "$ref/bin-java" consumer -n 127.0.0.1:29876 -t "$topic" -g "G_$RANDOM" "${trace_java[@]}" >"$tmp/c.log" 2>&1 &
  fi
  cpid=$!; pids+=("$cpid")
  sleep 5
  local c0; c0=$(ticks "$cpid")
  "$bin/mqbench" producer -n 127.0.0.1:29876 -t "$topic" -s 1024 -w 4 --rate "$rate" --duration "$duration" --json >/dev/null 2>&1
  local c1; c1=$(ticks "$cpid")
  local n; n=$(stored "$topic")
  if [ "$tool" = mqbench ]; then
    kill -INT "$cpid" 2>/dev/null || true; wait "$cpid" || true
    b2c=$(tail -1 "$tmp/c.log" | sed -E 's/.*"b2c_p50_ms":([0-9.]+),"b2c_p99_ms":([0-9.]+),"b2c_max_ms":([0-9.]+).*/p50 \1 p99 \2 max \3/')
  else
    sleep 10; kill -9 "$cpid"; wait "$cpid" 2>/dev/null || true
    b2c=$(grep -o 'AVG(B2C) RT(ms): *[0-9.]*\|MAX(B2C) RT(ms): *[0-9]*' "$tmp/c.log" | tail -4 | tr '\n' ' ')
  fi
  awk -v broker="$broker" -v tool="$tool" -v n="$n" -v t=$((c1 - c0)) -v hz="$hz" -v b2c="$b2c" \
    'BEGIN { printf "| %s broker | %s consumer | %d msgs | B2C %s | consumer CPU %.2f µs/msg |\n", broker, tool, n, b2c, (n ? t / hz * 1e6 / n : 0) }'
}

echo "| broker | load generator | send TPS | send RT (ms) | broker CPU µs/msg | generator CPU µs/msg |"
# (latency rows: messages, born-to-consume latency, consumer CPU)
echo "| --- | --- | --- | --- | --- | --- |"
for broker in $brokers; do
  "start_$broker"
  for tool in mqbench java; do run_producer "$broker" "$tool"; done
  for tool in mqbench java; do run_latency "$broker" "$tool"; done
  stop_servers
done
