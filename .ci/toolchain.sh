#!/usr/bin/env bash
# Runs a command with the toolchain this repo needs, bringing whatever is missing first:
#   Node 24 (from the npm registry's `node` package), pnpm (the version in package.json's
#   `packageManager`), Chromium for browser tests (Debian's package, when we may install it), and the
#   workspace's dependencies. Works on a fresh machine with only Node 20 + npm and on a laptop that
#   already has Node 24 and pnpm (then it only checks and runs).
#
#   usage: bash .ci/toolchain.sh <command> [args...]
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${CLERKSHIP_TOOLCHAIN_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/clerkship/toolchain}
node_major=24
pnpm_version=$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' "$repo/package.json")

say() { printf '\033[1m[clerkship]\033[0m %s\n' "$*" >&2; }

node_major_of() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# Each tool gets its own folder: a second `npm install --no-save` into the same folder would prune the first.
node_dir="$cache/node-$node_major"
pnpm_dir="$cache/pnpm-$pnpm_version"

# 1. Node 24
if [ "$(node_major_of node)" -lt "$node_major" ]; then
  if [ "$(node_major_of "$node_dir/node_modules/.bin/node")" -lt "$node_major" ]; then
    say "Node $(node --version 2>/dev/null || echo 'is missing'); installing Node $node_major from the npm registry into $node_dir"
    mkdir -p "$node_dir"
    npm install --prefix "$node_dir" --no-save --no-audit --no-fund --loglevel=error "node@$node_major" >&2
  fi
  export PATH="$node_dir/node_modules/.bin:$PATH"
fi
if [ "$(node_major_of node)" -lt "$node_major" ]; then
  say "could not get Node $node_major (found $(node --version 2>/dev/null || echo none)); install it and run again"
  exit 1
fi
say "using Node $(node --version) ($(command -v node))"

# 2. pnpm, the exact version the repo pins
if [ "$(pnpm --version 2>/dev/null || true)" != "$pnpm_version" ]; then
  if [ "$("$pnpm_dir/node_modules/.bin/pnpm" --version 2>/dev/null || true)" != "$pnpm_version" ]; then
    say "installing pnpm $pnpm_version from the npm registry into $pnpm_dir"
    mkdir -p "$pnpm_dir"
    npm install --prefix "$pnpm_dir" --no-save --no-audit --no-fund --loglevel=error "pnpm@$pnpm_version" >&2
  fi
  export PATH="$pnpm_dir/node_modules/.bin:$PATH"
fi
say "using pnpm $(pnpm --version)"

# 3. Chromium for the browser tests (playwright-core drives the system browser; it downloads nothing)
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Chromium from Debian's packages (for browser tests)"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  else
    say "no Chromium found: browser tests will ask for CHROMIUM_PATH (a Chrome or Chromium binary)"
  fi
fi

# 3b. A PostgreSQL server for the concurrency tests (each test starts a throwaway cluster of its own)
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing PostgreSQL from Debian's packages (for the concurrency tests)"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  else
    say "no PostgreSQL server found: the concurrency tests need one (apt-get install postgresql)"
  fi
fi

# 4. Workspace dependencies
cd "$repo"
say "installing workspace dependencies (pnpm install --frozen-lockfile)"
pnpm install --frozen-lockfile --reporter=append-only >&2

export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
say "running: $*"
exec "$@"
