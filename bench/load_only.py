"""Baseline: a process that only loads YAML files with ruamel.yaml's libyaml-backed loader.

Usage: python bench/load_only.py PATH...   (a directory loads every *.yaml under it)
"""

import sys
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]

yaml = YAML(typ="safe")
assert yaml.Parser is CParser, "ruamel.yaml.clib (libyaml) is not in use"
for arg in sys.argv[1:]:
    path = Path(arg)
    files = sorted(path.rglob("*.yaml")) if path.is_dir() else [path]
    for file in files:
        yaml.load(file.read_bytes())
