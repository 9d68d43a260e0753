"""Secure Communities rollout map: streamlit run dashboard.py."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import html
import json
import time
from dataclasses import replace
from functools import partial
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from streamlit import runtime
from streamlit.dataframe_util import convert_anything_to_arrow_bytes
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit_folium import st_folium

from geo import ringwords, urlstate
from geo.charts import (
    coverage_chart,
    ice_counts_chart,
    marked_on,
    ring_fill_chart,
    ring_timeline_chart,
)
from geo.compose import compose
from geo.downloads import (
    ANIMATIONS,
    CHARTS,
    DATA_FILES,
    PICTURES,
    TIMELINES,
    Source,
    button_label,
    coverage_shares,
)
from geo.exportcache import server_exports
from geo.exportroute import Upload, address, export_job, failure
from geo.i18n import LANGUAGES, N_, _, current, follow
from geo.leaflet import base_map, dynamic_layer
from geo.load import DataError, Dataset, data_dir, shared
from geo.official import beside_this_data, counties_over_time
from geo.offline import install_leaflet
from geo.ringresults import RingModel
from geo.rings import (
    MODEL_STATES,
    SiteRing,
    compared,
    dated_sites,
    ring_fill,
    site_events,
    site_note,
    summarize_ring,
)
from geo.ringtimeline import Timeline, site_timelines
from geo.rollout import activated_on, next_month
from geo.runlog import log, run_kind
from geo.styles import colouring
from geo.text import markdown_escape, markdown_link, spreadsheet_safe
from geo.upload import MAX_BYTES, UploadError, apply, format_help, match, match_summary, read_table
from geo.wording import (
    COMPARISON_COLUMNS,
    Words,
    activation_dates,
    comparison,
    coverage_words,
    dates_in_print,
    describe,
    headline_numbers,
    ring_caption,
    site_metrics,
    source_line,
    words,
)

RUN_STARTED, RUN_CPU = time.perf_counter(), time.thread_time()


def readers_language() -> str | None:
    """The reader's language: the switch's, at first the link's; none outside a run. Every
    run of the page, a fragment or a callback speaks it, in whichever thread it runs."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return None
    return st.session_state.get("lang") or st.query_params.get("lang")


follow(readers_language)
st.set_page_config(page_title=_("Secure Communities rollout"), layout="wide")
PAGE_CSS = (  # fit a laptop screen; the popover beside the heading clear of the page's header;
    # download links drawn as buttons
    ".block-container{padding-top:3rem;padding-bottom:1rem}.st-key-beside_ice{margin-top:0.75rem}"
    ".sc-download{display:inline-block;padding:.375rem .75rem;font-size:.875rem;"
    "border:1px solid rgba(49,51,63,.2);border-radius:.5rem;"
    "color:inherit!important;text-decoration:none!important}"
)
REPORT_CSS = (  # report mode: nothing but the map, the numbers and the sources
    "header,[data-testid=stHeader],[data-testid=stToolbar],[data-testid=stMainMenu],"
    "[data-testid=stSidebar],[data-testid=stSidebarCollapsedControl]{display:none}"
    ".block-container{padding-top:2rem}"
)
PROGRESS_SECONDS = 0.2  # how often an animation's progress is shown while it is made
DATA_DIR = data_dir()


def dataset(folder: Path) -> Dataset:
    """The processed data, loaded once per server process and shared (never mutated); the
    server (serve.py) loads it before the first reader comes."""
    install_leaflet()
    return shared(folder)


def read_link(state_names: dict[str, str], site_names: dict[str, str]) -> None:
    """On a session's first run, set the widgets from the URL and keep any messages."""
    if "link_read" in st.session_state:
        return
    selection, messages = urlstate.parse(
        st.query_params.to_dict(), set(state_names), frozenset(site_names)
    )
    st.session_state.update(
        link_read=True,
        link_messages=messages,
        as_of=selection.as_of,
        state=selection.state or "",
        layer=selection.layer,
        colour=selection.colour,
        measure=selection.measure,
        site=selection.site or "",
        second_ring=selection.ring == 2,
        outline_sites=selection.outline,
        report=selection.report,
        tiles=selection.tiles,
        lang=selection.lang,
        **{f"word_{name}": getattr(selection, name) for name in urlstate.WORD_LIMITS},
    )


SELECTION_KEYS = ("as_of", "state", "layer", "colour", "measure", "site", "second_ring")
SELECTION_KEYS += ("outline_sites", "report", "tiles", "data_source", "lang")
SELECTION_KEYS += tuple(f"word_{name}" for name in urlstate.WORD_LIMITS)
GENERATED = ("title", "subtitle")  # the words the app writes until the reporter does


def keep_selection() -> None:
    """Keep every setting of the selection across runs, even while its widget is not shown.

    Streamlit forgets a widget's value in a run that does not draw the widget (the
    county colour radio while the state layer is on); writing the values back makes
    them the session's own.
    """
    for key in SELECTION_KEYS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def advance_playback() -> None:
    """Apply the date Play stopped on before the slider is drawn."""
    if "next_as_of" in st.session_state:
        st.session_state.as_of = st.session_state.pop("next_as_of")


def play_on(last: dt.date) -> None:
    """The map has drawn the month Play showed (its component's value says which): show the
    next month, and stop on the `last` date. Play goes at the browser's pace. Its month is
    kept apart from the slider's date, which only the whole page's run may change (a month
    of Play reruns only map_and_numbers)."""
    session = st.session_state
    played = (session.get("map") or {}).get("played")
    if session.get("playing") and played == session.play_month.isoformat():
        session.play_month = next_month(session.play_month, last)
        if session.play_month >= last:
            stop_playing()


def stop_playing() -> None:
    """Play stops on the month it shows; the whole page's next run moves the slider there."""
    st.session_state.update(playing=False, next_as_of=st.session_state.play_month)


def controls(
    state_names: dict[str, str],
    site_names: dict[str, str],
    span: tuple[dt.date, dt.date],
    colours: tuple[str, ...],
) -> None:
    """View widgets, each bound to its key in the session state. The words of their
    options are looked up in tables translated in this run, so that an option reads the
    same in the run's language wherever its format_func is called."""
    first, last = span
    st.radio(  # named in both languages, for a reader of either
        "Language / Idioma", list(LANGUAGES), format_func=LANGUAGES.get, key="lang", horizontal=True
    )
    st.header(_("View"))
    st.slider(_("As of"), min_value=first, max_value=last, format="YYYY-MM-DD", key="as_of")
    session = st.session_state
    if st.button(_("Pause") if session.get("playing") else _("Play month by month"), key="play"):
        if session.get("playing"):
            stop_playing()
        else:
            session.playing = True
            session.play_month = first if session.as_of >= last else session.as_of
        st.rerun()
    st.selectbox(
        _("State"),
        ["", *state_names],
        format_func={"": _("All states"), **state_names}.get,
        key="state",
    )
    st.radio(
        _("Map"),
        urlstate.LAYERS,
        key="layer",
        horizontal=True,
        format_func={"county": _("Counties"), "state": _("States")}.get,
    )
    if st.session_state.layer == "county":
        labels = {colour: _(label) for colour, label in COLOUR_LABELS.items()}
        if "wave" not in colours:  # a list without dates: the same on every date
            labels["status"] = _("In your list")
        st.radio(_("Colour counties by"), colours, key="colour", format_func=labels.get)
    else:
        st.radio(
            _("Colour states by share of"),
            urlstate.MEASURES,
            key="measure",
            format_func={measure: _(label) for measure, label in MEASURE_LABELS.items()}.get,
        )
    st.selectbox(
        _("Resistant site"),
        ["", *site_names],
        format_func={"": _("None"), **site_names}.get,
        key="site",
        help=_("Zoom to a place that resisted the program, with the ring of counties around it."),
    )
    st.checkbox(_("Include the second ring"), key="second_ring")
    st.checkbox(_("Outline resistant sites"), key="outline_sites")
    st.checkbox(_("Base map (needs internet)"), key="tiles")


def offered_colours(data: Dataset) -> tuple[str, ...]:
    """What counties may be coloured by: the year only for data with dates, values only
    for a list with values."""
    return tuple(
        colour
        for colour in urlstate.COLOURS
        if colour == colouring(colour, values="value" in data.counties, dated=data.dated)
    )


def current_selection() -> urlstate.Selection:
    """What the widgets (or, in report mode, the link) select."""
    session = st.session_state
    return urlstate.Selection(
        as_of=session.play_month if session.get("playing") else session.as_of,
        state=session.state or None,
        layer=session.layer,
        colour=session.colour,
        measure=session.measure,
        site=session.site or None,
        ring=2 if session.second_ring else 1,
        outline=session.outline_sites,
        report=session.report,
        tiles=session.tiles,
        lang=session.lang,
    )


def follow_the_view(generated: Words) -> dict[str, str]:
    """The reporter's words, as the selection holds them. An input for the title or the
    subtitle shows the generated one, and follows the view, until the reporter writes
    their own (clearing it brings the generated one back)."""
    session, words = st.session_state, {}
    for name in urlstate.WORD_LIMITS:
        key, shown = f"word_{name}", session.get(f"word_{name}", "")
        if name in GENERATED:
            last = session.get(f"generated_{name}")
            if not shown.strip() or shown == last:
                session[key] = shown = getattr(generated, name)
            session[f"generated_{name}"] = getattr(generated, name)
            words[name] = "" if shown == getattr(generated, name) else shown
        else:
            words[name] = shown
    return words


def cut_words(name: str) -> None:
    """Keep what the reporter typed within its limit, and say so if it was cut."""
    text, message = urlstate.cut(name, st.session_state[f"word_{name}"])
    st.session_state[f"word_{name}"] = text
    st.session_state.setdefault("word_messages", {})[name] = message


def words_inputs() -> None:
    """The reporter's title, subtitle, note and byline, for the pictures, the interactive
    page, report mode and the link."""
    with st.expander(_("Title, subtitle, note and byline"), expanded=False):
        st.caption(
            _(
                "Your words replace the generated ones on every picture, video and interactive "
                "page, in report mode and in the link. They are shown as plain text."
            )
        )
        messages = st.session_state.get("word_messages", {})
        labels = {"title": _("Title"), "subtitle": _("Subtitle"), "note": _("Note")}
        labels["byline"] = _("Byline")
        for name, limit in urlstate.WORD_LIMITS.items():
            entry = st.text_area if name == "note" else st.text_input
            entry(
                labels[name],
                key=f"word_{name}",
                on_change=cut_words,
                args=(name,),
                help=(
                    _("At most {limit} characters. For example: Map: Jane Doe, The Example Times")
                    if name == "byline"
                    else _("At most {limit} characters.")
                ).format(limit=limit),
                placeholder=_("Map: Jane Doe, The Example Times") if name == "byline" else None,
            )
            if messages.get(name):
                st.warning(messages[name])


def plain(text: str) -> str:
    """Text shown as it is written, line breaks kept: nothing in it is read as Markdown."""
    return markdown_escape(text).replace("\n", "  \n")


def headline(data: Dataset, selection: urlstate.Selection) -> None:
    """The view's headline numbers, side by side."""
    numbers = headline_numbers(data, selection)
    for column, (label, value) in zip(st.columns(len(numbers)), numbers, strict=True):
        column.metric(label, value)


def beside_popover(place, beside) -> None:
    """A popover in `place`; `beside` draws what it holds (only while it is open)."""
    with place.popover(
        _("Beside ICE's own counts"), key="beside_ice", on_change="rerun", width="stretch"
    ) as box:
        if box.open:
            beside()


def ice_counts(built_in: Dataset) -> None:
    """This data's counties over time beside the counts ICE and the press published."""
    table = beside_this_data(built_in.counties, built_in.ice_counts)
    st.markdown(
        _(
            "**This data beside ICE's own counts.** The line counts the counties this data "
            "gives as activated; each dot is a count ICE, an official or the press published "
            "at the time (click a dot to open its source). ICE counted jurisdictions: "
            "counties, but also cities, sheriffs and state agencies, several of which can "
            "share a county; a count given for a month is compared with its last day."
        )
    )
    st.altair_chart(
        ice_counts_chart(counties_over_time(built_in.counties), table), use_container_width=True
    )
    columns = {name: _(heading) for name, heading in ICE_COLUMNS.items()}
    shown = table.assign(
        states_said=table["states_said"].map(lambda n: "" if pd.isna(n) else str(int(n)))
    ).rename(columns=columns)[list(columns.values())]
    source, difference = columns["source_url"], columns["difference"]
    st.dataframe(
        shown,
        hide_index=True,
        column_config={
            source: st.column_config.LinkColumn(source, display_text=_("open")),
            difference: st.column_config.NumberColumn(
                difference, help=_("This data's counties minus the count said"), format="%+d"
            ),
        },
    )


@st.cache_resource(max_entries=64, show_spinner=False)
def view_of(_data: Dataset, data_key: str, selection: urlstate.Selection):
    """The MapView of a selection; shared between sessions, never mutated."""
    return compose(_data, selection)


def the_view(data: Dataset) -> tuple[urlstate.Selection, Words, str]:
    """What the session selects now, its words and the map's description; the link says it."""
    selection = current_selection()
    text = words(data, selection)  # generated, as no words are in the selection yet
    selection = replace(selection, **follow_the_view(text))
    st.query_params.from_dict(urlstate.to_params(selection))
    return selection, words(data, selection), describe(data, selection)


def parts_sent() -> dict:
    """The map's parts this session's page knows, and whether to send it those it lacks with
    the run: not on the session's first run (the browser may keep them from an earlier visit
    and fetches those it lacks); on a new view afterwards, its parts travel with its run."""
    first = "parts_sent" not in st.session_state
    return {"sent": st.session_state.setdefault("parts_sent", set()), "inline_new": not first}


@st.fragment
def map_and_numbers(data: Dataset, built_in: Dataset, span, report: bool, shown) -> None:
    """The title, headline numbers, map and source line of the view `shown` (the_view). Each
    month of Play reruns this part alone (the map asks for it: play_on), so the numbers and
    the map move together; the whole page follows when Play stops."""
    selection, text, description = shown
    session = st.session_state
    if session.get("next_as_of"):
        st.rerun(scope="app")  # Play reached the last month: the whole page follows
    if session.get("playing") and selection.as_of != session.play_month:  # a month of Play
        selection, text, description = the_view(data)
    # The map goes out first, so its component boots while Streamlit loads the widgets;
    # the title and numbers still stand above it.
    top = st.container()
    st_folium(
        base_map(selection.tiles, controls=not report),
        feature_group_to_add=dynamic_layer(
            view_of(data, data.key, selection.without_words()),
            not report,
            description,
            public=not data.label,  # a reader's own list stays in their session
            playing=selection.as_of.isoformat() if st.session_state.get("playing") else None,
            **parts_sent(),
        ),
        key="map",
        height=480 if report else 500,
        use_container_width=True,
        returned_objects=[],
        on_change=partial(play_on, span[1]),
    )
    if selection.tiles:
        st.caption(
            _(
                "With the base map the map is in Web Mercator, as map tiles are: areas are not "
                "true to scale, and Alaska and Hawaii are in their own places. Turn the base map "
                "off for the equal-area map."
            )
        )
    if report and text.note:
        st.markdown(plain(text.note))
    st.caption(plain(source_line(data)) + (f"  \n{plain(text.byline)}" if text.byline else ""))
    with top:
        if report:
            st.markdown(f"### {plain(text.title)}")
            st.markdown(plain(text.subtitle))
        else:  # the heading, and beside it the popover that the numbers leave no room for
            heading, aside = st.columns([2, 1])
            heading.markdown("### " + _("Secure Communities, county by county"))
            if not (selection.state or selection.site or data.label):
                beside_popover(aside, partial(ice_counts, built_in))
        if data.label:
            st.info(
                _(
                    "Showing **your list** ({name}), not the built-in rollout: {n} counties have "
                    "a date or a 'yes'. Switch back under 'Your own data' in the sidebar."
                ).format(
                    name=markdown_escape(data.label),
                    n=f"{(data.counties['activation_date'].notna()).sum():,}",
                )
            )
        for message in st.session_state.link_messages:
            st.warning(message)
        if not data.dated and st.session_state.get("wave_refused"):
            st.info(_(NO_YEARS[st.session_state.colour]))
        headline(data, selection)


def share_link(selection: urlstate.Selection) -> str:
    """The address that reopens exactly this view (relative when the page's own is unknown)."""
    page = (st.context.url or "").split("?")[0]
    return f"{page}?{urlencode(urlstate.to_params(selection))}"


def take_away(data: Dataset, selection: urlstate.Selection, description: str):
    """The reporter's words, share link, report-mode link, the map's description, pictures,
    the interactive page and the data behind the view, as downloads; returns the place for
    the animations (see animations)."""
    words_inputs()
    link = share_link(selection)
    st.markdown(
        _("**Link to this view**, to share exactly what you see: [{shown}]({link})").format(
            shown=markdown_escape(link), link=link
        )
    )
    st.caption(
        _(
            "[Report mode]({link}): the map, the numbers and the sources only, sized for a "
            "screenshot."
        ).format(link=share_link(replace(selection, report=True)))
    )
    files = [*PICTURES, *DATA_FILES]  # the view's own files; the page offers the others apart
    for column, kind in zip(st.columns(len(files)), files, strict=True):
        download_link(column, kind, data, selection)
    interactive, animations_row = st.columns([1, 2])
    download_link(interactive, "html", data, selection)
    interactive.caption(_("One file, no server: opens anywhere, embeds in any page."))
    st.markdown(_("**Alt text**: this map in words, for readers who cannot see it"))
    # Plain text in a box, to select and copy (st.code would add 1.6 MB of highlighter).
    st.container(border=True, key="alt_text").markdown(plain(description))
    return animations_row.container()  # filled at the end of the run


def covered_first(data: Dataset, selection: urlstate.Selection) -> None:
    """The chart "Who was covered first", its caveats, and its pictures to download."""
    shares = coverage_shares(data, selection)
    text, description = coverage_words(data, selection, shares)
    st.markdown(f"#### {plain(text.title)}")
    st.caption(plain(text.subtitle))
    st.vega_lite_chart(
        marked_on(coverage_spec(data, data.key, selection.state, current()), selection.as_of),
        width="stretch",
    )
    st.caption(plain(description))
    st.caption(_(NONCITIZEN_CAVEATS))
    for column, kind in zip(st.columns([1, 1, 3]), CHARTS, strict=False):
        download_link(column, kind, data, selection)


@st.cache_resource(max_entries=16, show_spinner=False)
def coverage_spec(_data: Dataset, data_key: str, state: str | None, language: str) -> dict:
    """The chart "Who was covered first" without its date, as a Vega-Lite specification;
    shared between sessions, never mutated (made once, not on every date)."""
    selection = urlstate.Selection(state=state)
    return arrow_datasets(coverage_chart(coverage_shares(_data, selection)).to_dict())


def arrow_datasets(spec: dict) -> dict:
    """`spec` with its tables as the Arrow bytes st.vega_lite_chart sends as they are (it
    would convert them from JSON rows on every run)."""
    tables = spec.get("datasets", {})
    return spec | {
        "datasets": {
            name: convert_anything_to_arrow_bytes(pd.DataFrame(rows))
            for name, rows in tables.items()
        }
    }


def download_link(place, kind: str, data: Dataset, selection, label: str = "") -> None:
    """A link that downloads the `kind` file of the view from the server's export route
    (made once per server, when first asked for); a list of the reader's, by its token."""
    href = address(kind, selection, st.session_state.get("user_upload") if data.label else None)
    place.markdown(
        f'<a class="sc-download" href="{html.escape(href)}" download>'
        f"{html.escape(label or button_label(kind))}</a>",
        unsafe_allow_html=True,
    )


@st.fragment
def animations(data: Dataset, selection: urlstate.Selection, link: str) -> None:
    """The rollout month by month as a GIF and as a video: made on request, followed here
    frame by frame until made, then saved. Run last, so that following one holds up
    nothing else; a click reruns these buttons alone, and any other click stops the
    following (not the making): the page stays usable meanwhile."""
    for column, kind in zip(st.columns(len(ANIMATIONS)), ANIMATIONS, strict=True):
        label = button_label(kind)
        made = made_on_click(
            column,
            kind,
            export_job(kind, Source.of(data, DATA_DIR), selection, link),
            _("Make the {label} (month by month)").format(label=label),
            N_("{label}: frame {done} of {total}"),
        )
        if made is not None:
            size = f"{len(made) / 1e6:.1f}"
            saved = _("Save the {label} ({size} MB)").format(label=label, size=size)
            download_link(column, kind, data, selection, saved)


def made_on_click(place, kind: str, job_of, button: str, step: str) -> bytes | None:
    """The `kind` download of `job_of` (export_job's key and task), offered as `button`
    until clicked, then made in the export worker and followed here (`step` says how far
    along, from {label}, {done} and {total}); None until it is made, or when it failed
    (said, and offered again)."""
    exports, (key, make_it) = server_exports(), job_of
    job, label = exports.peek(key), button_label(kind)
    if job is None or (job.future.done() and job.future.exception() is not None):
        if job is not None:  # it failed: say so, and offer it again
            place.error(failure(kind, job.future.exception()))
        if not place.button(button, key=f"make_{kind}"):
            return None
        job = exports.start(key, make_it)
    progress = place.empty()
    while not job.future.done():
        with progress:
            show_progress(job, label, step)
        with contextlib.suppress(TimeoutError):
            job.future.result(timeout=PROGRESS_SECONDS)
        exports.expire(job)  # past its time: failed, its worker replaced
    progress.empty()
    if job.future.exception() is not None:
        place.error(failure(kind, job.future.exception()))
        return None
    return job.future.result()


def show_progress(job, label: str, step: str) -> None:
    if job.total:
        text = _(step).format(label=label, done=job.done, total=job.total)
    else:
        text = _("{label}: starting").format(label=label)
    st.progress(job.done / job.total if job.total else 0.0, text)


def receive_upload(data: Dataset, name: str, content: bytes) -> None:
    """Read and match an uploaded list; keep the result, or the reason it failed, per session."""
    for key in ("user_data", "user_match", "user_upload"):
        st.session_state.pop(key, None)
    st.session_state.upload_error = None
    try:
        table, notes = read_table(name, content)
        matched = match(table, data.counties, data.states, dt.date.today())
        counties = apply(data.counties, matched)
    except UploadError as error:
        st.session_state.upload_error = str(error)
        return
    except Exception as error:  # any other failure still gets a message, never a traceback
        st.session_state.upload_error = _(
            "'{name}' could not be read ({failure}). Check that it is a CSV or .xlsx file with "
            "a header row. {expected}"
        ).format(name=name, failure=type(error).__name__, expected=format_help())
        return
    matched.notes = notes + matched.notes
    st.session_state.user_match = matched
    if len(matched.counties):
        digest = hashlib.sha256(content).hexdigest()[:16]
        st.session_state.user_data = replace(
            data,
            counties=counties,
            label=name,
            key=f"upload-{digest}",
            dated=matched.has_dates,
            ring_model=None,  # fitted to the built-in dates, not the list's
        )  # its downloads, at an address only this session knows while it keeps the list:
        source = Source.of(st.session_state.user_data, DATA_DIR)
        st.session_state.user_upload = Upload(source, session_connected())


def session_connected():
    """A function telling whether this reader's session is connected to the server (always
    true outside one: AppTest)."""
    if not runtime.exists():
        return lambda: True
    return partial(runtime.get_instance().is_active_session, get_script_run_ctx().session_id)


def upload_section(data: Dataset) -> None:
    """Sidebar: upload a list, see how it matched, and choose which data the map shows."""
    with st.expander(_("Your own data"), expanded="user_match" in st.session_state):
        st.caption(
            _(
                "Map your own list of counties: a CSV or Excel (.xlsx) file of at most "
                "{megabytes} MB with a header row, a 'fips' column (or 'county' and 'state') "
                "and a 'date' (YYYY-MM-DD) and/or 'status' (yes/no) column. "
                "Example: {example}."
            ).format(megabytes=MAX_BYTES // 1024 // 1024, example="data/examples/example-list.csv")
        )
        upload = st.file_uploader(_("Upload a list"), key="upload")
        if upload is None and "upload_id" in st.session_state:
            for key in ("user_data", "user_match", "user_upload", "upload_error", "upload_id"):
                st.session_state.pop(key, None)
            st.rerun()  # the map above may have shown the list just removed
        elif upload is not None and (upload.file_id, current()) != st.session_state.get(
            "upload_id"
        ):  # a new file, or the reader's language changed: its messages are read again
            st.session_state.upload_id = (upload.file_id, current())
            receive_upload(data, upload.name, upload.getvalue())
            if st.session_state.get("data_source") == "upload":
                st.rerun()  # the map above was drawn with the previous list
        if st.session_state.get("upload_error"):  # the message quotes the file: no markup
            st.error(markdown_escape(st.session_state.upload_error))
        if "user_match" in st.session_state:
            match_report(st.session_state.user_match, upload.name)
        if "user_data" in st.session_state:
            st.radio(
                _("Data on the map"),
                ["built-in", "upload"],
                key="data_source",
                format_func={"built-in": _("Built-in rollout (ICE)"), "upload": _("Your list")}.get,
            )


def match_report(matched, name: str) -> None:
    st.markdown(match_summary(matched))
    for note in matched.notes:
        st.info(markdown_escape(note))
    if len(matched.unmatched):
        st.dataframe(matched.unmatched, hide_index=True, height=180)
        st.download_button(
            _("Download the rows to fix (CSV)"),
            spreadsheet_safe(matched.unmatched).to_csv(index=False),
            file_name=f"unmatched-{name.rsplit('.', 1)[0][:40]}.csv",
            mime="text/csv",
            on_click="ignore",
        )


def shown_data(data: Dataset) -> Dataset:
    """The user's list when they chose it, else the built-in data (never modified)."""
    if st.session_state.get("data_source") == "upload" and "user_data" in st.session_state:
        return st.session_state.user_data
    return data


def county_table(data: Dataset, selection: urlstate.Selection) -> None:
    counties = data.counties[data.counties["state"] == selection.state]
    active = activated_on(counties, selection.as_of)
    dated = pd.to_datetime(counties["activation_date"]).dt.date
    population = _("Population (2010)")
    st.dataframe(
        pd.DataFrame(
            {
                _("County"): counties["name"],
                _("Activated on"): dated if data.dated else activation_dates(dated),
                population: counties["population_2010"],
                _("Status on {date}").format(date=f"{selection.as_of:%Y-%m-%d}"): active.map(
                    {True: _("Activated"), False: _("Not yet")}
                ),
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={population: st.column_config.NumberColumn(format="localized")},
    )


def site_panel(data: Dataset, selection: urlstate.Selection) -> None:
    """The chosen site's story: its dates, its ring's numbers, the ring filling, its events."""
    site = SiteRing.of(data.counties, data.adjacency, data.sites, selection.site, selection.ring)
    summary = summarize_ring(data.counties, site.site_id, site.around, selection.as_of)
    heading = (
        _("{site} and its ring")
        if selection.ring == 1
        else _("{site} and its first and second rings")
    )
    st.markdown("#### " + heading.format(site=markdown_escape(site.name)))
    metrics = site_metrics(summary, len(site.members))
    for column, (label, value) in zip(st.columns(len(metrics)), metrics, strict=True):
        column.metric(label, value)
    st.caption(ring_caption(summary, len(site.members)))
    note = site_note(data.sites, site.site_id)
    if note:
        st.info(plain(note))
    events = site_events(data.events, site.site_id)
    disagreement = dates_in_print(events, summary.site_activation)
    if disagreement:
        st.warning(disagreement)
    if data.dated:
        st.altair_chart(
            ring_fill_chart(
                ring_fill(data.counties, site.around),
                summary.site_activation,
                selection.as_of,
                events,
                data.span,
            ),
            width="stretch",
        )
    else:
        st.caption(_("Your list has no dates, so there is no timeline of the ring to draw."))
    st.markdown("\n".join(f"- {event_line(event)}" for event in events.itertuples()))
    row = site_timelines(data).of_site(site.site_id)
    if data.dated and len(row.sites):
        ring_timeline(data, row, site.site_id)


def event_line(event) -> str:
    """One event of a site's story, in Markdown: its date, what happened and its source."""
    line = (
        _("**{date}** (national): {description} ({source})")
        if event.national
        else _("**{date}**: {description} ({source})")
    )
    return line.format(
        date=event.event_date,
        description=markdown_escape(event.description),
        source=markdown_link(event.source_outlet, event.source_url),
    )


def sites_section(data: Dataset, selection: urlstate.Selection, model: RingModel) -> None:
    """All sites side by side, and what the ring model (fitted to the built-in data) found."""
    table = compared(data, selection.ring)
    # A toggle, not an expander: the table's code loads only when someone asks for it.
    if st.toggle(_("Compare all resistant sites"), key="compare_sites"):
        shown = comparison(table)
        # the columns of the ring's shares before the site, in the reader's language
        shares = [
            shown.columns[list(COMPARISON_COLUMNS).index(name)]
            for name in ("share_before_site", "noncitizens_before_site")
        ]
        st.dataframe(
            shown,
            hide_index=True,
            width="stretch",
            column_config={
                share: st.column_config.NumberColumn(format="percent")
                for share in shares
                if pd.api.types.is_numeric_dtype(shown[share])
            },
        )
        st.download_button(
            _("Download this table (CSV)"),
            spreadsheet_safe(table).to_csv(index=False),
            file_name="secure-communities-rings.csv",
            mime="text/csv",
        )
    with st.expander(_("Is the ring pattern real?"), key="ring_real", on_change="rerun") as box:
        if box.open:  # drawn only when open, as About is
            ring_evidence(data, model)


def ring_evidence(data: Dataset, model: RingModel) -> None:
    """Every site's ring on a time line, then the ring model's result, method and
    evidence."""
    if data.dated:
        ring_timeline(data, site_timelines(data), None)
    else:
        st.caption(_("Your list has no dates, so there is no timeline of the rings to draw."))
    if data.label:
        st.caption(_("The model's numbers are those of the built-in rollout, not your list's."))
    model_words(model, data.sites, data.starts)
    if data.label and data.dated:
        list_model(data)


def model_words(model: RingModel, sites: pd.DataFrame, starts: pd.DataFrame, key: str = "") -> None:
    """A ring model's result, method, evidence tables and placebos (`key` tells a second
    model's tables apart)."""
    st.markdown(ringwords.result(model))
    st.markdown(ringwords.method(model, sites, starts))
    left, right = st.columns(2)
    left.markdown(_("**Other window starts**"))
    left.dataframe(ringwords.alternatives(model), hide_index=True, key=f"{key}alternatives")
    right.markdown(_("**Half-year by half-year**"))
    right.dataframe(ringwords.event_study(model), hide_index=True, key=f"{key}event_study")
    st.markdown(ringwords.placebos(model))


@st.fragment
def list_model(data: Dataset) -> None:
    """The ring model fitted to the reader's dated list: on request, in the export worker
    (the page imports no statistics), followed refit by refit; then its result, method and
    evidence like the built-in model's, and its JSON file."""
    st.markdown(_("#### Your list's model"))
    site_ids = dated_sites(data.counties, data.adjacency, data.sites["site_id"])
    if not site_ids:
        st.caption(
            _(
                "The model can be fitted to a list that dates counties in {states} states or "
                "more, and every county of a site with some of its ring; yours does not."
            ).format(states=MODEL_STATES)
        )
        return
    selection = urlstate.Selection(lang=current())
    made = made_on_click(
        st,
        "ring_model",
        export_job("ring_model", Source.of(data, DATA_DIR), selection, ""),
        _("Fit the model to your list"),
        N_("{label}: {done} of {total} refits (bootstrap and placebos)"),
    )
    if made is None:
        return
    model = RingModel.of(json.loads(made))
    st.markdown(ringwords.fitted_to_list(model, data.sites))
    kept = data.sites[data.sites["site_id"].isin(site_ids)]
    model_words(model, kept, data.starts[data.starts["site_id"].isin(site_ids)], "list_")
    download_link(st, "ring_model", data, selection)


@st.cache_resource(max_entries=64, show_spinner=False)
def timeline_spec(_timeline: Timeline, _span, data_key: str, site_id: str | None, lang: str):
    """The time line chart of every site (or of `site_id`) as Vega-Lite, made once per
    data, site and language and shared: Altair takes 0.2 s to write it."""
    return arrow_datasets(ring_timeline_chart(_timeline, _span).to_dict())


def ring_timeline(data: Dataset, timeline: Timeline, site_id: str | None) -> None:
    """The rings' time line (every site's, or one site's row), its key in words and its
    picture as PNG and SVG."""
    span = data.span
    spec = timeline_spec(timeline, span, data.key, site_id, current())
    st.vega_lite_chart(spec, width="stretch")
    weak = ", ".join(
        markdown_escape(name) for name in timeline.sites.loc[timeline.sites["weak"], "name"]
    )
    st.caption(
        _(
            "Each dot is a ring county at its activation date. The tick marks the site's "
            "first recorded act of resistance, the diamond the site's activation, and the "
            "shaded band the time the site resisted before it was switched on. A county next "
            "to two sites is a dot on both rows; the model counts it once, with the site that "
            "began to resist first."
        )
        + (" " + _("Weak resistance dates: {sites}.").format(sites=weak) if weak else "")
    )
    for column, kind in zip(st.columns(6)[:2], TIMELINES, strict=False):
        download_link(column, kind, data, urlstate.Selection(site=site_id, lang=current()))


NONCITIZEN_CAVEATS = N_(
    "Noncitizens are American Community Survey estimates for 2006-2010, with margins of error "
    "(given for each county in the CSV) that are wide for small counties; the same estimates "
    "serve every date of the rollout. Noncitizens include lawful permanent residents and people "
    "with visas, not only the undocumented."
)
MEASURE_LABELS = {
    "population": N_("population"),
    "counties": N_("counties"),
    "noncitizens": N_("noncitizens"),
}
NO_YEARS = {  # why a list without dates is not coloured by year, and what it is coloured by
    "status": N_(
        "Your list has no dates, so counties cannot be coloured by the year they were "
        "activated: the map shows the counties your list names."
    ),
    "value": N_(
        "Your list has no dates, so counties cannot be coloured by the year they were "
        "activated: the map shows your list's values."
    ),
}
COLOUR_LABELS = {
    "status": N_("Status on the date"),
    "wave": N_("Year activated"),
    "noncitizen_share": N_("Noncitizens' share of the population"),
    "value": N_("Value in your list"),
}
ICE_COLUMNS = {  # the headings of beside_this_data's columns; _() where shown
    "date": N_("Date"),
    "said": N_("What was said"),
    "counties": N_("This data: counties"),
    "states_said": N_("States said"),
    "states": N_("This data: states"),
    "difference": N_("Difference"),
    "context": N_("Who, and when"),
    "why": N_("Why they differ"),
    "source_outlet": N_("Where"),
    "source_url": N_("Source"),
}


def about(built_in: Dataset) -> None:
    with st.expander(_("About the data"), key="about", on_change="rerun") as box:
        if not box.open:
            return
        st.markdown(  # a message a paragraph
            "\n\n".join(
                (
                    _(
                        "**What the map shows.** Secure Communities sent the fingerprints of "
                        "everyone booked into a local jail to immigration authorities. ICE "
                        "switched it on jurisdiction by jurisdiction, from Harris County TX on "
                        "27 Oct 2008 to the last counties on 22 Jan 2013. Each county is "
                        "coloured by its activation date in the data below."
                    ),
                    _(
                        '**What counts as a jurisdiction here.** ICE counted "jurisdictions"; '
                        "this map counts the 3,143 counties and county equivalents of the 50 "
                        "states and DC (Census 2010 geography). Puerto Rico and the territories "
                        "are not covered. The chart and table below set this data beside the "
                        "counts ICE and others published at the time."
                    ),
                    _(
                        "**Sources.** Activation dates: replication data of Vargas Núñez et al., "
                        "*Reconsideration of Secure Communities Rollout Reveals Preemptive "
                        "Local-Federal Cooperation in Immigration Enforcement* (PNAS), from "
                        "Alsan & Yang (2018) as updated by Asad & Baer-Bositis (2025), built on "
                        "ICE's list of activated jurisdictions. Population: U.S. Census Bureau, "
                        "2010 Census. Shapes: Census 2010 county cartographic boundaries."
                    ),
                    _("**Noncitizens.** {caveats}").format(caveats=_(NONCITIZEN_CAVEATS)),
                    _(
                        "**Caveats.** Population shares use 2010 counts for every date. A few "
                        "county codes changed between the sources' vintages; the crosswalk and "
                        "every reconciled code are listed in the project's data/README.md and "
                        "data/processed/reconciliation.csv."
                    ),
                )
            )
        )
        ice_counts(built_in)


try:
    data = dataset(DATA_DIR)
except DataError as error:
    st.error(_("The dashboard cannot start. {error}").format(error=markdown_escape(str(error))))
    st.stop()

state_names = dict(zip(data.states["state"], data.states["name"], strict=True))
site_names = dict(zip(data.sites["site_id"], data.sites["name"], strict=True))
read_link(state_names, site_names)
keep_selection()
advance_playback()
report = st.session_state.report
st.html(f"<style>{REPORT_CSS if report else PAGE_CSS}</style>")
built_in, data = data, shown_data(data)
span = data.span
st.session_state.as_of = min(max(st.session_state.as_of, span[0]), span[1])  # data may change
colours = offered_colours(data)
if st.session_state.colour not in colours:
    st.session_state.wave_refused = st.session_state.colour == "wave"
    st.session_state.colour = colouring(
        st.session_state.colour, values="value" in data.counties, dated=data.dated
    )
shown = the_view(data)
selection, _text, description = shown
view = urlstate.to_params(selection)
map_and_numbers(data, built_in, span, report, shown)
if not report:
    with st.sidebar:
        controls(state_names, site_names, span, colours)
        upload_section(built_in)
    if not (selection.state or selection.site) and data.dated:
        covered_first(data, selection)
    animations_row = take_away(data, selection, description)
    if selection.site:
        site_panel(data, selection)
    if selection.state:
        county_table(data, selection)
    sites_section(data, selection, built_in.ring_model)
    about(built_in)

log(
    "run",
    time.perf_counter() - RUN_STARTED,
    cpu=time.thread_time() - RUN_CPU,
    view=view,
    kind=run_kind(st.session_state, view),
)
if not report:
    with animations_row:
        animations(data, selection, share_link(selection))
