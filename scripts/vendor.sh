#!/usr/bin/env bash
# Refresh the vendored npm files (`make vendor`). The build and the tests use
# the copies kept in the repository, so neither needs npm; only this script does.
#   iframe-worker -> content/assets/vendor/iframe-worker/  (served with the site:
#                    Web Worker shim that makes search work from file://)
#   axe-core      -> tests/browser/vendor/axe-core/        (accessibility checks)
# To upgrade, change a version below, run `make vendor` and `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."

IFRAME_WORKER_VERSION=1.0.4
AXE_CORE_VERSION=4.14.1

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

unpack() {  # unpack NAME VERSION -> prints the package folder
    (cd "$scratch" && npm pack --silent "$1@$2" >/dev/null)
    mkdir -p "$scratch/$1"
    tar -xzf "$scratch/$1-$2.tgz" -C "$scratch/$1"
    echo "$scratch/$1/package"
}

package=$(unpack iframe-worker "$IFRAME_WORKER_VERSION")
target=content/assets/vendor/iframe-worker
rm -rf "$target" && mkdir -p "$target"
cp "$package/shim/index.js" "$target/shim.js"
cp "$package/LICENSE" "$target/LICENSE"
echo "iframe-worker $IFRAME_WORKER_VERSION (npm), shim/index.js; MIT licence in LICENSE" > "$target/VERSION"

package=$(unpack axe-core "$AXE_CORE_VERSION")
target=tests/browser/vendor/axe-core
rm -rf "$target" && mkdir -p "$target"
cp "$package/axe.min.js" "$package/LICENSE" "$target/"
echo "axe-core $AXE_CORE_VERSION (npm), axe.min.js; MPL-2.0 licence in LICENSE" > "$target/VERSION"

echo "vendored iframe-worker $IFRAME_WORKER_VERSION, axe-core $AXE_CORE_VERSION"
