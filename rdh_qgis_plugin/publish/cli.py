"""`rdh publish`: put a publication bundle on a real OGC service.

Joins `rdh` through the ``rdh.commands`` entry point (pyproject.toml); imports QGIS only when run. Writes the bundle's QGIS Server
project (WMS, WFS and OGC API Features); `--serve` runs Debian's `qgis_mapserver` on it (127.0.0.1
only unless --public-bind; the server stops with the command); `--to URL` uploads the bundle to a geoportal that accepts
uploads (GeoNode-style REST endpoint).
"""
import ipaddress
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import click

from ..cli_support import die_with_parent, needs_qgis


@click.command("publish")
@click.argument("bundle", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--service-url", default="", help="Public URL of the OGC service, written into the capabilities.")
@click.option("--serve", "serve_address", metavar="HOST:PORT", callback=lambda _c, _p, v: v and parse_address(v),
              help="Serve the project with qgis_mapserver at HOST:PORT (e.g. 127.0.0.1:8010) until Ctrl-C; "
                   "only on this machine (127.0.0.1) unless --public-bind.")
@click.option("--public-bind", is_flag=True,
              help="Allow --serve on an address other machines can reach (e.g. 0.0.0.0:8010).")
@click.option("--to", "upload_url", metavar="URL",
              help="Upload the bundle (zip, multipart field `base_file`) to this geoportal endpoint.")
@click.option("--token", envvar="RDH_GEOPORTAL_TOKEN", help="Bearer token for --to (or RDH_GEOPORTAL_TOKEN).")
@click.option("--policy", "policy_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Disclosure policy (TOML) the bundle is audited against (default: the toolkit's defaults).")
@click.help_option("-h", "--help")
@needs_qgis("publish")
def publish(bundle, service_url, serve_address, public_bind, upload_url, token, policy_file):
    """Write BUNDLE's QGIS Server project and optionally serve it or upload the bundle.

    BUNDLE is a folder written by `rdh export`. It is audited again here, as it is on disk (what
    bundle.json says about it is not trusted): a bundle that breaks the policy is not published.
    """
    from .project import read_manifest, write_server_project

    if serve_address and not is_loopback(serve_address[0]):
        if not public_bind:
            raise click.UsageError(f"--serve {format_address(serve_address)} would let other machines reach the "
                                   "server: add --public-bind to mean it, or serve on 127.0.0.1:PORT")
        click.echo(f"Warning: serving on {format_address(serve_address)}, reachable from other machines "
                   "(--public-bind)", err=True)
    manifest = read_manifest(bundle)
    if manifest.get("classification") != "public":  # what bundle.json says is never enough to publish, but
        raise click.ClickException(  # a bundle exported as internal (unprotected) is refused outright
            f"{bundle} is marked {manifest.get('classification')!r} (exported with --internal, unprotected): "
            "not publishing it")
    if not manifest.get("geopackage"):
        raise click.ClickException(f"{bundle} is not a complete RDH publication bundle (no GeoPackage in "
                                   "bundle.json): export it again with `rdh export`")
    audit_in_own_process(bundle, policy_file)
    project = write_server_project(bundle, service_url=service_url)
    click.echo(f"Wrote {project}")
    if upload_url:
        status = upload_bundle(bundle, upload_url, token=token)
        click.echo(f"Uploaded {bundle.name} to {upload_url} (HTTP {status})")
    if serve_address:
        serve(project, format_address(serve_address))


def audit_in_own_process(bundle, policy_file=None):
    """Re-audit ``bundle`` as it is on disk (``python -m rdh_engine.publish``, in a Python of its own: it
    reads the files with the wheels' GDAL, which must not meet QGIS's in this process)."""
    command = [sys.executable, "-m", "rdh_engine.publish", str(bundle)]
    if policy_file is not None:
        command += ["--policy", str(policy_file)]
    env = {k: v for k, v in os.environ.items() if k not in ("PROJ_LIB", "PROJ_DATA", "GDAL_DATA")}
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        lines = [line for line in done.stdout.splitlines() if line.strip()] or [done.stderr.strip()[-500:]]
        raise click.ClickException(f"not publishing {bundle}: it breaks the disclosure policy "
                                   f"({len(lines)} finding(s)): " + "; ".join(lines[:5]))


def zip_bundle(bundle, target):
    """The bundle folder as one zip (what `--to` sends)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(Path(bundle).rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(bundle).as_posix())
    return target


def upload_bundle(bundle, url, *, token=None, timeout_s=300):
    """POST the zipped bundle as multipart/form-data (`base_file`, plus `theme` and the manifest)."""
    import requests

    bundle = Path(bundle)
    manifest_text = (bundle / "bundle.json").read_text(encoding="utf-8")
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    with tempfile.TemporaryDirectory() as tmp:
        archive = zip_bundle(bundle, Path(tmp) / f"{bundle.name}.zip")
        with open(archive, "rb") as fh:
            response = requests.post(url, headers=headers, timeout=timeout_s,
                                     data={"theme": bundle.name, "bundle_json": manifest_text},
                                     files={"base_file": (archive.name, fh, "application/zip")})
    if response.status_code >= 400:
        raise click.ClickException(f"upload to {url} failed: HTTP {response.status_code} {response.text[:200]}")
    return response.status_code


def parse_address(value):
    """``HOST:PORT`` -> (host, port): an IPv4 address or ``localhost`` and a port 1-65535; anything
    else is a usage error (qgis_mapserver would otherwise listen on every interface)."""
    host, sep, port = str(value).strip().rpartition(":")
    if host == "localhost":
        host = "127.0.0.1"
    try:
        valid = bool(sep) and port.isdigit() and 0 < int(port) < 65536 and \
            isinstance(ipaddress.ip_address(host), ipaddress.IPv4Address)
    except ValueError:
        valid = False
    if not valid:
        raise click.BadParameter(f"{value!r}: give HOST:PORT with an IPv4 address, e.g. 127.0.0.1:8010",
                                 param_hint="--serve")
    return host, int(port)


def is_loopback(host):
    return ipaddress.ip_address(host).is_loopback


def format_address(address):
    return f"{address[0]}:{address[1]}"


def mapserver_command(project, address):
    """The command line that serves ``project`` with Debian's qgis_mapserver at ``address``."""
    executable = shutil.which("qgis_mapserver")
    if executable is None:
        raise click.ClickException("qgis_mapserver not found: install Debian's qgis-server (scripts/setup.sh)")
    return [executable, "-p", str(Path(project).resolve()), address]


def mapserver_env(project):
    """Environment for qgis_mapserver: no stray PROJ/GDAL data dirs, the landing page on the project's folder."""
    env = {k: v for k, v in os.environ.items() if k not in ("PROJ_LIB", "PROJ_DATA", "GDAL_DATA")}
    env["QGIS_SERVER_LANDING_PAGE_PROJECTS_DIRECTORIES"] = str(Path(project).resolve().parent)
    return env


def serve(project, address):
    click.echo(f"Serving {project} at http://{address}/ (landing page; WMS/WFS: /ows?MAP=..., OGC API: /wfs3)"
               " - Ctrl-C stops it", err=True)
    # Same process group as `rdh` (Ctrl-C stops both); and it dies with its parent, even on kill -9.
    proc = subprocess.Popen(mapserver_command(project, address), env=mapserver_env(project),
                            preexec_fn=die_with_parent if os.name == "posix" else None)
    # a terminated `rdh publish --serve` must not leave the server running
    signal.signal(signal.SIGTERM, lambda *_: proc.terminate())
    try:
        proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        proc.wait()


def register(cli):
    """Add `publish` to a click group (`rdh` itself finds it through the ``rdh.commands`` entry point)."""
    cli.add_command(publish)
