#!/usr/bin/env bash
# TCP round-trip bench: 64-byte ping-pongs, every configuration in one run, interleaved run
# by run, every process pinned (client on CPU 1, server on CPU 0), each run started on a quiet
# machine. The peers:
#   over a tap, against the same kernel echo server (ttt kpeer echo), busy-polling and blocking:
#     lwip-tap    lwIP 2.1.3 (Debian's liblwip-dev), its tap fd read in a spin (bench/native)
#     ours-tap    our stack on our own tap-fd port (tcpcheck --tap)
#     ours-dpdk   our stack on DPDK net_tap (tcpcheck --eal ...net_tap)
#     kernel      kernel to kernel over a veth pair (kpeer rtt), the same echo server
#   stack against itself, no system call on the path:
#     ours-shm    ours against ours over our shared-memory ring port (tcpcheck --shm)
#     lwip-shm    lwIP against lwIP over the same ring (bench/native)
#     ours-memif  ours against ours over DPDK net_memif
#     cache-line  one cache line bounced between the two cores: the floor under any of these
# Everything runs in network namespaces this script creates and deletes, on 198.51.100.0/24.
#   bench/tcp.sh [ROUND_TRIPS] [RUNS]
set -euo pipefail
count=${1:-20000}
runs=${2:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
bin=$here/out/bin
ttt=$bin/ttt
tmp=$(mktemp -d)
ns=ttt-bench-$$
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    for n in $ns $ns-a $ns-b; do ip netns del "$n" 2>/dev/null || true; done
    rm -rf "$tmp" /dev/shm/ttt-bench-$$-* /tmp/ttt-bench-$$-*.sock
}
trap cleanup EXIT

# Waits until both CPUs were at least 90% idle over half a second (at most 30 s; says so if not).
quiet() {
    for _ in $(seq 1 60); do
        read -r _ u1 n1 s1 i1 w1 q1 sq1 _ < /proc/stat
        sleep 0.5
        read -r _ u2 n2 s2 i2 w2 q2 sq2 _ < /proc/stat
        local busy=$(( (u2 + n2 + s2 + q2 + sq2) - (u1 + n1 + s1 + q1 + sq1) ))
        local idle=$(( (i2 + w2) - (i1 + w1) ))
        (( idle * 100 >= (busy + idle) * 90 )) && return 0
    done
    echo "bench: the machine did not go quiet within 30 s; running anyway" >&2
}

# The kernel side: a namespace with an echo server on 198.51.100.1:9000, pinned to CPU 0.
# $1: busy|block. The tap interface comes from the client process started afterwards.
start_echo() {
    ip netns add $ns
    ip netns exec $ns ip link set lo up
    local flag=""
    [[ $1 == busy ]] && flag=--busy-poll
    ip netns exec $ns "$ttt" kpeer echo --listen 0.0.0.0:9000 --cpu 0 $flag --wait 30 >/dev/null 2>&1 &
    echo_pid=$!
}

# Gives the tap $1 (made by the client) the kernel's address; $2: set a MAC of its own (DPDK's tap copies ours).
tap_up() {
    for _ in $(seq 1 300); do ip netns exec $ns ip link show "$1" >/dev/null 2>&1 && break; sleep 0.01; done
    [[ -n ${2:-} ]] && ip netns exec $ns ip link set "$1" address 02:00:00:00:00:01
    ip netns exec $ns ip addr add 198.51.100.1/24 dev "$1"
    ip netns exec $ns ip link set "$1" up
}

stop_echo() {
    kill "$echo_pid" 2>/dev/null || true
    wait "$echo_pid" 2>/dev/null || true
    ip netns del $ns
}

row() { # $1 row name, $2 run, $3 file holding the client's JSON
    python3 -c 'import json,sys; d=json.load(open(sys.argv[3])); d["row"]=sys.argv[1]; d["run"]=int(sys.argv[2]); print(json.dumps(d))' "$1" "$2" "$3" >>"$tmp/rows.jsonl" \
        || { echo "bench: $1 run $2 failed:" >&2; cat "$3" "$tmp"/*.log >&2 2>/dev/null || true; }
}

run_tap() { # $1 busy|block, $2 row, $3 run
    local iface=tb$$ out=$tmp/out.json
    start_echo "$1"
    case $2 in
        lwip-tap)
            ip netns exec $ns taskset -c 1 "$bin/lwip-pingpong" --tap $iface --local 198.51.100.3 --peer 198.51.100.1:9000 --count "$count" >"$out" 2>"$tmp/client.log" &
            local c=$!; tap_up $iface; wait $c || true ;;
        ours-tap)
            ip netns exec $ns taskset -c 1 "$ttt" tcpcheck --tap $iface --local 198.51.100.2/24 --peer 198.51.100.1:9000 --rtt "$count" >"$out" 2>"$tmp/client.log" &
            local c=$!; tap_up $iface; wait $c || true ;;
        ours-dpdk)
            ip netns exec $ns taskset -c 1 "$ttt" tcpcheck --eal "--no-pci --no-telemetry --in-memory --file-prefix=$ns --vdev=net_tap0,iface=$iface,mac=02:00:00:00:00:02" \
                --local 198.51.100.2/24 --peer 198.51.100.1:9000 --rtt "$count" >"$out" 2>"$tmp/client.log" &
            local c=$!; tap_up $iface mac; wait $c || true ;;
    esac
    stop_echo
    row "$2-$1" "$3" "$out"
}

run_kernel() { # $1 busy|block, $2 run: kernel to kernel over a veth, the same echo server
    local flag="" out=$tmp/out.json
    [[ $1 == busy ]] && flag=--busy-poll
    ip netns add $ns-a; ip netns add $ns-b
    ip link add vba$$ type veth peer name vbb$$
    ip link set vba$$ netns $ns-a; ip link set vbb$$ netns $ns-b
    ip netns exec $ns-a ip addr add 198.51.100.11/24 dev vba$$; ip netns exec $ns-a ip link set vba$$ up
    ip netns exec $ns-b ip addr add 198.51.100.12/24 dev vbb$$; ip netns exec $ns-b ip link set vbb$$ up
    ip netns exec $ns-b "$ttt" kpeer echo --listen 0.0.0.0:9000 --cpu 0 $flag --wait 30 >/dev/null 2>&1 &
    local e=$!
    ip netns exec $ns-a "$ttt" kpeer rtt --connect 198.51.100.12:9000 --count "$count" --cpu 1 $flag >"$out" 2>"$tmp/client.log" || true
    kill $e 2>/dev/null || true; wait $e 2>/dev/null || true
    ip netns del $ns-a; ip netns del $ns-b
    row "kernel-$1" "$2" "$out"
}

run_pair() { # $1 row, $2 run: a stack against itself on the two cores
    local out=$tmp/out.json link=/dev/shm/ttt-bench-$$-$2 sock=/tmp/ttt-bench-$$-$2.sock
    case $1 in
        ours-shm)
            taskset -c 0 "$ttt" tcpcheck --shm "$link" --shm-side 0 --mac 02:00:00:00:00:01 --local 198.51.100.1/24 --listen --bytes 0 >/dev/null 2>"$tmp/server.log" &
            local s=$!
            taskset -c 1 "$ttt" tcpcheck --shm "$link" --shm-side 1 --local 198.51.100.2/24 --peer 198.51.100.1:9000 --rtt "$count" >"$out" 2>"$tmp/client.log" || true ;;
        lwip-shm)
            taskset -c 0 "$bin/lwip-pingpong" --shm "$link" --side 0 --local 198.51.100.1 --listen 9000 >/dev/null 2>"$tmp/server.log" &
            local s=$!
            taskset -c 1 "$bin/lwip-pingpong" --shm "$link" --side 1 --local 198.51.100.2 --peer 198.51.100.1:9000 --count "$count" >"$out" 2>"$tmp/client.log" || true ;;
        ours-memif)
            taskset -c 0 "$ttt" tcpcheck --eal "--no-pci --no-telemetry --in-memory --file-prefix=$ns-s --vdev=net_memif0,role=server,socket=$sock,mac=02:00:00:00:00:01" \
                --local 198.51.100.1/24 --listen --bytes 0 >/dev/null 2>"$tmp/server.log" &
            local s=$!
            sleep 0.5
            taskset -c 1 "$ttt" tcpcheck --eal "--no-pci --no-telemetry --in-memory --file-prefix=$ns-c --vdev=net_memif0,role=client,socket=$sock,mac=02:00:00:00:00:02" \
                --local 198.51.100.2/24 --peer 198.51.100.1:9000 --rtt "$count" >"$out" 2>"$tmp/client.log" || true ;;
    esac
    wait $s 2>/dev/null || true
    row "$1" "$2" "$out"
}

rm -f "$tmp/rows.jsonl"
for run in $(seq 1 "$runs"); do
    echo "== run $run of $runs ($count round trips each, after warm-up)" >&2
    for mode in busy block; do
        for r in lwip-tap ours-tap ours-dpdk; do quiet; run_tap $mode $r "$run"; done
        quiet; run_kernel $mode "$run"
    done
    for r in ours-shm lwip-shm ours-memif; do quiet; run_pair $r "$run"; done
    quiet; "$bin/core-pingpong" >"$tmp/out.json"; row cache-line "$run" "$tmp/out.json"
done

mkdir -p "$here/out/bench"
cp "$tmp/rows.jsonl" "$here/out/bench/tcp-rows.jsonl"
python3 - "$tmp/rows.jsonl" "$count" "$runs" <<'PY'
import json, sys, statistics
rows = [json.loads(l) for l in open(sys.argv[1])]
count, runs = sys.argv[2], int(sys.argv[3])
def get(name, key):
    return [r["rtt_ns"][key] for r in rows if r["row"] == name and r.get("rtt_ns")]
def cell(v):
    if not v:
        return "-"
    m = statistics.median(v) / 1000
    return f"{m:.2f} ({min(v)/1000:.1f}-{max(v)/1000:.1f})"
print(f"64-byte TCP round trip, {count} per run, {runs} runs interleaved; microseconds: median of the runs (range)")
print(f"every row as JSON: out/bench/tcp-rows.jsonl")
print()
print(f"{'over a tap, kernel echo server':32}{'busy p50':>20}{'busy p99':>20}{'blocking p50':>20}{'blocking p99':>20}")
for name, label in [("lwip-tap", "lwIP, tap fd in a spin"), ("ours-tap", "ours, our tap-fd port"),
                    ("ours-dpdk", "ours, DPDK net_tap"), ("kernel", "kernel to kernel, veth")]:
    print(f"{label:32}" + "".join(f"{cell(get(f'{name}-{mode}', q)):>20}" for mode in ("busy", "block") for q in ("p50", "p99")))
print()
print(f"{'stack against itself':32}{'p50':>20}{'p99':>20}{'min':>20}")
for name, label in [("ours-shm", "ours, our shm ring"), ("lwip-shm", "lwIP, the same ring"), ("ours-memif", "ours, DPDK net_memif")]:
    print(f"{label:32}" + "".join(f"{cell(get(name, q)):>20}" for q in ("p50", "p99", "min")))
floor = [r["round_trip_ns"] * 1000 / 1000 for r in rows if r["row"] == "cache-line"]
print(f"{'one cache line, core to core':32}{cell(floor):>20}")
print()
def ratios(a, b):
    out = []
    for run in range(1, runs + 1):
        x = [r["rtt_ns"]["p50"] for r in rows if r["row"] == a and r["run"] == run and r.get("rtt_ns")]
        y = [r["rtt_ns"]["p50"] for r in rows if r["row"] == b and r["run"] == run and r.get("rtt_ns")]
        if x and y:
            out.append(x[0] / y[0])
    return f"median {statistics.median(out):.2f}  (" + ", ".join(f"{v:.2f}" for v in out) + ")" if out else "-"
print("p50 ratios, run by run:")
print(f"  ours-tap / lwip-tap, busy server       {ratios('ours-tap-busy', 'lwip-tap-busy')}")
print(f"  ours-tap / lwip-tap, blocking server   {ratios('ours-tap-block', 'lwip-tap-block')}")
print(f"  ours-dpdk / lwip-tap, busy server      {ratios('ours-dpdk-busy', 'lwip-tap-busy')}")
print(f"  ours-shm / lwip-shm                    {ratios('ours-shm', 'lwip-shm')}")
print(f"  ours-memif / ours-shm                  {ratios('ours-memif', 'ours-shm')}")
allocs = sorted(set(r.get("loop_allocated_bytes") for r in rows if r["row"].startswith("ours") and r.get("loop_allocated_bytes") is not None))
print(f"bytes allocated in our measured loops: {allocs}")
PY
