#!/usr/bin/env bash
# Installs the FreeSWITCH 1.10.12 test build and SIPp for the real-switch suite (freeswitch/real-switch/):
# the bundle's own installer (it unpacks to /opt/fsv and apt-installs its run-time libraries and sip-tester),
# plus libpcre3, which its binary links against but its installer does not install. Idempotent; needs root for apt.
#
# The bundle is found at $FREESWITCH_BUNDLE_DIR, else ../shared/freeswitch beside the repository (where the
# development and CI machines keep it). Exit 3 when there is no bundle, so the caller can tell "not available
# here" from a failed install.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bundle="${FREESWITCH_BUNDLE_DIR:-$root/../shared/freeswitch}"

if [[ -x /opt/fsv/bin/freeswitch ]] && /opt/fsv/bin/freeswitch -version >/dev/null 2>&1 && command -v sipp >/dev/null; then
  /opt/fsv/bin/freeswitch -version
  exit 0
fi
if [[ ! -x "$bundle/install.sh" ]]; then
  echo "install-freeswitch: no FreeSWITCH bundle at $bundle (set FREESWITCH_BUNDLE_DIR)" >&2
  exit 3
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "install-freeswitch: run as root (apt-get installs its libraries)" >&2
  exit 1
fi
if ! dpkg -s libpcre3 >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libpcre3 >/dev/null
fi
# The bundle's installer ends by running `freeswitch -version`, which fails until libpcre3 is there.
"$bundle/install.sh"
