"""Writing: exports (GeoJSON, GeoPackage, CSV), day maps and the index, into the output folder."""
