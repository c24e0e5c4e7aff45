#!/usr/bin/env bash
# Reserves 2 MB hugepages and mounts hugetlbfs when it can (root, kernel support).
# When it cannot, it says so in one line; ttt then falls back to --no-huge itself.
pages=${HUGEPAGES:-512}
ok=1
if ! grep -q " hugetlbfs " /proc/mounts; then
  mkdir -p /dev/hugepages 2>/dev/null && mount -t hugetlbfs nodev /dev/hugepages 2>/dev/null || ok=0
fi
have=$(awk '/^HugePages_Total:/ {print $2}' /proc/meminfo)
if [ "${have:-0}" -lt "$pages" ]; then
  echo "$pages" > /proc/sys/vm/nr_hugepages 2>/dev/null || ok=0
fi
free=$(awk '/^HugePages_Free:/ {print $2}' /proc/meminfo)
if [ "$ok" -eq 1 ] && [ "${free:-0}" -gt 0 ]; then
  echo "hugepages: ${free} free 2 MB pages on /dev/hugepages"
else
  echo "hugepages: could not reserve 2 MB hugepages (need root and kernel support); ttt will run EAL with --no-huge"
fi
