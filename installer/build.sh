#!/usr/bin/env bash
# Builds the installable workbench with jpackage: an app image (installer/target/image/xmodal) and a .deb
# (installer/target/*.deb) that bundle a Java runtime, the workbench, the engine with the PyTorch CPU natives and
# the sample data, so neither Maven nor a JDK is needed where it is installed.
#   bash installer/build.sh            app image and .deb
#   bash installer/build.sh image      app image only
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/installer/target"
what="${1:-all}"

command -v jpackage >/dev/null 2>&1 || { echo "installer: jpackage (JDK 17+) is needed" >&2; exit 2; }
if [[ "$what" != "image" ]]; then
  command -v dpkg-deb >/dev/null 2>&1 && command -v fakeroot >/dev/null 2>&1 \
    || { echo "installer: the .deb needs dpkg-deb and fakeroot (apt-get install dpkg-dev fakeroot)" >&2; exit 2; }
fi

(cd "$ROOT" && mvn -B -ntp -q -DskipTests package)
version=$(sed -n 's/^version=//p' "$ROOT/engine/target/classes/org/xmodal/engine/build.properties" | sed 's/-SNAPSHOT//')

rm -rf "$OUT" && mkdir -p "$OUT/input"
cp "$ROOT/app/target/xmodal-app.jar" "$ROOT"/app/target/lib/*.jar "$OUT/input/"
# the sample data and presets travel inside the application folder; xmodal.root points there
cp -r "$ROOT/sample-data" "$ROOT/assets" "$OUT/input/"

common=(
  --name xmodal
  --app-version "$version"
  --vendor "xmodal"
  --description "Cross-Modal Workbench: supervision transfer between RGB and depth or optical flow"
  --input "$OUT/input"
  --main-jar xmodal-app.jar
  --main-class org.xmodal.app.WorkbenchMain
  --java-options '-Dai.djl.offline=true'
  --java-options '-Dxmodal.root=$APPDIR'
  --java-options '-Xmn32m'
  --java-options '-XX:InitialRAMPercentage=4'
  --add-modules java.base,java.desktop,java.logging,java.management,jdk.management,java.naming,java.net.http,java.prefs,java.scripting,java.sql,java.xml,jdk.unsupported,jdk.zipfs,jdk.crypto.ec,jdk.jfr
  --add-launcher "xmodal-engine=$ROOT/installer/engine-launcher.properties"
)

jpackage --type app-image --dest "$OUT/image" "${common[@]}"
echo "app image: $OUT/image/xmodal (run $OUT/image/xmodal/bin/xmodal)"
if [[ "$what" != "image" ]]; then
  # no --linux-shortcut: its post-install step needs a full XDG menu setup and would list the engine's command line
  # as a menu entry too; the workbench is /opt/xmodal/bin/xmodal, the engine /opt/xmodal/bin/xmodal-engine
  jpackage --type deb --dest "$OUT" "${common[@]}" --linux-package-name xmodal --linux-app-category science \
    --install-dir /opt
  echo "package: $(ls "$OUT"/*.deb)"
fi
