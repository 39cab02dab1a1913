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

#: npm package -> pinned version (the versions folium 0.20 links from CDNs).
PACKAGES = {
    "leaflet": "1.9.3",
    "leaflet-timedimension": "1.1.1",
    "iso8601-js-period": "0.2.1",
    "moment": "2.18.1",
    "bootstrap": "3.4.1",  # only the Glyphicons font the time slider's buttons use
}

#: shipped file -> (package, path inside the package tarball)
FILES = {
    "leaflet.js": ("leaflet", "dist/leaflet.js"),
    "leaflet.css": ("leaflet", "dist/leaflet.css"),
    "leaflet.timedimension.min.js": ("leaflet-timedimension", "dist/leaflet.timedimension.min.js"),
    "leaflet.timedimension.control.css": (
        "leaflet-timedimension",
        "dist/leaflet.timedimension.control.css",
    ),
    "iso8601.js": ("iso8601-js-period", "iso8601.js"),
    "moment.min.js": ("moment", "min/moment.min.js"),
}

_LICENCE_FILES = ("LICENSE", "LICENSE.txt", "LICENSE.md")
_HERE = Path(__file__).resolve().parent
_MIME = {".png": "image/png", ".woff2": "font/woff2", ".woff": "font/woff"}
_GLYPH_FONT = "fonts/glyphicons-halflings-regular.woff2"


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


def _glyph_face(bootstrap: Path) -> str:
    uri = _data_uri(bootstrap / _GLYPH_FONT)
    return "@font-face {\n    font-family: 'Glyphicons Halflings';\n" f'    src: url("{uri}") format("woff2");\n}}'


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
            if not text:  # iso8601-js-period states its licence in the source header only
                text = f"{meta.get('license', '')}: see the header of the shipped file."
            licences.append(f"== {name} {meta['version']} ({meta.get('license', '')}) ==\n\n{text.strip()}\n")
        for shipped, (package, inner) in FILES.items():
            source = roots[package] / inner
            text = source.read_text(encoding="utf-8")
            if shipped.endswith(".css"):
                text = re.sub(r"@font-face\s*{[^}]*}", _glyph_face(roots["bootstrap"]), text)
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
