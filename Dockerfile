# broadsheet in a container, for CI jobs and machines without Rust.
#
#   docker build -t broadsheet .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/site" broadsheet build
#
# docs/deploy.md explains how to use it.

# The build stage: the toolchain and the sources, used only to compile.
FROM rust:1-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked

# The image: the binary alone, on Debian 12's C runtime (the same Debian as
# the build stage, whose glibc the binary was linked against).
FROM gcr.io/distroless/cc-debian12
COPY --from=build /src/target/release/broadsheet /broadsheet
WORKDIR /site
ENTRYPOINT ["/broadsheet"]
