# Tessera binaries (tessera, vttablet, vtgate) on Debian 12.
# Build: docker build -t tessera .   (docker-compose.yml does this for you)

FROM debian:12 AS build
WORKDIR /src
COPY scripts/install-deps.sh scripts/install-deps.sh
RUN scripts/install-deps.sh && rm -rf /var/lib/apt/lists/*
COPY . .
RUN rm -rf build* \
 && cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DTESSERA_BUILD_TESTS=OFF -DTESSERA_BUILD_BENCH=OFF \
 && ninja -C /build tessera vttablet vtgate schemad

FROM debian:12 AS runtime
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      libmariadb3 libyaml-cpp0.7 libspdlog1.10 libfmt9 libssl3 libantlr4-runtime4.9 \
      libboost-system1.74.0 libxxhash0 libtcmalloc-minimal4 mariadb-client ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /build/bin/tessera /build/bin/vttablet /build/bin/vtgate /build/bin/schemad /usr/local/bin/
COPY config/examples /etc/tessera/examples
WORKDIR /var/lib/tessera
CMD ["tessera", "--help"]
