#!/bin/sh
# Compiles core/ and port/bl602/ for the BL602's RV32IMAFC core with
# Debian's riscv64-unknown-elf-gcc + picolibc, warnings as errors. Compile
# only: linking needs the SDK (see README.md).
set -eu
src="$1"
out="$2"
mkdir -p "$out"
cc=riscv64-unknown-elf-gcc
if ! command -v $cc >/dev/null 2>&1; then
	echo "cross_bl602: $cc not installed (see apt-packages.txt)"
	exit 77
fi
flags="-specs=picolibc.specs -march=rv32imafc -mabi=ilp32f -std=c11 -Os -ffunction-sections
 -fdata-sections -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
 -I$src/include -I$src/core -I$src/port/bl602"
n=0
for f in "$src"/core/*.c "$src"/port/bl602/*.c; do
	$cc $flags -c "$f" -o "$out/$(basename "$f" .c).o"
	n=$((n + 1))
done
echo "cross_bl602: $n files compiled for rv32imafc/ilp32f"
