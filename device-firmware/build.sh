#!/usr/bin/env bash
# Configures and builds the firmware, plugsim, mkimage, tests and fuzzers.
#   bash device-firmware/build.sh <build-dir>
# then: ctest --test-dir <build-dir> --output-on-failure
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${1:?usage: build.sh <build-dir>}"
# clang, not $CC: the libFuzzer targets need it (PLUG_CC=gcc builds without them)
cc="${PLUG_CC:-clang}"
if ! command -v "$cc" >/dev/null 2>&1; then
	echo "build.sh: $cc not found (apt-get install -y \$(cat $here/apt-packages.txt))" >&2
	exit 1
fi
cmake -S "$here" -B "$build" -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" -j "${JOBS:-2}"
