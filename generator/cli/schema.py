"""``accountplan schema [account|contact|activity|roster|all]``: print the JSON Schema of dossier files.

The schema is generated from the model the validator loads with, so editors and CI see
exactly the fields, types and allowed values that ``accountplan check`` enforces.
``--out DIR`` writes one ``<name>.schema.json`` per file kind instead, for an editor's
YAML language server to pick up.
"""

from __future__ import annotations

import argparse
import json
import os
from typing import Any

from .. import usercache
from ..model.jsonschema import ENTITIES, all_schemas, entity_schema
from ..publish.atomic import target_in, write_text_atomic
from ..publish.site import refuse_linked


def add(sub: Any) -> argparse.ArgumentParser:
    """Register the subcommand."""
    p: argparse.ArgumentParser = sub.add_parser("schema", help="print the JSON Schema of dossier files",
                                                description=__doc__,
                                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("what", nargs="?", default="all", choices=[*ENTITIES, "all"],
                   help="which file kind (default: all, as one JSON object by kind)")
    p.add_argument("--out", metavar="DIR", help="write <name>.schema.json files into DIR instead of printing")
    return p


def render(schema: dict[str, Any]) -> str:
    """Stable JSON text: indented, non-ASCII kept readable, newline at the end."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def run(args: argparse.Namespace) -> int:
    """Print (or write) the requested schema; exit 0."""
    names = list(ENTITIES) if args.what == "all" else [args.what]
    if args.out:
        shown, args.out = args.out, str(refuse_linked(args.out, usercache.project_of(args.config)))
        os.makedirs(args.out, exist_ok=True)
        for name in names:
            write_text_atomic(target_in(args.out, f"{name}.schema.json"), render(entity_schema(name)))
            print(os.path.join(shown, f"{name}.schema.json"))  # as the user named the folder
        return 0
    schema = all_schemas() if args.what == "all" else entity_schema(args.what)
    print(render(schema), end="")
    return 0
