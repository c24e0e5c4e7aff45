#!/usr/bin/env bash
# TCP bench, all in one run so the ratios compare like with like on a noisy machine:
#   1. RTT of 64-byte ping-pongs: our stack (ttt tcpcheck --rtt on DPDK net_tap) against a
#      kernel echo server, next to kernel-to-kernel TCP over a veth pair (ttt kpeer rtt).
#   2. Bulk: bytes echoed per second, ours against the kernel (net_tap) and kernel against kernel (veth).
# Everything runs in network namespaces this script creates and deletes, on 198.51.100.0/24.
#   bench/tcp.sh [ROUND_TRIPS] [BULK_BYTES]
set -euo pipefail
count=${1:-20000}
bulk=${2:-256MiB}
here=$(cd "$(dirname "$0")/.." && pwd)
ttt=$here/out/bin/ttt
tmp=$(mktemp -d)
nsa=ttt-bench-a-$$ nsb=ttt-bench-b-$$ nst=ttt-bench-t-$$
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    for n in $nsa $nsb $nst; do ip netns del "$n" 2>/dev/null || true; done
    rm -rf "$tmp"
}
trap cleanup EXIT

# Kernel to kernel over a veth pair: 198.51.100.11 <-> 198.51.100.12.
ip netns add $nsa; ip netns add $nsb
ip link add vtta$$ type veth peer name vttb$$
ip link set vtta$$ netns $nsa; ip link set vttb$$ netns $nsb
ip netns exec $nsa ip addr add 198.51.100.11/24 dev vtta$$; ip netns exec $nsa ip link set vtta$$ up; ip netns exec $nsa ip link set lo up
ip netns exec $nsb ip addr add 198.51.100.12/24 dev vttb$$; ip netns exec $nsb ip link set vttb$$ up; ip netns exec $nsb ip link set lo up

kernel_pair() { # $1: kpeer subcommand args for the client side
    ip netns exec $nsb "$ttt" kpeer echo --listen 0.0.0.0:9100 >"$tmp/echo.json" 2>/dev/null &
    local echo_pid=$!
    ip netns exec $nsa "$ttt" kpeer "$@" 2>/dev/null
    wait $echo_pid || true
}

# Ours: tcpcheck on net_tap, the kernel side of the tap in the same namespace.
ours() { # $@: tcpcheck args
    ip netns add $nst 2>/dev/null || true
    ip netns exec $nst ip link set lo up
    ip netns exec $nst "$ttt" kpeer echo --listen 0.0.0.0:9000 >"$tmp/echo.json" 2>/dev/null &
    local echo_pid=$!
    ip netns exec $nst "$ttt" tcpcheck --eal "--no-pci --no-telemetry --in-memory --file-prefix=$nst --vdev=net_tap0,iface=tttb$$,mac=02:00:00:00:00:02" \
        --local 198.51.100.2/24 --peer 198.51.100.1:9000 "$@" >"$tmp/ours.json" 2>"$tmp/ours.log" &
    local ttt_pid=$!
    for _ in $(seq 1 200); do ip netns exec $nst ip link show tttb$$ >/dev/null 2>&1 && break; sleep 0.05; done
    ip netns exec $nst ip addr add 198.51.100.1/24 dev tttb$$
    ip netns exec $nst ip link set tttb$$ up
    wait $ttt_pid || { cat "$tmp/ours.log" >&2; return 1; }
    wait $echo_pid || true
    ip netns del $nst
    cat "$tmp/ours.json"
}

echo "== RTT, $count round trips of 64 bytes (after warm-up)" >&2
ours_rtt=$(ours --rtt "$count")
kern_rtt=$(kernel_pair rtt --connect 198.51.100.12:9100 --count "$count")
echo "== bulk, $bulk echoed" >&2
ours_bulk=$(ours --bytes "$bulk")
kern_bulk=$(kernel_pair send --connect 198.51.100.12:9100 --bytes "$bulk")

python3 - "$ours_rtt" "$kern_rtt" "$ours_bulk" "$kern_bulk" <<'PY'
import json, sys
o, k, ob, kb = (json.loads(a) for a in sys.argv[1:5])
print(json.dumps({"ours_rtt": o, "kernel_veth_rtt": k, "ours_bulk": ob, "kernel_veth_bulk": kb}))
print()
print(f"{'64-byte RTT (ns)':<22}{'ours (net_tap)':>16}{'kernel (veth)':>16}{'ours/kernel':>13}")
for p in ["min", "p50", "p90", "p99", "p99_9", "max"]:
    a, b = o["rtt_ns"][p], k["rtt_ns"][p]
    print(f"{p:<22}{a:>16,}{b:>16,}{a / b:>13.2f}")
def rate(d): return (d["bytes"] + d["bytes_echoed"]) * 8 / d["seconds"] / 1e6
print(f"{'bulk echo (Mbit/s)':<22}{rate(ob):>16,.0f}{rate(kb):>16,.0f}{rate(ob) / rate(kb):>13.2f}")
print(f"allocated in our loops: rtt {o['loop_allocated_bytes']} B, bulk {ob['loop_allocated_bytes']} B")
PY
