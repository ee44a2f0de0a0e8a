"""Coding an event: its ACLED event type and sub-event type, and the PLOVER category they map to.

Violence follows the codebook's logic: how the harm was done (heavy weapons from afar, air,
planted devices, a thrown grenade, close fighting) and whom it hit (armed groups able to answer,
or civilians). Other families take their coding from the lexicon's ``families``.
"""

from __future__ import annotations

from typing import Any

from fogofwar.nlp.events.cues import Actor

_BATTLES = "Battles"
_REMOTE = "Explosions/Remote violence"
_CIVILIANS = "Violence against civilians"
_SHELLING = "Shelling/artillery/missile attack"
_IED = "Remote explosive/landmine/IED"

# Actor kinds able to fight back: violence against them is not violence against civilians.
_ARMED = frozenset({"military", "rebel", "police", "unidentified", "state"})
# Kinds showing the two sides in contact: fire from afar beside them is part of a battle.
_CONTACT = frozenset({"small", "answered"})
_NOTHING: frozenset[str] = frozenset()

# (kind, kinds that overrule it, ACLED type, sub-event type), weighed in order: the first kind
# of the event's that no other of its kinds overrules decides.
_Rule = tuple[str, frozenset[str], str, str]
# What was done (sexual violence, abduction) or with what (a suicide bomb, chemicals) decides
# alone, as does ground regained.
_BY_DEED: tuple[_Rule, ...] = (
    ("sexual", _NOTHING, _CIVILIANS, "Sexual violence"),
    ("abduct", _NOTHING, _CIVILIANS, "Abduction/forced disappearance"),
    ("suicide", _NOTHING, _REMOTE, "Suicide bomb"),
    ("chemical", _NOTHING, _REMOTE, "Chemical weapon"),
    ("gain", _NOTHING, _BATTLES, "Government regains territory"),
)
# Weapons that leave the target no way to answer: remote violence, unless the sides were in
# contact (small arms, machine guns or grenade launchers beside the mortars mean a battle).
_BY_WEAPON: tuple[_Rule, ...] = (
    ("air", _NOTHING, _REMOTE, "Air/drone strike"),
    ("heavy", _CONTACT, _REMOTE, _SHELLING),
    ("ied", _CONTACT, _REMOTE, _IED),
    ("grenade", _NOTHING, _REMOTE, "Grenade"),
)


def _first_rule(rules: tuple[_Rule, ...], kinds: set[str]) -> tuple[str, str] | None:
    for kind, overruled_by, type_, subtype in rules:
        if kind in kinds and not kinds & overruled_by:
            return type_, subtype
    return None


def _ground_taken(actor1: Actor | None, where: str | None) -> tuple[str, str]:
    """A place taken: regained when the country's own military took it, else overtaken."""
    if (
        actor1 is not None
        and actor1.kind == "military"
        and actor1.country is not None
        and actor1.country == where
    ):
        return _BATTLES, "Government regains territory"
    return _BATTLES, "Non-state actor overtakes territory"


def _by_target(
    kinds: set[str], actor1: Actor | None, actor2: Actor | None, in_sent: list[Actor]
) -> tuple[str, str]:
    """Violence with no telling weapon: whom it hit decides, then who did it."""
    target_civilian = (actor2 is not None and actor2.kind == "civilians") or (
        actor2 is None and any(a.kind == "civilians" for a in in_sent)
    )
    armed_target = actor2 is not None and actor2.kind in _ARMED
    if target_civilian and not armed_target:
        return _CIVILIANS, "Attack"
    if "blast" in kinds and "small" not in kinds:
        if actor1 is not None and actor1.kind in ("rebel", "unidentified"):
            return _REMOTE, _IED
        return _REMOTE, _SHELLING
    if "killing" in kinds and not armed_target:
        return _CIVILIANS, "Attack"
    return _BATTLES, "Armed clash"


def violence_subtype(
    kinds: set[str], actor1: Actor | None, actor2: Actor | None, in_sent: list[Actor], where: str | None
) -> tuple[str, str]:
    """ACLED's type and sub-event type of a violent happening, from the codebook's distinctions."""
    coded = _first_rule(_BY_DEED, kinds)
    if coded is None and "take" in kinds:
        coded = _ground_taken(actor1, where)
    coded = coded or _first_rule(_BY_WEAPON, kinds)
    return coded or _by_target(kinds, actor1, actor2, in_sent)


def _protest_subtype(kinds: set[str], actor2: Actor | None) -> str:
    force = actor2 is not None and actor2.kind in ("police", "military", "state")
    # The codebook's excessive force is lethal force (live fire, killing); "fired tear gas" or
    # rubber bullets to disperse a crowd is an intervention, unless someone was killed or hurt.
    lethal = kinds & {"killing", "casualty", "small"} or ("fire" in kinds and "intervene" not in kinds)
    if force and lethal:
        # Deaths named in a protest sentence are often its cause ("protest over the killing of
        # ..."): lethal force needs someone who used it.
        return "Excessive force against protesters"
    if kinds & {"intervene", "arrest", "small", "fire"}:
        return "Protest with intervention"
    return "Peaceful protest"


class EventCoder:
    """ACLED type, sub-event type and PLOVER category of a draft event."""

    def __init__(self, lexicon: dict[str, Any]) -> None:
        self.families: dict[str, dict[str, Any]] = lexicon["families"]
        self.acled: dict[str, Any] = lexicon["acled"]

    def code(
        self,
        family: str,
        kinds: set[str],
        actor1: Actor | None,
        actor2: Actor | None,
        in_sent: list[Actor],
        where: str | None,
    ) -> tuple[str | None, str | None, str | None]:
        if family in ("violence", "casualty"):
            type_, subtype = violence_subtype(kinds, actor1, actor2, in_sent, where)
        elif family == "protest":
            type_, subtype = "Protests", _protest_subtype(kinds, actor2)
        elif family == "riot":
            type_ = "Riots"
            subtype = "Mob violence" if "mob" in kinds and "protest" not in kinds else "Violent demonstration"
        elif family == "arrest" and actor1 is not None and actor1.kind in ("rebel", "unidentified"):
            type_, subtype = _CIVILIANS, "Abduction/forced disappearance"
        else:
            spec = self.families.get(family, {})
            return spec.get("type"), spec.get("subtype"), spec.get("plover")
        return type_, subtype, self.acled[type_]["subtypes"][subtype]["plover"]
