#!/usr/bin/env bash
# One-command, idempotent setup: Debian packages for QGIS, then a venv on the system Python
# (--system-site-packages, so `qgis` imports) with pinned wheels, then the project itself.
# A re-run with everything present takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${RDH_VENV:-.venv}
# QGIS 3.40 LTR is the tested baseline: Debian 13 has it in main, Debian 12 in bookworm-backports.
QGIS_PACKAGES="python3-qgis qgis qgis-server qgis-server-wms qgis-server-wfs"
QGIS_MIN_VERSION="3.40"
APT_PACKAGES="$QGIS_PACKAGES python3-venv python3-mock
  xvfb xauth x11-apps poppler-utils chromium python3-matplotlib"

log() { printf '[setup] %s\n' "$*" >&2; }

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"

codename() { . /etc/os-release && echo "${VERSION_CODENAME:-}"; }

qgis_is_current() {
    local v
    v=$(dpkg-query -W -f='${Version}' python3-qgis 2>/dev/null) || return 1
    dpkg --compare-versions "$v" ge "$QGIS_MIN_VERSION"
}

# Debian 12: add bookworm-backports, with the same mirror and keyring as the machine's own Debian
# source (read from it, so no mirror is named here).
enable_backports() {
    [ "$(codename)" = bookworm ] || return 0
    grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/ && return 0
    local uri
    uri=$(grep -hs -E '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' \
          | grep -v -- '-security' | head -n1)
    [ -n "$uri" ] || uri=$(grep -hs -E '^deb ' /etc/apt/sources.list | awk '{print $2}' \
          | grep -v -- '-security' | head -n1)
    [ -n "$uri" ] || { log "no Debian source found to derive bookworm-backports from"; exit 1; }
    log "enabling bookworm-backports (QGIS 3.40 LTR)"
    printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: %s\n' \
        "$uri" /usr/share/keyrings/debian-archive-keyring.gpg \
        | $SUDO tee /etc/apt/sources.list.d/rdh-bookworm-backports.sources >/dev/null
}

install_debian_packages() {
    local missing=()
    for p in $APT_PACKAGES; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -eq 0 ] && qgis_is_current; then return 0; fi
    enable_backports
    $SUDO apt-get update -q
    local target=()
    [ "$(codename)" = bookworm ] && target=(-t bookworm-backports)
    log "installing QGIS $QGIS_MIN_VERSION LTR: $QGIS_PACKAGES"
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
        "${target[@]}" $QGIS_PACKAGES
    [ ${#missing[@]} -eq 0 ] || { log "installing Debian packages: ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"; }
    qgis_is_current || { log "QGIS >= $QGIS_MIN_VERSION could not be installed"; exit 1; }
}

# numpy must stay on the system numpy's minor line (Debian's scipy, matplotlib, osgeo.gdal_array
# and QGIS are built against it); pandera needs >= 1.24.4, hence "latest patch on that line".
write_constraints() {
    local sysnp
    sysnp=$(/usr/bin/python3 -c 'import numpy; print(numpy.__version__)')
    local minor=${sysnp%.*}
    local major=${minor%.*} minor_n=${minor#*.}
    printf 'numpy>=%s,<%s.%s\n' "$sysnp" "$major" "$((minor_n + 1))" > "$VENV/constraints.txt"
}

make_venv() {
    if [ ! -x "$VENV/bin/python" ]; then
        log "creating $VENV from /usr/bin/python3 with --system-site-packages"
        /usr/bin/python3 -m venv --system-site-packages "$VENV"
    fi
    write_constraints
    local want have
    want=$(cat requirements.txt "$VENV/constraints.txt" | sha256sum | cut -d' ' -f1)
    have=$(cat "$VENV/.requirements.sha256" 2>/dev/null || true)
    if [ "$want" != "$have" ]; then
        log "installing pinned wheels (requirements.txt)"
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
            -c "$VENV/constraints.txt" -r requirements.txt
        echo "$want" > "$VENV/.requirements.sha256"
    fi
}

# Non-editable install: QGIS desktop and qgis_process see the venv through PYTHONPATH, which does
# not run the .pth hooks an editable install relies on. Reinstalled only when sources changed.
install_project() {
    local stamp="$VENV/.project-installed"
    if [ -f "$stamp" ] && [ -z "$(find pyproject.toml engine rdh_qgis_plugin styles \
            -newer "$stamp" -not -path '*/__pycache__*' -print -quit)" ]; then
        return 0
    fi
    log "installing rdh-toolkit into $VENV"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps \
        --no-build-isolation --force-reinstall .
    rm -rf build ./*.egg-info
    touch "$stamp"
}

install_debian_packages
make_venv
install_project
log "ready: $VENV ($("$VENV/bin/rdh" --version))"
