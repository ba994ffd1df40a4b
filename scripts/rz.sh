#!/usr/bin/env bash
# Ring Zero's entry point for a fresh machine: brings a Node >= 22.12 when the
# system's is older, installs the npm packages, then runs a subcommand:
#   serve   build-free dev server with drafts (astro dev), the default
#   test    every test: unit, build checks, browser end-to-end
#   preview production build served locally
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# The registry is reached through a TLS proxy whose CA is in the system store:
# make sure Node trusts it even when the environment does not say so.
if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -r /etc/ssl/certs/ca-certificates.crt ]; then
  export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
fi

need_major=22 need_minor=12
node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  local v; v=$(node -p 'process.versions.node' 2>/dev/null) || return 1
  local major=${v%%.*} rest=${v#*.}; local minor=${rest%%.*}
  (( major > need_major || (major == need_major && minor >= need_minor) ))
}

# A private Node lives in .tools/node (from the `node` npm package, which ships
# the official binary); it never touches the system's.
private_node="$root/.tools/node/node_modules/node/bin"
if [ -x "$private_node/node" ]; then export PATH="$private_node:$PATH"; fi
if ! node_ok; then
  echo "rz: system Node is $(node --version 2>/dev/null || echo missing); installing Node 24 into .tools/node" >&2
  mkdir -p .tools/node
  (cd .tools/node && [ -f package.json ] || echo '{"private":true}' > package.json)
  npm install --prefix .tools/node --no-audit --no-fund --loglevel=error node@24 >&2
  export PATH="$private_node:$PATH"
  node_ok || { echo "rz: could not provide Node >= 22.12" >&2; exit 1; }
fi

# Install npm packages when the lockfile changed since the last install.
stamp=node_modules/.rz-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  # npm ci: exactly the locked tree (the lockfile lists every platform's optional packages).
  npm ci --no-audit --no-fund --loglevel=error >&2
  cp package-lock.json "$stamp"
fi

# The browser tests drive Debian's chromium-headless-shell (the same build as chromium, at a third
# of its CPU in these tests) and fall back to chromium; Lighthouse (npm run bench) runs chromium.
ensure_chromium() {
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromium-headless-shell ] && return 0
  echo "rz: installing Debian's chromium and chromium-headless-shell for browser tests" >&2
  local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  local install=($sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-headless-shell)
  # (the package lists are only fetched again when the install fails without them)
  "${install[@]}" >&2 2>/dev/null || { $sudo apt-get update -qq >&2 && "${install[@]}" >&2; } || {
    [ -x /usr/bin/chromium ] || return 1
    echo "rz: could not install chromium-headless-shell; the browser tests use chromium (slower)" >&2
  }
}

cmd=${1:-serve}; shift || true
case "$cmd" in
  serve)   ASTRO_DEV_BACKGROUND=0 exec npx astro dev "$@" ;;
  preview) npm run build && exec npx astro preview "$@" ;;
  test)    ensure_chromium; exec npm test -- "$@" ;;
  run)     exec npm run "$@" ;;
  *) echo "usage: ./rz [serve|preview|test|run <script>]" >&2; exit 2 ;;
esac
