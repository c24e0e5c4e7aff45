#!/usr/bin/env bash
# Our TCP/IP stack (ttt tcpcheck, on DPDK net_tap) against the Linux kernel's TCP
# (ttt kpeer, kernel sockets), inside a network namespace this script creates and
# deletes. Traffic stays in the namespace, on 198.51.100.0/24 (RFC 5737).
#
#   scripts/tcp-interop.sh client|server [tcpcheck options...]
#
# client: tcpcheck connects to a kernel echo server (kpeer echo) and verifies the echo.
# server: tcpcheck --listen echoes for a kernel client (kpeer send), which verifies.
# Prints tcpcheck's JSON on stdout, then the kernel peer's; exits non-zero if either failed.
# BYTES (default 64MiB) and SEED (7) set the transfer; TCP_INTEROP_LOGS=DIR keeps both stderr logs.
set -euo pipefail
role=${1:?usage: tcp-interop.sh client|server [tcpcheck options...]}
shift
here=$(cd "$(dirname "$0")/.." && pwd)
ttt=${TTT:-$here/out/bin/ttt}
bytes=${BYTES:-64MiB}
seed=${SEED:-7}
ns=ttt-tcp-$$
iface=ttt$$
iface=${iface:0:15}
ours=198.51.100.2
kernel=198.51.100.1
tmp=$(mktemp -d)
cleanup() {
    [[ -n ${TCP_INTEROP_LOGS:-} ]] && cp "$tmp"/*.log "$TCP_INTEROP_LOGS"/ 2>/dev/null || true
    [[ -n ${peer_pid:-} ]] && kill "$peer_pid" 2>/dev/null || true
    [[ -n ${ttt_pid:-} ]] && kill "$ttt_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT
ip netns add "$ns"
ip netns exec "$ns" ip link set lo up

eal="--no-pci --no-telemetry --in-memory --file-prefix=$ns --vdev=net_tap0,iface=$iface,mac=02:00:00:00:00:02"
if [[ $role == client ]]; then
    ip netns exec "$ns" "$ttt" kpeer echo --listen 0.0.0.0:9000 --bytes "$bytes" --seed "$seed" >"$tmp/peer.json" 2>"$tmp/peer.log" &
    peer_pid=$!
    ip netns exec "$ns" "$ttt" tcpcheck --eal "$eal" --local $ours/24 --peer $kernel:9000 --bytes "$bytes" --seed "$seed" "$@" >"$tmp/ttt.json" 2>"$tmp/ttt.log" &
    ttt_pid=$!
else
    ip netns exec "$ns" "$ttt" tcpcheck --eal "$eal" --local $ours/24 --listen --port 9000 --bytes "$bytes" --seed "$seed" "$@" >"$tmp/ttt.json" 2>"$tmp/ttt.log" &
    ttt_pid=$!
fi
# The tap exists once EAL has started; give the kernel side its address.
for _ in $(seq 1 200); do
    ip netns exec "$ns" ip link show "$iface" >/dev/null 2>&1 && break
    sleep 0.05
done
ip netns exec "$ns" ip addr add $kernel/24 dev "$iface"
ip netns exec "$ns" ip link set "$iface" up
if [[ $role == server ]]; then
    ip netns exec "$ns" "$ttt" kpeer send --connect $ours:9000 --bytes "$bytes" --seed "$seed" >"$tmp/peer.json" 2>"$tmp/peer.log" &
    peer_pid=$!
fi
status=0
wait "$ttt_pid" || status=$?
ttt_pid=
peer_status=0
# The peer ends with the connection; if tcpcheck died mid-transfer, do not wait for the kernel to give up.
for _ in $(seq 1 100); do kill -0 "$peer_pid" 2>/dev/null || break; sleep 0.1; done
kill "$peer_pid" 2>/dev/null || true
wait "$peer_pid" || peer_status=$?
peer_pid=
cat "$tmp/ttt.json"
cat "$tmp/peer.json"
if [[ $status -ne 0 || $peer_status -ne 0 ]]; then
    echo "--- tcpcheck stderr" >&2; cat "$tmp/ttt.log" >&2
    echo "--- kpeer stderr" >&2; cat "$tmp/peer.log" >&2
    exit 1
fi
