"""The web UI in a real browser: Debian's chromium, driven by Selenium through chromedriver.

The server is a real uvicorn on loopback over a store built from examples/ plus records with
every part (tests/serving.py). Nothing is downloaded at test time: .ci/run installs the Debian
packages. FOGOFWAR_SCREENSHOTS=1 keeps a screenshot of each view under docs/screenshots/ (the README's).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select, WebDriverWait
from typer.testing import CliRunner

from fogofwar.api import create_app
from fogofwar.batch import ingest
from fogofwar.desk_queries import EventWindow, event_features, overview, story_rows
from fogofwar.link.index import link_pending
from fogofwar.link.views import figure_group_marks, forecast_ledger, sources
from fogofwar.query import (
    Filters,
    figure_rows,
    list_articles,
    place_features,
    reference_points,
)
from fogofwar.store import Store
from tests.conftest import EXAMPLES, ROOT, invoke
from tests.serving import reference_series_file, sample_records, save_all, serve

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
SHOTS = ROOT / "docs" / "screenshots"

if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
    if os.environ.get("CI"):
        pytest.fail("chromium and chromedriver are missing in CI (.ci/run installs them)", pytrace=False)
    pytest.skip(
        "no chromium/chromedriver (apt-get install chromium chromium-driver)", allow_module_level=True
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    folder = tmp_path_factory.mktemp("web")
    store = Store(str(folder / "store.db"))
    report = ingest(store, [str(EXAMPLES)])
    assert report.failed == 0 and report.stored > 0
    save_all(store, sample_records())
    link_pending(store)  # as `fogofwar ingest` does: stories, figure groups, settled forecasts
    series = reference_series_file(folder / "series.json")
    code, _, err = invoke(CliRunner(), "reference", "load", str(series), "--db", str(folder / "store.db"))
    assert code == 0, err
    with serve(create_app(store)) as base:
        yield base, store
    store.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    # Every request the page makes lands in the performance log (DevTools Network events).
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def _ready(driver: WebDriver) -> None:
    WebDriverWait(driver, 60).until(
        lambda d: d.execute_script("return document.body.dataset.state") in ("ready", "error")
    )
    error = driver.execute_script(
        "return document.body.dataset.state === 'error' && document.getElementById('error').textContent"
    )
    assert not error, error


def _open(driver: WebDriver, url: str) -> None:
    # A new hash on the same page does not reload it: mark it loading, so that the wait below
    # sees the new view finish, not the last one.
    if driver.current_url.startswith("http"):
        driver.execute_script("document.body.dataset.state = 'loading'")
    if driver.current_url == url:
        driver.refresh()  # the same hash fires no hashchange: load the view afresh
    else:
        driver.get(url)
    _ready(driver)


def _shot(driver: WebDriver, name: str) -> None:
    if os.environ.get("FOGOFWAR_SCREENSHOTS") == "1":
        # A request still running (an article's links, looked up after its text) shows the
        # loading sign: the picture is taken once it is done.
        WebDriverWait(driver, 60).until(lambda d: not d.find_element(By.ID, "loading").is_displayed())
        SHOTS.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(SHOTS / f"{name}.png"))


def _set_filters(driver: WebDriver, **values: str) -> None:
    driver.execute_script(
        """
        for (const [name, value] of Object.entries(arguments[0])) {
          document.querySelector(`#filters [name=${name}]`).value = value;
        }
        document.body.dataset.state = 'loading';
        document.getElementById('filters').dispatchEvent(new Event('change'));
        """,
        values,
    )
    _ready(driver)


def _events(driver: WebDriver) -> int:
    return int(driver.execute_script("return window.fogofwar.eventCount()"))


def _places(driver: WebDriver) -> int:
    return int(driver.execute_script("return window.fogofwar.placeCount()"))


def _hash(driver: WebDriver) -> dict[str, str]:
    fragment = str(driver.execute_script("return location.hash"))
    return dict(urllib.parse.parse_qsl(fragment.split("?", 1)[1])) if "?" in fragment else {}


def test_map_draws_events_by_type_and_precision_and_filters_live_in_the_url(
    site: tuple[str, Store], browser: WebDriver
) -> None:
    base, store = site
    _open(browser, base + "/#/")
    everything = event_features(store, Filters())
    assert len(everything) >= 3  # the sample records' events at places, and the pipeline's
    assert _events(browser) == len(everything) and _places(browser) == 0
    drawn = browser.find_elements(By.CSS_SELECTOR, "#map .leaflet-marker-icon")
    assert drawn  # as markers or clusters
    legend = browser.find_element(By.CSS_SELECTOR, ".map-legend").text
    assert "Battles" in legend and "Explosions/Remote violence" in legend and "settlement" in legend
    # Each event's marker says its type by colour and its precision by its ring.
    rings = browser.execute_script(
        "return window.fogofwar.eventMarkers().map((m) => m.options.icon.options.className)"
    )
    assert sorted(rings) == sorted(f"ev ring-{f['properties']['precision']}" for f in everything)
    # The first view fits the events pinned to a settlement or a region, not the whole world.
    west, east = browser.execute_script("const b = map.getBounds(); return [b.getWest(), b.getEast()]")
    assert east - west < 120, (west, east)
    _shot(browser, "map")

    # Place mentions on request: every place the selected articles name.
    browser.execute_script("document.body.dataset.state = 'loading'")
    browser.find_element(By.ID, "show-places").click()
    _ready(browser)
    assert _places(browser) == len(place_features(store, Filters())) and _hash(browser)["places"] == "1"
    browser.execute_script("document.body.dataset.state = 'loading'")
    browser.find_element(By.ID, "show-places").click()
    _ready(browser)
    assert _places(browser) == 0

    selection = Filters(since="2024-08-15", until="2024-08-31")
    _set_filters(browser, since="2024-08-15", until="2024-08-31")
    assert _hash(browser)["since"] == "2024-08-15" and _hash(browser)["until"] == "2024-08-31"
    assert _events(browser) == len(event_features(store, selection)) < len(everything)
    seen = overview(store, selection)
    assert int(browser.find_element(By.ID, "timeline").get_attribute("data-days") or 0) == len(seen["days"])
    # The header counts what the list lists.
    assert browser.find_element(By.ID, "article-count").text == str(seen["articles"])
    assert len(browser.find_elements(By.CSS_SELECTOR, "#article-list li")) == min(seen["articles"], 50)
    # The export links carry the selection.
    href = browser.find_element(By.ID, "x-acled").get_attribute("href") or ""
    assert "since=2024-08-15" in href and "format=acled" in href

    # Back undoes the filter, Forward redoes it: the URL is the view.
    browser.execute_script("document.body.dataset.state = 'loading'; history.back()")
    _ready(browser)
    assert browser.find_element(By.ID, "f-since").get_attribute("value") == ""
    assert _events(browser) == len(everything)
    browser.execute_script("document.body.dataset.state = 'loading'; history.forward()")
    _ready(browser)
    assert browser.find_element(By.ID, "f-since").get_attribute("value") == "2024-08-15"
    assert _events(browser) == len(event_features(store, selection))
    # A shared link opens the same view.
    _open(browser, base + "/#/?event_type=Explosions%2FRemote%20violence")
    assert _events(browser) == len(event_features(store, Filters(event_type="Explosions/Remote violence")))
    assert browser.find_element(By.ID, "f-event").get_attribute("value") == "Explosions/Remote violence"
    _set_filters(browser, event_type="")


def test_a_map_event_opens_its_sentence_highlighted(site: tuple[str, Store], browser: WebDriver) -> None:
    base, _ = site
    browser.get("about:blank")  # a fresh page: the map's zoom and layers of an earlier test are gone
    _open(browser, base + "/#/")
    features = browser.execute_script(
        "return window.fogofwar.eventMarkers().map((m) => m.feature.properties)"
    )
    n = next(i for i, p in enumerate(features) if p["article_id"] == "test/kyiv-post-syrskyi")
    event = features[n]
    browser.execute_script("window.fogofwar.openEvent(arguments[0])", n)
    # The popup fetches its sentence: give a loaded CI box time (a bound, not a timing).
    link = WebDriverWait(browser, 60).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".leaflet-popup a.to-sentence")
    )[0]
    browser.execute_script("document.body.dataset.state = 'loading'")
    link.click()
    _ready(browser)
    assert _hash(browser)["span"] == f"{event['start']}-{event['end']}"
    text = sample_records()[0].article.text
    marked = "".join(
        m.get_attribute("textContent")
        for m in browser.find_elements(By.CSS_SELECTOR, "#a-text mark.hl-target")
    )
    assert marked == text[event["start"] : event["end"]]
    # Scrolled to and focused, so a keyboard or screen reader lands on it too.
    assert browser.execute_script("return document.activeElement.id") == "target"


def test_timeline_has_axes_a_brush_and_the_undated_apart(site: tuple[str, Store], browser: WebDriver) -> None:
    base, store = site
    _open(browser, base + "/#/")
    everything = overview(store, Filters())
    labels = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "#timeline text.axis-label")]
    assert labels == ["articles published (bars)", "events (dots)"]
    undated = browser.find_element(By.ID, "undated").text
    assert (
        f"{everything['undated_articles']} article" in undated
        and f"{everything['undated_events']} event" in undated
    )

    # A day is reached by keyboard and chosen with Enter (publication dates, as the control says).
    assert "publication date" in Select(browser.find_element(By.ID, "brush-mode")).first_selected_option.text
    browser.execute_script("document.body.dataset.state = 'loading'")
    day = browser.find_element(By.CSS_SELECTOR, '#timeline g.day[data-day="2024-08-10"]')
    assert day.get_attribute("tabindex") == "0"
    day.send_keys(Keys.ENTER)
    _ready(browser)
    assert browser.find_element(By.ID, "f-since").get_attribute("value") == "2024-08-10"
    assert _events(browser) == len(event_features(store, Filters(since="2024-08-10", until="2024-08-10")))
    _set_filters(browser, since="", until="")

    # Brushed by event date: the map keeps the events that happened in the range.
    Select(browser.find_element(By.ID, "brush-mode")).select_by_value("event")
    box = browser.find_element(By.ID, "timeline")
    width = box.rect["width"]
    browser.execute_script("document.body.dataset.state = 'loading'")
    ActionChains(browser).move_to_element_with_offset(
        box, int(-width * 0.45), 0
    ).click_and_hold().move_by_offset(int(width * 0.3), 0).release().perform()
    _ready(browser)
    chosen = _hash(browser)
    assert chosen["mode"] == "event" and chosen["event_since"] <= chosen["event_until"]
    window = EventWindow(chosen["event_since"], chosen["event_until"])
    expected = event_features(store, Filters(), window)
    assert 0 < len(expected) < len(event_features(store, Filters()))
    assert _events(browser) == len(expected)
    assert all(chosen["event_since"] <= f["properties"]["date"] <= chosen["event_until"] for f in expected)
    assert chosen["event_since"] in browser.find_element(By.ID, "event-window").text
    _shot(browser, "timeline-brushed")
    _open(browser, base + "/#/")


def test_article_view_highlights_spans_and_shows_each_claims_chain(
    site: tuple[str, Store], browser: WebDriver
) -> None:
    base, store = site
    _open(browser, base + "/#/article/" + "test%2Fkyiv-post-syrskyi")
    record = sample_records()[0]
    text = browser.find_element(By.ID, "a-text")
    assert text.get_attribute("textContent") == record.article.text  # highlighting adds no character
    marked = lambda part: [m.text for m in browser.find_elements(By.CSS_SELECTOR, f"#a-text mark.hl-{part}")]  # noqa: E731
    assert "Sudzha" in marked("places") and "Kursk" in marked("places")
    assert "1,000 square km" in marked("figures")
    assert "August 9" in marked("times")
    assert marked("speakers") == ["Oleksandr Syrskyi"] and marked("cues") == ["said"]
    assert "".join(marked("claims")) == record.claims[0].text
    assert browser.find_element(By.CSS_SELECTOR, ".claim .chain").text.startswith(
        "Kyiv Post → Reuters → Oleksandr Syrskyi"
    )
    assert "reportedly" in browser.find_element(By.CSS_SELECTOR, ".claim .hedges").text
    assert "claimant: Oleksandr Syrskyi" in browser.find_element(By.ID, "a-parts").text
    _shot(browser, "article")

    _open(browser, base + "/#/article/test%2Ftass-mod-300")
    assert "forecast window: 2024-09-01 – 2024-09-30" in browser.find_element(By.ID, "a-parts").text

    # An article of examples/, stored by today's pipeline, shows whatever parts it has.
    example = next(a.id for a in list_articles(store) if a.id.endswith("reuters-syrskyi-1000-sq-km.txt"))
    _open(browser, base + "/#/article/" + urllib.parse.quote(example, safe=""))
    assert browser.find_elements(By.CSS_SELECTOR, "#a-text mark.hl-entities")


def _when(figure: dict[str, Any]) -> str | None:
    # The day a figure is drawn on, as the chart takes it: its period's end, else its begin,
    # else the day its article was published.
    period = figure["period"] or {}
    return period.get("end") or period.get("begin") or figure["published"]


def _choose(driver: WebDriver, select_id: str, value: str) -> None:
    select = Select(driver.find_element(By.ID, select_id))
    if select.first_selected_option.get_attribute("value") == value:
        return  # no change, no event: the view stays as it is
    driver.execute_script("document.body.dataset.state = 'loading'")
    select.select_by_value(value)
    _ready(driver)


def _most_common(values: list[str | None]) -> str:
    # As the page picks its default: the most frequent value, ties by name.
    counts: dict[str, int] = {}
    for v in values:
        if v:
            counts[v] = counts.get(v, 0) + 1
    return min(counts, key=lambda v: (-counts[v], v)) if counts else ""


def test_figure_lineup_shows_one_category_and_side_in_one_unit(
    site: tuple[str, Store], browser: WebDriver
) -> None:
    base, store = site
    _open(browser, base + "/#/figures")
    figures = figure_rows(store, Filters()).items
    valued = [f for f in figures if f["value"] is not None]
    category = _most_common([f["category"] for f in valued])
    side = _most_common([f["side"] for f in valued if f["category"] == category])
    assert (
        Select(browser.find_element(By.ID, "fig-category")).first_selected_option.get_attribute("value")
        == category
    )
    assert (
        Select(browser.find_element(By.ID, "fig-side")).first_selected_option.get_attribute("value") == side
    )
    shown = [f for f in valued if f["category"] == category and f["side"] == side]
    dated = [f for f in shown if _when(f)]
    assert len(dated) > 2  # the sample records' and whatever the pipeline found in examples/
    chart = browser.find_element(By.ID, "fig-chart")
    assert chart.get_attribute("data-points") == str(len(shown))
    circles = browser.find_elements(By.CSS_SELECTOR, "#fig-chart circle.figure")
    assert len(circles) == len(dated)
    legend = {s.text for s in browser.find_elements(By.CSS_SELECTOR, "#fig-legend .swatch")}
    assert legend == {f["claimant"] for f in dated}
    # One colour per claimant, however many there are.
    assert len({c.get_attribute("fill") for c in circles}) == len(legend)
    scope = browser.find_element(By.ID, "fig-scope").text
    assert f"Showing {category} (side {side})" in scope and f"{len(shown)} figures" in scope
    assert browser.find_element(By.CSS_SELECTOR, "#fig-chart text.axis-label").text == f"{category} · {side}"
    # Each figure leads to its sentence.
    href = (
        browser.find_element(By.CSS_SELECTOR, "#fig-table tbody tr td:last-child a").get_attribute("href")
        or ""
    )
    assert "?span=" in href
    _shot(browser, "figures")

    # Every category: listed, not charted (their units differ), and the page says so.
    _choose(browser, "fig-category", "")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#fig-chart circle.figure")) == 0
    assert "Choose one category" in chart.text
    assert len(browser.find_elements(By.CSS_SELECTOR, "#fig-table tbody tr")) == len(figures)

    casualties = [
        f
        for f in figure_rows(store, Filters(category="personnel.casualties")).items
        if f["category"] == "personnel.casualties"  # not its sub-categories: another unit
    ]
    _choose(browser, "fig-category", "personnel.casualties")
    side = _most_common([f["side"] for f in casualties if f["value"] is not None])
    assert chart.get_attribute("data-points") == str(
        sum(f["value"] is not None and f["side"] == side for f in casualties)
    )
    assert {
        r.find_elements(By.TAG_NAME, "td")[2].text
        for r in browser.find_elements(By.CSS_SELECTOR, "#fig-table tbody tr")
    } == {f["category"] for f in casualties if f["side"] == side}


def test_figure_lineup_draws_the_reference_series_and_marks_disagreeing_groups(
    site: tuple[str, Store], browser: WebDriver
) -> None:
    base, store = site
    _open(browser, base + "/#/figures?fcat=equipment.tank&fside=all")
    marks = figure_group_marks(store)

    def expected(side: str | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]], set[str]]:
        rows = [
            f for f in figure_rows(store, Filters(category="equipment.tank"), side=side).items if _when(f)
        ]
        ringed = [f for f in rows if marks.get((f["article_id"], f["idx"]), {}).get("disagree")]
        days = sorted(d for d in map(_when, rows) if d)
        points = reference_points(store, category="equipment.tank", side=side, since=days[0], until=days[-1])
        groups = {marks[(f["article_id"], f["idx"])]["group"] for f in ringed}
        return ringed, points.items, groups

    # examples/: the Russian Defence Ministry's counts of Ukrainian tanks lost in Kursk differ.
    ringed, points, groups = expected(None)
    assert ringed and points
    assert len(browser.find_elements(By.CSS_SELECTOR, "#fig-chart circle.figure.disagree")) == len(ringed)
    listed = browser.find_elements(By.CSS_SELECTOR, "#fig-groups li.disagree")
    assert {li.get_attribute("data-group") for li in listed} == groups
    assert all("disagree" in li.text for li in listed)
    # All sides at once: the series counts one side's tanks, so it is not drawn beside both.
    assert browser.find_elements(By.CSS_SELECTOR, "#fig-chart polyline.reference") == []
    assert "Choose a side" in browser.find_element(By.ID, "reference-series").text

    _choose(browser, "fig-side", "RU")
    ringed, points, _ = expected("RU")
    lines = browser.find_elements(By.CSS_SELECTOR, "#fig-chart polyline.reference")
    assert len(lines) == 1 and lines[0].get_attribute("data-values") == str(len(points))
    assert lines[0].get_attribute("data-category") == "equipment.tank"
    # A step per change: two vertices per point but the first.
    assert len((lines[0].get_attribute("points") or "").split()) == 2 * len(points) - 1
    assert "Test General Staff" in browser.find_element(By.ID, "fig-legend").text
    note = browser.find_element(By.ID, "reference-series").text
    assert f"{points[0]['value']:,.0f} on {points[0]['day']}" in note
    assert f"{points[-1]['value']:,.0f} on {points[-1]['day']}" in note
    _shot(browser, "figures-reference")

    # Ukrainian tanks: the series counts Russian ones, so it is not drawn beside them.
    _choose(browser, "fig-side", "UA")
    ringed, points, _ = expected("UA")
    assert points == [] and ringed
    assert browser.find_elements(By.CSS_SELECTOR, "#fig-chart polyline.reference") == []
    assert len(browser.find_elements(By.CSS_SELECTOR, "#fig-chart circle.figure.disagree")) == len(ringed)
    assert "No loaded reference series" in browser.find_element(By.ID, "reference-series").text
    _choose(browser, "fig-side", "RU")
    ringed, points, _ = expected("RU")
    lines = browser.find_elements(By.CSS_SELECTOR, "#fig-chart polyline.reference")
    assert len(lines) == 1 and lines[0].get_attribute("data-values") == str(len(points))
    assert len(browser.find_elements(By.CSS_SELECTOR, "#fig-chart circle.figure.disagree")) == len(ringed)


def test_forecast_ledger_shows_each_status_and_the_articles_that_settle_a_forecast(
    site: tuple[str, Store], browser: WebDriver
) -> None:
    base, store = site
    _open(browser, base + "/#/forecasts")
    ledger = forecast_ledger(store, Filters())
    rows = browser.find_elements(By.CSS_SELECTOR, "#fc-table tbody tr")
    assert [r.get_attribute("data-status") for r in rows] == [f["status"] for f in ledger]
    statuses = {f["status"] for f in ledger}
    # The sample TASS window (September 2024) passed long before examples/ ends in 2025.
    assert "due" in statuses and statuses & {"came_true", "did_not", "unclear"}
    for row, forecast in zip(rows, ledger, strict=True):
        hrefs = [a.get_attribute("href") or "" for a in row.find_elements(By.CSS_SELECTOR, "td.settled-by a")]
        assert [urllib.parse.unquote(h.split("#/article/", 1)[1]) for h in hrefs] == [
            a["id"] for a in forecast["resolved_by"]
        ]
        assert bool(hrefs) == (forecast["status"] not in ("open", "due"))
    _shot(browser, "forecasts")

    # The settling article opens from the ledger.
    n, settled = next((n, f) for n, f in enumerate(ledger) if f["resolved_by"])
    settling = settled["resolved_by"][0]
    assert rows[n].find_element(By.CSS_SELECTOR, "td:first-child").text in ("came true", "did not", "unclear")
    browser.execute_script("document.body.dataset.state = 'loading'")
    rows[n].find_element(By.CSS_SELECTOR, "td.settled-by a").click()
    _ready(browser)
    assert browser.find_element(By.ID, "a-text").get_attribute("textContent")
    assert browser.find_element(By.ID, "a-title").text  # its title, or its file's name
    if settling["title"]:
        assert browser.find_element(By.ID, "a-title").text == settling["title"]

    _open(browser, base + "/#/sources")
    rows = browser.find_elements(By.CSS_SELECTOR, "#src-table tbody tr")
    assert len(rows) == max(1, len(sources(store)))  # a row per source, or the "none yet" row


def _requests(driver: WebDriver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message: dict[str, Any] = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def test_no_request_the_page_makes_leaves_loopback(site: tuple[str, Store], browser: WebDriver) -> None:
    base, _ = site
    # The log holds every request since the browser started: the earlier tests' are checked too
    # (and the tiles they loaded are cached, not fetched again here).
    views = ("#/", "#/article/test%2Freuters-pokrovsk", "#/figures", "#/forecasts", "#/sources", "#/stories")
    for view in (*views, "#/contradictions", "#/?places=1"):
        _open(browser, f"{base}/{view}")
    browser.execute_script("document.body.dataset.state = 'loading'")
    browser.get(base + "/docs")
    WebDriverWait(browser, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".swagger-ui .info"))
    urls = _requests(browser)
    assert any("/tiles/" in u for u in urls)  # the basemap loaded, from this server
    assert any("/vendor/leaflet/leaflet.js" in u for u in urls)
    # chrome:// and data: are the browser's own (its new-tab page), not the network.
    internal = ("chrome", "chrome-untrusted", "data", "blob", "about")
    outside = [
        u for u in urls if urllib.parse.urlsplit(u).scheme not in internal and not u.startswith(base + "/")
    ]
    assert outside == []


def _get(url: str) -> tuple[int, bytes, str]:
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.status, response.read(), response.headers.get("content-type", "")


def test_stories_page_and_a_story_with_its_contradiction_and_folded_copy(
    site: tuple[str, Store], browser: WebDriver
) -> None:
    base, store = site
    _open(browser, base + "/#/stories")
    expected = story_rows(store)
    rows = browser.find_elements(By.CSS_SELECTOR, "#st-table tbody tr")
    assert [r.get_attribute("data-story") for r in rows] == [s["id"] for s in expected]  # newest first
    _shot(browser, "stories")
    # Sortable by a plain-word heading, numbers as numbers.
    heading = browser.find_element(By.XPATH, "//table[@id='st-table']//th[.//text()='Articles']//button")
    heading.click()
    sizes = [
        int(r.find_elements(By.TAG_NAME, "td")[1].text)
        for r in browser.find_elements(By.CSS_SELECTOR, "#st-table tbody tr")
    ]
    assert sizes == sorted(sizes)
    heading.send_keys(Keys.ENTER)  # a button: reachable and pressed by keyboard
    sizes = [
        int(r.find_elements(By.TAG_NAME, "td")[1].text)
        for r in browser.find_elements(By.CSS_SELECTOR, "#st-table tbody tr")
    ]
    assert sizes == sorted(sizes, reverse=True)

    # A story with a contradiction: both sides highlighted on its card.
    def story_links(story_id: str) -> dict[str, Any]:
        return dict(json.loads(_get(f"{base}/api/stories/{urllib.parse.quote(story_id, safe='')}")[1]))

    def open_story(story_id: str) -> None:
        _open(browser, base + "/#/stories")
        browser.execute_script("document.body.dataset.state = 'loading'")
        browser.find_element(By.CSS_SELECTOR, f'#st-table tr[data-story="{story_id}"] a').click()
        _ready(browser)

    contested = next((s["id"] for s in expected if story_links(s["id"])["contradictions"]), None)
    assert contested is not None, "the example corpus holds one contradiction (kursk-018)"
    open_story(contested)
    links = story_links(contested)
    cards = browser.find_elements(By.CSS_SELECTOR, "#s-contradictions .contradiction")
    assert len(cards) == len(links["contradictions"])
    first = links["contradictions"][0]
    marked = [m.text for m in cards[0].find_elements(By.CSS_SELECTOR, "mark.hl-target")]
    assert marked == [first["a"]["text"], first["b"]["text"]]

    # The story holding the syndicated pair: the copy folded under its original.
    syndicated = next(
        s["id"]
        for s in expected
        if any(
            c["id"] == "kursk-syndicated-copy" for a in story_links(s["id"])["articles"] for c in a["copies"]
        )
    )
    open_story(syndicated)
    links = story_links(syndicated)
    copy = browser.find_element(
        By.XPATH,
        "//ol[@id='s-articles']/li[.//ul[@class='copies']//a[contains(@href, 'kursk-syndicated-copy')]]",
    )
    assert "kursk-syndicated-original" in (copy.find_element(By.TAG_NAME, "a").get_attribute("href") or "")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#s-timeline circle.story-article")) == sum(
        1 + len(a["copies"]) for a in links["articles"] if a["published"]
    ) - sum(1 for a in links["articles"] for c in a["copies"] if not c["published"])
    _shot(browser, "story")


def test_contradictions_side_by_side_lead_to_both_sentences(
    site: tuple[str, Store], browser: WebDriver
) -> None:
    base, _ = site
    _open(browser, base + "/#/contradictions")
    found = json.loads(_get(base + "/api/contradictions")[1])["items"]
    cards = browser.find_elements(By.CSS_SELECTOR, "#contradictions .contradiction")
    assert len(cards) == len(found) > 0
    for card, pair in zip(cards, found, strict=True):
        sides = card.find_elements(By.CSS_SELECTOR, ".side")
        assert len(sides) == 2
        for side, claim in zip(sides, (pair["a"], pair["b"]), strict=True):
            assert side.find_element(By.CSS_SELECTOR, "mark").text == claim["text"]
            assert (claim["speaker"] or "(no speaker)") in side.find_element(By.CSS_SELECTOR, ".chain").text
    _shot(browser, "contradictions")
    # The second claim's sentence opens highlighted in its article, which names its story.
    other = found[0]["b"]
    browser.execute_script("document.body.dataset.state = 'loading'")
    cards[0].find_elements(By.CSS_SELECTOR, "a.to-sentence")[1].click()
    _ready(browser)
    marked = "".join(
        m.get_attribute("textContent")
        for m in browser.find_elements(By.CSS_SELECTOR, "#a-text mark.hl-target")
    )
    assert marked == other["text"]
    WebDriverWait(browser, 60).until(lambda d: d.find_element(By.ID, "a-links").get_attribute("data-story"))
    box = browser.find_element(By.ID, "a-links")
    assert "Story:" in box.text and box.find_elements(By.CSS_SELECTOR, ".contradiction-link")
    _shot(browser, "article-linked")


def test_article_view_names_its_copies(site: tuple[str, Store], browser: WebDriver) -> None:
    base, _ = site
    _open(browser, base + "/#/article/kursk-syndicated-original")
    WebDriverWait(browser, 60).until(lambda d: d.find_element(By.ID, "a-links").get_attribute("data-story"))
    copies = browser.find_element(By.CSS_SELECTOR, "#a-links .copies")
    assert "kursk-syndicated-copy" in (copies.find_element(By.TAG_NAME, "a").get_attribute("href") or "")


def test_an_error_box_goes_away_on_the_next_view_and_slow_loads_are_shown(
    site: tuple[str, Store], browser: WebDriver
) -> None:
    base, _ = site
    _open(browser, base + "/#/stories")
    browser.execute_script("location.hash = '#/article/no-such-article'")
    WebDriverWait(browser, 30).until(
        lambda d: d.execute_script("return document.body.dataset.state") == "error"
    )
    assert "no such article" in browser.find_element(By.ID, "error").text
    _open(browser, base + "/#/stories")
    assert browser.find_elements(By.ID, "error") == []
    # Anything slower than 200 ms shows the loading sign, and it goes when the answer comes.
    browser.execute_script(
        """const real = window.fetch;
        window.fetch = (...a) => new Promise((ok) => setTimeout(() => ok(real(...a)), 700));"""
    )
    browser.execute_script("document.body.dataset.state = 'loading'; location.hash = '#/sources'")
    WebDriverWait(browser, 5).until(lambda d: d.find_element(By.ID, "loading").is_displayed())
    _ready(browser)
    assert not browser.find_element(By.ID, "loading").is_displayed()
    browser.refresh()  # the page's own fetch again
    _ready(browser)


def test_exports_of_the_selection_match_the_cli_formats(site: tuple[str, Store], browser: WebDriver) -> None:
    base, store = site
    selection = "since=2024-08-01&until=2024-08-31"
    status, body, kind = _get(f"{base}/api/export?format=geojson&{selection}")
    assert status == 200 and "geo+json" in kind
    assert len(json.loads(body)["features"]) == len(
        place_features(store, Filters(since="2024-08-01", until="2024-08-31"))
    )
    status, body, kind = _get(f"{base}/api/export?format=acled&{selection}")
    assert status == 200 and body.decode().splitlines()[0].startswith("event_id_cnty")
    status, body, kind = _get(f"{base}/api/export?format=csv&{selection}")
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert {"articles.csv", "events.csv", "figures.csv"} <= set(archive.namelist())
    try:
        _get(f"{base}/api/export?format=xls")
    except urllib.error.HTTPError as error:
        assert error.code == 422 and b"format" in error.read()
    else:
        raise AssertionError("an unknown format was accepted")


def test_layout_works_at_400_px(site: tuple[str, Store], browser: WebDriver) -> None:
    base, _ = site
    size = browser.get_window_size()
    browser.set_window_size(400, 900)
    try:
        for view in (
            "#/",
            "#/stories",
            "#/contradictions",
            "#/figures",
            "#/article/test%2Fkyiv-post-syrskyi",
        ):
            _open(browser, f"{base}/{view}")
            width = browser.execute_script("return document.documentElement.clientWidth")
            assert browser.execute_script("return document.documentElement.scrollWidth") <= width + 1, view
            nav = browser.find_element(By.CSS_SELECTOR, "header nav")
            assert nav.size["height"] < 40, view  # one line that scrolls, not a wrapped menu
        _open(browser, f"{base}/#/")
        assert browser.find_element(By.ID, "list-panel").size["width"] > 300
        _shot(browser, "map-400px")
    finally:
        browser.set_window_size(size["width"], size["height"])


def test_no_serious_or_critical_accessibility_violations(site: tuple[str, Store], browser: WebDriver) -> None:
    # axe-core as axe-selenium-python ships it (axe.min.js inside the package: nothing fetched).
    from axe_selenium_python import Axe

    base, _ = site
    browser.set_script_timeout(120)
    found = {}
    for view in (
        "#/",
        "#/?places=1",
        "#/stories",
        "#/story/kursk-001",
        "#/contradictions",
        "#/figures",
        "#/forecasts",
        "#/sources",
        "#/article/test%2Fkyiv-post-syrskyi?span=0-20",
    ):
        _open(browser, f"{base}/{view}")
        axe = Axe(browser)
        axe.inject()
        results = axe.run()
        bad = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
        if bad:
            found[view] = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in bad]
    assert found == {}
