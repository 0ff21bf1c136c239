#!/usr/bin/env bash
# Runs every test of the hub and its firmware on a fresh Debian machine: installs what is missing,
# builds with warnings as errors, runs the .NET suites and the firmware's CTest suite, and ends with
# the totals line "N passed, N failed". Exits non-zero when anything failed or did not build.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
results="$root/test-results"
rm -rf "$results" && mkdir -p "$results"
passed=0
failed=0

step() { printf '\n==> %s\n' "$*"; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_packages() {
  local wanted=(mosquitto cmake build-essential pkg-config chromium)
  if [ -f device-firmware/apt-packages.txt ]; then
    mapfile -t -O "${#wanted[@]}" wanted < <(grep -vE '^\s*(#|$)' device-firmware/apt-packages.txt)
  fi
  local missing=()
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    step "Installing ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  # The tests start their own brokers on free ports; a packaged mosquitto service would only hold port 1883.
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet mosquitto 2>/dev/null; then
    as_root systemctl stop mosquitto || true
  fi
}

finish() {
  echo
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && exit 0 || exit 1
}

install_packages

step "Firmware: build and CTest"
if [ -x device-firmware/build.sh ] || [ -f device-firmware/build.sh ]; then
  if bash device-firmware/build.sh "$root/build/firmware" > "$results/firmware-build.log" 2>&1; then
    ctest --test-dir "$root/build/firmware" --output-on-failure --timeout 300 2>&1 | tee "$results/firmware-ctest.log"
    summary=$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$results/firmware-ctest.log" | tail -1)
    if [ -n "$summary" ]; then
      fw_failed=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$summary")
      fw_total=$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$summary")
      passed=$((passed + fw_total - fw_failed))
      failed=$((failed + fw_failed))
    else
      echo "CTest printed no summary"; failed=$((failed + 1))
    fi
  else
    tail -50 "$results/firmware-build.log"
    echo "The firmware did not build"; failed=$((failed + 1))
  fi
else
  echo "No firmware yet"
fi

step "Hub: restore and build with warnings as errors"
if ! dotnet build Hub.sln -c Release -warnaserror -nologo -v:q > "$results/dotnet-build.log" 2>&1; then
  grep -E 'error' "$results/dotnet-build.log" | sort -u | head -50
  echo "The hub did not build"; failed=$((failed + 1))
  finish
fi

step "Dashboard: Vitest unit tests"
# The build above ran npm ci in src/Hub.Web; these are the pure TypeScript parts (filters, sorting, formatting).
(cd src/Hub.Web && NO_COLOR=1 timeout 300 npm test --silent) 2>&1 | tee "$results/web-unit.log"
web_line=$(grep -E '^\s*Tests\s+.*\([0-9]+\)' "$results/web-unit.log" | tail -1)
if [ -n "$web_line" ]; then
  web_passed=$(grep -oE '[0-9]+ passed' <<<"$web_line" | grep -oE '[0-9]+' || echo 0)
  web_failed=$(grep -oE '[0-9]+ failed' <<<"$web_line" | grep -oE '[0-9]+' || echo 0)
  passed=$((passed + web_passed))
  failed=$((failed + web_failed))
else
  echo "Vitest printed no summary"; failed=$((failed + 1))
fi

step "Hub: test suites"
export PLUGSIM_PATH="$root/build/firmware/plugsim"
# One test assembly at a time: the suites start real plugs, brokers and browsers, and timing-sensitive
# end-to-end tests should not compete with three other suites for two cores.
timeout 1500 dotnet test --solution Hub.sln -c Release --no-build --max-parallel-test-modules 1 2>&1 | tee "$results/dotnet-test.log"
total=$(grep -E '^\s+total: [0-9]+' "$results/dotnet-test.log" | tail -1 | grep -oE '[0-9]+')
net_failed=$(grep -E '^\s+failed: [0-9]+' "$results/dotnet-test.log" | tail -1 | grep -oE '[0-9]+')
net_passed=$(grep -E '^\s+succeeded: [0-9]+' "$results/dotnet-test.log" | tail -1 | grep -oE '[0-9]+')
if [ -z "$total" ]; then
  echo "dotnet test printed no summary (crash or time-out)"; failed=$((failed + 1))
elif [ "${net_failed:-0}" -gt 0 ]; then
  # CI keeps only the tail of the output; repeat each failure's name and first lines of its message here.
  step "Failed tests"
  awk '/^failed /{n=14} n>0{print; n--}' "$results/dotnet-test.log" | cut -c1-300
fi
if [ -n "$total" ]; then
  passed=$((passed + net_passed))
  failed=$((failed + net_failed))
fi

finish
