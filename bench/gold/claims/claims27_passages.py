# ruff: noqa: E501  (passages are data: one line per passage text)
"""Source of the claims27 gold sets (bench/gold/claims/claims27_dev and claims27_untouched).

Written by the helper claims27 on 2026-12-07, in its own words, before any measurement. Each
passage is (split, published, title, text, claims); each claim names its strings and
``build_claims27.py`` turns them into the shared `conflict` gold format with offsets (content: the
unique occurrence; cue: the occurrence nearest the content; speaker mention: the occurrence nearest
the cue). Conventions are the shared set's (see README.md next to the built sets).
"""

from __future__ import annotations

from typing import Any

NO = False  # not a forecast
OPEN = "open"  # a forecast with no dated window


def C(
    content: str,
    cue: str,
    mention: str | None,
    name: str | None,
    kind: str,
    affiliation: str | None,
    via: tuple[str, ...] = (),
    hedges: tuple[str, ...] = (),
    forecast: str | bool = NO,
) -> dict[str, Any]:
    return {
        "content": content,
        "cue": cue,
        "mention": mention,
        "name": name,
        "kind": kind,
        "affiliation": affiliation,
        "via": list(via),
        "hedges": list(hedges),
        "forecast": forecast,
    }


PASSAGES: list[tuple[str, str, str, str, list[dict[str, Any]]]] = [
    # --- the chain: an outlet relays speakers; their later claims go through it -------------
    (
        "dev",
        "2024-05-03",
        "RSF build-up near El Fasher",
        "The Rapid Support Forces have moved heavy weapons towards El Fasher, two Sudanese army officers told Bloomberg. One of the officers said the paramilitary group could attack the city within days. The other said supplies to the garrison were running low.",
        [
            C(
                "The Rapid Support Forces have moved heavy weapons towards El Fasher",
                "told",
                "two Sudanese army officers",
                None,
                "anonymous",
                "SD",
                ("Bloomberg",),
            ),
            C(
                "the paramilitary group could attack the city within days",
                "said",
                "One of the officers",
                None,
                "anonymous",
                "SD",
                ("Bloomberg",),
                ("could",),
                OPEN,
            ),
            C(
                "supplies to the garrison were running low",
                "said",
                "The other",
                None,
                "anonymous",
                "SD",
                ("Bloomberg",),
            ),
        ],
    ),
    (
        "dev",
        "2024-05-14",
        "Rafah crossing talks",
        "Israeli negotiators have softened their position on the Rafah crossing, according to two people familiar with the talks, CNN reported. The people said a revised proposal would be sent to Cairo next month. Hamas has not responded publicly.",
        [
            C(
                "Israeli negotiators have softened their position on the Rafah crossing",
                "according to",
                "two people familiar with the talks",
                None,
                "anonymous",
                None,
                ("CNN",),
            ),
            C(
                "a revised proposal would be sent to Cairo next month",
                "said",
                "The people",
                None,
                "anonymous",
                None,
                ("CNN",),
                (),
                "2024-06-30",
            ),
        ],
    ),
    (
        "untouched",
        "2024-08-21",
        "Russian battalions shift east",
        "Russia has moved several battalions from Zaporizhzhia towards Pokrovsk, Bloomberg reported, citing a Ukrainian military intelligence officer. The officer said the redeployment was likely meant to speed up the advance on the town.",
        [
            C(
                "Russia has moved several battalions from Zaporizhzhia towards Pokrovsk",
                "reported",
                "a Ukrainian military intelligence officer",
                None,
                "anonymous",
                "UA",
                ("Bloomberg",),
            ),
            C(
                "the redeployment was likely meant to speed up the advance on the town",
                "said",
                "The officer",
                None,
                "anonymous",
                "UA",
                ("Bloomberg",),
                ("likely",),
            ),
        ],
    ),
    (
        "dev",
        "2025-02-18",
        "Trainers for Ukraine divide London",
        "According to a report in the Guardian published on Monday, British officials are divided over whether to send military trainers to western Ukraine. One official told the paper that the trainers would become targets for Russian missiles.",
        [
            C(
                "British officials are divided over whether to send military trainers to western Ukraine",
                "According to",
                "British officials",
                None,
                "anonymous",
                "GB",
                ("Guardian",),
            ),
            C(
                "the trainers would become targets for Russian missiles",
                "told",
                "One official",
                None,
                "anonymous",
                "GB",
                ("Guardian",),
                (),
                OPEN,
            ),
        ],
    ),
    (
        "untouched",
        "2024-01-19",
        "Paris weighs Red Sea mission",
        "According to a report in Le Monde published on Friday, French officials are considering a naval mission in the Red Sea. Two of the officials said a decision could come before the end of the month.",
        [
            C(
                "French officials are considering a naval mission in the Red Sea",
                "According to",
                "French officials",
                None,
                "anonymous",
                "FR",
                ("Le Monde",),
            ),
            C(
                "a decision could come before the end of the month",
                "said",
                "Two of the officials",
                None,
                "anonymous",
                "FR",
                ("Le Monde",),
                ("could",),
                "2024-01-31",
            ),
        ],
    ),
    (
        "dev",
        "2024-01-26",
        "Houthi missile supplies",
        "CNN cited two sources as saying that the Houthis had received new anti-ship missiles from Iran. One of the sources said the shipments arrived by sea through Hodeidah.",
        [
            C(
                "the Houthis had received new anti-ship missiles from Iran",
                "cited",
                "two sources",
                None,
                "anonymous",
                None,
                ("CNN",),
            ),
            C(
                "the shipments arrived by sea through Hodeidah",
                "said",
                "One of the sources",
                None,
                "anonymous",
                None,
                ("CNN",),
            ),
        ],
    ),
    (
        "untouched",
        "2024-02-08",
        "Strike in Baghdad",
        "CNN cited two US officials who said the strike had killed a senior commander of Kataib Hezbollah. The officials said the Pentagon would brief Congress later in the day.",
        [
            C(
                "the strike had killed a senior commander of Kataib Hezbollah",
                "said",
                "two US officials",
                None,
                "anonymous",
                "US",
                ("CNN",),
            ),
            C(
                "the Pentagon would brief Congress later in the day",
                "said",
                "The officials",
                None,
                "anonymous",
                "US",
                ("CNN",),
                (),
                "2024-02-08",
            ),
        ],
    ),
    (
        "dev",
        "2024-04-11",
        "Myawaddy falls",
        "Myanmar's military has lost control of the border town of Myawaddy, Reuters reported, citing Saw Thamain Tun, a leader of the Karen National Union. He said the junta's troops had retreated to a bridge on the Thai border.",
        [
            C(
                "Myanmar's military has lost control of the border town of Myawaddy",
                "reported",
                "Saw Thamain Tun",
                "Saw Thamain Tun",
                "person",
                "Karen National Union",
                ("Reuters",),
            ),
            C(
                "the junta's troops had retreated to a bridge on the Thai border",
                "said",
                "He",
                "Saw Thamain Tun",
                "person",
                "Karen National Union",
                ("Reuters",),
            ),
        ],
    ),
    (
        "untouched",
        "2024-06-05",
        "More time in Rafah",
        "The Wall Street Journal, citing a report by Israel's Channel 12, said Israeli commanders had asked for two more weeks in Rafah. The commanders believe the operation could end by the end of June.",
        [
            C(
                "Israeli commanders had asked for two more weeks in Rafah",
                "said",
                "Israeli commanders",
                None,
                "anonymous",
                "IL",
                ("Wall Street Journal", "Channel 12"),
            ),
            C(
                "the operation could end by the end of June",
                "believe",
                "The commanders",
                None,
                "anonymous",
                "IL",
                ("Wall Street Journal", "Channel 12"),
                ("believe", "could"),
                "2024-06-30",
            ),
        ],
    ),
    (
        "dev",
        "2025-11-05",
        "Rebels reach Kadugli outskirts",
        "Fighters of the SPLM-North have reached the outskirts of Kadugli, the Sudan Tribune reported, quoting a local administrator. The administrator said thousands of residents had fled towards Dilling.",
        [
            C(
                "Fighters of the SPLM-North have reached the outskirts of Kadugli",
                "reported",
                "a local administrator",
                None,
                "anonymous",
                "SD",
                ("Sudan Tribune",),
            ),
            C(
                "thousands of residents had fled towards Dilling",
                "said",
                "The administrator",
                None,
                "anonymous",
                "SD",
                ("Sudan Tribune",),
            ),
        ],
    ),
    # --- syndicated copies with an outlet credit --------------------------------------------
    (
        "dev",
        "2024-09-26",
        "Army retakes Halfaya bridge",
        "KHARTOUM, Sept 26 (Reuters) - Sudan's army said on Thursday it had recaptured the Halfaya bridge north of the capital. The RSF said its fighters had withdrawn in order to protect civilians.",
        [
            C(
                "it had recaptured the Halfaya bridge north of the capital",
                "said",
                "Sudan's army",
                "Sudanese army",
                "military",
                "SD",
                ("Reuters",),
            ),
            C(
                "its fighters had withdrawn in order to protect civilians",
                "said",
                "The RSF",
                "Rapid Support Forces",
                "military",
                "Rapid Support Forces",
                ("Reuters",),
            ),
        ],
    ),
    (
        "untouched",
        "2024-06-14",
        "Shelling in Idlib",
        "Syrian government forces shelled villages in southern Idlib overnight, the Syrian Observatory for Human Rights said. The monitor said at least six civilians were killed.\nSource: AFP",
        [
            C(
                "Syrian government forces shelled villages in southern Idlib overnight",
                "said",
                "the Syrian Observatory for Human Rights",
                "Syrian Observatory for Human Rights",
                "organisation",
                "Syrian Observatory for Human Rights",
                ("AFP",),
            ),
            C(
                "at least six civilians were killed",
                "said",
                "The monitor",
                "Syrian Observatory for Human Rights",
                "organisation",
                "Syrian Observatory for Human Rights",
                ("AFP",),
            ),
        ],
    ),
    (
        "dev",
        "2024-03-10",
        "Mali army reports raid",
        "BAMAKO, Mali (AP) - Mali's military government said Sunday that its troops had killed 30 militants near the border with Burkina Faso. Residents said the dead included herders from a nearby village.",
        [
            C(
                "its troops had killed 30 militants near the border with Burkina Faso",
                "said",
                "Mali's military government",
                "Malian government",
                "government",
                "ML",
                ("AP",),
            ),
            C(
                "the dead included herders from a nearby village",
                "said",
                "Residents",
                None,
                "anonymous",
                None,
                ("AP",),
            ),
        ],
    ),
    # --- forecasts ------------------------------------------------------------------------
    (
        "dev",
        "2025-02-10",
        "Budanov on a spring offensive",
        "If the ceasefire talks fail by the end of March, Russia could launch a new offensive on Zaporizhzhia before winter, Ukraine's military intelligence chief, Kyrylo Budanov, said.",
        [
            C(
                "If the ceasefire talks fail by the end of March, Russia could launch a new offensive on Zaporizhzhia before winter",
                "said",
                "Kyrylo Budanov",
                "Kyrylo Budanov",
                "person",
                "UA",
                (),
                ("could",),
                "2025-11-30",
            )
        ],
    ),
    (
        "dev",
        "2024-08-12",
        "Jeddah talks stalled",
        "Talks between the army and the RSF are unlikely to resume before the end of the month, a Saudi diplomat said.",
        [
            C(
                "Talks between the army and the RSF are unlikely to resume before the end of the month",
                "said",
                "a Saudi diplomat",
                None,
                "anonymous",
                "SA",
                (),
                ("unlikely",),
                "2024-08-31",
            )
        ],
    ),
    (
        "untouched",
        "2025-03-05",
        "Prisoner swap talks",
        "Negotiations on a new prisoner exchange were unlikely to restart before the end of the year, two Turkish officials said on Wednesday.",
        [
            C(
                "Negotiations on a new prisoner exchange were unlikely to restart before the end of the year",
                "said",
                "two Turkish officials",
                None,
                "anonymous",
                "TR",
                (),
                ("unlikely",),
                "2025-12-31",
            )
        ],
    ),
    (
        "dev",
        "2024-12-16",
        "US troops in Syria",
        "The Pentagon said about 2,000 US troops were now stationed in north-eastern Syria. Whether the troops will stay after the new administration takes office remains unknown.",
        [
            C(
                "about 2,000 US troops were now stationed in north-eastern Syria",
                "said",
                "The Pentagon",
                "Pentagon",
                "government",
                "US",
            )
        ],
    ),
    (
        "untouched",
        "2024-09-02",
        "Russian instructors in Mali",
        "A spokesman for the Malian junta said Russian instructors would stay in the country. Whether the Wagner contingent will be replaced by the Africa Corps is still unclear.",
        [
            C(
                "Russian instructors would stay in the country",
                "said",
                "A spokesman for the Malian junta",
                "Malian junta",
                "government",
                "ML",
                (),
                (),
                OPEN,
            )
        ],
    ),
    (
        "dev",
        "2024-12-20",
        "Philadelphi corridor",
        "If Hamas releases the remaining hostages, Israel will withdraw from the Philadelphi corridor by February, an Egyptian official said on condition of anonymity.",
        [
            C(
                "If Hamas releases the remaining hostages, Israel will withdraw from the Philadelphi corridor by February",
                "said",
                "an Egyptian official",
                None,
                "anonymous",
                "EG",
                (),
                (),
                "2025-02-28",
            )
        ],
    ),
    (
        "untouched",
        "2025-01-15",
        "Food aid in northern Yemen",
        "Unless more funding arrives, the World Food Programme will halt food distributions in northern Yemen by April, the agency's country director said.",
        [
            C(
                "Unless more funding arrives, the World Food Programme will halt food distributions in northern Yemen by April",
                "said",
                "the agency's country director",
                "World Food Programme",
                "organisation",
                "World Food Programme",
                (),
                (),
                "2025-04-30",
            )
        ],
    ),
    (
        "dev",
        "2024-10-02",
        "ISW on Donetsk",
        "Russian forces could reach the administrative border of Donetsk region by the end of the year if Ukraine fails to rebuild its reserves, the Institute for the Study of War said in its daily assessment.",
        [
            C(
                "Russian forces could reach the administrative border of Donetsk region by the end of the year if Ukraine fails to rebuild its reserves",
                "said",
                "the Institute for the Study of War",
                "Institute for the Study of War",
                "organisation",
                "Institute for the Study of War",
                (),
                ("could",),
                "2024-12-31",
            )
        ],
    ),
    (
        "dev",
        "2025-02-11",
        "Fuel for El Obeid hospitals",
        "The Sudan Doctors Network warned that hospitals in El Obeid would run out of fuel next month.",
        [
            C(
                "hospitals in El Obeid would run out of fuel next month",
                "warned",
                "The Sudan Doctors Network",
                "Sudan Doctors Network",
                "organisation",
                "Sudan Doctors Network",
                (),
                (),
                "2025-03-31",
            )
        ],
    ),
    (
        "untouched",
        "2025-01-20",
        "Netzarim corridor",
        "If the truce in Gaza collapses, Israeli troops may have to return to the Netzarim corridor by March, a reserve officer told Army Radio.",
        [
            C(
                "If the truce in Gaza collapses, Israeli troops may have to return to the Netzarim corridor by March",
                "told",
                "a reserve officer",
                None,
                "anonymous",
                "IL",
                ("Army Radio",),
                ("may",),
                "2025-03-31",
            )
        ],
    ),
    # --- a speaker after the quote ----------------------------------------------------------
    (
        "dev",
        "2024-09-09",
        "Israel and the corridor",
        'Israeli officials briefed foreign reporters in Jerusalem on Sunday. "The army will stay in the corridor until the end of the year," one of the officials suggested.',
        [
            C(
                "The army will stay in the corridor until the end of the year",
                "suggested",
                "one of the officials",
                None,
                "anonymous",
                "IL",
                (),
                (),
                "2024-12-31",
            )
        ],
    ),
    (
        "untouched",
        "2024-01-08",
        "Arakan Army near Sittwe",
        '"The bridge is in our hands," a commander of the Arakan Army told reporters by phone. The group said its fighters had seized two junta outposts near Sittwe.',
        [
            C(
                "The bridge is in our hands",
                "told",
                "a commander of the Arakan Army",
                None,
                "anonymous",
                "Arakan Army",
            ),
            C(
                "its fighters had seized two junta outposts near Sittwe",
                "said",
                "The group",
                "Arakan Army",
                "military",
                "Arakan Army",
            ),
        ],
    ),
    (
        "dev",
        "2024-06-20",
        "Zamzam camp",
        '"Children are dying every day in Zamzam," said Claire Nicolet, who leads the emergency response of Médecins Sans Frontières in Sudan. Food stocks in the camp would last two more weeks at most, she said.',
        [
            C(
                "Children are dying every day in Zamzam",
                "said",
                "Claire Nicolet",
                "Claire Nicolet",
                "person",
                "Médecins Sans Frontières",
            ),
            C(
                "Food stocks in the camp would last two more weeks at most",
                "said",
                "she",
                "Claire Nicolet",
                "person",
                "Médecins Sans Frontières",
                (),
                (),
                OPEN,
            ),
        ],
    ),
    (
        "dev",
        "2024-07-22",
        "UN envoy in Port Sudan",
        '"There is no military solution to this war," the United Nations envoy, Ramtane Lamamra, told reporters in Port Sudan.',
        [
            C(
                "There is no military solution to this war",
                "told",
                "Ramtane Lamamra",
                "Ramtane Lamamra",
                "person",
                "United Nations",
            )
        ],
    ),
    (
        "untouched",
        "2024-04-15",
        "Jordan and the strikes",
        '"We were not informed in advance," a Jordanian official said of the strikes. The official added that Amman would protest to Washington.',
        [
            C("We were not informed in advance", "said", "a Jordanian official", None, "anonymous", "JO"),
            C(
                "Amman would protest to Washington",
                "added",
                "The official",
                None,
                "anonymous",
                "JO",
                (),
                (),
                OPEN,
            ),
        ],
    ),
    (
        "dev",
        "2025-05-06",
        "Drone strikes on Port Sudan",
        '"The drones came from the sea and hit the fuel depot first," a port worker told the BBC. The army said it had shot down most of the drones.',
        [
            C(
                "The drones came from the sea and hit the fuel depot first",
                "told",
                "a port worker",
                None,
                "anonymous",
                None,
                ("BBC",),
            ),
            C("it had shot down most of the drones", "said", "The army", "Sudanese army", "military", "SD"),
        ],
    ),
    # --- pronouns resolved to the person of the right gender ---------------------------------
    (
        "dev",
        "2025-03-11",
        "Rutte in Kyiv",
        "Ukraine's economy minister, Yulia Svyrydenko, hosted NATO's secretary general, Mark Rutte, in Kyiv on Tuesday. She said Ukraine needed more air-defence systems before winter. He said allies would deliver two more Patriot batteries by the end of the year.",
        [
            C(
                "Ukraine needed more air-defence systems before winter",
                "said",
                "She",
                "Yulia Svyrydenko",
                "person",
                "UA",
            ),
            C(
                "allies would deliver two more Patriot batteries by the end of the year",
                "said",
                "He",
                "Mark Rutte",
                "person",
                "NATO",
                (),
                (),
                "2025-12-31",
            ),
        ],
    ),
    (
        "untouched",
        "2025-06-12",
        "Idris and DiCarlo",
        "Sudan's prime minister, Kamil Idris, spoke to Rosemary DiCarlo, the UN under-secretary-general for political affairs, by phone. He said the government would return to Khartoum within weeks. She said the United Nations was ready to help with the return.",
        [
            C(
                "the government would return to Khartoum within weeks",
                "said",
                "He",
                "Kamil Idris",
                "person",
                "SD",
                (),
                (),
                OPEN,
            ),
            C(
                "the United Nations was ready to help with the return",
                "said",
                "She",
                "Rosemary DiCarlo",
                "person",
                "United Nations",
            ),
        ],
    ),
    (
        "dev",
        "2024-10-14",
        "Shelters hit in Deir el-Balah",
        "Hind Khoudary, a reporter in Deir el-Balah, said two schools used as shelters had been hit overnight. Her colleague Tareq Abu Azzoum said he had counted at least 15 bodies at the hospital. She said the strikes came without warning.",
        [
            C(
                "two schools used as shelters had been hit overnight",
                "said",
                "Hind Khoudary",
                "Hind Khoudary",
                "person",
                None,
            ),
            C(
                "he had counted at least 15 bodies at the hospital",
                "said",
                "Tareq Abu Azzoum",
                "Tareq Abu Azzoum",
                "person",
                None,
            ),
            C("the strikes came without warning", "said", "She", "Hind Khoudary", "person", None),
        ],
    ),
    (
        "dev",
        "2025-08-22",
        "Katz on Gaza City",
        "Israel's defence minister, Israel Katz, said the army would expand its operation in Gaza City. He added that the evacuation order covered the whole northern half of the Strip.",
        [
            C(
                "the army would expand its operation in Gaza City",
                "said",
                "Israel Katz",
                "Israel Katz",
                "person",
                "IL",
                (),
                (),
                OPEN,
            ),
            C(
                "the evacuation order covered the whole northern half of the Strip",
                "added",
                "He",
                "Israel Katz",
                "person",
                "IL",
            ),
        ],
    ),
    (
        "untouched",
        "2024-03-14",
        "Grundberg briefs the council",
        "Hans Grundberg, the UN envoy for Yemen, briefed the Security Council on Thursday. He said fighting around Marib had intensified and could spread to Taiz.",
        [
            C(
                "fighting around Marib had intensified and could spread to Taiz",
                "said",
                "He",
                "Hans Grundberg",
                "person",
                "United Nations",
                (),
                ("could",),
            )
        ],
    ),
    (
        "untouched",
        "2024-02-20",
        "Draft resolution on Gaza",
        "The US ambassador to the UN, Linda Thomas-Greenfield, said Washington had proposed a new draft resolution. Russia's envoy, Vassily Nebenzia, did not attend the meeting. She said a vote could take place next week.",
        [
            C(
                "Washington had proposed a new draft resolution",
                "said",
                "Linda Thomas-Greenfield",
                "Linda Thomas-Greenfield",
                "person",
                "US",
            ),
            C(
                "a vote could take place next week",
                "said",
                "She",
                "Linda Thomas-Greenfield",
                "person",
                "US",
                (),
                ("could",),
                OPEN,
            ),
        ],
    ),
    (
        "dev",
        "2024-11-27",
        "Mikati on the truce",
        "Lebanon's caretaker prime minister, Najib Mikati, met the army commander, Joseph Aoun, in Beirut. He said the army would deploy 10,000 soldiers in the south.",
        [
            C(
                "the army would deploy 10,000 soldiers in the south",
                "said",
                "He",
                "Joseph Aoun",
                "person",
                "LB",
                (),
                (),
                OPEN,
            )
        ],
    ),
    # --- institutions: government with its country -------------------------------------------
    (
        "dev",
        "2024-08-20",
        "Drones over Belgorod",
        "Russia's Defence Ministry claims its air defences shot down 41 Ukrainian drones over the Belgorod and Kursk regions overnight. Kyiv did not comment.",
        [
            C(
                "its air defences shot down 41 Ukrainian drones over the Belgorod and Kursk regions overnight",
                "claims",
                "Russia's Defence Ministry",
                "Russian Defence Ministry",
                "government",
                "RU",
            )
        ],
    ),
    (
        "dev",
        "2025-01-08",
        "Fighting for Nelipivka",
        "Russian Defence claims its forces have taken the village of Nelipivka, but Ukraine's General Staff said fighting there continued.",
        [
            C(
                "its forces have taken the village of Nelipivka",
                "claims",
                "Russian Defence",
                "Russian Defence Ministry",
                "government",
                "RU",
            ),
            C(
                "fighting there continued",
                "said",
                "Ukraine's General Staff",
                "Ukrainian General Staff",
                "military",
                "UA",
            ),
        ],
    ),
    (
        "untouched",
        "2024-10-24",
        "Strikes in northern Iraq",
        "Turkish Defence said its jets had struck 32 Kurdish militant targets in northern Iraq and Syria overnight.",
        [
            C(
                "its jets had struck 32 Kurdish militant targets in northern Iraq and Syria overnight",
                "said",
                "Turkish Defence",
                "Turkish Defence Ministry",
                "government",
                "TR",
            )
        ],
    ),
    (
        "dev",
        "2024-08-15",
        "Gaza toll",
        "The Health Ministry in Gaza said the death toll had risen above 40,000. The ministry does not distinguish between civilians and fighters in its count.",
        [
            C(
                "the death toll had risen above 40,000",
                "said",
                "The Health Ministry in Gaza",
                "Gaza Health Ministry",
                "government",
                "PS",
            )
        ],
    ),
    (
        "untouched",
        "2024-10-03",
        "Tehran warns",
        "The Foreign Ministry in Tehran said Iran would respond to any Israeli strike on its oil facilities.",
        [
            C(
                "Iran would respond to any Israeli strike on its oil facilities",
                "said",
                "The Foreign Ministry in Tehran",
                "Iranian Foreign Ministry",
                "government",
                "IR",
                (),
                (),
                OPEN,
            )
        ],
    ),
    (
        "dev",
        "2025-03-01",
        "Myanmar election plans",
        "Myanmar's military government said it would hold a general election by December.",
        [
            C(
                "it would hold a general election by December",
                "said",
                "Myanmar's military government",
                "Myanmar government",
                "government",
                "MM",
                (),
                (),
                "2025-12-31",
            )
        ],
    ),
    (
        "dev",
        "2023-11-02",
        "Killings in El Geneina",
        "A spokesperson for the State Department said the United States was reviewing reports of mass killings in El Geneina.",
        [
            C(
                "the United States was reviewing reports of mass killings in El Geneina",
                "said",
                "A spokesperson for the State Department",
                "State Department",
                "government",
                "US",
            )
        ],
    ),
    (
        "untouched",
        "2024-01-30",
        "Houthi strikes",
        "A spokeswoman for the Foreign Office said Britain was ready to take further action against the Houthis.",
        [
            C(
                "Britain was ready to take further action against the Houthis",
                "said",
                "A spokeswoman for the Foreign Office",
                "Foreign Office",
                "government",
                "GB",
            )
        ],
    ),
    (
        "dev",
        "2025-04-16",
        "Kharkiv overnight",
        "Local officials said the strikes hit a power station near Kharkiv. The government said repairs would take at least a week.",
        [
            C(
                "the strikes hit a power station near Kharkiv",
                "said",
                "Local officials",
                None,
                "anonymous",
                "UA",
            ),
            C(
                "repairs would take at least a week",
                "said",
                "The government",
                "Ukrainian government",
                "government",
                "UA",
                (),
                (),
                OPEN,
            ),
        ],
    ),
    (
        "untouched",
        "2024-05-12",
        "Shelling of Kharkiv",
        "Residents said the shelling of Kharkiv had lasted through the night. Strikes killed 12 people, the regional administration said.",
        [
            C(
                "the shelling of Kharkiv had lasted through the night",
                "said",
                "Residents",
                None,
                "anonymous",
                None,
            ),
            C(
                "Strikes killed 12 people",
                "said",
                "the regional administration",
                "Kharkiv regional administration",
                "government",
                "UA",
            ),
        ],
    ),
    # --- organisations as affiliation ----------------------------------------------------------
    (
        "dev",
        "2024-03-05",
        "Children killed in Gaza",
        "UNICEF's regional director for the Middle East, Adele Khodr, said more than 13,000 children had been killed in Gaza.",
        [
            C(
                "more than 13,000 children had been killed in Gaza",
                "said",
                "Adele Khodr",
                "Adele Khodr",
                "person",
                "UNICEF",
            )
        ],
    ),
    (
        "untouched",
        "2024-06-27",
        "Malnutrition in Sudan",
        "UNICEF's representative in Sudan said 730,000 children were at risk of severe acute malnutrition.",
        [
            C(
                "730,000 children were at risk of severe acute malnutrition",
                "said",
                "UNICEF's representative in Sudan",
                "UNICEF",
                "organisation",
                "UNICEF",
            )
        ],
    ),
    (
        "dev",
        "2024-01-15",
        "Hospitals in Gaza",
        "A spokesperson for the World Health Organization said only 16 of Gaza's 36 hospitals were partially functioning.",
        [
            C(
                "only 16 of Gaza's 36 hospitals were partially functioning",
                "said",
                "A spokesperson for the World Health Organization",
                "World Health Organization",
                "organisation",
                "World Health Organization",
            )
        ],
    ),
    (
        "dev",
        "2024-02-05",
        "Refugees in Chad",
        "UNHCR's representative in Chad, Laura Lo Castro, said arrivals from Darfur had doubled since January. She added that the agency could run out of tents by March.",
        [
            C(
                "arrivals from Darfur had doubled since January",
                "said",
                "Laura Lo Castro",
                "Laura Lo Castro",
                "person",
                "UNHCR",
            ),
            C(
                "the agency could run out of tents by March",
                "added",
                "She",
                "Laura Lo Castro",
                "person",
                "UNHCR",
                (),
                ("could",),
                "2024-03-31",
            ),
        ],
    ),
    (
        "dev",
        "2024-12-12",
        "Omdurman market",
        "Amnesty International said the strikes on the market in Omdurman could amount to war crimes.",
        [
            C(
                "the strikes on the market in Omdurman could amount to war crimes",
                "said",
                "Amnesty International",
                "Amnesty International",
                "organisation",
                "Amnesty International",
                (),
                ("could",),
            )
        ],
    ),
    (
        "untouched",
        "2024-05-10",
        "El Fasher assessment",
        "The International Crisis Group said in a briefing that a full-scale assault on El Fasher was likely in the coming weeks.",
        [
            C(
                "a full-scale assault on El Fasher was likely in the coming weeks",
                "said",
                "The International Crisis Group",
                "International Crisis Group",
                "organisation",
                "International Crisis Group",
                (),
                ("likely",),
                OPEN,
            )
        ],
    ),
    # --- armed wings: military, affiliated with their movement -------------------------------
    (
        "dev",
        "2024-06-18",
        "Tanks near Khan Younis",
        "The al-Qassam Brigades said its fighters had destroyed two Israeli tanks east of Khan Younis.",
        [
            C(
                "its fighters had destroyed two Israeli tanks east of Khan Younis",
                "said",
                "The al-Qassam Brigades",
                "al-Qassam Brigades",
                "military",
                "Hamas",
            )
        ],
    ),
    (
        "untouched",
        "2024-05-22",
        "Rockets at Sderot",
        "Saraya al-Quds, the armed wing of Palestinian Islamic Jihad, said it had fired a barrage of rockets at Sderot.",
        [
            C(
                "it had fired a barrage of rockets at Sderot",
                "said",
                "Saraya al-Quds",
                "Saraya al-Quds",
                "military",
                "Palestinian Islamic Jihad",
            )
        ],
    ),
    (
        "dev",
        "2024-03-04",
        "Ship attacked in the Gulf of Aden",
        "The Houthis' military spokesman, Yahya Saree, said the group had targeted a container ship in the Gulf of Aden.",
        [
            C(
                "the group had targeted a container ship in the Gulf of Aden",
                "said",
                "Yahya Saree",
                "Yahya Saree",
                "person",
                "Houthis",
            )
        ],
    ),
    (
        "dev",
        "2024-08-03",
        "Hostages",
        "The armed wing of Hamas said it had lost contact with the group holding two of the hostages.",
        [
            C(
                "it had lost contact with the group holding two of the hostages",
                "said",
                "The armed wing of Hamas",
                "al-Qassam Brigades",
                "military",
                "Hamas",
            )
        ],
    ),
    (
        "untouched",
        "2024-03-28",
        "Hpakant",
        "The Kachin Independence Army, the armed wing of the Kachin Independence Organisation, said it had captured the jade-mining town of Hpakant.",
        [
            C(
                "it had captured the jade-mining town of Hpakant",
                "said",
                "The Kachin Independence Army",
                "Kachin Independence Army",
                "military",
                "Kachin Independence Organisation",
            )
        ],
    ),
    (
        "dev",
        "2024-09-30",
        "Drones on Magway",
        "The People's Defence Force, the armed wing of Myanmar's National Unity Government, said its drones had hit an air base in Magway.",
        [
            C(
                "its drones had hit an air base in Magway",
                "said",
                "The People's Defence Force",
                "People's Defence Force",
                "military",
                "National Unity Government",
            )
        ],
    ),
    # --- anonymous, passive, bare "reportedly" ------------------------------------------------
    (
        "dev",
        "2024-11-04",
        "Wedding hit in Sennar",
        "Dozens of civilians were reportedly killed when a drone hit a wedding in Sennar state.",
        [
            C(
                "Dozens of civilians were reportedly killed when a drone hit a wedding in Sennar state",
                "reportedly",
                None,
                None,
                "anonymous",
                None,
                (),
                ("reportedly",),
            )
        ],
    ),
    (
        "untouched",
        "2024-07-31",
        "Commander in Beirut",
        "It is believed that the commander was killed in the strike on the southern suburbs.",
        [
            C(
                "the commander was killed in the strike on the southern suburbs",
                "It is believed",
                None,
                None,
                "anonymous",
                None,
                (),
                ("believed",),
            )
        ],
    ),
    (
        "dev",
        "2025-01-30",
        "Hamas and its weapons",
        "A senior Hamas official, speaking on condition of anonymity, said the movement would not hand over its weapons.",
        [
            C(
                "the movement would not hand over its weapons",
                "said",
                "A senior Hamas official",
                None,
                "anonymous",
                "Hamas",
                (),
                (),
                OPEN,
            )
        ],
    ),
    # --- live blogs -----------------------------------------------------------------------
    (
        "dev",
        "2025-05-04",
        "Live: missile from Yemen",
        "14:05 - The Israeli military says it has intercepted a missile launched from Yemen. Sirens sounded in central Israel, it says.\n14:20 - The Houthis say they targeted Ben Gurion airport with a hypersonic missile.",
        [
            C(
                "it has intercepted a missile launched from Yemen",
                "says",
                "The Israeli military",
                "Israeli military",
                "military",
                "IL",
            ),
            C("Sirens sounded in central Israel", "says", "it", "Israeli military", "military", "IL"),
            C(
                "they targeted Ben Gurion airport with a hypersonic missile",
                "say",
                "The Houthis",
                "Houthis",
                "military",
                "Houthis",
            ),
        ],
    ),
    (
        "untouched",
        "2025-04-24",
        "Live: overnight attack",
        "09:40 - Ukraine's air force says Russia launched 120 drones and eight missiles overnight. Sixty-seven drones were shot down, it says.\n09:55 - Governor Oleh Syniehubov says two people were injured in Kharkiv.",
        [
            C(
                "Russia launched 120 drones and eight missiles overnight",
                "says",
                "Ukraine's air force",
                "Ukrainian Air Force",
                "military",
                "UA",
            ),
            C("Sixty-seven drones were shot down", "says", "it", "Ukrainian Air Force", "military", "UA"),
            C(
                "two people were injured in Kharkiv",
                "says",
                "Governor Oleh Syniehubov",
                "Oleh Syniehubov",
                "person",
                "UA",
            ),
        ],
    ),
    # --- explainers -----------------------------------------------------------------------
    (
        "dev",
        "2024-10-28",
        "Why El Fasher matters",
        "Why does El Fasher matter? The city is the army's last major stronghold in Darfur. The Clingendael Institute says its fall would give the RSF control of almost the entire region.",
        [
            C(
                "its fall would give the RSF control of almost the entire region",
                "says",
                "The Clingendael Institute",
                "Clingendael Institute",
                "organisation",
                "Clingendael Institute",
                (),
                (),
                OPEN,
            )
        ],
    ),
    (
        "untouched",
        "2025-03-12",
        "What next for the SDF?",
        "What happens to the Kurdish-led forces? The Syrian Democratic Forces say they will merge into the national army by the end of the year.",
        [
            C(
                "they will merge into the national army by the end of the year",
                "say",
                "The Syrian Democratic Forces",
                "Syrian Democratic Forces",
                "military",
                "Syrian Democratic Forces",
                (),
                (),
                "2025-12-31",
            )
        ],
    ),
    # --- ministry bulletins ------------------------------------------------------------------
    (
        "dev",
        "2025-05-12",
        "General Staff update",
        "The General Staff of Ukraine's Armed Forces said 142 combat clashes had taken place along the front over the past day. According to the General Staff, the heaviest fighting was near Pokrovsk.",
        [
            C(
                "142 combat clashes had taken place along the front over the past day",
                "said",
                "The General Staff of Ukraine's Armed Forces",
                "Ukrainian General Staff",
                "military",
                "UA",
            ),
            C(
                "the heaviest fighting was near Pokrovsk",
                "According to",
                "the General Staff",
                "Ukrainian General Staff",
                "military",
                "UA",
            ),
        ],
    ),
    (
        "untouched",
        "2024-02-23",
        "Tunnel near Kissufim",
        "The Israel Defense Forces said in a statement on Friday that troops had located a tunnel shaft near the Kissufim crossing. The IDF added that the shaft had been destroyed.",
        [
            C(
                "troops had located a tunnel shaft near the Kissufim crossing",
                "said",
                "The Israel Defense Forces",
                "Israel Defense Forces",
                "military",
                "IL",
            ),
            C("the shaft had been destroyed", "added", "The IDF", "Israel Defense Forces", "military", "IL"),
        ],
    ),
    # --- Sahel, Syria, Yemen wire copy ---------------------------------------------------------
    (
        "dev",
        "2024-05-27",
        "Attack on Djibo",
        "Burkina Faso's government said on state television that the army had repelled an attack on Djibo. Local sources told AFP that at least 40 soldiers had been killed.",
        [
            C(
                "the army had repelled an attack on Djibo",
                "said",
                "Burkina Faso's government",
                "Burkinabe government",
                "government",
                "BF",
            ),
            C(
                "at least 40 soldiers had been killed",
                "told",
                "Local sources",
                None,
                "anonymous",
                None,
                ("AFP",),
            ),
        ],
    ),
    (
        "dev",
        "2024-12-03",
        "Journalists expelled",
        "Niger's military rulers said they had expelled three French journalists. The French foreign ministry said it regretted the decision.",
        [
            C(
                "they had expelled three French journalists",
                "said",
                "Niger's military rulers",
                "Nigerien government",
                "government",
                "NE",
            ),
            C(
                "it regretted the decision",
                "said",
                "The French foreign ministry",
                "French foreign ministry",
                "government",
                "FR",
            ),
        ],
    ),
    (
        "dev",
        "2025-02-03",
        "Al-Sharaa on elections",
        "Syria's interim president, Ahmed al-Sharaa, said elections could take four years to organise. He told Al Arabiya that writing a new constitution might take three years.",
        [
            C(
                "elections could take four years to organise",
                "said",
                "Ahmed al-Sharaa",
                "Ahmed al-Sharaa",
                "person",
                "SY",
                (),
                ("could",),
                OPEN,
            ),
            C(
                "writing a new constitution might take three years",
                "told",
                "He",
                "Ahmed al-Sharaa",
                "person",
                "SY",
                ("Al Arabiya",),
                ("might",),
                OPEN,
            ),
        ],
    ),
    (
        "untouched",
        "2024-03-19",
        "Drone towards Khamis Mushait",
        "The Saudi-led coalition said it had intercepted a drone launched towards Khamis Mushait. The Houthi-run Al-Masirah television said the group had targeted an airport in Abha.",
        [
            C(
                "it had intercepted a drone launched towards Khamis Mushait",
                "said",
                "The Saudi-led coalition",
                "Saudi-led coalition",
                "military",
                "SA",
            ),
            C(
                "the group had targeted an airport in Abha",
                "said",
                "The Houthi-run Al-Masirah television",
                "Al-Masirah",
                "outlet",
                "Al-Masirah",
            ),
        ],
    ),
    (
        "dev",
        "2025-03-21",
        "Presidential palace",
        "The Sudanese army said it had taken the presidential palace and that RSF fighters were fleeing south.",
        [
            C(
                "it had taken the presidential palace",
                "said",
                "The Sudanese army",
                "Sudanese army",
                "military",
                "SD",
            ),
            C(
                "RSF fighters were fleeing south",
                "said",
                "The Sudanese army",
                "Sudanese army",
                "military",
                "SD",
            ),
        ],
    ),
    (
        "untouched",
        "2024-11-21",
        "Missile at Dnipro",
        "Ukraine's foreign minister, Andrii Sybiha, said Russia had fired an intercontinental ballistic missile at Dnipro and that the attack would not go unanswered.",
        [
            C(
                "Russia had fired an intercontinental ballistic missile at Dnipro",
                "said",
                "Andrii Sybiha",
                "Andrii Sybiha",
                "person",
                "UA",
            ),
            C(
                "the attack would not go unanswered",
                "said",
                "Andrii Sybiha",
                "Andrii Sybiha",
                "person",
                "UA",
                (),
                (),
                OPEN,
            ),
        ],
    ),
    (
        "dev",
        "2025-07-07",
        "Goma talks",
        "M23 rebels will leave the airport in Goma within weeks, a spokesman for the group, Lawrence Kanyuka, told the BBC.",
        [
            C(
                "M23 rebels will leave the airport in Goma within weeks",
                "told",
                "Lawrence Kanyuka",
                "Lawrence Kanyuka",
                "person",
                "M23",
                ("BBC",),
                (),
                OPEN,
            )
        ],
    ),
    (
        "untouched",
        "2024-09-17",
        "Sahel attack",
        "JNIM said in a statement that its fighters had attacked a gendarmerie school in Bamako. The Malian army said the situation was under control.",
        [
            C(
                "its fighters had attacked a gendarmerie school in Bamako",
                "said",
                "JNIM",
                "JNIM",
                "military",
                "JNIM",
            ),
            C("the situation was under control", "said", "The Malian army", "Malian army", "military", "ML"),
        ],
    ),
]
