# TickToTrade: the whole set-up is `make run` or `make test` (see README).
# Each target installs what is missing, builds what is stale, then does its job.
SHELL := /bin/bash
.DEFAULT_GOAL := build

OUT      := out
BIN      := $(CURDIR)/$(OUT)/bin
RESULTS  := $(CURDIR)/$(OUT)/test-results
RID      := linux-x64
DOTNET   ?= dotnet
DOTNET_PUBLISH := $(DOTNET) publish -c Release -r $(RID) --nologo -p:CopyOutputSymbolsToPublishDirectory=false -p:DebugType=none
# Debian 12 packages the build, the tests and the interop peers need.
APT_PACKAGES := build-essential pkg-config dpdk dpdk-dev libdpdk-dev libpcap-dev libnuma-dev libbsd-dev tshark iproute2 procps python3 iputils-ping liblwip-dev

export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

.PHONY: deps native build run test bench hugepages clean

deps:
	@scripts/install-deps.sh $(APT_PACKAGES)

native: deps
	@$(MAKE) --no-print-directory -C native OUT=$(CURDIR)/$(OUT)/native

# The engine: one NativeAOT file at out/bin/ttt; then the main job's default input,
# a generated ITCH day (config/ttt.json: Replay.Pcap).
DEFAULT_CAPTURE := $(OUT)/data/default.pcap
build: native
	$(DOTNET_PUBLISH) src/TickToTrade.App -o $(BIN)
	@mkdir -p $(dir $(DEFAULT_CAPTURE))
	@test -s $(DEFAULT_CAPTURE) || $(BIN)/ttt gen --symbols 100 --messages 20000 --seed 1 --out $(DEFAULT_CAPTURE) > /dev/null

hugepages:
	@scripts/hugepages.sh

# The main job on the configuration embedded in the binary (config/ttt.json).
run: build hugepages
	$(BIN)/ttt run

# Every test; the plain closing line "N passed, N failed" lands in $(RESULTS)/summary.txt.
test: build
	@rm -rf $(RESULTS) && mkdir -p $(RESULTS)
	@rc=0; \
	  $(DOTNET) build TickToTrade.sln -c Release --nologo -v q || rc=$$?; \
	  for proj in tests/*/*.Tests.csproj; do \
	    name=$$(basename $$proj .csproj); \
	    $(DOTNET) test $$proj -c Release --no-build --nologo --logger "trx;LogFileName=$$name.trx" \
	      --logger "console;verbosity=normal" --results-directory $(RESULTS) || rc=1; \
	  done; \
	  scripts/test-summary.sh $(RESULTS) | tee $(RESULTS)/summary.txt; \
	  exit $$rc

# Benchmarks (not run by CI): out/bin/ttt-bench, then our TCP beside lwIP's and the kernel's (bench/tcp.sh).
bench: build
	$(DOTNET_PUBLISH) bench/TickToTrade.Bench -o $(BIN)
	@$(MAKE) --no-print-directory -C bench/native OUT=$(BIN)
	$(BIN)/ttt-bench all
	bench/tcp.sh

clean:
	rm -rf $(OUT)
	find src tests bench -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
