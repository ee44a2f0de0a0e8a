"""Finding the names an article gives places: spaCy's place entities and the gazetteer's names
in runs of capitalised tokens, each a :class:`Mention` with its gazetteer candidates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Span, Token

from fogofwar.knowledge.gazetteer import ADMIN1, ADMIN2, ALT, BARE, COUNTRY, Entry, Gazetteer, fold
from fogofwar.knowledge.places import CuratedPlaces, PlaceWords

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities that are not places: a gazetteer name inside one needs stronger evidence.
# (PRODUCT, WORK_OF_ART and the like are left out: the small model calls "Kursk" a PRODUCT.)
OTHER_LABELS = frozenset({"PERSON", "ORG", "NORP"})
# Entities that name someone: a gazetteer name inside one needs the evidence that
# MentionFinder._entity_says_not_a_place asks for.
PERSON_ORG = frozenset({"PERSON", "ORG"})
MAX_NAME_TOKENS = 6
REGION_KINDS = (COUNTRY, ADMIN1, ADMIN2)


@dataclass
class Mention:
    start: int  # token offsets
    end: int
    text: str
    key: str
    ner: bool
    cands: list[tuple[Entry, int]]
    run_end: int = 0  # where the run of capitalised tokens it was found in ends
    mid_run: bool = False  # found after other capitalised words of the same run ("TV Centre")
    qualifier: int | None = None  # the mention right after it that names its region/country
    # The qualifier is stated outright: in brackets, or a region's own name, not a bare base
    # name that is also a city ("Kupiansk, Kharkiv oblast", "Paris, Texas", "Bama (Borno)").
    stated: bool = False
    # The qualifier may be only the next name of a list ("Kyiv, Odesa and Lviv"): it counts
    # as the region its name resolved to, never as every region its name could be.
    listed: bool = False
    scores: list[float] = field(default_factory=list)
    chosen: Entry | None = None
    score: float = 0.0
    in_name: bool = False  # a word of an organisation's name ("the Ohio Supreme Court")


# What a PERSON/ORG entity around a gazetteer name says: not a place, the place an
# organisation is named after, or nothing either way.
EntityReading = Literal["no", "name", "maybe"]

# A reason a gazetteer name spaCy did not call a place is not one.
_Rejection = Callable[[Doc, Mention], bool]


def _biggest(m: Mention) -> int:
    """The population of the largest place the name is the own name of (0 when none)."""
    return max((e.population for e, flags in m.cands if not flags & ALT), default=0)


class MentionFinder:
    """The candidate names of a Doc, in text order, found with the places component's words."""

    def __init__(self, words: PlaceWords, table: CuratedPlaces) -> None:
        self.words = words
        self.state_abbr = table.us_state_abbreviations
        self.common = table.common_words
        # Words that keep a name inside a person's or organisation's name a place ("Chuhuiv Airbase").
        self.placey = words.facilities | words.region_words | words.people_after

    def find(self, doc: Doc, gaz: Gazetteer) -> list[Mention]:
        taken = [False] * len(doc)
        found: list[Mention] = []
        for ent in doc.ents:
            if ent.label_ not in PLACE_LABELS:
                continue
            for m in self._entity_mentions(doc, gaz, ent):
                found.append(m)
                for i in range(m.start, m.end):
                    taken[i] = True
        found.extend(self._scanned_mentions(doc, gaz, taken, found))
        found.sort(key=lambda m: m.start)
        return self._state_abbreviations(doc, gaz, found)

    def qualify(self, doc: Doc, mentions: list[Mention]) -> None:
        """ "Sudzha, Kursk region", "Alexandria, La.", "Vodiane (Donetsk)": the second names the
        first's region; not in a list of places ("Kyiv, Odesa and Lviv", "Kupiansk, Kharkiv,
        Izium"), where a comma joins names of the same standing."""
        for n in range(len(mentions) - 1):
            a, b = mentions[n], mentions[n + 1]
            between = doc[a.end : b.start].text.strip()
            if between not in (",", "(", "in") or not any(e.kind in REGION_KINDS for e, _ in b.cands):
                continue
            a.qualifier = n + 1
            if between == "," and self._listed(doc, b):
                a.listed = True
                continue
            a.stated = between == "(" or any(
                e.kind in REGION_KINDS and not flags & (ALT | BARE) for e, flags in b.cands
            )

    def _listed(self, doc: Doc, b: Mention) -> bool:
        """Whether `b` is one name of a list: "and"/"or" after it, or a comma and another
        capitalised word (whether or not the places component took it for a place)."""
        after = doc[b.end : b.end + 2]
        if after and after[0].lower_ in ("and", "or", "&"):
            return True
        return len(after) == 2 and after[0].text == "," and self._capitalised(after[1])

    # ------------------------------------------------------------------ spaCy's place entities

    def _entity_mentions(self, doc: Doc, gaz: Gazetteer, ent: Span) -> list[Mention]:
        """What a GPE, LOC or FAC entity names: itself (known to the gazetteer or not), the towns
        inside a facility's name, or nothing (an address, a demonym)."""
        span = _name_span(ent)
        if span is None or (ent.label_ == "FAC" and span[-1].lower_.rstrip(".") in self.words.streets):
            return []  # "6016 Dublin Road" is an address, not the city of Dublin
        span = self._whole_name(doc, gaz, span)
        key = fold(span.text)
        if key in self.words.organisations:
            return []  # "Taliban" taken for a GPE: an armed group, not the village in Turkey
        cands = gaz.lookup(key)
        state = gaz.region("US", self.state_abbr.get(span.text, ""))
        if state is not None:
            cands = [(state, 0)]  # "Fla." is Florida, not Flå in Norway
        if not cands:
            inner = self._facility_towns(doc, gaz, span)
            if inner:
                return inner
            if not self._unknown_place(ent, span):
                return []
        return [Mention(span.start, span.end, span.text, key, True, cands)]

    def _whole_name(self, doc: Doc, gaz: Gazetteer, span: Span) -> Span:
        """The entity's span, extended to the whole name where spaCy stopped short."""
        if span.end < len(doc) and doc[span.end].lower_ in self.words.region_words:
            longer = doc[span.start : span.end + 1]
            if gaz.has(fold(longer.text)):
                span = longer  # "Kurskaya oblast": spaCy stops before the lower-case word
        ahead = self._scan(doc, gaz, span.start, min(len(doc), span.end + MAX_NAME_TOKENS))
        if ahead and ahead[0].start == span.start and ahead[0].end > span.end:
            span = doc[span.start : ahead[0].end]  # "Bila Tserkva": spaCy took only "Bila"
        return span

    def _facility_towns(self, doc: Doc, gaz: Gazetteer, span: Span) -> list[Mention]:
        """The names inside an entity the gazetteer does not know, when they cover it but for
        region and facility words ("Chuhuiv Airbase"): "Red River" is not the town of Red."""
        facilities, region_words = self.words.facilities, self.words.region_words
        inner = [
            m
            for m in self._scan(doc, gaz, span.start, span.end)
            if m.key not in self.common and m.key not in facilities
        ]
        rest = {t.i for t in span if t.is_alpha} - {i for m in inner for i in range(m.start, m.end)}
        if not inner or not all(doc[i].lower_ in facilities or doc[i].lower_ in region_words for i in rest):
            return []
        for m in inner:
            m.ner = True
        return inner

    def _unknown_place(self, ent: Span, span: Span) -> bool:
        """Whether an entity the gazetteer does not know is still a place the article names."""
        if ent.label_ == "FAC" or not any(self._capitalised(t) for t in span):
            return False
        # "Ukrainian" taken for a GPE: a demonym is not a place
        return not (self.words.demonym.search(span[-1].text) and (span[-1].tag_ == "JJ" or len(span) == 1))

    # ------------------------------------------------------------------ the gazetteer's names

    def _scanned_mentions(
        self, doc: Doc, gaz: Gazetteer, taken: list[bool], found: list[Mention]
    ) -> list[Mention]:
        """Gazetteer names outside the entities already taken that the text marks as places."""
        other = [False] * len(doc)
        person_org: list[Span | None] = [None] * len(doc)
        for ent in doc.ents:
            if ent.label_ in OTHER_LABELS:
                for i in range(ent.start, ent.end):
                    other[i] = True
            if ent.label_ in PERSON_ORG:
                for i in range(ent.start, ent.end):
                    person_org[i] = ent
        accepted: list[Mention] = []
        rejected: list[Mention] = []
        for m in self._scan(doc, gaz, 0, len(doc)):
            if any(taken[i] for i in range(m.start, m.end)) or m.key in self.words.organisations:
                continue
            around = next((e for e in person_org[m.start : m.end] if e is not None), None)
            reading: EntityReading = "maybe" if around is None else self._entity_reading(doc, m, around)
            if reading == "no":
                continue  # not a place here, nor made one by its namesakes elsewhere
            m.in_name = reading == "name"
            if self._accept_scanned(doc, m, other):
                accepted.append(m)
            else:
                rejected.append(m)
        # One sense per article: a name taken as a place once is a place wherever it recurs
        # ("Orchard St., Alexandria" after the headline's "Alexandria woman charged").
        places_named = {m.key for m in (*found, *accepted) if m.cands}
        for m in rejected:
            if m.key in places_named and m.key not in self.common and not self._demonym(doc, m):
                accepted.append(m)
        return accepted

    def _entity_reading(self, doc: Doc, m: Mention, ent: Span) -> EntityReading:
        """What spaCy's PERSON or ORG entity around a gazetteer name says of it.

        The small model calls many towns people or organisations ("the outskirts of Kharkiv",
        "Helicopters over Luhansk"), so the entity alone does not decide. It is not a place
        ("no") when
        * the name is only an alternate name of a small place ("Switch" for Vicam, Mexico) and
          no spatial word puts it in space;
        * it is a word of a longer person's name ("Vladimir Putin"), unless the rest are facility
          or region words ("Chuhuiv Airbase") or a title follows it ("Huntsville Fire Chief Tom
          Grisham");
        * it is a whole person's name, not a country's, and nothing puts it in space: a locative
          word before it (where "of" needs a place word before it: "outskirts of Kharkiv", not
          "supporters of Morales"), a qualifier after it or a facility; a region's name alone
          does not ("Vladimir said").
        A word of a longer organisation's name ("the Ohio Supreme Court", "University of
        California") is the place the organisation is named after ("name"): it stays in the
        list, standing for the organisation, not drawn as where something is; unless the
        organisation is a facility or a local body, which is where it is ("Kyiv TV Centre
        Tower", "Mariupol police"). Otherwise the usual evidence decides ("maybe").
        """
        if self._small_alternate_only(doc, m):
            return "no"
        name = _name_span(ent)
        if name is None or (name.start, name.end) != (m.start, m.end):
            return self._part_reading(doc, m, ent)
        if ent.label_ != "PERSON" or self._placed_person(doc, m):
            return "maybe"
        return "no"

    def _small_alternate_only(self, doc: Doc, m: Mention) -> bool:
        """Only an alternate name of a small place ("Switch" is one of Vicam, Mexico), unlike a
        city's transliteration ("Kryvyi Rih"), with no spatial word other than "on" before it
        ("available on Switch, PlayStation and Xbox") and no place qualifying it."""
        if not all(flags & ALT for _, flags in m.cands) or _biggest_alternate(m) >= 100_000:
            return False
        if self._spatial_before(doc, m) and doc[m.start - 1].lower_ != "on":
            return False
        # "(Jowhar, Middle Shabelle)": a qualifier that is itself a place, or in brackets.
        return not (
            self._qualified(doc, m)
            and (doc[m.end + 1].ent_type_ in PLACE_LABELS or (m.start > 0 and doc[m.start - 1].text == "("))
        )

    def _part_reading(self, doc: Doc, m: Mention, ent: Span) -> EntityReading:
        """A gazetteer name that is a word of a longer PERSON or ORG entity."""
        nxt = doc[m.end].lower_ if m.end < len(doc) else ""
        articles = self.words.articles
        rest = [t for t in ent if not m.start <= t.i < m.end and not t.is_punct and t.lower_ not in articles]
        if all(t.lower_ in self.placey for t in rest):
            return "maybe"
        if any(t.text == "(" for t in ent) and (
            self._qualified(doc, m) or self._bracketed_after_name(doc, m)
        ):
            # "Ivanivka (Kherson)" taken for one organisation: a place and its region.
            return "maybe"
        spatial = self._spatial_before(doc, m)
        if spatial and (ent.label_ == "ORG" or nxt in ("-", "–")):
            # "the Cabinet of Ministers in Kyiv", "near Donetsk-Kirovskyi": spaCy's entity ran on
            # over a place the text puts in space.
            return "maybe"
        local = self._facility_after(doc, m) or nxt in self.words.people_after
        if ent.label_ == "PERSON":
            return "maybe" if local or nxt in self.words.titles or nxt in self.placey else "no"
        return "maybe" if local else "name"

    def _placed_person(self, doc: Doc, m: Mention) -> bool:
        """Whether a name spaCy calls a person is a country's, or the text puts it in space."""
        nxt = doc[m.end].lower_ if m.end < len(doc) else ""
        return (
            any(e.kind == COUNTRY and not flags & ALT for e, flags in m.cands)  # "Sri Lanka's"
            or self._spatial_before(doc, m)
            or self._qualified(doc, m)
            or self._facility_after(doc, m)
            or nxt in self.words.people_after
        )

    def _spatial_before(self, doc: Doc, m: Mention) -> bool:
        """A locative word before the name, where "of" counts only after a place word
        ("outskirts of", "area of", "north of", "city of")."""
        if not self._locative_before(doc, m):
            return False
        k = m.start - 1
        while k >= 0 and doc[k].lower_ not in self.words.locative:
            k -= 1
        if doc[k].lower_ != "of":
            return True
        head = doc[k - 1].lower_ if k > 0 else ""
        return (
            head in self.words.spatial_heads or head in self.words.locative or head in self.words.region_words
        )

    def _state_abbreviations(self, doc: Doc, gaz: Gazetteer, found: list[Mention]) -> list[Mention]:
        """ "Alexandria, La.": an AP state abbreviation after a place and a comma names the state."""
        out: list[Mention] = []
        for m in found:
            out.append(m)
            if m.end + 1 >= len(doc) or doc[m.end].text != ",":
                continue
            tok = doc[m.end + 1]
            state = self.state_abbr.get(tok.text) or self.state_abbr.get(tok.text + ".")
            entry = gaz.region("US", state) if state else None
            if entry is not None and not any(o.start == tok.i for o in found):
                out.append(Mention(tok.i, tok.i + 1, tok.text, fold(tok.text), True, [(entry, 0)]))
        return out

    def _run_end(self, doc: Doc, i: int, hi: int) -> int:
        """Where the run of capitalised tokens starting at i ends: joiners inside ("Rostov-on-Don",
        "Bay of Biscay"), a region word after it ("Kursk region", "Kurskaya oblast")."""
        j = i + 1
        while (
            j < hi
            and j - i < MAX_NAME_TOKENS
            and (
                self._capitalised(doc[j])
                or (doc[j].lower_ in self.words.joiners and j + 1 < hi and self._capitalised(doc[j + 1]))
            )
        ):
            j += 1
        if j < hi and doc[j].lower_ in self.words.region_words:
            j += 1
        return j

    def _scan(self, doc: Doc, gaz: Gazetteer, lo: int, hi: int) -> list[Mention]:
        """Gazetteer names in doc[lo:hi], longest first, over runs of capitalised tokens."""
        out: list[Mention] = []
        i = run_start = lo
        while i < hi:
            if not self._capitalised(doc[i]):
                i += 1
                continue
            if i == lo or not self._capitalised(doc[i - 1]) or _opener(doc[i - 1]):
                run_start = i
            j = self._run_end(doc, i, hi)
            for n in range(j - i, 0, -1):
                span = doc[i : i + n]
                if not self._capitalised(span[-1]) and span[-1].lower_ not in self.words.region_words:
                    continue
                key = fold(span.text)
                if len(key) < 2 or not gaz.has(key):
                    continue
                mention = Mention(i, i + n, span.text, key, False, gaz.lookup(key))
                mention.run_end, mention.mid_run = j, i > run_start
                out.append(mention)
                i += n
                break
            else:
                i += 1
        return out

    # ------------------------------------------------------------------ is a scanned name a place?

    def _accept_scanned(self, doc: Doc, m: Mention, other: list[bool]) -> bool:
        """A gazetteer name spaCy did not call a place: kept when the text marks it as one."""
        if any(rejects(doc, m) for rejects in self._rejections()):
            return False
        biggest = _biggest(m)
        nxt = doc[m.end : m.end + 2]
        if nxt and nxt[0].lower_ in self.words.people_after and biggest >= 1000:
            return True
        if self._facility_after(doc, m) and biggest >= 1000:
            # "Chuhuiv Airbase", "Mykolaiv Oncology Hospital", "Okhtyrka railway station": the
            # town they are in.
            return True
        strong = any(e.kind in REGION_KINDS and not flags & BARE for e, flags in m.cands)
        marked = (
            strong
            or self._locative_before(doc, m)
            or self._qualified(doc, m)
            or self._bracketed_after_name(doc, m)
        )
        if other[m.start]:
            # "Rapides Parish Fire District": a region inside an organisation's name; a town
            # inside an "organisation" or "person" (the small model's guess for many villages:
            # "Chuhuiv Airbase", "in Sumy") needs a locative word or a qualifier.
            return marked
        return marked or biggest >= 100_000

    def _rejections(self) -> tuple[_Rejection, ...]:
        """Why a scanned name is not a place, each a predicate; the first that holds rejects it."""
        return (
            self._people_or_stop_word_first,
            _mid_run,
            self._common_words,
            _acronym,
            self._demonym_last,
            self._tagged_not_a_name,
            _sentence_opening_noun,
        )

    def _people_or_stop_word_first(self, doc: Doc, m: Mention) -> bool:
        first = doc[m.start]
        return bool(
            (first.ent_type_ == "NORP" and self.words.demonym.search(first.text))
            or (first.is_sent_start and first.is_stop)
        )

    def _common_words(self, doc: Doc, m: Mention) -> bool:
        """ "Road", "May", "Henry": a place somewhere, but not in English prose."""
        return m.key in self.common or all(w in self.common for w in m.key.split())

    def _demonym_last(self, doc: Doc, m: Mention) -> bool:
        """ "Sri Lankan"."""
        last = doc[m.end - 1]
        return bool(self.words.demonym.search(last.text)) and last.ent_type_ == "NORP"

    def _tagged_not_a_name(self, doc: Doc, m: Mention) -> bool:
        """The small model tags some names as common nouns or adjectives ("in central Kyiv"
        gives Kyiv NN, "Mariupol police" JJ); a demonym-like adjective ("Russian") or a verb is out."""
        words = [t for t in doc[m.start : m.end] if t.is_alpha and t.lower_ not in self.words.region_words]
        return any(
            t.tag_.startswith(("VB", "RB")) or (t.tag_ == "JJ" and bool(self.words.demonym.search(t.text)))
            for t in words
        )

    def _locative_before(self, doc: Doc, m: Mention) -> bool:
        """A locative word before the name, up to three adjectives, determiners or compass words
        away ("in central Kyiv", "near the occupied")."""
        k = m.start - 1
        while (
            k >= 0
            and k >= m.start - 3
            and (doc[k].tag_ in ("JJ", "DT") or doc[k].lower_ in self.words.compass)
        ):
            k -= 1
        return k >= 0 and doc[k].lower_ in self.words.locative

    def _qualified(self, doc: Doc, m: Mention) -> bool:
        """A comma or a bracket and a capitalised word after the name ("Sudzha, Kursk region",
        "Bama (Borno)")."""
        after = doc[m.end : m.end + 2]
        return len(after) == 2 and after[0].text in (",", "(") and self._capitalised(after[1])

    def _bracketed_after_name(self, doc: Doc, m: Mention) -> bool:
        """A region's name opening a bracket right after a proper name: "Bama (Borno)", not a
        person's maiden name ("June V. (Watson) Schell") nor a pronoun's referent ("He (Wilson)")."""
        if m.start < 2 or doc[m.start - 1].text != "(":
            return False
        before = doc[m.start - 2]
        return (
            before.tag_ in ("NNP", "NNPS")
            and not before.text.endswith(".")
            and any(e.kind in (COUNTRY, ADMIN1) and not flags & ALT for e, flags in m.cands)
        )

    def _facility_after(self, doc: Doc, m: Mention) -> bool:
        """A facility word ending the name's run or right after it ("Chuhuiv Airbase")."""
        facilities = self.words.facilities
        return (m.run_end > m.end and doc[m.run_end - 1].lower_ in facilities) or any(
            t.lower_ in facilities for t in doc[m.end : m.end + 2] if not self._capitalised(t)
        )

    def _demonym(self, doc: Doc, m: Mention) -> bool:
        last = doc[m.end - 1]
        return bool(self.words.demonym.search(last.text)) and (last.ent_type_ == "NORP" or last.tag_ == "JJ")

    def _capitalised(self, token: Token) -> bool:
        return (
            bool(token.text)
            and token.text[0].isupper()
            and not token.is_punct
            and token.lower_ not in self.words.articles
        )


def _name_span(ent: Span) -> Span | None:
    """The name itself: no leading "the", no trailing possessive."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and doc[start].lower_ in ("the", "a"):
        start += 1
    while end > start and doc[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    return doc[start:end] if start < end else None


def _biggest_alternate(m: Mention) -> int:
    """The population of the largest place the name is an alternate name of (0 when none)."""
    return max((e.population for e, flags in m.cands if flags & ALT), default=0)


def _mid_run(doc: Doc, m: Mention) -> bool:
    """ "Kyiv TV Centre Tower" does not name a place called Centre."""
    return m.mid_run


def _acronym(doc: Doc, m: Mention) -> bool:
    """ "NCIS", "G.B.": acronyms and initials, unless a country's ("UK")."""
    country = any(e.kind == COUNTRY for e, _ in m.cands)
    return not country and (m.text.isupper() or "." in m.text)


def _sentence_opening_noun(doc: Doc, m: Mention) -> bool:
    """ "Oil depot in Belgorod": a common noun opening the sentence, unless a town of 20,000."""
    first = doc[m.start]
    return bool(first.is_sent_start) and first.tag_ not in ("NNP", "NNPS") and _biggest(m) < 20_000


def _opener(token: Token) -> bool:
    """A capitalised sentence opener that is not part of a name ("Shelled Lysychansk")."""
    return bool(token.is_sent_start) and (token.is_stop or token.lower_.endswith(("ed", "ing")))
