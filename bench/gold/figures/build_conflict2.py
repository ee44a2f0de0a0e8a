# ruff: noqa: E501  (the passages are data: each line is a piece of one written sentence)
"""Writes bench/gold/figures/conflict2_dev and conflict2_untouched (format `conflict` of shared/eval/figures.py).

Every passage below was written by hand for this set (issue 27, helper fig27, 2026-12-07) before
the figures component was run on any of it. Spans are located by whole-word search (the `occ`-th
occurrence); low/high follow the README conventions of shared/data/figures/conflict from the
qualifier. Weekday periods are the latest such day on or before publication. Within each group
of three passages (one kind of difficulty each), the third goes to `untouched`; the few extra
passages go to `dev`.

Run: python3 bench/gold/figures/build_conflict2.py
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def wd(pub: str, day: str) -> str:
    """The latest `day` (a weekday name) on or before the publication date."""
    d = dt.date.fromisoformat(pub)
    back = (d.weekday() - DAYS.index(day)) % 7
    return (d - dt.timedelta(days=back)).isoformat()


def minus(pub: str, days: int) -> str:
    return (dt.date.fromisoformat(pub) - dt.timedelta(days=days)).isoformat()


def F(
    text: str,
    value: float,
    qual: str,
    cat: str,
    side: str | None,
    period: str | None,
    occ: int = 0,
    unit: str = "count",
    low: float | None = None,
    high: float | None = None,
    parent: int | None = None,
) -> dict[str, Any]:
    if low is None and qual in ("over", "at_least"):
        low = value
    if high is None and qual in ("under", "at_most"):
        high = value
    return {
        "text": text,
        "value": value,
        "low": low,
        "high": high,
        "unit": unit,
        "qualifier": qual,
        "category": cat,
        "side": side,
        "period_begin": period,
        "parent": parent,
        "occ": occ,
    }


def N(text: str, why: str, occ: int = 0) -> dict[str, Any]:
    return {"text": text, "why": why, "occ": occ}


def P(
    pid: str,
    pub: str,
    outlet: str,
    title: str,
    text: str,
    figs: list[dict[str, Any]],
    negs: list[dict[str, Any]],
) -> dict[str, Any]:
    return {
        "id": pid,
        "published": pub,
        "outlet": outlet,
        "title": title,
        "text": text,
        "figs": figs,
        "negs": negs,
    }


K = "Kyiv Ledger"
M = "Moscow Wire"
NILE = "Nile Desk"
LEV = "Levant Desk"
MY = "Mandalay Bureau"
SAH = "Sahel Desk"
GL = "Great Lakes Wire"
RS = "Red Sea Monitor"

GROUPS: list[list[dict[str, Any]]] = [
    # 1. figures with no time phrase (a said-date is not the figure's period)
    [
        P(
            "g01a",
            "2024-03-01",
            LEV,
            "Gaza toll passes 30,000",
            "The death toll in Gaza has passed 30,000, the territory's health ministry said on Thursday. "
            "More than 70,000 people have been wounded, it added, and many more are believed to lie under the rubble.",
            [
                F("30,000", 30000, "over", "civilians.killed", "PS", None),
                F("More than 70,000 people", 70000, "over", "civilians.injured", "PS", None),
            ],
            [],
        ),
        P(
            "g01b",
            "2025-02-12",
            K,
            "Kyiv's count of Russian losses",
            "Ukraine's defence ministry puts Russia's losses at roughly 850,000 killed and wounded, a figure Moscow "
            "does not comment on. Ukraine's own losses are estimated by Western officials at about 400,000.",
            [
                F("roughly 850,000 killed and wounded", 850000, "about", "personnel.casualties", "RU", None),
                F("about 400,000", 400000, "about", "personnel.casualties", "UA", None),
            ],
            [],
        ),
        P(
            "g01c",
            "2024-08-14",
            MY,
            "Junta holds under half the country",
            "Myanmar's military now controls less than half of the country's territory, according to a study by "
            "independent researchers, and more than 3 million people are displaced.",
            [
                F(
                    "less than half of the country's territory",
                    0.5,
                    "under",
                    "territory",
                    "MM",
                    None,
                    unit="share",
                ),
                F("more than 3 million people", 3000000, "over", "civilians.displaced", "MM", None),
            ],
            [],
        ),
    ],
    # 2. a "since ..." phrase clauses before the figure
    [
        P(
            "g02a",
            "2024-11-20",
            K,
            "Kurakhove offensive",
            "Since the offensive on Kurakhove began on 3 October, Russian units have pushed into the town's eastern "
            "districts, seized the power plant and, according to the Ukrainian command, lost more than 2,000 "
            "fighters killed. A further 3,500 were wounded, the command said.",
            [
                F("more than 2,000 fighters", 2000, "over", "personnel.killed", "RU", "2024-10-03"),
                F("3,500", 3500, "exact", "personnel.wounded", "RU", "2024-10-03"),
            ],
            [N("3 October", "date")],
        ),
        P(
            "g02b",
            "2024-05-22",
            NILE,
            "El Fasher under siege",
            "Since the RSF laid siege to El Fasher on 10 May, shelling has hit the city's last working hospital, cut "
            "off the water supply and, by the count of Medecins Sans Frontieres, killed at least 85 people. More "
            "than 700 have been wounded in the same period.",
            [
                F("at least 85 people", 85, "at_least", "civilians.killed", "SD", "2024-05-10"),
                F("More than 700", 700, "over", "civilians.injured", "SD", "2024-05-10"),
            ],
            [N("10 May", "date")],
        ),
        P(
            "g02c",
            "2025-02-03",
            MY,
            "Junta counter-offensive",
            "Since the junta began its counter-offensive on 15 January, its troops have retaken two towns on the "
            "Lashio road, lost, by the rebels' account, around 300 soldiers and abandoned 14 armoured vehicles.",
            [
                F("two towns", 2, "exact", "territory", "MM", "2025-01-15"),
                F("around 300 soldiers", 300, "about", "personnel.casualties", "MM", "2025-01-15"),
                F("14 armoured vehicles", 14, "exact", "equipment.afv", "MM", "2025-01-15"),
            ],
            [N("15 January", "date")],
        ),
    ],
    # 3. missiles and drones launched (attacker) vs people hit (victims)
    [
        P(
            "g03a",
            "2024-12-25",
            K,
            "Strike on the grid",
            "Russia launched 78 missiles and 106 drones at Ukraine's power grid on Wednesday morning, the air force "
            "said, and air defences shot down 59 of the missiles. One person was killed in Dnipropetrovsk region and "
            "six were injured in Kharkiv.",
            [
                F("78 missiles", 78, "exact", "equipment.missile", "RU", "2024-12-25"),
                F("106 drones", 106, "exact", "equipment.uav", "RU", "2024-12-25"),
                F("59 of the missiles", 59, "exact", "equipment.missile", "RU", "2024-12-25", parent=0),
                F("One person", 1, "exact", "civilians.killed", "UA", "2024-12-25"),
                F("six", 6, "exact", "civilians.injured", "UA", "2024-12-25"),
            ],
            [],
        ),
        P(
            "g03b",
            "2024-08-01",
            RS,
            "Houthi fire at Israel",
            "The Houthis have fired more than 220 missiles and drones towards Israel since October, the Israeli "
            "military says; a drone that struck Tel Aviv on 19 July killed one man and wounded eight people.",
            [
                F("more than 220 missiles and drones", 220, "over", "equipment", "YE", "2023-10-01"),
                F("one man", 1, "exact", "civilians.killed", "IL", "2024-07-19"),
                F("eight people", 8, "exact", "civilians.injured", "IL", "2024-07-19"),
            ],
            [N("19 July", "date")],
        ),
        P(
            "g03c",
            "2025-04-14",
            K,
            "Sumy strike",
            "Two Iskander ballistic missiles fired by Russian forces hit the centre of Sumy on Sunday morning, "
            "killing 34 people, two of them children, and wounding 117.",
            [
                F("Two Iskander ballistic missiles", 2, "exact", "equipment.missile", "RU", "2025-04-13"),
                F("34 people", 34, "exact", "civilians.killed", "UA", "2025-04-13"),
                F("two of them", 2, "exact", "civilians.killed", "UA", "2025-04-13", parent=1),
                F("117", 117, "exact", "civilians.injured", "UA", "2025-04-13"),
            ],
            [],
        ),
    ],
    # 4. civilians, hostages, aid workers tied to a party
    [
        P(
            "g04a",
            "2024-04-03",
            LEV,
            "Aid convoy hit",
            "An Israeli strike on a convoy in Deir al-Balah on Monday killed seven aid workers with World Central "
            "Kitchen, three of them British. The UN agency for Palestinian refugees says 176 of its staff in Gaza "
            "have been killed since the war began.",
            [
                F("seven aid workers", 7, "exact", "civilians.killed", None, "2024-04-01"),
                F("three of them", 3, "exact", "civilians.killed", "GB", "2024-04-01", parent=0),
                F("176 of its staff", 176, "exact", "civilians.killed", "PS", "2023-10-07"),
            ],
            [],
        ),
        P(
            "g04b",
            "2025-01-20",
            LEV,
            "First swap of the truce",
            "Hamas freed three Israeli women held in Gaza on Sunday, and hours later Israel released 90 Palestinian "
            "prisoners from Ofer prison, the first swap of the ceasefire.",
            [
                F("three Israeli women", 3, "exact", "prisoners.exchanged", "IL", "2025-01-19"),
                F("90 Palestinian prisoners", 90, "exact", "prisoners.exchanged", "PS", "2025-01-19"),
            ],
            [],
        ),
        P(
            "g04c",
            "2024-05-10",
            NILE,
            "Trapped in El Fasher",
            "Some 800,000 civilians remain trapped in El Fasher, the last city in Darfur held by the Sudanese army, "
            "as RSF fighters tighten their grip on the roads around it.",
            [F("Some 800,000 civilians", 800000, "about", "other", "SD", None)],
            [],
        ),
    ],
    # 5. foreign contingents
    [
        P(
            "g05a",
            "2025-01-05",
            K,
            "North Korean losses",
            "Ukraine's military intelligence says the North Korean contingent in Kursk has suffered over 400 "
            "casualties in three days of assaults near Makhnovka.",
            [F("over 400 casualties", 400, "over", "personnel.casualties", "KP", None)],
            [N("three days", "duration")],
        ),
        P(
            "g05b",
            "2025-01-28",
            GL,
            "Peacekeepers killed near Goma",
            "Nine South African soldiers serving with the regional peacekeeping force were killed in clashes with "
            "M23 rebels near Goma on Friday, Pretoria said. Three Malawian peacekeepers also died.",
            [
                F("Nine South African soldiers", 9, "exact", "personnel.killed", "ZA", "2025-01-24"),
                F("Three Malawian peacekeepers", 3, "exact", "personnel.killed", "MW", "2025-01-24"),
            ],
            [],
        ),
        P(
            "g05c",
            "2025-02-01",
            GL,
            "Uruguay's contingent",
            "Uruguay said one of its peacekeepers with the UN mission had died in Goma and that some 600 Uruguayan "
            "troops remained in the city. South Africa's toll rose to 14.",
            [
                F("one of its peacekeepers", 1, "exact", "personnel.killed", "UY", None),
                F("some 600 Uruguayan troops", 600, "about", "personnel.troops", "UY", None),
                F("14", 14, "exact", "personnel.killed", "ZA", None),
            ],
            [],
        ),
    ],
    # 6. prisoners exchanged
    [
        P(
            "g06a",
            "2024-06-26",
            K,
            "Prisoner swap",
            "Russia and Ukraine exchanged 90 prisoners of war each on Tuesday, the 53rd swap since the invasion. "
            "Kyiv said the 90 returned Ukrainians included defenders of Mariupol held for two years.",
            [
                F("90 prisoners of war each", 90, "exact", "prisoners.exchanged", None, "2024-06-25"),
                F("the 90 returned Ukrainians", 90, "exact", "prisoners.exchanged", "UA", "2024-06-25"),
            ],
            [N("53rd", "ordinal"), N("two years", "duration")],
        ),
        P(
            "g06b",
            "2025-03-20",
            K,
            "175 for 175",
            "Ukraine and Russia swapped 175 for 175 on Wednesday in a deal brokered by the United Arab Emirates. "
            "Moscow also handed over 22 badly wounded Ukrainian soldiers.",
            [
                F("175", 175, "exact", "prisoners.exchanged", None, "2025-03-19"),
                F("175", 175, "exact", "prisoners.exchanged", None, "2025-03-19", occ=1),
                F(
                    "22 badly wounded Ukrainian soldiers",
                    22,
                    "exact",
                    "prisoners.exchanged",
                    "UA",
                    "2025-03-19",
                ),
            ],
            [],
        ),
        P(
            "g06c",
            "2025-05-26",
            K,
            "Largest exchange ends",
            "Each side freed 303 prisoners on Sunday in the last stage of the largest exchange of the war, Ukraine's "
            "coordination headquarters said.",
            [F("303 prisoners", 303, "exact", "prisoners.exchanged", None, "2025-05-25")],
            [],
        ),
    ],
    # 7. recruits and troops
    [
        P(
            "g07a",
            "2024-09-15",
            K,
            "Russia's recruitment",
            "Russia is signing up between 25,000 and 30,000 new recruits a month with bonuses that can exceed a "
            "year's pay, Western officials estimate, enough to replace its losses at the front.",
            [
                F(
                    "between 25,000 and 30,000 new recruits a month",
                    27500,
                    "range",
                    "personnel.troops",
                    "RU",
                    None,
                    unit="per_month",
                    low=25000,
                    high=30000,
                )
            ],
            [],
        ),
        P(
            "g07b",
            "2024-05-20",
            MY,
            "Conscription",
            "Myanmar's junta plans to call up 5,000 conscripts a month under the conscription law it activated in "
            "February, and says 14,000 men have already reported for training.",
            [
                F(
                    "5,000 conscripts a month",
                    5000,
                    "exact",
                    "personnel.troops",
                    "MM",
                    None,
                    unit="per_month",
                ),
                F("14,000 men", 14000, "exact", "personnel.troops", "MM", None),
            ],
            [],
        ),
        P(
            "g07c",
            "2025-03-04",
            NILE,
            "Sudan's volunteers",
            "The Sudanese army has raised roughly 40,000 volunteer fighters in the north since the war began, and an "
            "RSF commander boasted of 100,000 men under arms in Darfur.",
            [
                F(
                    "roughly 40,000 volunteer fighters",
                    40000,
                    "about",
                    "personnel.troops",
                    "SD",
                    "2023-04-15",
                ),
                F("100,000 men", 100000, "exact", "personnel.troops", "SD", None),
            ],
            [],
        ),
    ],
    # 8. summary executions
    [
        P(
            "g08a",
            "2024-12-10",
            K,
            "Executions of prisoners",
            "Ukrainian prosecutors say Russian troops have executed 93 captured Ukrainian soldiers since the start of "
            "the year, most of them shot after surrendering near Pokrovsk.",
            [F("93 captured Ukrainian soldiers", 93, "exact", "personnel.killed", "UA", "2024-01-01")],
            [],
        ),
        P(
            "g08b",
            "2024-10-28",
            NILE,
            "Killings in Gezira",
            "RSF fighters summarily executed at least 120 men in the Gezira village of Al-Sariha over three days, "
            "residents said, after a local commander defected to the army.",
            [F("at least 120 men", 120, "at_least", "civilians.killed", "SD", None)],
            [N("three days", "duration")],
        ),
        P(
            "g08c",
            "2024-03-10",
            SAH,
            "Massacre in northern Burkina",
            "Soldiers summarily executed 223 villagers, including 56 children, in two villages in northern Burkina "
            "Faso on 25 February, a human rights group found.",
            [
                F("223 villagers", 223, "exact", "civilians.killed", "BF", "2024-02-25"),
                F("56 children", 56, "exact", "civilians.killed", "BF", "2024-02-25", parent=0),
            ],
            [N("25 February", "date")],
        ),
    ],
    # 9. shares of a population displaced
    [
        P(
            "g09a",
            "2024-06-10",
            NILE,
            "A third of Sudan uprooted",
            "More than a third of Sudan's people have been forced from their homes, the UN refugee agency says. "
            "About 10 million are displaced inside the country and another two million have fled abroad.",
            [
                F(
                    "More than a third of Sudan's people",
                    1 / 3,
                    "over",
                    "civilians.displaced",
                    "SD",
                    None,
                    unit="share",
                ),
                F("About 10 million", 10000000, "about", "civilians.displaced", "SD", None),
                F("two million", 2000000, "exact", "civilians.displaced", "SD", None),
            ],
            [],
        ),
        P(
            "g09b",
            "2024-01-20",
            LEV,
            "Gaza displacement",
            "Nine in ten Gazans have been displaced since October 7, many of them several times, according to UN "
            "estimates.",
            [F("Nine in ten Gazans", 0.9, "exact", "civilians.displaced", "PS", "2023-10-07", unit="share")],
            [],
        ),
        P(
            "g09c",
            "2025-03-15",
            LEV,
            "Syria's displaced",
            "About half of Syria's pre-war population of 22 million was displaced during the civil war; 7 million "
            "remain displaced inside the country.",
            [
                F(
                    "About half of Syria's pre-war population",
                    0.5,
                    "about",
                    "civilians.displaced",
                    "SY",
                    None,
                    unit="share",
                ),
                F("7 million", 7000000, "exact", "civilians.displaced", "SY", None),
            ],
            [N("22 million", "population")],
        ),
    ],
    # 10. artillery units and systems, bulletins with equipment lists
    [
        P(
            "g10a",
            "2024-03-16",
            K,
            "General Staff bulletin",
            "Over the past day Russian forces lost 1,150 personnel, 9 tanks, 27 artillery systems and 41 drones, "
            "Ukraine's General Staff said in its morning bulletin.",
            [
                F("1,150 personnel", 1150, "exact", "personnel.casualties", "RU", "2024-03-15"),
                F("9 tanks", 9, "exact", "equipment.tank", "RU", "2024-03-15"),
                F("27 artillery systems", 27, "exact", "equipment.artillery", "RU", "2024-03-15"),
                F("41 drones", 41, "exact", "equipment.uav", "RU", "2024-03-15"),
            ],
            [],
        ),
        P(
            "g10b",
            "2024-07-02",
            M,
            "Moscow's weekly claims",
            "Russia's defence ministry said its forces destroyed 12 artillery units, including four US-made M777 "
            "howitzers, and two HIMARS launchers in the past week, and claimed Ukraine lost up to 2,000 troops.",
            [
                F("12 artillery units", 12, "exact", "equipment.artillery", "UA", "2024-06-25"),
                F(
                    "four US-made M777 howitzers",
                    4,
                    "exact",
                    "equipment.artillery",
                    "UA",
                    "2024-06-25",
                    parent=0,
                ),
                F("two HIMARS launchers", 2, "exact", "equipment.mlrs", "UA", "2024-06-25"),
                F("up to 2,000 troops", 2000, "at_most", "personnel.casualties", "UA", "2024-06-25"),
            ],
            [],
        ),
        P(
            "g10c",
            "2025-01-10",
            MY,
            "Arakan Army haul",
            "The Arakan Army said it had seized 18 artillery pieces, 40 military trucks and more than 900 small arms "
            "when it overran the junta's western command in Ann on 20 December.",
            [
                F("18 artillery pieces", 18, "exact", "equipment.artillery", "MM", "2024-12-20"),
                F("40 military trucks", 40, "exact", "equipment.vehicle", "MM", "2024-12-20"),
                F("more than 900 small arms", 900, "over", "other", "MM", "2024-12-20"),
            ],
            [N("20 December", "date")],
        ),
        P(
            "g10d",
            "2025-02-24",
            K,
            "Three years of losses",
            "Three years into the full-scale invasion, Ukraine's General Staff counts Russian losses at about "
            "860,000 personnel, 10,200 tanks and 23,500 artillery systems. Kyiv's tally cannot be verified.",
            [
                F("about 860,000 personnel", 860000, "about", "personnel.casualties", "RU", "2022-02-24"),
                F("10,200 tanks", 10200, "exact", "equipment.tank", "RU", "2022-02-24"),
                F("23,500 artillery systems", 23500, "exact", "equipment.artillery", "RU", "2022-02-24"),
            ],
            [N("Three years", "duration")],
        ),
    ],
    # 11. wire copy with dateline and syndication credit
    [
        P(
            "g11a",
            "2024-02-18",
            "Northern Wire",
            "Avdiivka",
            "KYIV, Feb 18 (Northern Wire) - Ukraine's 3rd Assault Brigade said it had pulled out of Avdiivka after "
            "Russian forces massed some 50,000 troops around the town. Reporting by Olena Petrenko; editing by Tom "
            "Hale.",
            [F("some 50,000 troops", 50000, "about", "personnel.troops", "RU", None)],
            [N("Feb 18", "date"), N("3rd", "unit number")],
        ),
        P(
            "g11b",
            "2024-11-12",
            NILE,
            "Omdurman drone strikes",
            "KHARTOUM, Nov 12 (Nile Desk) - Drone strikes by the RSF on the city of Omdurman killed 14 people on "
            "Monday, a medical group said. (This story was syndicated from Nile Desk; (c) 2024 Nile Desk.)",
            [F("14 people", 14, "exact", "civilians.killed", "SD", "2024-11-11")],
            [N("Nov 12", "date"), N("2024", "year")],
        ),
        P(
            "g11c",
            "2024-10-23",
            "Black Sea Wire",
            "Odesa port strike",
            "ODESA, Oct 23 (Black Sea Wire) - A Russian ballistic missile struck a container ship in Odesa port "
            "overnight, killing four Ukrainian port workers and injuring 11, regional governor Oleh Kiper said. "
            "Additional reporting by Marta Kuz; first published 06:10 GMT.",
            [
                F("four Ukrainian port workers", 4, "exact", "civilians.killed", "UA", "2024-10-22"),
                F("11", 11, "exact", "civilians.injured", "UA", "2024-10-22"),
            ],
            [N("Oct 23", "date"), N("06:10", "clock time")],
        ),
    ],
    # 12. live-blog entries
    [
        P(
            "g12a",
            "2024-09-01",
            K,
            "Live: Kharkiv",
            "14:32 - Air raid alert over. Kharkiv's mayor says 2 people were killed and 28 injured in this "
            "afternoon's glide-bomb strike on the Saltivskyi district. 14:05 - Explosions reported in the city "
            "centre.",
            [
                F("2 people", 2, "exact", "civilians.killed", "UA", "2024-09-01"),
                F("28", 28, "exact", "civilians.injured", "UA", "2024-09-01"),
            ],
            [N("14:32", "clock time"), N("14:05", "clock time")],
        ),
        P(
            "g12b",
            "2023-10-13",
            LEV,
            "Live: Israel and Gaza",
            "09:15 - The Israeli military says it has called up 360,000 reservists since Saturday, the largest "
            "mobilisation in its history. 08:50 - Gaza's health ministry says 1,537 Palestinians have been killed in "
            "Israeli strikes.",
            [
                F("360,000 reservists", 360000, "exact", "personnel.troops", "IL", "2023-10-07"),
                F("1,537 Palestinians", 1537, "exact", "civilians.killed", "PS", None),
            ],
            [N("09:15", "clock time"), N("08:50", "clock time")],
        ),
        P(
            "g12c",
            "2025-06-01",
            K,
            "Live: record drone night",
            "11:20 - Ukraine's air force says Russia attacked overnight with 472 drones and seven missiles, a record "
            "for a single night. 10:45 - A 19-year-old man was wounded by falling debris in the Rivne region.",
            [
                F("472 drones", 472, "exact", "equipment.uav", "RU", "2025-05-31"),
                F("seven missiles", 7, "exact", "equipment.missile", "RU", "2025-05-31"),
            ],
            [N("11:20", "clock time"), N("10:45", "clock time"), N("19-year-old", "age")],
        ),
    ],
    # 13. explainers: years, ages, distances, populations
    [
        P(
            "g13a",
            "2024-05-15",
            K,
            "Explainer: Vovchansk",
            "Explainer: Vovchansk, a town of 17,000 people before the war, lies just 5 km from the Russian border. "
            "Since Russia opened its new front on 10 May, about 9,000 residents have been evacuated from the area, "
            "and Ukraine's army has lost control of some 100 square kilometres, according to analysts.",
            [
                F("about 9,000 residents", 9000, "about", "civilians.displaced", "UA", "2024-05-10"),
                F("some 100 square kilometres", 100, "about", "territory", "RU", "2024-05-10", unit="km2"),
            ],
            [N("17,000 people", "population"), N("5 km", "distance"), N("10 May", "date")],
        ),
        P(
            "g13b",
            "2024-12-09",
            LEV,
            "Explainer: Assad's fall",
            "Explainer: Bashar al-Assad, 59, fled to Moscow after rebels led by Hayat Tahrir al-Sham took Damascus "
            "on Sunday, ending a rule his family began in 1971. The rebel advance, launched on 27 November, took "
            "them 11 days; the civil war has killed more than 500,000 people since 2011.",
            [F("more than 500,000 people", 500000, "over", "civilians.killed", "SY", "2011-01-01")],
            [
                N("59", "age"),
                N("1971", "year"),
                N("27 November", "date"),
                N("11 days", "duration"),
                N("2011", "year"),
            ],
        ),
        P(
            "g13c",
            "2024-07-20",
            RS,
            "Explainer: the Red Sea",
            "Explainer: The Houthis, who seized Sanaa in 2014, have attacked more than 70 merchant ships in the Red "
            "Sea since November, sinking two. The Bab el-Mandeb strait they threaten is only 32 km wide at its "
            "narrowest.",
            [
                F("more than 70 merchant ships", 70, "over", "other", None, "2023-11-01"),
                F("two", 2, "exact", "other", None, "2023-11-01"),
            ],
            [N("2014", "year"), N("32 km", "distance")],
        ),
    ],
    # 14. unit numbers and road numbers
    [
        P(
            "g14a",
            "2024-02-27",
            K,
            "Bradleys near Stepove",
            "The 47th Mechanised Brigade said its Bradley crews destroyed 14 Russian tanks near Stepove on Monday, "
            "holding the T0511 road north of Avdiivka.",
            [F("14 Russian tanks", 14, "exact", "equipment.tank", "RU", "2024-02-26")],
            [N("47th", "unit number"), N("T0511", "road number")],
        ),
        P(
            "g14b",
            "2024-02-05",
            LEV,
            "Khan Younis",
            "Troops of the 98th Division have killed around 2,000 Hamas fighters in Khan Younis since the operation "
            "began in early December, the army said, as fighting moved south along Salah al-Din Road and Route 4.",
            [F("around 2,000 Hamas fighters", 2000, "about", "personnel.killed", "PS", "2023-12-01")],
            [N("98th", "unit number"), N("Route 4", "road number")],
        ),
        P(
            "g14c",
            "2025-01-22",
            GL,
            "Minova falls",
            "M23 rebels took Minova on Tuesday, cutting the RN2 highway, the last road into Goma, and the army's "
            "34th military region said around 400,000 people had fled toward the city since the start of the year.",
            [F("around 400,000 people", 400000, "about", "civilians.displaced", "CD", "2025-01-01")],
            [N("RN2", "road number"), N("34th", "unit number")],
        ),
    ],
    # 15. phone-like numbers and prices
    [
        P(
            "g15a",
            "2024-03-08",
            K,
            "Missing soldiers",
            "Families of missing soldiers can call the coordination headquarters hotline on 0 800 300 529. The "
            "headquarters says it has verified the fate of 2,800 missing servicemen since January, and that 47 of "
            "them were found in Russian captivity.",
            [
                F("2,800 missing servicemen", 2800, "exact", "personnel.casualties", "UA", "2024-01-01"),
                F("47 of them", 47, "exact", "personnel.captured", "UA", "2024-01-01", parent=0),
            ],
            [N("0 800 300 529", "phone number")],
        ),
        P(
            "g15b",
            "2024-10-02",
            NILE,
            "El Obeid prices",
            "A sack of flour now costs 60,000 Sudanese pounds in El Obeid, four times last year's price, while RSF "
            "shelling killed 23 people in the city's markets over the past week.",
            [F("23 people", 23, "exact", "civilians.killed", "SD", "2024-09-25")],
            [N("60,000 Sudanese pounds", "price")],
        ),
        P(
            "g15c",
            "2025-04-01",
            K,
            "Patriot package",
            "The United States has approved a $1.2 billion package that includes 90 Patriot interceptors, as Ukraine "
            "reported that Russia dropped 1,460 glide bombs on its positions in the past week. Press enquiries: +32 "
            "2 555 0134.",
            [
                F("90 Patriot interceptors", 90, "exact", "equipment.missile", "UA", None),
                F("1,460 glide bombs", 1460, "exact", "equipment", "RU", "2025-03-25"),
            ],
            [N("$1.2 billion", "price"), N("+32 2 555 0134", "phone number")],
        ),
    ],
    # 16. the Sahel
    [
        P(
            "g16a",
            "2024-07-29",
            SAH,
            "Tinzaouatene ambush",
            "Tuareg separatists said they killed 47 Malian soldiers and 84 Wagner fighters in three days of clashes "
            "near the Algerian border, and shot down a helicopter.",
            [
                F("47 Malian soldiers", 47, "exact", "personnel.killed", "ML", None),
                F("84 Wagner fighters", 84, "exact", "personnel.killed", "RU", None),
            ],
            [N("three days", "duration")],
        ),
        P(
            "g16b",
            "2024-09-18",
            SAH,
            "Bamako attack",
            "Jihadists of JNIM attacked a gendarmerie school and the airport in Bamako on Tuesday, killing more than "
            "70 people, most of them gendarmerie students, security sources said.",
            [F("more than 70 people", 70, "over", "civilians.killed", "ML", "2024-09-17")],
            [],
        ),
        P(
            "g16c",
            "2024-08-27",
            SAH,
            "Barsalogho",
            "Militants killed some 400 people, many of them civilians digging defensive trenches, in an attack on "
            "Barsalogho on Saturday; the government had ordered residents to dig the 4 km trench.",
            [F("some 400 people", 400, "about", "civilians.killed", "BF", "2024-08-24")],
            [N("4 km", "distance")],
        ),
    ],
    # 17. Myanmar
    [
        P(
            "g17a",
            "2023-11-10",
            MY,
            "Operation 1027",
            "The Three Brotherhood Alliance says it has captured more than 100 junta outposts and four border towns "
            "since launching Operation 1027 on 27 October.",
            [
                F("more than 100 junta outposts", 100, "over", "territory", "MM", "2023-10-27"),
                F("four border towns", 4, "exact", "territory", "MM", "2023-10-27"),
            ],
            [N("1027", "name"), N("27 October", "date")],
        ),
        P(
            "g17b",
            "2024-04-08",
            MY,
            "Myawaddy garrison",
            "About 600 soldiers of the junta's garrison in Myawaddy surrendered to Karen forces over the weekend, "
            "the rebels said, and 200 of them were handed over to the Thai authorities.",
            [
                F("About 600 soldiers", 600, "about", "personnel.captured", "MM", "2024-04-06"),
                F("200 of them", 200, "exact", "personnel.captured", "MM", "2024-04-06", parent=0),
            ],
            [],
        ),
        P(
            "g17c",
            "2025-03-31",
            MY,
            "Strike after the quake",
            "Junta airstrikes killed at least 15 people in a village in Sagaing region on Saturday, a day after the "
            "earthquake, the local resistance administration said.",
            [F("at least 15 people", 15, "at_least", "civilians.killed", "MM", "2025-03-29")],
            [],
        ),
    ],
    # 18. Syria
    [
        P(
            "g18a",
            "2025-03-10",
            LEV,
            "Coastal killings",
            "More than 1,000 people, most of them Alawite civilians, were killed in three days of clashes and "
            "revenge killings on Syria's coast, a monitoring group said on Sunday.",
            [F("More than 1,000 people", 1000, "over", "civilians.killed", "SY", None)],
            [N("three days", "duration")],
        ),
        P(
            "g18b",
            "2024-12-02",
            LEV,
            "Aleppo offensive",
            "Rebels said they had taken more than 250 towns and villages in Aleppo and Idlib provinces since "
            "launching their offensive on Wednesday, and seized dozens of tanks left behind by the army.",
            [
                F("more than 250 towns and villages", 250, "over", "territory", "SY", "2024-11-27"),
                F("dozens of tanks", 24, "at_least", "equipment.tank", "SY", "2024-11-27"),
            ],
            [],
        ),
        P(
            "g18c",
            "2024-10-15",
            LEV,
            "Turkish strikes",
            "Turkish drones struck Kurdish-led SDF positions in northern Syria for a third day, killing 12 fighters, "
            "the SDF said; Ankara said it had neutralised 37 militants since Thursday.",
            [
                F("12 fighters", 12, "exact", "personnel.killed", "SY", None),
                F("37 militants", 37, "exact", "personnel.killed", "SY", "2024-10-10"),
            ],
            [],
        ),
    ],
    # 19. Yemen
    [
        P(
            "g19a",
            "2024-01-12",
            RS,
            "Strikes on the Houthis",
            "US and British warplanes struck Houthi sites in Yemen overnight, the Pentagon said, after the group "
            "fired 21 drones and missiles at ships in the Red Sea on Tuesday. The Houthis said five of their "
            "fighters were killed.",
            [
                F("21 drones and missiles", 21, "exact", "equipment", "YE", "2024-01-09"),
                F("five of their fighters", 5, "exact", "personnel.killed", "YE", "2024-01-11"),
            ],
            [],
        ),
        P(
            "g19b",
            "2024-07-22",
            RS,
            "Hodeidah",
            "Israeli jets struck the Houthi-held port of Hodeidah on Saturday, a day after a Houthi drone killed a "
            "man in Tel Aviv; the Houthi health ministry said six people were killed and 83 wounded.",
            [
                F("six people", 6, "exact", "civilians.killed", "YE", "2024-07-20"),
                F("83", 83, "exact", "civilians.injured", "YE", "2024-07-20"),
            ],
            [],
        ),
        P(
            "g19c",
            "2023-12-20",
            RS,
            "Explainer: the Yemen war",
            "The Saudi-led air campaign in Yemen, which began in March 2015, carried out more than 25,000 air raids "
            "before a truce was agreed, a monitoring project counts. The UN estimates 150,000 people died in the "
            "fighting.",
            [
                F("more than 25,000 air raids", 25000, "over", "other", "SA", "2015-03-01"),
                F("150,000 people", 150000, "exact", "civilians.killed", "YE", None),
            ],
            [N("March 2015", "date")],
        ),
    ],
    # 20. DR Congo
    [
        P(
            "g20a",
            "2025-02-04",
            GL,
            "Goma toll",
            "At least 2,900 people were killed in the fighting for Goma between 26 and 30 January, the UN said. "
            "Another 700,000 people have been displaced since the start of the year.",
            [
                F("At least 2,900 people", 2900, "at_least", "civilians.killed", "CD", "2025-01-26"),
                F("Another 700,000 people", 700000, "exact", "civilians.displaced", "CD", "2025-01-01"),
            ],
            [N("26", "date"), N("30 January", "date")],
        ),
        P(
            "g20b",
            "2024-06-12",
            GL,
            "UN experts on Rwanda",
            "Rwanda has between 3,000 and 4,000 troops fighting alongside M23 inside Congo, UN experts said in a "
            "report, and the rebels now control an area of around 4,000 sq km in North Kivu.",
            [
                F(
                    "between 3,000 and 4,000 troops",
                    3500,
                    "range",
                    "personnel.troops",
                    "RW",
                    None,
                    low=3000,
                    high=4000,
                ),
                F("around 4,000 sq km", 4000, "about", "territory", "CD", None, unit="km2"),
            ],
            [],
        ),
        P(
            "g20c",
            "2025-03-03",
            GL,
            "Prisoners of M23",
            "The Congolese army says 1,200 of its soldiers and allied militiamen were taken prisoner by M23 when "
            "Goma fell, and the rebels paraded 60 of them in the city's stadium on Saturday.",
            [
                F("1,200 of its soldiers", 1200, "exact", "personnel.captured", "CD", None),
                F("60 of them", 60, "exact", "personnel.captured", "CD", "2025-03-01", parent=0),
            ],
            [],
        ),
    ],
    # 21. ministry bulletins (2)
    [
        P(
            "g21a",
            "2025-05-14",
            M,
            "Weekly summary",
            "Over the past week Russian air defences shot down 1,082 Ukrainian drones, 23 guided bombs and eight "
            "HIMARS rockets, and Ukraine lost up to 9,290 servicemen, the Russian defence ministry said in its "
            "weekly summary.",
            [
                F("1,082 Ukrainian drones", 1082, "exact", "equipment.uav", "UA", "2025-05-07"),
                F("23 guided bombs", 23, "exact", "equipment", "UA", "2025-05-07"),
                F("eight HIMARS rockets", 8, "exact", "equipment.missile", "UA", "2025-05-07"),
                F("up to 9,290 servicemen", 9290, "at_most", "personnel.casualties", "UA", "2025-05-07"),
            ],
            [],
        ),
        P(
            "g21b",
            "2024-04-18",
            LEV,
            "Iran's attack",
            "Iran launched about 170 drones, more than 30 cruise missiles and over 120 ballistic missiles at Israel "
            "on Saturday night, and 99% were intercepted, the military said. A 7-year-old Bedouin girl was badly "
            "hurt.",
            [
                F("about 170 drones", 170, "about", "equipment.uav", "IR", "2024-04-13"),
                F("more than 30 cruise missiles", 30, "over", "equipment.missile", "IR", "2024-04-13"),
                F("over 120 ballistic missiles", 120, "over", "equipment.missile", "IR", "2024-04-13"),
                F("99%", 99, "exact", "other", "IR", "2024-04-13", unit="percent"),
            ],
            [N("7-year-old", "age")],
        ),
        P(
            "g21c",
            "2024-10-08",
            LEV,
            "Rockets on Haifa",
            "Hezbollah fired about 190 rockets into northern Israel on Monday, the army said, wounding two people in "
            "Haifa. In Lebanon, the health ministry said Israeli strikes had killed 2,000 people since October last "
            "year.",
            [
                F("about 190 rockets", 190, "about", "equipment.missile", "LB", "2024-10-07"),
                F("two people", 2, "exact", "civilians.injured", "IL", "2024-10-07"),
                F("2,000 people", 2000, "exact", "civilians.killed", "LB", "2023-10-01"),
            ],
            [],
        ),
    ],
    # 22. mixed
    [
        P(
            "g22a",
            "2024-08-20",
            K,
            "Kursk incursion",
            "Ukraine says its forces now hold about 1,250 square kilometres and 92 settlements in Russia's Kursk "
            "region, two weeks after the incursion began on 6 August. Moscow says 121,000 residents have been "
            "evacuated since the incursion began.",
            [
                F("about 1,250 square kilometres", 1250, "about", "territory", "UA", None, unit="km2"),
                F("92 settlements", 92, "exact", "territory", "UA", None),
                F("121,000 residents", 121000, "exact", "civilians.displaced", "RU", "2024-08-06"),
            ],
            [N("two weeks", "duration"), N("6 August", "date")],
        ),
        P(
            "g22b",
            "2024-11-21",
            M,
            "ATACMS on Bryansk",
            "Ukraine fired six US-made ATACMS missiles at an arsenal in Bryansk region on Tuesday, Russia said, "
            "adding that five were shot down. The strike came on the 1,000th day of the war.",
            [
                F("six US-made ATACMS missiles", 6, "exact", "equipment.missile", "UA", "2024-11-19"),
                F("five", 5, "exact", "equipment.missile", "UA", "2024-11-19", parent=0),
            ],
            [N("1,000th", "ordinal")],
        ),
        P(
            "g22c",
            "2024-09-04",
            K,
            "Poltava strike",
            "Two Russian ballistic missiles struck a military training institute in Poltava on Tuesday, killing at "
            "least 51 people and injuring 271, in one of the deadliest single strikes of the war. The institute, "
            "founded in 1946, trains signals officers.",
            [
                F("Two Russian ballistic missiles", 2, "exact", "equipment.missile", "RU", "2024-09-03"),
                F("at least 51 people", 51, "at_least", "civilians.killed", "UA", "2024-09-03"),
                F("271", 271, "exact", "civilians.injured", "UA", "2024-09-03"),
            ],
            [N("1946", "year")],
        ),
        P(
            "g22d",
            "2025-01-30",
            LEV,
            "Settlement centres",
            "The new authorities say 12,000 former regime soldiers have registered at settlement centres along the "
            "M5 highway since 10 December. A 24-hour hotline, 1551, takes reports of unexploded ordnance.",
            [F("12,000 former regime soldiers", 12000, "exact", "other", "SY", "2024-12-10")],
            [
                N("M5", "road number"),
                N("10 December", "date"),
                N("24-hour", "duration"),
                N("1551", "phone number"),
            ],
        ),
    ],
]


def locate(text: str, needle: str, occ: int) -> tuple[int, int]:
    starts = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text)]
    if len(starts) <= occ:
        raise SystemExit(f"{needle!r} (occurrence {occ}) not in {text!r}")
    return starts[occ], starts[occ] + len(needle)


def rows(passage: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    text = passage["text"]
    figs, negs = [], []
    for f in passage["figs"]:
        s, e = locate(text, f["text"], f.pop("occ"))
        figs.append({"text": f["text"], "start": s, "end": e, **{k: v for k, v in f.items() if k != "text"}})
    for n in passage["negs"]:
        s, e = locate(text, n["text"], n.pop("occ"))
        for f in figs:
            if s < f["end"] and f["start"] < e:
                raise SystemExit(f"negative {n['text']!r} overlaps figure {f['text']!r}")
        negs.append({"text": n["text"], "start": s, "end": e, "why": n["why"]})
    figs.sort(key=lambda f: f["start"])
    negs.sort(key=lambda n: n["start"])
    article = {k: passage[k] for k in ("id", "title", "outlet", "published", "text")}
    return article, {"id": passage["id"], "figures": figs, "negatives": negs}


def main() -> None:
    split: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {"dev": [], "untouched": []}
    for group in GROUPS:
        for i, passage in enumerate(group):
            split["untouched" if i == 2 else "dev"].append(rows(passage))
    for name, pairs in split.items():
        folder = HERE / f"conflict2_{name}"
        folder.mkdir(exist_ok=True)
        with open(folder / "articles.jsonl", "w", encoding="utf-8") as out:
            out.writelines(json.dumps(a, ensure_ascii=False) + "\n" for a, _ in pairs)
        with open(folder / "gold.jsonl", "w", encoding="utf-8") as out:
            out.writelines(json.dumps(g, ensure_ascii=False) + "\n" for _, g in pairs)
        n_fig = sum(len(g["figures"]) for _, g in pairs)
        n_neg = sum(len(g["negatives"]) for _, g in pairs)
        n_per = sum(1 for _, g in pairs for f in g["figures"] if f["period_begin"])
        print(f"{name}: {len(pairs)} passages, {n_fig} figures ({n_per} with a period), {n_neg} negatives")


if __name__ == "__main__":
    main()
