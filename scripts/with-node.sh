#!/bin/sh
# Runs `node <args>` with the project's private Node (.tools/node, installed by ./rz)
# when the system's is older than 22.12, so `npm run new|slist|bench|test` work under Node 20.
here=$(dirname "$0")/..
private="$here/.tools/node/node_modules/node/bin"
[ -x "$private/node" ] && PATH="$private:$PATH" && export PATH
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)' 2>/dev/null; then
  echo "Node $(node --version 2>/dev/null) is too old: run ./rz once, it installs Node 24 into .tools/node" >&2
  exit 1
fi
exec node "$@"
