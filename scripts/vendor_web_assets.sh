#!/usr/bin/env bash
# Vendor the web page's and the API docs' browser assets from npm into the package, so that
# installing eventatlas needs no npm and nothing the page, /docs or /redoc loads comes from
# another host. Run it again after changing a pinned version below, then commit the result.
#
#   scripts/vendor_web_assets.sh
#
# Needs npm and network access (to the npm registry) when run; nothing at install or run time does.
set -euo pipefail
cd "$(dirname "$0")/.."

LEAFLET=1.9.4
WORLD_ATLAS=2.0.2
TOPOJSON_CLIENT=3.1.0
SWAGGER_UI_DIST=5.17.14
REDOC=2.5.0

DEST=src/eventatlas/web/static/vendor
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

fetch() {  # fetch NAME VERSION -> unpacked into $WORK/NAME/package
  mkdir -p "$WORK/$1"
  (cd "$WORK/$1" && npm pack --silent "$1@$2" >/dev/null && tar xzf ./*.tgz)
}

fetch leaflet "$LEAFLET"
fetch world-atlas "$WORLD_ATLAS"
fetch topojson-client "$TOPOJSON_CLIENT"
fetch swagger-ui-dist "$SWAGGER_UI_DIST"
fetch redoc "$REDOC"

rm -rf "$DEST"
mkdir -p "$DEST/leaflet/images" "$DEST/world-atlas" "$DEST/topojson-client" "$DEST/swagger-ui" "$DEST/redoc"

cp "$WORK/leaflet/package/dist/leaflet.js" "$WORK/leaflet/package/dist/leaflet.css" "$DEST/leaflet/"
cp "$WORK/leaflet/package/dist/images/"*.png "$DEST/leaflet/images/"
cp "$WORK/leaflet/package/LICENSE" "$DEST/leaflet/LICENSE"

cp "$WORK/world-atlas/package/countries-110m.json" "$DEST/world-atlas/"
cp "$WORK/world-atlas/package/LICENSE" "$DEST/world-atlas/LICENSE"

cp "$WORK/topojson-client/package/dist/topojson-client.min.js" "$DEST/topojson-client/"
cp "$WORK/topojson-client/package/LICENSE" "$DEST/topojson-client/LICENSE"

cp "$WORK/swagger-ui-dist/package/swagger-ui-bundle.js" "$WORK/swagger-ui-dist/package/swagger-ui.css" \
   "$WORK/swagger-ui-dist/package/favicon-32x32.png" "$DEST/swagger-ui/"
cp "$WORK/swagger-ui-dist/package/LICENSE" "$DEST/swagger-ui/LICENSE"
# The bundle's last line points browsers' dev tools at a source map we do not ship.
sed -i '/^\/\/# sourceMappingURL=/d' "$DEST/swagger-ui/swagger-ui-bundle.js"

cp "$WORK/redoc/package/bundles/redoc.standalone.js" "$DEST/redoc/"
cp "$WORK/redoc/package/bundles/redoc.standalone.js.LICENSE.txt" "$DEST/redoc/THIRD-PARTY-LICENSES.txt"
cp "$WORK/redoc/package/LICENSE" "$DEST/redoc/LICENSE"
sed -i '/^\/\/# sourceMappingURL=/d' "$DEST/redoc/redoc.standalone.js"
# Redoc's sidebar footer loads its logo from cdn.redoc.ly: point it at a blank local image instead.
grep -q 'https://cdn.redoc.ly/redoc/logo-mini.svg' "$DEST/redoc/redoc.standalone.js"
sed -i 's#https://cdn.redoc.ly/redoc/logo-mini.svg#data:image/gif;base64,R0lGODlhAQABAAAAACw=#g' \
  "$DEST/redoc/redoc.standalone.js"

licence() { node -e "process.stdout.write(require('$WORK/$1/package/package.json').license || '')"; }

cat > "$DEST/VERSIONS.md" <<MD
# Vendored browser assets

Copied from npm by \`scripts/vendor_web_assets.sh\` (do not edit by hand; change the pinned
versions in the script and run it again). Each folder holds the package's licence file.

| package | version | licence | files |
|---|---|---|---|
| [leaflet](https://www.npmjs.com/package/leaflet) | $LEAFLET | $(licence leaflet) | leaflet.js, leaflet.css, images/ |
| [world-atlas](https://www.npmjs.com/package/world-atlas) | $WORLD_ATLAS | $(licence world-atlas) (data: Natural Earth, public domain) | countries-110m.json |
| [topojson-client](https://www.npmjs.com/package/topojson-client) | $TOPOJSON_CLIENT | $(licence topojson-client) | topojson-client.min.js |
| [swagger-ui-dist](https://www.npmjs.com/package/swagger-ui-dist) | $SWAGGER_UI_DIST | $(licence swagger-ui-dist) | swagger-ui-bundle.js, swagger-ui.css, favicon-32x32.png |
| [redoc](https://www.npmjs.com/package/redoc) | $REDOC | $(licence redoc) | redoc.standalone.js (bundled third-party licences in THIRD-PARTY-LICENSES.txt) |
MD
echo "vendored into $DEST:"
du -sh "$DEST"/*
