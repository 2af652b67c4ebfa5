#!/usr/bin/env bash
# Fetch the JavaScript the browser tests serve in place of the CDN (the test machine has
# no CDN): the ipywidgets widget manager, MathJax 3 and require.js, at the exact versions
# the built pages ask for. Each package comes from the npm registry with `npm pack` (the
# ordinary npm client and its cache), is checked against the sha512 pinned below, and is
# unpacked into node_modules/<name>/ (git-ignored, never committed, never under _static/).
#
# Why not package.json + `npm ci`: the three packages unpack to ~50 MB, but npm would also
# install their ~290 transitive dependencies (~250 MB) that the prebuilt dist/ files
# never load. Pinned tarball checksums give the same guarantee as a lockfile.
#
# Usage: bash scripts/fetch-widget-manager.sh        (safe to run again; skips what is there)
#
# To follow a change in the book (another html-manager version in `nb_ipywidgets_js`, say):
#   npm view @jupyter-widgets/html-manager@VERSION dist.integrity
# and edit the line below; tests/browser/cdn.py reports a version the pages ask for but
# this script does not fetch.
set -euo pipefail

cd "$(dirname "$0")/.."

# name@version  sha512 integrity (from `npm view NAME@VERSION dist.integrity`)
PACKAGES=(
  # myst-nb 1.4's default widget manager URL (html-manager@1.0.6, dist/embed-amd.js)
  "@jupyter-widgets/html-manager@1.0.6 sha512-+Mn+Ra8wyIHrYaUpfmf9A3dsLkt/NuwzPQN8sthdxBD35VV5cOJbpmgMhNR27n/rmP3mKyEe0PWCJrtZrXTXDQ=="
  # Sphinx 7.4's default mathjax_path is mathjax@3/es5/tex-mml-chtml.js
  "mathjax@3.2.2 sha512-Bt+SSVU8eBG27zChVewOicYs7Xsdt40qm4+UpHyX7k0/O9NliPc+x77k1/FEsPsjKPZGJvtRZM1vO+geW0OhGw=="
  # myst-nb's default loads require.js 2.3.4 before embed-amd.js
  "requirejs@2.3.4 sha512-qPD5gRrj6kGQ0ZySAJgqbArkaDqPMbQIT0zSZDkIv1mfA17w/tR2Faq5l2qqRf2CdQx6FWln9nUrgd2UDzb19A=="
)

command -v npm >/dev/null || { echo "npm is needed (Debian: apt-get install npm)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for entry in "${PACKAGES[@]}"; do
  spec=${entry%% *}
  want=${entry##* }
  name=${spec%@*}
  version=${spec##*@}
  dest="node_modules/$name"
  if [ -f "$dest/package.json" ] && grep -q "\"version\": \"$version\"" "$dest/package.json"; then
    echo "have $spec"
    continue
  fi
  tgz=$(cd "$tmp" && npm pack --silent "$spec")
  got="sha512-$(openssl dgst -sha512 -binary "$tmp/$tgz" | base64 -w0)"
  if [ "$got" != "$want" ]; then
    echo "checksum mismatch for $spec: got $got, want $want" >&2
    exit 1
  fi
  rm -rf "$dest"
  mkdir -p "$dest"
  tar -xzf "$tmp/$tgz" -C "$dest" --strip-components=1
  echo "fetched $spec into $dest"
done
