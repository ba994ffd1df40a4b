#!/usr/bin/env bash
# Names listed with ls below are this script's own (release ids, cache keys): no odd characters.
# shellcheck disable=SC2010
# Ring Zero's publish runtime on the server. `npm run publish -- init <dir>` copies this file
# to <dir>/bin/publish-hook; <dir>/site.git/hooks/{pre,post}-receive call it.
#
#   pre-receive   (under the build lock) builds the pushed commit of $BRANCH in a clean
#                 temporary tree: npm install from a cache keyed by the lockfile, `npm run build`,
#                 `npm run check` when the site has one. Success leaves a complete release in
#                 releases/<id>; failure prints the build's output and rejects the push.
#   post-receive  (under the switch lock) points `live` at the release of the commit the branch
#                 now names: one rename(2) of a symlink. Then prunes old releases.
#   rollback      (under the switch lock) points `live` at the release before the current one.
#   cache-key F   prints the node_modules cache key of lockfile F (the CLI seeds caches with it).
#
# Settings come from <dir>/publish.conf (written by init): NODE_BIN, NPM_CLI, BRANCH, KEEP,
# LOCK_TIMEOUT, CHECKS (on|off), CHECK_ARGS, AFTER_PUBLISH, and BUILD_ENV_* variables
# exported to the build (e.g. RZ_SITE_URL).
set -euo pipefail
umask 022

cmd=${1:-}
root=$(cd "$(dirname "$0")/.." && pwd -P)
# shellcheck source=/dev/null
. "$root/publish.conf"
BRANCH=${BRANCH:-main}
KEEP=${KEEP:-5}
LOCK_TIMEOUT=${LOCK_TIMEOUT:-600}
[ -n "${NODE_BIN:-}" ] && export PATH="$NODE_BIN:$PATH"
if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -r /etc/ssl/certs/ca-certificates.crt ]; then
  export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
fi
zero=0000000000000000000000000000000000000000

say() { printf 'publish: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
npm_() { if [ -n "${NPM_CLI:-}" ]; then node "$NPM_CLI" "$@"; else npm "$@"; fi; }
npm_in() { local dir=$1; shift; cd "$dir" && npm_ "$@"; }

# lock FD WHAT: flock on an open descriptor; the kernel drops it when the holder dies,
# so a killed push never leaves a stale lock behind.
lock() {
  local fd=$1 what=$2
  if ! flock -n "$fd"; then
    say "another push is $what; waiting for it (up to ${LOCK_TIMEOUT}s)..."
    flock -w "$LOCK_TIMEOUT" "$fd" ||
      die "gave up after ${LOCK_TIMEOUT}s: another push is still $what. Nothing was published; push again later."
  fi
}

node_version=$(node --version 2>/dev/null || echo none) # e.g. v24.11.0

cache_key() { # the lockfile and the Node version (native packages follow Node's ABI)
  { cat "$1"; echo "$node_version"; } | sha256sum | cut -c1-16
}

node_ok() { # >= 22.12
  local v=${node_version#v} major minor
  major=${v%%.*}; minor=${v#*.}; minor=${minor%%.*}
  [[ $major =~ ^[0-9]+$ && $minor =~ ^[0-9]+$ ]] && ((major > 22 || (major == 22 && minor >= 12)))
}

# Runs a step with its output in $log; a signal to the hook reaches the step too, and the
# trap still runs (a foreground child would delay it until the child ends).
child=""
step() {
  "$@" </dev/null >>"$log" 2>&1 8>&- 9>&- &
  child=$!
  local rc=0
  wait "$child" || rc=$?
  child=""
  return "$rc"
}

fail_build() { # what
  say "$1 failed for ${sha:0:12}; nothing was published, the live site is unchanged. Output:"
  [ -f "$log" ] && tail -n 200 "$log" | sed 's/^/  | /' >&2
  die "push rejected: fix the error above, commit, and push again."
}

tmp=""
cleanup() {
  set +e # clean up all of it, whatever fails
  if [ -n "$child" ]; then kill -TERM "$child" 2>/dev/null && wait "$child" 2>/dev/null; fi
  [ -n "$tmp" ] && rm -rf "$tmp"
  rm -f "$root/run/building"
}

install_packages() { # in the work tree: node_modules -> cache/modules/<key>/node_modules
  local key entry stage
  key=$(cache_key package-lock.json)
  entry="$root/cache/modules/$key"
  if [ ! -d "$entry/node_modules" ]; then
    say "installing npm packages (lockfile $key is new to this server; later pushes reuse them)"
    stage="$root/cache/modules/.tmp-$key"
    rm -rf "$stage" && mkdir -p "$stage"
    cp package.json package-lock.json "$stage/"
    # npm install, not npm ci: the registry lacks other platforms' optional packages, which
    # the lockfile therefore cannot list and `npm ci` insists on. It installs the locked versions.
    step npm_in "$stage" install --no-audit --no-fund --loglevel=error --cache "$root/cache/npm" ||
      fail_build "npm install"
    mkdir -p "$stage/node_modules" # (a site without dependencies gets none)
    rm -rf "$entry" && mv -T "$stage" "$entry"
    # keep the three most recently used package sets
    ls -1t "$root/cache/modules" | grep -v '^\.' | tail -n +4 | while read -r old; do rm -rf "${root:?}/cache/modules/$old"; done
  fi
  touch "$entry"
  ln -s "$entry/node_modules" node_modules
}

has_checks() { # scripts/check.ts and a "check" script in package.json
  [ -f scripts/check.ts ] && grep -Eq '"check"[[:space:]]*:' package.json
}

run_checks() { # the site's own gates (html-validate, links, ...) on the dist just built
  if [ "${CHECKS:-on}" = off ]; then
    say "checks skipped: turned off in publish.conf (CHECKS=off)"
  elif has_checks; then
    say "checking ${sha:0:12}: npm run check -- ${CHECK_ARGS-}"
    log="$tmp/check.log"
    # shellcheck disable=SC2086 # CHECK_ARGS is a list of words
    step npm_ run check -- ${CHECK_ARGS-} || fail_build "the site's checks"
  else
    say "checks skipped: the site has no scripts/check.ts (npm run check) yet"
  fi
}

after_publish() { # e.g. reload nginx so it re-reads header files included from live/
  [ -n "${AFTER_PUBLISH:-}" ] || return 0
  RZ_LIVE="$root/live" sh -c "$AFTER_PUBLISH" </dev/null >&2 ||
    say "warning: the after-publish command failed (the release is live all the same): $AFTER_PUBLISH"
}

pre_receive() {
  local old="" new="" o n ref current id started
  while read -r o n ref; do
    [ "$ref" = "refs/heads/$BRANCH" ] || continue
    [ "$n" = "$zero" ] && die "refusing to delete $BRANCH: the site is built from it."
    old=$o new=$n
  done
  [ -n "$new" ] || exit 0 # other branches and tags: accepted, nothing to publish

  node_ok || die "Node >= 22.12 not found (NODE_BIN=${NODE_BIN:-unset} in $root/publish.conf); run init again."
  exec 8>>"$root/run/build.lock"
  lock 8 building
  # Whatever is in tmp/ now was left by a push that died (we hold the lock): clear it.
  rm -rf "${root:?}/tmp/"* "$root/cache/modules/.tmp-"*

  current=$(git rev-parse -q --verify "refs/heads/$BRANCH" || echo "$zero")
  [ "$current" = "$old" ] ||
    die "$BRANCH moved to ${current:0:12} while this push waited (another push published first): git pull --rebase, then push again."

  sha=$new
  id=$(date -u +%Y%m%dT%H%M%S)-${sha:0:12}
  tmp="$root/tmp/$id"
  log="$tmp/install.log" # each step's output goes to its own log; a failure prints that one
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
  mkdir -p "$tmp/src"
  echo "$$ $sha" >"$root/run/building"
  started=$(date +%s)
  git archive --format=tar "$sha" | tar -x -C "$tmp/src"
  # The build must not see git's receive environment (GIT_DIR, quarantine) or the caller's.
  # shellcheck disable=SC2046 # one word per variable name
  unset $(env | sed -n 's/^\(GIT_[A-Za-z_]*\)=.*/\1/p') NODE_ENV
  for v in $(env | sed -n 's/^BUILD_ENV_\([A-Za-z_]*\)=.*/\1/p'); do
    export "$v=$(printenv "BUILD_ENV_$v")"
  done
  cd "$tmp/src"
  [ -f package-lock.json ] || die "the pushed commit has no package-lock.json; nothing was published."
  install_packages
  say "building ${sha:0:12}: npm run build"
  log="$tmp/build.log"
  step npm_ run build || fail_build "the build"
  [ -f dist/index.html ] || { echo "dist/index.html is missing after the build" >>"$log"; fail_build "the build"; }
  run_checks
  chmod -R a+rX dist
  mv -T dist "$root/releases/$id" # a release appears whole, or not at all
  say "built ${sha:0:12} in $(($(date +%s) - started))s as release $id"
}

release_of() { # newest release built from commit $1
  ls -1 "$root/releases" | grep -E -- "-${1:0:12}\$" | sort | tail -n 1
}

# history: one release id a line, each time live switched to it; rollback walks it back.
history="$root/run/history"

switch_to() { # id: live -> releases/id by renaming a fresh symlink over it; previous -> the old one
  local id=$1 was
  was=$(readlink "$root/live" 2>/dev/null || true)
  [ "$was" = "releases/$id" ] && return 0
  ln -sfn "releases/$id" "$root/.live.tmp"
  mv -T "$root/.live.tmp" "$root/live"
  if [ -n "$was" ]; then
    ln -sfn "$was" "$root/.previous.tmp"
    mv -T "$root/.previous.tmp" "$root/previous"
  fi
}

publish() { # id: switch, remember, prune
  switch_to "$1"
  echo "$1" >>"$history"
  tail -n 200 "$history" >"$history.tmp" && mv -f "$history.tmp" "$history"
  prune
}

prune() {
  # Keep the releases of the last $KEEP publishes, and what live and previous name. Delete the
  # rest that are older than live; newer ones may be pushes whose post-receive has not run yet.
  local live prev old keepers
  live=$(basename "$(readlink "$root/live" 2>/dev/null || echo none)")
  prev=$(basename "$(readlink "$root/previous" 2>/dev/null || echo none)")
  keepers=$(tac "$history" 2>/dev/null | awk '!seen[$0]++' | head -n "$KEEP")
  ls -1 "$root/releases" | grep -v '^\.' | while read -r old; do
    [ "$old" \< "$live" ] || continue
    [ "$old" = "$prev" ] && continue
    printf '%s\n' "$keepers" | grep -qxF -- "$old" && continue
    rm -rf "${root:?}/releases/$old"
  done
}

post_receive() {
  local touched="" o n ref sha id
  while read -r o n ref; do [ "$ref" = "refs/heads/$BRANCH" ] && touched=1; done
  [ -n "$touched" ] || exit 0
  exec 9>>"$root/run/switch.lock"
  lock 9 switching
  # Whatever order concurrent pushes finish in, live follows what the branch names now.
  sha=$(git rev-parse -q --verify "refs/heads/$BRANCH") || exit 0
  id=$(release_of "$sha")
  [ -n "$id" ] || die "no release was built for ${sha:0:12}; the live site is unchanged."
  publish "$id"
  say "published ${sha:0:12}: live -> releases/$id"
  after_publish
}

rollback() { # back to the release published before the current one, still kept
  local cur prev="" line
  exec 9>>"$root/run/switch.lock"
  lock 9 switching
  cur=$(basename "$(readlink "$root/live" 2>/dev/null)" 2>/dev/null || true)
  [ -n "$cur" ] || die "nothing is live yet: nothing to roll back."
  # history without its trailing entries for the current release, then without releases pruned since
  local rest; rest=$(awk -v c="$cur" '{ l[NR] = $0 } END { n = NR; while (n > 0 && l[n] == c) n--; for (i = 1; i <= n; i++) print l[i] }' "$history" 2>/dev/null)
  while [ -n "$rest" ]; do
    line=$(printf '%s\n' "$rest" | tail -n 1)
    if [ "$line" != "$cur" ] && [ -d "$root/releases/$line" ]; then prev=$line; break; fi
    rest=$(printf '%s\n' "$rest" | sed '$d')
  done
  [ -n "$prev" ] || die "no earlier release is kept (see $root/releases): nothing to roll back to."
  switch_to "$prev"
  printf '%s\n' "$rest" >"$history.tmp" && mv -f "$history.tmp" "$history"
  say "rolled back: live -> releases/$prev (was $cur). The next push publishes again."
  after_publish
}

case "$cmd" in
  pre-receive) pre_receive ;;
  post-receive) post_receive ;;
  rollback) rollback ;;
  cache-key) cache_key "${2:?lockfile}" ;;
  *) die "usage: publish-hook pre-receive|post-receive|rollback|cache-key <lockfile>" ;;
esac
