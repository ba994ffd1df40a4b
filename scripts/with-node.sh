#!/bin/sh
# Runs `node <args>` with the project's private Node (.tools/node, installed by ./rz)
# when the system's is older than 22.12, so `npm run new|slist|bench|test` work under Node 20.
here=$(dirname "$0")/..
private="$here/.tools/node/node_modules/node/bin"
[ -x "$private/node" ] && PATH="$private:$PATH" && export PATH
# (node --version answers without starting the VM: a tenth of `node -e`'s 90 ms)
v=$(node --version 2>/dev/null) || v=v0.0.0
case $v in v[0-9]*.[0-9]*.[0-9]*) ;; *) v=v0.0.0 ;; esac # (no Node, or an answer that is no version: too old)
v=${v#v} && major=${v%%.*} && rest=${v#*.} && minor=${rest%%.*}
if [ "$major" -lt 22 ] || { [ "$major" -eq 22 ] && [ "$minor" -lt 12 ]; }; then
  echo "Node $(node --version 2>/dev/null) is too old: run ./rz once, it installs Node 24 into .tools/node" >&2
  exit 1
fi
exec node "$@"
