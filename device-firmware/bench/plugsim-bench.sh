#!/usr/bin/env bash
# Memory and CPU of plugsim with many plugs against a local mosquitto.
#   bash device-firmware/bench/plugsim-bench.sh <build-dir> [count=1000] [seconds=60]
# Starts mosquitto on a free 127.0.0.1 port, starts <count> plugs (energy
# published every 5 s on change), waits until every plug is online, then
# measures plugsim's RSS and CPU share over <seconds> and counts the MQTT
# messages the broker delivers. Everything stays on loopback.
set -euo pipefail
build="$(cd "${1:?usage: plugsim-bench.sh <build-dir> [count] [seconds]}" && pwd)"
count="${2:-1000}"
secs="${3:-60}"
plugsim="$build/plugsim"
[ -x "$plugsim" ] || { echo "no $plugsim; run build.sh first" >&2; exit 1; }
work="$(mktemp -d /tmp/plugsim-bench.XXXXXX)"
mpid=""; spid=""
cleanup() {
	[ -n "$spid" ] && kill "$spid" 2>/dev/null && wait "$spid" 2>/dev/null || true
	[ -n "$mpid" ] && kill "$mpid" 2>/dev/null && wait "$mpid" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
ulimit -n "$(ulimit -Hn)"

port=0
for _ in $(seq 50); do
	p=$((20000 + RANDOM % 40000))
	if ! ss -ltn "sport = :$p" | grep -q ":$p"; then port=$p; break; fi
done
[ "$port" -ne 0 ] || { echo "no free port" >&2; exit 1; }
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest none\nmax_queued_messages 10000\n' \
	"$port" > "$work/mosquitto.conf"
/usr/sbin/mosquitto -c "$work/mosquitto.conf" & mpid=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

cmd=("$plugsim" --broker-port "$port" --count "$count" --state-dir "$work/state" --publish-interval-s 5)
echo "command: ${cmd[*]}"
"${cmd[@]}" > "$work/out.txt" 2> "$work/err.txt" < /dev/null & spid=$!
for _ in $(seq 300); do grep -q '^READY' "$work/out.txt" && break; sleep 0.1; done
grep -q '^READY' "$work/out.txt" || { echo "plugsim did not get ready" >&2; tail "$work/err.txt" >&2; exit 1; }

# Wait (bounded) until every plug has said online: the jittered first connects.
timeout 60 mosquitto_sub -p "$port" -t '+/connected' -C "$count" > /dev/null || true
online=$(grep -c 'MQTT: connected' "$work/err.txt" || true)
# Relays start off (OpenBeken's default); switch every plug on through the
# group topic so each one meters its load, then let the first burst pass.
mosquitto_pub -p "$port" -t cmnd/bl602s/POWER -m ON
sleep 6

tck=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
s0=$(cpu "$spid"); m0=$(cpu "$mpid"); t0=$(date +%s.%N)
msgs=$(timeout "$secs" mosquitto_sub -p "$port" -t '#' -v | wc -l || true)
s1=$(cpu "$spid"); m1=$(cpu "$mpid"); t1=$(date +%s.%N)
rss=$(awk '/VmRSS/ {print $2}' "/proc/$spid/status")
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$spid/status")
mrss=$(awk '/VmRSS/ {print $2}' "/proc/$mpid/status")
# Broker restart: how the fleet comes back. Every plug's back-off is
# jittered, so the reconnects spread over seconds instead of one burst.
kill "$mpid"; wait "$mpid" 2>/dev/null || true
/usr/sbin/mosquitto -c "$work/mosquitto.conf" & mpid=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done
r0=$(date +%s.%N)
timeout 120 mosquitto_sub -p "$port" -t '+/connected' -F '%U %p' -C "$count" > "$work/back.txt" || true

awk -v c="$count" -v on="$online" -v s0="$s0" -v s1="$s1" -v m0="$m0" -v m1="$m1" \
    -v t0="$t0" -v t1="$t1" -v tck="$tck" -v rss="$rss" -v hwm="$hwm" -v mrss="$mrss" -v msgs="$msgs" 'BEGIN {
	wall = t1 - t0
	printf "plugs: %d (%d MQTT connects logged)\n", c, on
	printf "window: %.1f s\n", wall
	printf "plugsim RSS: %.1f MB (peak %.1f MB), %.1f KB per plug\n", rss / 1024, hwm / 1024, rss / c
	printf "plugsim CPU: %.1f%% of one core\n", 100 * (s1 - s0) / tck / wall
	printf "mosquitto CPU: %.1f%% of one core, RSS %.1f MB\n", 100 * (m1 - m0) / tck / wall, mrss / 1024
	printf "messages delivered to one # subscriber: %d (%.0f/s)\n", msgs, msgs / wall
}'
awk -v r0="$r0" -v c="$count" '$2 == "online" {
	t = $1 - r0; n++; if (n == 1) first = t; if (n == int(c / 2)) half = t; last = t
	s = int(t); per[s]++; if (per[s] > peak) peak = per[s]
} END {
	printf "after a broker restart: %d of %d back online; first %.1f s, half %.1f s, all %.1f s; at most %d in one second\n", n, c, first, half, last, peak
}' "$work/back.txt"
