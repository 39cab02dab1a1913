"""Rebuild the vendored web assets of the offline maps from pinned npm packages.

Run ``python -m geo.write.assets.vendor`` (needs ``npm`` and the npm registry). It
fetches each pinned package with ``npm pack``, copies the few files the maps
use into this folder, rewrites every CSS ``url()`` that points at a file into a
``data:`` URI (so the shipped CSS needs nothing beside it), and writes
``manifest.json`` (package, version, licence, sha256 of each file) and
``LICENSES.txt``. The output is deterministic: running it twice changes nothing.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

__all__ = ["PACKAGES", "FILES", "main"]

#: npm package -> pinned version (the version folium 0.20 links from its CDN).
PACKAGES = {
    "leaflet": "1.9.3",
}

#: shipped file -> (package, path inside the package tarball)
FILES = {
    "leaflet.js": ("leaflet", "dist/leaflet.js"),
    "leaflet.css": ("leaflet", "dist/leaflet.css"),
}

_LICENCE_FILES = ("LICENSE", "LICENSE.txt", "LICENSE.md")
_HERE = Path(__file__).resolve().parent
_MIME = {".png": "image/png", ".woff2": "font/woff2", ".woff": "font/woff"}


def _fetch(package: str, version: str, work: Path) -> Path:
    """Unpack ``package@version`` from the npm registry; return its root folder."""
    out = subprocess.run(
        ["npm", "pack", f"{package}@{version}", "--silent", "--pack-destination", str(work)],
        check=True,
        capture_output=True,
        text=True,
    )
    tarball = work / out.stdout.strip().splitlines()[-1]
    root = work / f"{package}-{version}"
    with tarfile.open(tarball) as tar:
        tar.extractall(root, filter="data")
    return root / "package"


def _data_uri(path: Path) -> str:
    mime = _MIME[path.suffix]
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _inline_urls(css: str, folder: Path) -> str:
    """Replace ``url(relative/file)`` with a data URI of that file."""

    def swap(match: re.Match) -> str:
        target = match.group(1).strip("'\"")
        if target.startswith(("data:", "#")):
            return match.group(0)
        return f'url("{_data_uri(folder / target)}")'

    return re.sub(r"url\(([^)]*)\)", swap, css)


def build(dest: Path = _HERE) -> dict:
    """Fetch, cut and write the assets into ``dest``; return the manifest."""
    with tempfile.TemporaryDirectory() as tmp:
        roots = {name: _fetch(name, version, Path(tmp)) for name, version in PACKAGES.items()}
        manifest = {"packages": {}, "files": {}}
        licences = []
        for name, root in roots.items():
            meta = json.loads((root / "package.json").read_text(encoding="utf-8"))
            manifest["packages"][name] = {"version": meta["version"], "license": meta.get("license", "")}
            text = next(((root / f).read_text(encoding="utf-8") for f in _LICENCE_FILES if (root / f).exists()), "")
            if not text:
                text = f"{meta.get('license', '')}: see the header of the shipped file."
            licences.append(f"== {name} {meta['version']} ({meta.get('license', '')}) ==\n\n{text.strip()}\n")
        for shipped, (package, inner) in FILES.items():
            source = roots[package] / inner
            text = source.read_text(encoding="utf-8")
            if shipped.endswith(".css"):
                text = _inline_urls(text, source.parent)
            data = text.encode("utf-8")
            (dest / shipped).write_bytes(data)
            manifest["files"][shipped] = {
                "package": package,
                "version": PACKAGES[package],
                "path": inner,
                "sha256": hashlib.sha256(data).hexdigest(),
            }
    (dest / "LICENSES.txt").write_text("\n".join(licences), encoding="utf-8")
    (dest / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    """Rebuild the assets next to this module; print what was written."""
    manifest = build()
    for name, info in manifest["files"].items():
        print(f"{name:40s} {info['package']}@{info['version']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
