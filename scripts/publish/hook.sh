#!/usr/bin/env bash
# Names listed with ls below are this script's own (release ids, cache keys): no odd characters.
# shellcheck disable=SC2010,SC2012
# Ring Zero's publish runtime on the server. `npm run publish -- init <dir>` copies this file
# to <dir>/bin/publish-hook; <dir>/site.git/hooks/{pre,post}-receive call it.
#
#   pre-receive   (under the build lock) builds the pushed commit of $BRANCH in a clean
#                 temporary tree: npm ci into a cache keyed by the lockfile, `npm run build`,
#                 `npm run check` when the site has one. Success leaves a complete release in
#                 releases/<id> and hands the lock to `finish`; failure prints the build's output
#                 and rejects the push.
#   finish        (detached, holding the build lock) waits until git has updated the branch or
#                 given up: publishes the release if the branch names its commit and post-receive
#                 did not, deletes it if the push was not accepted. The next push sees the outcome.
#   post-receive  (under the switch lock) points `live` at the release of the commit the branch
#                 now names: one rename(2) of a symlink. Then prunes old releases.
#   rollback      (under the switch lock) points `live` at the release before the current one.
#   republish     (under the build lock) publishes the release of what the branch names, built
#                 from site.git if none is kept (the fix `status` offers for a mismatch).
#   scheduled     (under the build lock; daily from cron or a systemd timer) builds and publishes
#                 the branch again when a post the live release held back (dated after its
#                 build) is due; RZ_NOW sets the day, as it does for a build.
#   cache-key F   prints the node_modules cache key of lockfile F and the package.json beside it
#                 (the CLI seeds caches with it).
#
# Settings come from <dir>/publish.conf (written by init): NODE_BIN, NPM_CLI, BRANCH, KEEP,
# LOCK_TIMEOUT, CHECKS (on|off), CHECK_ARGS, AFTER_PUBLISH, and BUILD_ENV_* variables
# exported to the build (e.g. RZ_SITE_URL).
set -eEuo pipefail # (-E: the ERR trap of build_release reaches the functions it calls)
umask 022
# The client may go away mid-push: writing to it must not kill the hook (see say).
trap '' PIPE

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
if [ -n "${NPM_CLI:-}" ]; then npm=(node "$NPM_CLI"); else npm=(npm); fi

# To the client (or the finisher's log); never fails, even when the client is gone.
say() { printf 'publish: %s\n' "$*" >&2 2>/dev/null || true; }
die() { say "$*"; exit 1; }

# lock FD WHAT: flock on an open descriptor; the kernel drops it when the holder dies,
# so a killed push never leaves a stale lock behind.
lock() { # FD WHAT [what giving up means]
  local fd=$1 what=$2 outcome=${3:-"Nothing was published; push again later."}
  if ! flock -n "$fd"; then
    say "another push is $what; waiting for it (up to ${LOCK_TIMEOUT}s)..."
    flock -w "$LOCK_TIMEOUT" "$fd" || die "gave up after ${LOCK_TIMEOUT}s: another push is still $what. $outcome"
  fi
}

unset_git_env() { # git's receive environment (GIT_DIR, quarantine, ...) and the caller's
  # shellcheck disable=SC2046 # one word per variable name
  unset $(env | sed -n 's/^\(GIT_[A-Za-z_]*\)=.*/\1/p') NODE_ENV
}

node_version=$(node --version 2>/dev/null || echo none) # e.g. v24.11.0

cache_key() { # the lockfile, the package.json beside it (npm ci checks one against the other)
  # and the Node version (native packages follow Node's ABI)
  { cat "$1" "$(dirname "$1")/package.json" 2>/dev/null; echo "$node_version"; } | sha256sum | cut -c1-16
}

node_ok() { # >= 22.12
  local v=${node_version#v} major minor
  major=${v%%.*}; minor=${v#*.}; minor=${minor%%.*}
  [[ $major =~ ^[0-9]+$ && $minor =~ ^[0-9]+$ ]] && ((major > 22 || (major == 22 && minor >= 12)))
}

proc_start() { # pid: prints its start time while it runs (not a zombie); tells a reused pid apart
  local s="" f
  { IFS= read -r s <"/proc/$1/stat" || [ -n "$s" ]; } 2>/dev/null || return 1
  read -r -a f <<<"${s##*) }" # after "pid (comm) ": state ppid pgrp ... starttime is the 20th
  [ "${f[0]}" != Z ] && echo "${f[19]}"
}

running() { # pid start: that process still runs (start: its start time; "" if unknown)
  if [ -n "$2" ]; then [ "$(proc_start "$1" || true)" = "$2" ]; else kill -0 "$1" 2>/dev/null; fi
}

stop_group() { # pgid: TERM to the whole process group, KILL to what is left after 5 s
  local g=$1 i
  kill -TERM -- "-$g" 2>/dev/null || { kill -TERM "$g" 2>/dev/null; return 0; } # (not its own group yet)
  for ((i = 0; i < 50; i++)); do
    kill -0 -- "-$g" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL -- "-$g" 2>/dev/null || true
}

ours() { # pgid: a process of that group still works in this directory (the id was not reused)
  local f s pgrp cwd
  for f in /proc/[0-9]*/stat; do
    s=""
    { IFS= read -r s <"$f" || [ -n "$s" ]; } 2>/dev/null || continue
    read -r _ _ pgrp _ <<<"${s##*) }"
    [ "$pgrp" = "$1" ] || continue
    cwd=$(readlink "${f%/stat}/cwd" 2>/dev/null) || continue
    [[ $cwd == "$root"/* ]] && return 0
  done
  return 1
}

# step DIR CMD...: CMD in DIR with its output in $log, in a process group of its own (its pid is
# the group id, recorded in run/building) so that stopping it stops all it started. In the
# background, so that a signal to the hook runs the trap at once.
child=""
step() {
  local dir=$1 rc=0
  shift
  (trap - PIPE; cd "$dir" && exec setsid "$@") </dev/null >>"$log" 2>&1 8>&- 9>&- &
  child=$!
  echo "$$ $sha $child" >"$root/run/building"
  wait "$child" || rc=$?
  child=""
  return "$rc"
}

human_kb() { # KB -> "12 KB", "340 MB", "2 GB"
  if (($1 >= 1048576)); then echo "$(($1 / 1048576)) GB"; elif (($1 >= 1024)); then echo "$(($1 / 1024)) MB"; else echo "$1 KB"; fi
}

# fail_build WHAT RC [server]: prints the step's output and rejects the push, saying whose
# problem it is: the author's (a failing build or checks) unless the server caused it.
fail_build() {
  local what=$1 rc=$2 kind=${3:-author} free
  say "$what failed for ${sha:0:12}; nothing was published, the live site is unchanged. Output:"
  if [ -f "$log" ]; then tail -n 200 "$log" | sed 's/^/  | /' >&2 2>/dev/null || true; fi
  free=$(df -Pk "$root" 2>/dev/null | awk 'NR == 2 { print $4 }') || true
  if ((rc >= 128)); then
    die "$what was stopped on the server (signal $((rc - 128))) — not a problem with your commit; push again."
  elif grep -qsE 'ENOSPC|No space left on device' "$log" || [[ $free =~ ^[0-9]+$ && $free -lt 1024 ]]; then
    die "the server is out of disk space ($(human_kb "${free:-0}") free in $root): not a problem with your commit; free space on the server, then push again."
  elif [ "$kind" = server ]; then
    die "$what failed on the server (see its output above): not a problem with your commit; push again once the server is fixed."
  fi
  [ "$cmd" = republish ] && die "not republished: fix the error above in a new commit, and push it."
  die "push rejected: fix the error above, commit, and push again."
}

server_failed() { # LINE RC
  local free
  free=$(df -Pk "$root" 2>/dev/null | awk 'NR == 2 { print $4 }') || true
  if [[ $free =~ ^[0-9]+$ && $free -lt 1024 ]]; then
    die "the server is out of disk space ($(human_kb "$free") free in $root): not a problem with your commit; nothing was published. Free space on the server, then push again."
  fi
  die "the server could not prepare the build (publish-hook line $1 exited $2): not a problem with your commit; nothing was published. See the server's disk and logs, then push again."
}

sha="" id="" tmp="" log=/dev/null
cleanup() {
  set +e # clean up all of it, whatever fails
  [ -n "$child" ] && stop_group "$child"
  [ -n "$tmp" ] && rm -rf "$tmp"
  rm -f "$root/run/building"
}

clear_stale() { # (under the build lock) what a push killed outright (SIGKILL) left behind
  local g=""
  if [ -f "$root/run/building" ]; then
    read -r _ _ g <"$root/run/building" || true
    if [ -n "$g" ] && ours "$g"; then
      say "stopping the build left running by a push that was killed (process group $g)"
      stop_group "$g"
    fi
  fi
  rm -f "$root/run/building" "$root/run/updated-"*
  rm -rf "${root:?}/tmp/"* "$root/cache/modules/.tmp-"* "$root/cache/.build.tmp"
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
    # npm ci: exactly the tree the lockfile lists (it lists every platform's optional packages).
    local rc=0
    step "$stage" "${npm[@]}" ci --no-audit --no-fund --loglevel=error --cache "$root/cache/npm" || rc=$?
    if ((rc)); then
      # a lockfile npm refuses is the commit's; anything else (the network, the registry) the server's
      if grep -qsE 'EUSAGE|in sync|ETARGET|E404|ERESOLVE|EJSONPARSE|Invalid package' "$log"; then fail_build "npm ci" "$rc"; fi
      fail_build "npm install" "$rc" server
    fi
    mkdir -p "$stage/node_modules" # (a site without dependencies gets none)
    rm -rf "$entry" && mv -T "$stage" "$entry"
    # keep the three most recently used package sets
    ls -1t "$root/cache/modules" | grep -v '^\.' | tail -n +4 | while read -r old; do rm -rf "${root:?}/cache/modules/$old"; done
  fi
  touch "$entry"
  ln -s "$entry/node_modules" node_modules
}

# The site keeps its build caches (Astro's, the checks') in .cache/. The server's copy is
# cache/build, a symlink to cache/build-<id>: copied in before a build (copies, not links: the
# build rewrites files in place), replaced by the build's own after a build that passed.
restore_build_cache() {
  [ -d "$root/cache/build" ] || return 0
  mkdir -p .cache
  cp -a "$root/cache/build/." .cache/ 2>>"$log" ||
    { say "warning: could not copy the build cache (see $root/cache); building without it"; rm -rf .cache; }
}

save_build_cache() {
  local old
  [ -d .cache ] || return 0
  if ! { mv -T .cache "$root/cache/build-$id" && ln -sfn "build-$id" "$root/cache/.build.tmp" &&
    mv -T "$root/cache/.build.tmp" "$root/cache/build"; }; then
    say "warning: could not keep the build cache; the next build starts without it"
    return 0
  fi
  ls -1 "$root/cache" | { grep '^build-' || true; } | while read -r old; do
    [ "$old" = "build-$id" ] || rm -rf "${root:?}/cache/$old"
  done
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
    step "$tmp/src" "${npm[@]}" run check -- ${CHECK_ARGS-} || fail_build "the site's checks" $?
    { grep -E '^(✓|✗)' "$log" || true; } | sed 's/^/  | /' >&2 2>/dev/null || true
  else
    say "checks skipped: the site has no scripts/check.ts (npm run check) yet"
  fi
}

after_publish() { # e.g. reload nginx so it re-reads header files included from live/
  if [ -z "${AFTER_PUBLISH:-}" ]; then
    # nginx reads live/security-headers.conf when it loads: a changed CSP needs a reload
    if [ -f "$root/previous/security-headers.conf" ] && ! cmp -s "$root/previous/security-headers.conf" "$root/live/security-headers.conf"; then
      say "note: this release's security headers (CSP) differ from the last one's: reload nginx (sudo nginx -s reload) so it sends them; init with --after-publish \"sudo nginx -s reload\" to do it on each publish."
    fi
    # and live/redirects.conf (the 301s of old URLs, from posts' aliases): changed aliases need one too
    if [ "$(grep -s '^location' "$root/previous/redirects.conf" || true)" != "$(grep -s '^location' "$root/live/redirects.conf" || true)" ]; then
      say "note: this release's redirects of old URLs (aliases) differ from the last one's: reload nginx (sudo nginx -s reload) so it answers them with a 301 (until then the redirect pages send readers on)."
    fi
    return 0
  fi
  local out
  # its own lines (nginx's "[notice] ... signal process started") only when it fails
  if out=$(RZ_LIVE="$root/live" sh -c "$AFTER_PUBLISH" </dev/null 2>&1 8>&- 9>&-); then
    case "$AFTER_PUBLISH" in *nginx*) say "nginx reloaded" ;; *) say "after publish: ran $AFTER_PUBLISH" ;; esac
  else
    [ -z "$out" ] || { printf '%s\n' "$out" | sed 's/^/  | /' >&2 2>/dev/null || true; }
    say "warning: the after-publish command failed (the release is live all the same): $AFTER_PUBLISH"
  fi
}

# build_release SHA: releases/<id> built from commit SHA of the repository git's environment
# names (pre-receive: the pushed objects in quarantine), or the push is rejected.
build_release() {
  local started
  # a command of the hook itself failed (extracting, copying, moving): not the commit's fault
  trap 'server_failed $LINENO $?' ERR
  sha=$1
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
  unset_git_env # the build must not see them
  for v in $(env | sed -n 's/^BUILD_ENV_\([A-Za-z_]*\)=.*/\1/p'); do
    export "$v=$(printenv "BUILD_ENV_$v")"
  done
  cd "$tmp/src"
  [ -f package-lock.json ] || die "the pushed commit has no package-lock.json; nothing was published."
  install_packages
  log="$tmp/build.log"
  restore_build_cache
  say "building ${sha:0:12}: npm run build"
  # what the server needs from the build, as data (scripts/publish/manifest.ts)
  export RZ_PUBLISH_MANIFEST="$tmp/publish-manifest.json"
  step "$tmp/src" "${npm[@]}" run build || fail_build "the build" $?
  [ -f dist/index.html ] || { echo "dist/index.html is missing after the build" >>"$log"; fail_build "the build" 1; }
  # the posts this build held back, from its manifest: `scheduled` publishes them on their day
  mkdir -p "$root/run/scheduled"
  if [ -f "$RZ_PUBLISH_MANIFEST" ]; then cp "$RZ_PUBLISH_MANIFEST" "$root/run/scheduled/$id.json"; else rm -f "$root/run/scheduled/$id.json"; fi
  run_checks
  # nginx includes this file: only add_header lines (and comments) may reach it
  if [ -f dist/security-headers.conf ] && grep -vqE '^[[:space:]]*(#.*)?$|^add_header [A-Za-z-]+ "[^"]*" always;$' dist/security-headers.conf; then
    grep -vnE '^[[:space:]]*(#.*)?$|^add_header [A-Za-z-]+ "[^"]*" always;$' dist/security-headers.conf | head -n 5 >>"$log"
    echo "dist/security-headers.conf may hold only lines of the form: add_header Name \"value\" always;" >>"$log"
    fail_build "the headers check" 1
  fi
  # and this one in the server block: only exact-location 301s (and comments), no other directive
  ok_redirect='^[[:space:]]*(#.*)?$|^location = /[^[:space:];{}"'"'"'\$]* \{ return 301 /[^[:space:];{}"'"'"'\$]*; \}$'
  if [ -f dist/redirects.conf ] && grep -vqE "$ok_redirect" dist/redirects.conf; then
    grep -vnE "$ok_redirect" dist/redirects.conf | head -n 5 >>"$log"
    echo "dist/redirects.conf may hold only lines of the form: location = /old/path/ { return 301 /posts/new/; }" >>"$log"
    fail_build "the redirects check" 1
  fi
  save_build_cache
  chmod -R a+rX dist
  # a release appears whole, or not at all
  mv -T dist "$root/releases/$id" 2>>"$log" || fail_build "moving the release into releases/" $? server
  say "built ${sha:0:12} in $(($(date +%s) - started))s as release $id"
}

pre_receive() {
  local old="" new="" o n ref current rp=$PPID rp_start
  while read -r o n ref; do
    if [ "$ref" != "refs/heads/$BRANCH" ]; then
      # kept in the repository, never built: say so, or a push to the wrong branch looks published
      [ "$n" = "$zero" ] && { say "deleted ${ref#refs/*/} (not published: only $BRANCH is)"; continue; }
      current=$(git rev-parse -q --verify "refs/heads/$BRANCH" || true)
      if [ -n "$current" ]; then current="$BRANCH at ${current:0:12}"; else current="nothing yet"; fi
      local as=${ref#refs/*/}
      case "$ref" in refs/tags/*) as="$as^{commit}" ;; esac
      say "not published: ${ref#refs/*/} is kept in the repository, but only $BRANCH is built; the site still shows $current. To publish it: git push <remote> $as:$BRANCH"
      continue
    fi
    [ "$n" = "$zero" ] && die "refusing to delete $BRANCH: the site is built from it."
    old=$o new=$n
  done
  [ -n "$new" ] || exit 0 # other branches and tags: accepted (and said), nothing to publish

  node_ok || die "Node >= 22.12 not found (NODE_BIN=${NODE_BIN:-unset} in $root/publish.conf); run init again."
  exec 8>>"$root/run/build.lock"
  lock 8 building
  clear_stale

  current=$(git rev-parse -q --verify "refs/heads/$BRANCH" || echo "$zero")
  [ "$current" = "$old" ] ||
    die "$BRANCH moved to ${current:0:12} while this push waited (another push published first): git pull --rebase, then push again."

  rp_start=$(proc_start "$rp" || true) # receive-pack, which updates the branch after this hook
  build_release "$new"
  # Git updates the branch after this hook exits. Until then the lock goes to a finisher, detached
  # from the client (a dropped connection cannot stop it), so the next push sees the outcome.
  local flog="$root/run/finish.log"
  if [ -f "$flog" ] && (($(wc -l <"$flog") > 2000)); then tail -n 1000 "$flog" >"$flog.tmp" && mv -f "$flog.tmp" "$flog"; fi
  cd "$root" # (the finisher outlives tmp/)
  setsid bash "$0" finish "$id" "$sha" "$rp" "$rp_start" </dev/null >>"$flog" 2>&1 9>&- &
}

# finish ID SHA PID START (holds fd 8, the build lock, from pre-receive): waits for post-receive
# (it touches run/updated-SHA) or for receive-pack (PID) to end, 600 s at most, then makes the
# outcome whole: the release published if the branch names SHA, else deleted.
finish() {
  local id=$1 sha=$2 rp=$3 start=$4 now flag
  flag="$root/run/updated-$sha"
  cd "$root"
  while [ ! -e "$flag" ] && running "$rp" "$start" && ((SECONDS < 600)); do
    sleep 0.1
  done
  unset_git_env
  now=$(git --git-dir "$root/site.git" rev-parse -q --verify "refs/heads/$BRANCH" || true)
  if [ -e "$flag" ]; then
    say "$(date -u +%FT%TZ) $id: accepted; post-receive published it"
  elif [ "$now" = "$sha" ]; then
    exec 9>>"$root/run/switch.lock"
    lock 9 switching
    publish "$id"
    say "$(date -u +%FT%TZ) $id: accepted, but post-receive did not run: published ${sha:0:12}: live -> releases/$id"
    after_publish
  else
    rm -rf "${root:?}/releases/$id"
    say "$(date -u +%FT%TZ) $id: not accepted ($BRANCH is ${now:-unset}, not $sha; push rejected or the connection dropped): deleted releases/$id"
  fi
  rm -f "$flag"
}

release_of() { # newest release built from commit $1 (none: prints nothing)
  ls -1 "$root/releases" | { grep -E -- "-${1:0:12}\$" || true; } | LC_ALL=C sort | tail -n 1
}

# history: one release id a line, each time live switched to it; rollback walks it back.
history="$root/run/history"
# rolled-back: the release a rollback made live (status tells it from a mismatch); a publish clears it.
rolled_back="$root/run/rolled-back"

switch_to() { # id: previous -> the outgoing release, then live -> releases/id, each by renaming a
  # fresh symlink over it: an asset of the outgoing release is always in live or previous.
  local id=$1 was
  was=$(readlink "$root/live" 2>/dev/null || true)
  [ "$was" = "releases/$id" ] && return 0
  if [ -n "$was" ]; then
    ln -sfn "$was" "$root/.previous.tmp"
    mv -T "$root/.previous.tmp" "$root/previous"
  fi
  ln -sfn "releases/$id" "$root/.live.tmp"
  mv -T "$root/.live.tmp" "$root/live"
}

publish() { # id: switch, remember, prune (once: live naming id already is done)
  rm -f "$rolled_back"
  [ "$(readlink "$root/live" 2>/dev/null)" = "releases/$1" ] && return 0
  switch_to "$1"
  echo "$1" >>"$history"
  tail -n 200 "$history" >"$history.tmp" && mv -f "$history.tmp" "$history"
  prune
}

prune() { # keeps what live and previous name, then the newest releases (ids sort by time) up to
  # $KEEP in all. Runs under the build lock too, so no release is waiting for its publish.
  local live prev old
  live=$(basename "$(readlink "$root/live" 2>/dev/null || echo none)")
  prev=$(basename "$(readlink "$root/previous" 2>/dev/null || echo none)")
  ls -1 "$root/releases" | grep -v '^\.' | LC_ALL=C sort -r |
    awk -v l="$live" -v p="$prev" -v k="$KEEP" '
      { r[NR] = $0; if ($0 == l || $0 == p) n++ }
      END { for (i = 1; i <= NR; i++) { if (r[i] == l || r[i] == p) continue; if (n < k) n++; else print r[i] } }' |
    while read -r old; do rm -rf "${root:?}/releases/$old" "$root/run/scheduled/$old.json" "$root/run/scheduled/$old"; done
}

post_receive() {
  local touched="" o n ref sha id
  while read -r o n ref; do [ "$ref" = "refs/heads/$BRANCH" ] && touched=1; done
  [ -n "$touched" ] || exit 0
  exec 9>>"$root/run/switch.lock"
  lock 9 switching "$BRANCH has moved: the push's finisher publishes it once the switch is free (npm run publish -- status shows it)."
  # Whatever order concurrent pushes finish in, live follows what the branch names now.
  sha=$(git rev-parse -q --verify "refs/heads/$BRANCH") || exit 0
  id=$(release_of "$sha")
  [ -n "$id" ] || die "no release was built for ${sha:0:12}; the live site is unchanged."
  publish "$id"
  touch "$root/run/updated-$sha" # tells the push's finisher that live is taken care of
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
  echo "$prev $cur" >"$rolled_back"
  say "rolled back: live -> releases/$prev (was $cur). The next push publishes again."
  after_publish
}

republish() { # (under the build lock) live -> the release of what the branch names
  exec 8>>"$root/run/build.lock"
  lock 8 building
  clear_stale
  sha=$(git --git-dir "$root/site.git" rev-parse -q --verify "refs/heads/$BRANCH") ||
    die "nothing was pushed to $BRANCH yet: nothing to publish."
  id=$(release_of "$sha")
  if [ -z "$id" ]; then
    node_ok || die "Node >= 22.12 not found (NODE_BIN=${NODE_BIN:-unset} in $root/publish.conf); run init again."
    say "no release of ${sha:0:12} is kept: building it from site.git"
    GIT_DIR="$root/site.git" build_release "$sha"
    cd "$root"
  fi
  exec 9>>"$root/run/switch.lock"
  lock 9 switching
  publish "$id"
  say "published ${sha:0:12}: live -> releases/$id"
  after_publish
}

scheduled() { # (under the build lock) the branch built again once a post its live release held back is due
  local live answer manifest due="" next=""
  exec 8>>"$root/run/build.lock"
  lock 8 building
  clear_stale
  sha=$(git --git-dir "$root/site.git" rev-parse -q --verify "refs/heads/$BRANCH") ||
    die "nothing was pushed to $BRANCH yet: nothing to publish."
  [ -f "$rolled_back" ] && die "live was rolled back on purpose: scheduled posts wait for the next push (or npm run publish -- republish)."
  live=$(basename "$(readlink "$root/live" 2>/dev/null)" 2>/dev/null || true)
  id=$(release_of "$sha")
  if [ -z "$id" ] || [ "$live" != "$id" ]; then
    die "live is not the release of $BRANCH's commit ${sha:0:12}: nothing done (npm run publish -- status says how to fix it)."
  fi
  node_ok || die "Node >= 22.12 not found (NODE_BIN=${NODE_BIN:-unset} in $root/publish.conf); run init again."
  # what is due, by the site's own day/time rule (RZ_NOW as a build reads it)
  # (a release built before manifests kept a list of days, run/scheduled/<id>: read as well)
  manifest="$root/run/scheduled/$id.json"
  [ -f "$manifest" ] || manifest="$root/run/scheduled/$id"
  answer=$(node --no-warnings --experimental-strip-types "$root/bin/runtime/scripts/publish/manifest.ts" due "$manifest" "$id" 2>"$root/run/scheduled.err") ||
    die "reading what is due failed (the server's fault, not a post's): $(cat "$root/run/scheduled.err")"
  case "$answer" in
    due\ *) due=${answer#due } ;;
    next\ *) next=${answer#next } ;;
    none) ;;
    *) die "reading what is due gave an answer this hook does not know (the server's fault): $answer" ;;
  esac
  if [ -z "$due" ]; then
    if [ -n "$next" ]; then say "nothing is due: the next scheduled post appears on $next (UTC)."
    else say "nothing is due: no post is scheduled."; fi
    exit 0
  fi
  say "a post scheduled for $due is due: building ${sha:0:12} again"
  GIT_DIR="$root/site.git" build_release "$sha"
  cd "$root"
  exec 9>>"$root/run/switch.lock"
  lock 9 switching
  publish "$id"
  say "published ${sha:0:12} with the posts due by $due: live -> releases/$id"
  after_publish
}

case "$cmd" in
  pre-receive) pre_receive ;;
  post-receive) post_receive ;;
  finish) finish "${2:?id}" "${3:?sha}" "${4:?pid}" "${5-}" ;;
  rollback) rollback ;;
  republish) republish ;;
  scheduled) scheduled ;;
  cache-key) cache_key "${2:?lockfile}" ;;
  *) die "usage: publish-hook pre-receive|post-receive|rollback|republish|scheduled|cache-key <lockfile>" ;;
esac
