#!/bin/sh
# A Debian base image made from Debian's own packages with debootstrap, for machines that reach Debian's
# mirror but no container registry: deploy/debian-base.sh [image name] [suite]
# (default localhost/haven-base:trixie), then build with --build-arg BASE=<that name>.
set -eu
image=${1:-localhost/haven-base:trixie}
suite=${2:-trixie}
engine=${CONTAINER_ENGINE:-podman}
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
debootstrap --variant=minbase "$suite" "$root" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" > /dev/null
tar -C "$root" -c . | "$engine" import - "$image" > /dev/null
echo "$image"
