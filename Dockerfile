# Builds out/bin/ttt exactly as `make build` does, then ships it in a slim image.
FROM mcr.microsoft.com/dotnet/sdk:10.0-bookworm-slim AS build
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        build-essential pkg-config dpdk-dev libdpdk-dev libpcap-dev libnuma-dev libbsd-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN make -C native OUT=/src/out/native \
    && dotnet publish src/TickToTrade.App -c Release -r linux-x64 -o /src/out/bin \
         -p:CopyOutputSymbolsToPublishDirectory=false -p:DebugType=none

FROM debian:bookworm-slim
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libpcap0.8 libnuma1 libbsd0 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/out/bin/ttt /usr/local/bin/ttt
ENTRYPOINT ["/usr/local/bin/ttt"]
CMD ["--help"]
