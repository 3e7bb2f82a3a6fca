#!/usr/bin/env bash
# Builds a container image of the gateway from the built jar, offline: no registry, no daemon.
#
# The image is FROM scratch: a jlink-ed Java runtime with the shared libraries it and the jar's native
# code (ONNX Runtime) link against, copied from this machine, plus the jar. It is written as one tar
# that `docker load` and `podman load` read (Docker's archive layout and an OCI layout in one file).
#
#   samples/gateway/container/build-image.sh [gateway.jar]
#
# IMAGE (default lockllm/gateway:<version>), OUT (default samples/gateway/target/gateway-image.tar),
# JAVA_HOME (the JDK whose jlink builds the runtime) and MODULES (a comma-separated module list that
# skips the jdeps analysis) change the defaults. Needs Linux with glibc, a JDK 17+ with jmods, GNU tar.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jar=$(realpath "${1:-$here/../target/gateway.jar}")
target=$(dirname "$jar")
out=${OUT:-$target/gateway-image.tar}
jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
work=$target/container
[[ -f $jar ]] || { echo "no $jar: build it first (see samples/gateway/README.md)" >&2; exit 1; }

rm -rf "$work" && mkdir -p "$work/jar" "$work/natives" "$work/rootfs" "$work/app/app" "$work/image/blobs/sha256"
(cd "$work/jar" && "$jdk/bin/jar" xf "$jar")
version=$(sed -n 's/^version=//p' "$work"/jar/META-INF/maven/com.lockllm/gateway/pom.properties)
image=${IMAGE:-lockllm/gateway:$version}

# The Java modules the jar's classes and libraries use; jdk.crypto.ec (TLS with EC keys, a module of
# its own up to Java 21) and jdk.management (JVM metrics) are only reached by reflection.
if [[ -z ${MODULES:-} ]]; then
  MODULES=$("$jdk/bin/jdeps" -q --ignore-missing-deps --multi-release "$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')" \
    --print-module-deps --class-path "$work/jar/BOOT-INF/lib/*" "$work/jar/BOOT-INF/classes")
  for extra in jdk.crypto.ec jdk.management; do
    "$jdk/bin/java" --list-modules | grep -q "^$extra@" && MODULES="$MODULES,$extra"
  done
fi
echo "jlink: $MODULES"
"$jdk/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files \
  --compress=2 --output "$work/rootfs/opt/java"

# Native code shipped in the jar's libraries, for this machine's architecture (ldd skips the others).
for lib in "$work"/jar/BOOT-INF/lib/*.jar; do
  if LC_ALL=C grep -qaE '[[:alnum:]_]\.so\b' "$lib"; then
    (cd "$work/natives" && "$jdk/bin/jar" xf "$lib" && find . -name '*.class' -delete)
  fi
done

# Every shared library the runtime and that native code load, and the dynamic loader. The runtime's
# desktop libraries (X11, sound, fonts, splash screen) are left out: the gateway runs headless.
{ find "$work/rootfs/opt/java" -type f \( -path '*/bin/*' -o -name '*.so' \) \
    -not -regex '.*/lib\(awt_xawt\|splashscreen\|jsound\|fontmanager\|jawt\)\.so'
  find "$work/natives" -name '*.so*' -type f; } |
  while read -r elf; do
    LD_LIBRARY_PATH=$(dirname "$elf"):$work/rootfs/opt/java/lib:$work/rootfs/opt/java/lib/server ldd "$elf" 2>/dev/null || true
  done |
  awk '$2 == "=>" && $3 == "not" { print "missing " $1 } $2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' |
  grep -v "^$work/" | sort -u | while read -r so name; do
    if [[ $so == missing ]]; then # one native library linking another of the same jar under its soname
      [[ -n $(find "$work/natives" -name "${name%%.so*}.so*") ]] || { echo "no $name for the image" >&2; exit 1; }
    else
      mkdir -p "$work/rootfs$(dirname "$so")" && cp -L "$so" "$work/rootfs$so"
    fi
  done

mkdir -p "$work/rootfs/etc" "$work/rootfs/tmp"
chmod 1777 "$work/rootfs/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nlockllm:x:65532:65532:lockllm:/tmp:/sbin/nologin\n' > "$work/rootfs/etc/passwd"
printf 'root:x:0:\nlockllm:x:65532:\n' > "$work/rootfs/etc/group"
printf 'hosts: files dns\n' > "$work/rootfs/etc/nsswitch.conf"
printf 'NAME="lockllm gateway"\nID=lockllm-gateway\nVERSION_ID=%s\n' "$version" > "$work/rootfs/etc/os-release"
# ONNX Runtime reads a machine id when it starts; without one it runs `sh -c 'blkid; hostname'`,
# which this image has no shell for, and the JVM crashes in fclose. One id per jar keeps the layer
# reproducible.
sha256sum "$jar" | cut -c1-32 > "$work/rootfs/etc/machine-id"
cp "$jar" "$work/app/app/gateway.jar"

# Layers as reproducible tars: the runtime (changes with the JDK) apart from the jar (every build).
blobs=$work/image/blobs/sha256
layer() {
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$1" -cf "$work/layer.tar" .
  local digest; digest=$(sha256sum "$work/layer.tar" | cut -c1-64)
  mv "$work/layer.tar" "$blobs/$digest" && echo "$digest"
}
runtime=$(layer "$work/rootfs")
app=$(layer "$work/app")
blob() { # file -> digest, stored as a blob
  local digest; digest=$(sha256sum "$1" | cut -c1-64)
  mv "$1" "$blobs/$digest" && echo "$digest"
}
size() { stat -c %s "$blobs/$1"; }

arch=$(uname -m); case $arch in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; esac
cat > "$work/config.json" <<JSON
{"architecture":"$arch","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"User":"65532:65532","WorkingDir":"/app","ExposedPorts":{"8080/tcp":{}},
  "Env":["PATH=/opt/java/bin","JAVA_HOME=/opt/java"],
  "Entrypoint":["java","-XX:MaxRAMPercentage=75","-jar","/app/gateway.jar"],
  "Labels":{"org.opencontainers.image.title":"lockllm gateway","org.opencontainers.image.version":"$version",
   "org.opencontainers.image.licenses":"Apache-2.0"}},
 "rootfs":{"type":"layers","diff_ids":["sha256:$runtime","sha256:$app"]},
 "history":[{"created_by":"jlink runtime and its shared libraries"},{"created_by":"gateway.jar"}]}
JSON
config=$(blob "$work/config.json")
cat > "$work/manifest.oci.json" <<JSON
{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
 "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:$config","size":$(size "$config")},
 "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:$runtime","size":$(size "$runtime")},
  {"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:$app","size":$(size "$app")}]}
JSON
manifest=$(blob "$work/manifest.oci.json")
cat > "$work/image/index.json" <<JSON
{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json",
 "manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:$manifest","size":$(size "$manifest"),
  "annotations":{"io.containerd.image.name":"docker.io/$image","org.opencontainers.image.ref.name":"${image##*:}"}}]}
JSON
printf '{"imageLayoutVersion":"1.0.0"}' > "$work/image/oci-layout"
cat > "$work/image/manifest.json" <<JSON
[{"Config":"blobs/sha256/$config","RepoTags":["$image"],"Layers":["blobs/sha256/$runtime","blobs/sha256/$app"]}]
JSON
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work/image" -cf "$out" .
echo "$image -> $out ($(du -h "$out" | cut -f1)); load it with: docker load -i $out"
