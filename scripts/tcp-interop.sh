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
# PORT=tap runs tcpcheck on our own tap-fd port rather than DPDK's net_tap.
# LATE_LINK_MS=N brings the tap's kernel side up N ms after the tap appears (a late link: our
# first frames are lost). PROBE_AFTER=1 (with tcpcheck --linger) probes our stack from the
# kernel once the transfer is over, and prints a third JSON line: whether a ping was answered
# and whether a connect to a port nobody listens on was refused (a RST) rather than timed out.
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

# PORT=tap: our own tap-fd port instead of DPDK's net_tap (the kernel side keeps a MAC of its own).
if [[ ${PORT:-dpdk} == tap ]]; then
    port_args=(--tap "$iface")
else
    port_args=(--eal "--no-pci --no-telemetry --in-memory --file-prefix=$ns --vdev=net_tap0,iface=$iface,mac=02:00:00:00:00:02")
fi
if [[ $role == client ]]; then
    ip netns exec "$ns" "$ttt" kpeer echo --listen 0.0.0.0:9000 --bytes "$bytes" --seed "$seed" >"$tmp/peer.json" 2>"$tmp/peer.log" &
    peer_pid=$!
    ip netns exec "$ns" "$ttt" tcpcheck "${port_args[@]}" --local $ours/24 --peer $kernel:9000 --bytes "$bytes" --seed "$seed" "$@" >"$tmp/ttt.json" 2>"$tmp/ttt.log" &
    ttt_pid=$!
else
    ip netns exec "$ns" "$ttt" tcpcheck "${port_args[@]}" --local $ours/24 --listen --port 9000 --bytes "$bytes" --seed "$seed" "$@" >"$tmp/ttt.json" 2>"$tmp/ttt.log" &
    ttt_pid=$!
fi
# The tap exists once EAL has started; give the kernel side its address.
for _ in $(seq 1 200); do
    ip netns exec "$ns" ip link show "$iface" >/dev/null 2>&1 && break
    sleep 0.05
done
[[ -n ${LATE_LINK_MS:-} ]] && sleep "$(awk "BEGIN { print ${LATE_LINK_MS} / 1000 }")"
ip netns exec "$ns" ip addr add $kernel/24 dev "$iface"
ip netns exec "$ns" ip link set "$iface" up
if [[ $role == server ]]; then
    ip netns exec "$ns" "$ttt" kpeer send --connect $ours:9000 --bytes "$bytes" --seed "$seed" >"$tmp/peer.json" 2>"$tmp/peer.log" &
    peer_pid=$!
fi
status=0
peer_status=0
probe=
if [[ -n ${PROBE_AFTER:-} ]]; then
    # The peer ends with the transfer; tcpcheck lingers on. Probe it from the kernel meanwhile:
    # RFC 792 echo, and RFC 9293 §3.10.7.1 (no connection: a RST, so "refused" at once, no timeout).
    wait "$peer_pid" || peer_status=$?
    peer_pid=
    pinged=false; refused=false
    ip netns exec "$ns" ping -c 2 -i 0.2 -W 1 -q $ours >/dev/null 2>&1 && pinged=true
    # A 3000-byte echo request: the kernel cuts it into fragments, which we must reassemble (RFC 1122 §3.3.2).
    # The reply would exceed our MTU and we never fragment, so it goes unanswered (counted as tx_too_large).
    ip netns exec "$ns" ping -c 2 -i 0.2 -W 1 -q -s 3000 $ours >/dev/null 2>&1 || true
    err=$(ip netns exec "$ns" timeout 2 bash -c "exec 3<>/dev/tcp/$ours/9999" 2>&1 || true)
    [[ $err == *"Connection refused"* ]] && refused=true
    probe="{\"ping_answered\": $pinged, \"closed_port_refused\": $refused}"
    wait "$ttt_pid" || status=$?
    ttt_pid=
else
    wait "$ttt_pid" || status=$?
    ttt_pid=
    # The peer ends with the connection; if tcpcheck died mid-transfer, do not wait for the kernel to give up.
    for _ in $(seq 1 100); do kill -0 "$peer_pid" 2>/dev/null || break; sleep 0.1; done
    kill "$peer_pid" 2>/dev/null || true
    wait "$peer_pid" || peer_status=$?
    peer_pid=
fi
cat "$tmp/ttt.json"
cat "$tmp/peer.json"
[[ -n $probe ]] && echo "$probe"
if [[ $status -ne 0 || $peer_status -ne 0 ]]; then
    echo "--- tcpcheck stderr" >&2; cat "$tmp/ttt.log" >&2
    echo "--- kpeer stderr" >&2; cat "$tmp/peer.log" >&2
    exit 1
fi
