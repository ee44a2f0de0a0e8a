"""The web UI in a real browser: Debian's chromium, driven by Selenium through chromedriver.

The server is a real uvicorn on loopback over a store built from examples/ plus records with
every part (tests/serving.py). Nothing is downloaded at test time: .ci/run installs the Debian
packages. FOGOFWAR_SCREENSHOTS=1 keeps a screenshot of each view under bench/results/.
"""

from __future__ import annotations

import json
import os
import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select, WebDriverWait
from typer.testing import CliRunner

from fogofwar.api import create_app
from fogofwar.batch import ingest
from fogofwar.link.index import link_pending
from fogofwar.link.views import figure_group_marks, forecast_ledger, sources
from fogofwar.query import (
    Filters,
    figure_rows,
    list_articles,
    place_features,
    reference_points,
    timeline,
)
from fogofwar.store import Store
from tests.conftest import EXAMPLES, ROOT, invoke
from tests.serving import reference_series_file, sample_records, save_all, serve

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
SHOTS = ROOT / "bench" / "results"

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
        SHOTS.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(SHOTS / f"web-{name}.png"))


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


def _markers(driver: WebDriver) -> int:
    return int(driver.execute_script("return window.fogofwar.markerCount()"))


def test_map_shows_a_marker_per_place_and_filters_move_map_and_timeline_together(
    site: tuple[str, Store], browser: WebDriver
) -> None:
    base, store = site
    _open(browser, base + "/#/")
    everything = place_features(store, Filters())
    assert len(everything) >= 4  # the sample records' places, and any the pipeline found
    assert _markers(browser) == len(everything)
    assert browser.find_element(By.ID, "map").get_attribute("data-markers") == str(len(everything))
    assert browser.find_elements(
        By.CSS_SELECTOR, "#map .leaflet-marker-icon"
    )  # drawn, as markers or clusters
    days = len(timeline(store, Filters()))
    assert int(browser.find_element(By.ID, "timeline").get_attribute("data-days") or 0) == days
    _shot(browser, "map")

    selection = Filters(since="2024-08-15", until="2024-08-31")
    _set_filters(browser, since="2024-08-15", until="2024-08-31")
    assert _markers(browser) == len(place_features(store, selection)) < len(everything)
    assert (
        int(browser.find_element(By.ID, "timeline").get_attribute("data-days") or 0)
        == len(timeline(store, selection))
        < days
    )
    articles_in_range = sum(d["articles"] for d in timeline(store, selection))
    assert browser.find_element(By.ID, "article-count").text == str(articles_in_range)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#article-list li")) == min(articles_in_range, 50)

    # A day on the timeline selects that day, on the map and in the list alike.
    _set_filters(browser, since="", until="")
    browser.execute_script("document.body.dataset.state = 'loading'")
    browser.find_element(By.CSS_SELECTOR, '#timeline g.day[data-day="2024-08-10"] rect').click()
    _ready(browser)
    assert browser.find_element(By.ID, "f-since").get_attribute("value") == "2024-08-10"
    day = Filters(since="2024-08-10", until="2024-08-10")
    assert _markers(browser) == len(place_features(store, day)) == 2  # Kursk and Sudzha
    _set_filters(browser, since="", until="", event_type="Explosions/Remote violence")
    assert _markers(browser) == len(place_features(store, Filters(event_type="Explosions/Remote violence")))
    _set_filters(browser, event_type="")


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


def test_figure_lineup_charts_every_sources_figures(site: tuple[str, Store], browser: WebDriver) -> None:
    base, store = site
    _open(browser, base + "/#/figures")
    _choose(browser, "fig-category", "")
    _choose(browser, "fig-side", "")
    figures = figure_rows(store, Filters()).items
    valued = [f for f in figures if f["value"] is not None]
    dated = [f for f in valued if _when(f)]
    assert len(dated) > 2  # the sample records' and whatever the pipeline found in examples/
    chart = browser.find_element(By.ID, "fig-chart")
    assert chart.get_attribute("data-points") == str(len(valued))
    assert len(browser.find_elements(By.CSS_SELECTOR, "#fig-chart circle.figure")) == len(dated)
    legend = {s.text for s in browser.find_elements(By.CSS_SELECTOR, "#fig-legend .swatch")}
    assert legend == {f["claimant"] for f in dated}
    assert {"Oleksandr Syrskyi", "Russian Defence Ministry"} <= legend
    assert len(browser.find_elements(By.CSS_SELECTOR, "#fig-table tbody tr")) == len(figures)
    # No category: no reference series is drawn, and the page says why.
    assert chart.get_attribute("data-reference") == "0"
    assert "Choose a category" in browser.find_element(By.ID, "reference-series").text
    _shot(browser, "figures")

    casualties = [f for f in figure_rows(store, Filters(category="personnel.casualties")).items]
    _choose(browser, "fig-category", "personnel.casualties")
    assert chart.get_attribute("data-points") == str(sum(f["value"] is not None for f in casualties))
    assert {
        r.find_elements(By.TAG_NAME, "td")[2].text
        for r in browser.find_elements(By.CSS_SELECTOR, "#fig-table tbody tr")
    } == {f["category"] for f in casualties}
    _choose(browser, "fig-category", "")


def test_figure_lineup_draws_the_reference_series_and_marks_disagreeing_groups(
    site: tuple[str, Store], browser: WebDriver
) -> None:
    base, store = site
    _open(browser, base + "/#/figures")
    _choose(browser, "fig-side", "")
    _choose(browser, "fig-category", "equipment.tank")
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
    _choose(browser, "fig-side", "")
    _choose(browser, "fig-category", "")


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
    assert browser.find_element(By.ID, "a-title").text == (settling["title"] or settling["id"])

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
    for view in ("#/", "#/article/test%2Freuters-pokrovsk", "#/figures", "#/forecasts", "#/sources"):
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
