#!/usr/bin/env bash
# Ring Zero's publish hook, installed by `npm run publish -- init <dir>` as <dir>/bin/publish-hook
# (settings: <dir>/publish.conf). Bash keeps flock, each build step in a process group of its own,
# signals and renames; runtime.ts (`rt`, in bin/runtime/) decides, switches live, knows the server's
# layout (layout.ts) and says what happened. Each function says what it does and under which lock.
set -eEuo pipefail # (-E: the ERR trap of build_release reaches the functions it calls)
umask 022
trap '' PIPE # the client may go away mid-push: writing to it must not kill the hook (see say)

cmd=${1:-}
root=$(cd "$(dirname "$0")/.." && pwd -P)
# shellcheck source=/dev/null
. "$root/publish.conf"
BRANCH=${BRANCH:-main} KEEP=${KEEP:-5} LOCK_TIMEOUT=${LOCK_TIMEOUT:-600}
[ -n "${NODE_BIN:-}" ] && export PATH="$NODE_BIN:$PATH"
if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -r /etc/ssl/certs/ca-certificates.crt ]; then export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt; fi
if [ -n "${NPM_CLI:-}" ]; then npm=(node "$NPM_CLI"); else npm=(npm); fi
export RZ_SERVER=$root

say() { printf 'publish: %s\n' "$*" >&2 2>/dev/null || true; } # never fails, even when the client is gone
die() { say "$*"; exit 1; }
runtime=(node --no-warnings --experimental-strip-types "$root/bin/runtime/scripts/publish/runtime.ts")
rt() { NODE_COMPILE_CACHE=$L_nodeCache "${runtime[@]}" "$@"; }

v=$(node --version 2>/dev/null) || v=none # Node >= 22.12, before anything runs on it
[[ $cmd = finish || ($v =~ ^v([0-9]+)\.([0-9]+)\. && (BASH_REMATCH[1] -gt 22 || (BASH_REMATCH[1] -eq 22 && BASH_REMATCH[2] -ge 12))) ]] ||
  die "Node >= 22.12 not found (NODE_BIN=${NODE_BIN:-unset} in $root/publish.conf); run init again."
# shellcheck source=/dev/null
. "$root/bin/runtime/layout.sh" # L_releases, L_live, ...: the layout (layout.ts), written by init

lock() { # FD WHAT [what giving up means]: flock, which the kernel drops when the holder dies
  if ! flock -n "$1"; then
    say "another push is $2; waiting for it (up to ${LOCK_TIMEOUT}s)..."
    flock -w "$LOCK_TIMEOUT" "$1" || die "gave up after ${LOCK_TIMEOUT}s: another push is still $2. ${3:-Nothing was published; push again later.}"
  fi
}
build_lock() { exec 8>>"$L_buildLock"; lock 8 building; }
switch_lock() { exec 9>>"$L_switchLock"; lock 9 switching "$@"; }

unset_git_env() { # git's receive environment (GIT_DIR, quarantine, ...) and the caller's
  # shellcheck disable=SC2046 # one word per variable name
  unset $(env | sed -n 's/^\(GIT_[A-Za-z_]*\)=.*/\1/p') NODE_ENV
}

stop_group() { # pgid: TERM to the whole process group, KILL to what is left after 5 s
  local i
  kill -TERM -- "-$1" 2>/dev/null || { kill -TERM "$1" 2>/dev/null; return 0; } # (not its own group yet)
  for ((i = 0; i < 50; i++)); do kill -0 -- "-$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL -- "-$1" 2>/dev/null || true
}

# step DIR CMD...: CMD in DIR, output to $log, in a process group of its own (run/building): stopping
# it stops all it started; in the background, so that a signal to the hook runs the trap at once.
child=""
step() {
  local dir=$1 rc=0
  shift
  (trap - PIPE; cd "$dir" && exec setsid "$@") </dev/null >>"$log" 2>&1 8>&- 9>&- &
  child=$!
  building "$child"
  wait "$child" || rc=$?
  child=""
  return "$rc"
}

building() { printf '{"pid":%s,"sha":"%s"%s}\n' "$$" "$sha" "${1:+,\"group\":$1}" >"$L_building"; } # [GROUP] (layout.ts: Building)

run_script() { # NAME ARGS...: package.json's script as npm run runs it (less pre/post scripts), without npm's 0.2 s start
  local s="" # (node --run would do, but it exits 1 whatever the script's status, and that says whose fault it was)
  [ ! -f "$tmp/scripts/$1" ] || s=$(<"$tmp/scripts/$1") # (written by prepare-build: no node start to read it)
  [ -n "$s" ] || { echo "package.json has no \"$1\" script (npm run $1 would fail too)" >>"$log"; return 127; }
  # (the runtime's and the scripts' modules compiled once per server, not once per process)
  NODE_COMPILE_CACHE=$L_nodeCache PATH="$PWD/node_modules/.bin:$PATH" step "$PWD" sh -c "$s \"\$@\"" "$@"
}

fail_build() { # WHAT RC [server]: the step's output, then whose problem it is (runtime.ts)
  rt step-failed "$1" "$2" "${3:-author}" "$cmd" "$log" "$sha" ||
    { say "$1 failed for ${sha:0:12}; nothing was published. Output:"; tail -n 200 "$log" 2>/dev/null | sed 's/^/  | /' >&2 2>/dev/null || true; }
  exit 1
}

hook_failed() { die "$(rt hook-failed "$1" "$2" || echo "the server could not prepare the build (publish-hook line $1 exited $2): not a problem with your commit.")"; }

sha="" id="" key="" tmp="" log=/dev/null
cleanup() {
  set +e # clean up all of it, whatever fails
  [ -n "$child" ] && stop_group "$child"
  [ -n "$tmp" ] && rm -rf "$tmp"
  rm -f "$L_building"
}

clear_stale() { # (build lock) what a push killed outright (SIGKILL) left behind
  local g=""
  [ ! -f "$L_building" ] || g=$(rt stale-group) || g=""
  if [ -n "$g" ]; then say "stopping the build left running by a push that was killed (process group $g)"; stop_group "$g"; fi
  rm -rf "$L_building" "$L_updatedPrefix"* "${L_tmp:?}/"* "$L_modules/.tmp-"* "$L_buildCacheNext"
}

run_checks() { # the site's own gates (html-validate, links, ...) on the dist just built; each one's headline said
  if [ "${CHECKS:-on}" = off ]; then say "checks skipped: turned off in publish.conf (CHECKS=off)"; return; fi
  [ -f scripts/check.ts ] && [ -f "$tmp/scripts/check" ] || { say "checks skipped: the site has no scripts/check.ts (npm run check) yet"; return; }
  say "checking ${sha:0:12}: npm run check -- ${CHECK_ARGS-}"
  log="$tmp/check.log"
  # shellcheck disable=SC2086 # CHECK_ARGS is a list of words
  RZ_CHECK_SUMMARY="$tmp/checks" run_script check ${CHECK_ARGS-} || fail_build "the site's checks" $?
  if [ -f "$tmp/checks" ]; then sed 's/^/  | /' "$tmp/checks" >&2 2>/dev/null || true; fi
}

quiet=${AFTER_PUBLISH:+--quiet} # (without an after-publish command, publishing says what nginx needs)
after_publish() { [ -z "${AFTER_PUBLISH:-}" ] || AFTER_PUBLISH=$AFTER_PUBLISH rt after-publish 8>&- 9>&- || true; } # (runtime.ts)
publish() { rt publish "$@" "$KEEP" $quiet; } # (switch lock) id, or --commit sha: the switch of live, history, pruning
go_live() { switch_lock; publish "$1" >/dev/null; say "$2: live -> releases/$1"; after_publish; } # ID WHAT: releases/ID published, and said

# build_release SHA: releases/<id> built from commit SHA of the repository git's environment names
# (pre-receive: the pushed objects in quarantine), or the push is rejected.
build_release() {
  # a command of the hook itself failed (extracting, copying, moving): not the commit's fault
  trap 'hook_failed $LINENO $?' ERR
  sha=$1 tmp=$L_work log="$L_work/install.log" # each step's own log: a failure prints that one
  trap cleanup EXIT
  trap 'exit 130' INT; trap 'exit 143' TERM; trap 'exit 129' HUP
  local started=$SECONDS v prep
  rm -rf "$tmp" && mkdir -p "$tmp/src" # (clear_stale emptied tmp/ already, under the same lock)
  building
  git archive --format=tar "$sha" | tar -x -C "$tmp/src"
  unset_git_env # the build must not see them
  for v in $(env | sed -n 's/^BUILD_ENV_\([A-Za-z_]*\)=.*/\1/p'); do export "$v=$(printenv "BUILD_ENV_$v")"; done
  cd "$tmp/src"
  prep=$(rt prepare-build "$sha" "$tmp") || exit 1 # the release's id, the packages' cache key if npm must install them; the build cache copied in; $tmp/scripts/ (run_script)
  read -r id key <<<"$prep"
  if [ -n "$key" ]; then # npm ci into cache/modules/<key>, in a step (exit 2: npm refused the commit's lockfile)
    say "installing npm packages (lockfile $key is new to this server; later pushes reuse them)"
    NODE_COMPILE_CACHE=$L_nodeCache step "$PWD" "${runtime[@]}" install-packages "$key" "$log" "${npm[@]}" ||
      { v=$?; ((v != 2)) || fail_build "npm ci" "$v"; fail_build "npm install" "$v" server; }
  fi
  log="$tmp/build.log"
  say "building ${sha:0:12}: npm run build"
  export RZ_PUBLISH_MANIFEST="$tmp/publish-manifest.json" # what the server needs, as data (manifest.ts)
  run_script build || fail_build "the build" $?
  [ -f dist/index.html ] || { echo "dist/index.html is missing after the build" >>"$log"; fail_build "the build" 1; }
  run_checks
  local bad # nginx's files checked (a failed check is named); then the manifest and the build cache kept
  bad=$(rt accept-build "$id" "$log") || { [ -z "$bad" ] || fail_build "$bad" 1; fail_build "keeping the release's manifest and build cache" 1 server; }
  chmod -R a+rX dist
  mv -T dist "$L_releases/$id" 2>>"$log" || fail_build "moving the release into releases/" $? server # whole, or not at all
  say "built ${sha:0:12} in $((SECONDS - started))s as release $id"
}

pre_receive() { # (build lock) the pushed commit of $BRANCH built into releases/<id>; other refs kept, not built
  local refs old new current rp=$PPID rp_start
  refs=$(rt refs "$BRANCH" "$rp") || exit 1 # other branches and tags: kept and said, never built
  [ -n "$refs" ] || exit 0
  read -r old new rp_start <<<"$refs"
  build_lock
  clear_stale
  current=$(git rev-parse -q --verify "refs/heads/$BRANCH" || echo "$old")
  [ "$current" = "$old" ] || die "$BRANCH moved to ${current:0:12} while this push waited (another push published first): git pull --rebase, then push again."
  build_release "$new"
  # Git updates the branch after this hook exits; until then the lock goes to a finisher, detached
  # from the client (a dropped connection cannot stop it), so the next push sees the outcome.
  cd "$root" # (the finisher outlives tmp/)
  setsid bash "$0" finish "$id" "$sha" "$rp" "$rp_start" </dev/null >>"$L_finishLog" 2>&1 9>&- &
}

finish() { # ID SHA PID START (holds fd 8, the build lock): the outcome of the push made whole
  local next
  cd "$root"
  unset_git_env
  next=$(rt finish "$@" "$BRANCH") ||
    { say "$(date -u +%FT%TZ) $1: could not wait for the push to end (the runtime failed): releases/$1 is kept; npm run publish -- status says what is live"; return 0; }
  [ "$next" != publish ] || go_live "$1" "$(date -u +%FT%TZ) $1: published ${2:0:12}" # (else post-receive published it, or the push failed)
}

post_receive() { # whatever order concurrent pushes finish in, live follows what the branch names now
  awk -v ref="refs/heads/$BRANCH" '$3 == ref { f = 1 } END { exit !f }' || exit 0 # (the ref lines on stdin)
  switch_lock "$BRANCH has moved: the push's finisher publishes it once the switch is free (npm run publish -- status shows it)."
  sha=$(git rev-parse -q --verify "refs/heads/$BRANCH") || exit 0
  id=$(publish --commit "$sha") || exit 1
  touch "$L_updatedPrefix$sha" # tells the push's finisher that live is taken care of
  say "published ${sha:0:12}: live -> releases/$id"
  after_publish
}

rollback() { switch_lock; rt rollback $quiet || exit 1; after_publish; } # back to the release published before the current one, still kept

rebuild() { # republish|scheduled (build lock): live -> the branch's commit (the daily run: once a
  local due=""  # post its live release held back is due), built again if need be
  build_lock
  clear_stale
  sha=$(git --git-dir "$L_siteGit" rev-parse -q --verify "refs/heads/$BRANCH") || die "nothing was pushed to $BRANCH yet: nothing to publish."
  if [ "$cmd" = scheduled ]; then due=$(rt due "$sha" "$BRANCH") || exit 1; [ -n "$due" ] || exit 0 # (the site's day/time rule)
  else id=$(rt release-of "$sha" --say); fi # (none kept: it says so, and the commit is built again)
  if [ -z "$id" ]; then GIT_DIR="$L_siteGit" build_release "$sha"; cd "$root"; fi
  go_live "$id" "published ${sha:0:12}${due:+ with the posts due by $due}"
}

case "$cmd" in
  pre-receive) pre_receive ;;
  post-receive) post_receive ;;
  finish) finish "${2:?id}" "${3:?sha}" "${4:?pid}" "${5-}" ;;
  rollback) rollback ;;
  republish | scheduled) rebuild ;;
  *) die "usage: publish-hook pre-receive|post-receive|rollback|republish|scheduled" ;;
esac
