"""The web pages: server-rendered HTML (Jinja2, autoescaped), a little vanilla JavaScript, and charts
drawn by ECharts (vendored in static/, so that nothing is loaded from elsewhere) from JSON data blocks
of the page, each with an HTML table or list of the same numbers beside it; all served by the app itself. Every page links its JSON twin under /api/, and
answers the same path with ?format=json with that twin's data."""
from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from importlib import resources
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from . import export, query
from .api import (MAX_PAGE, SECURITY_HEADERS, DateBound, FilterDep, FollowUpStatus, Id, Offset, StatementFilterDep, StoreDep,
                  Words, day_bound, engagement_list, found, get_document, statement_list)
from .extract.text import paragraph_spans
from .types import TEXT
from .query import EventFilter
from .store import SEARCH_CANDIDATES

router = APIRouter(include_in_schema=False)
templates = Environment(loader=PackageLoader("readouts", "templates"), autoescape=select_autoescape(["html"]))


# every file the pages load; ECharts (Apache-2.0, echarts.LICENSE.txt) is vendored from its npm package
STATIC_TYPES = {"app.css": "text/css", "app.js": "text/javascript", "charts.js": "text/javascript",
                "echarts.min.js": "text/javascript", "echarts.LICENSE.txt": "text/plain"}
Format = Literal["html", "json"]


def page(name: str, twin: str, **context) -> HTMLResponse:
    return HTMLResponse(templates.get_template(name).render(twin=twin, **context))


@router.get("/static/{name}")
def static_file(name: str) -> Response:
    if name not in STATIC_TYPES:
        raise HTTPException(status_code=404, detail=f"no static file {name}")
    body = resources.files("readouts").joinpath("static", name).read_text("utf-8")
    return Response(body, media_type=STATIC_TYPES[name], headers={"Cache-Control": "max-age=3600"})


def query_string(params: dict) -> str:
    """A page's query string from its parameters: a list is repeated (?actor=A&actor=B), an empty value left out."""
    return urlencode([(k, v) for k, values in params.items() for v in (values if isinstance(values, (list, tuple))
                                                                        else [values]) if v not in (None, "")])


def filter_params(f: EventFilter) -> dict:
    """The query parameters of a filter, as the API and the pages take them (api.event_filter)."""
    return {"actor": list(f.actors), "country": list(f.countries), "any": "true" if not f.all else None,
            "role": list(f.roles), "format_of": f.format, "publisher": f.publisher, "topic": f.topic,
            "type": f.type, "since": f.since, "until": f.until, "q": f.text,
            "sort": f.sort if f.sort != "newest" else None}


TIMELINE_FACETS = ["country", "type", "topic", "year", "format", "publisher"]


def facet_links(params: dict, counts: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Each facet value with the timeline's link narrowed to it: a country is added to those already
    asked for (a pair of countries), any other facet replaces its filter; a year is since/until."""
    out = {}
    for name, values in counts.items():
        if values is None:  # not counted in time (query.FACET_SECONDS)
            out[name] = None
            continue
        links = []
        for v in values:
            narrowed = {**params, "offset": None}
            if name == "country":
                if v["value"] in params["country"]:
                    continue
                narrowed["country"] = [*params["country"], v["value"]]
            elif name == "year":
                narrowed.update(since=v["value"], until=v["value"])
            else:
                narrowed[{"format": "format_of"}.get(name, name)] = v["value"]
            links.append({**v, "href": "/?" + query_string(narrowed)})
        out[name] = links
    return out


@router.get("/favicon.ico")
def favicon() -> Response:
    """No icon, said without an error (browsers ask for it on every site, even for a JSON page)."""
    return Response(status_code=204)


@router.get("/")
def timeline(store: StoreDep, f: FilterDep, limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
             offset: Offset = 0, format: Format = "html") -> Response:
    """The timeline: the engagements, newest first, each once however many pages report it, with its number
    of sources; the number of matches and facets (of the matching reports) that narrow it."""
    f = replace(f, limit=limit, offset=offset)
    answer = engagement_list(store, f, TIMELINE_FACETS)
    if format == "json":
        return JSONResponse(answer)
    params = filter_params(f)
    paging = {"limit": limit} if limit != 100 else {}
    total, engagements = answer["total"], answer["items"]
    return page("timeline.html", twin="/api/engagements?" + query_string({**params, "limit": limit, "offset": offset,
                                                                          "facets": ",".join(TIMELINE_FACETS)}),
                engagements=engagements, filters=params, total=total, offset=offset, facets=facet_links(params, answer["facets"]),
                downloads={t: f"/export/{t}.csv?" + query_string(params) for t in export.COLUMNS},
                topics=query.topic_ids(), types=query.type_ids(), formats=query.FORMATS,
                previous="/?" + query_string({**params, **paging, "offset": max(0, offset - limit)}) if offset else None,
                next="/?" + query_string({**params, **paging, "offset": offset + limit}) if offset + limit < total else None)


@router.get("/export/{table}.csv")
def export_table(table: str, store: StoreDep, f: FilterDep) -> Response:
    """One tidy table (export.COLUMNS) of the events the filters match, as CSV for a spreadsheet (UTF-8
    with a byte-order mark: Excel reads "Kvarnström"); `readouts export` writes them all at once."""
    if table not in export.COLUMNS:
        raise HTTPException(status_code=404, detail=f"no table {table}; tables: {', '.join(export.COLUMNS)}")
    out = io.StringIO()
    export.write_csv(out, export.tables(store, f)[table], list(export.COLUMNS[table]))
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{table}.csv"'})


def highlighted_paragraphs(text: str, marks: dict[tuple[int, int], list[str]]) -> list[list[tuple[str, list[str]]]]:
    """The page's paragraphs cut at the marked spans of the clean text (marks: (start, end) -> the
    facts read there): each paragraph a list of (text, facts) pieces that join back to it, facts
    empty where nothing was read. A span that overlaps one already cut is left unmarked."""
    out = []
    ordered = sorted(marks.items())
    for paragraph in paragraph_spans(text):
        pieces, at = [], paragraph.start
        for (start, end), facts in ordered:
            if start < at or end > paragraph.end:
                continue
            if start > at:
                pieces.append((text[at:start], []))
            pieces.append((text[start:end], facts))
            at = end
        if at < paragraph.end:
            pieces.append((text[at:paragraph.end], []))
        out.append(pieces)
    return out


@router.get("/events/{event_id}")
def event_page(event_id: Id, store: StoreDep, format: Format = "html") -> Response:
    event = found(store.get_event(event_id), f"event {event_id}")
    if format == "json":
        return JSONResponse(event)
    document = store.get_document(event["document_id"])
    marks: dict[tuple[int, int], list[str]] = {}  # spans of the clean text -> the facts read there
    for span in event["spans"]:
        if span["fact"] == "evidence" and span["part"] == TEXT:
            marks.setdefault((span["start"], span["end"]), []).append(
                f"{event['type']} on {event['date'] or 'an unknown date'}")
    for s in event["statements"]:
        if (span := s["evidence_span"]) and span["part"] == TEXT:
            marks.setdefault((span["start"], span["end"]), []).append(
                f"{s['action']} {', '.join(s['target'])} ({s['topic'] or '-'})")
    engagement = store.get_engagement(event["engagement_id"]) if event["engagement_id"] else None
    return page("event.html", twin=f"/api/events/{event_id}", event=event, document=document, engagement=engagement,
                paragraphs=highlighted_paragraphs(document["clean_text"] or "", marks))


@router.get("/engagements/{engagement_id}")
def engagement_page(engagement_id: Id, store: StoreDep, format: Format = "html") -> Response:
    """One engagement: the values most sources give (and the others), every source side by side."""
    engagement = found(store.get_engagement(engagement_id), f"engagement {engagement_id}")
    if format == "json":
        return JSONResponse(engagement)
    return page("engagement.html", twin=f"/api/engagements/{engagement_id}", engagement=engagement)


@router.get("/followups")
def followups_page(store: StoreDep, status: FollowUpStatus | None = None, as_of: DateBound = None,
                   format: Format = "html") -> Response:
    """The follow-ups: what was agreed or announced, when it was expected, and whether it was held."""
    items = store.list_followups(day_bound("as_of", as_of), status)
    if format == "json":
        return JSONResponse({"items": items})
    params = query_string({"status": status, "as_of": as_of})
    return page("followups.html", twin="/api/followups" + (f"?{params}" if params else ""), followups=items, status=status)


@router.get("/documents/{document_id}")
def document_page(document_id: Id, store: StoreDep, format: Format = "html") -> Response:
    document = get_document(document_id, store)
    if format == "json":
        return JSONResponse(document)
    return page("document.html", twin=f"/api/documents/{document_id}", document=document,
                paragraphs=[p for p in (document["clean_text"] or "").split("\n\n") if p.strip()])


NETWORK_SIZE = 40  # counterparts drawn, the most frequent first (all are listed beside the chart)
ACTOR_EVENTS = 50  # events per page of an actor


def chart_data(data: dict) -> Markup:
    """Data for a chart's script, as JSON that cannot end its <script type="application/json"> element."""
    return Markup(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
                  .replace("&", "\\u0026"))


@router.get("/actors/{actor_id}")
def actor_page(actor_id: Id, store: StoreDep, offset: Offset = 0, format: Format = "html") -> Response:
    """An actor: titles over time, counterparts (a network chart and a list), events newest first, paged."""
    actor = found(store.get_actor(actor_id), f"actor {actor_id}")
    if format == "json":
        return JSONResponse(actor)
    events = store.events_of_actor(actor_id, ACTOR_EVENTS, offset)
    network = {"name": actor["name"], "id": actor_id,
               "counterparts": [{"id": c["id"], "name": c["name"], "country": c["country"], "events": c["events"]}
                                for c in actor["counterparts"][:NETWORK_SIZE]]}
    link = lambda at: f"/actors/{actor_id}?offset={at}" if at else f"/actors/{actor_id}"
    return page("actor.html", twin=f"/api/actors/{actor_id}", actor=actor, events=events, offset=offset,
                network=chart_data(network),
                previous=link(max(0, offset - ACTOR_EVENTS)) if offset else None,
                next=link(offset + ACTOR_EVENTS) if offset + ACTOR_EVENTS < actor["events"] else None)


@router.get("/topics")
def topics_page(store: StoreDep, period: Literal["month", "quarter", "year"] = "quarter",
                format: Format = "html") -> Response:
    """Engagements per topic over time: a heat map over every period from the first to the last (empty
    ones too), each cell linked to the timeline of the events it counts, and a table of the totals."""
    trends = store.topic_trends(period)
    if format == "json":
        return JSONResponse(trends)
    totals: dict[str, dict[str, int]] = {t: {"events": 0, "pages": 0} for t in trends["topics"]}
    for item in trends["items"]:
        totals[item["topic"]]["events"] += item["events"]
        totals[item["topic"]]["pages"] += item["pages"]
    bounds = {p: query.period_bounds(p) for p in trends["periods"]}
    return page("topics.html", twin=f"/api/topics/trends?period={period}", period=period, totals=totals,
                chart=chart_data({**trends, "bounds": bounds}))


def marked_snippet(snippet: str | None) -> Markup:
    """A search snippet, escaped, with the words found (between [ and ], Store.search) marked."""
    text = str(escape(snippet or ""))
    return Markup(re.sub(r"\[([^\[\]]*)\]", r"<mark>\1</mark>", text))


SEARCH_PAGE = 20


@router.get("/search")
def search_page(store: StoreDep, q: Words = None, offset: Annotated[int, Query(ge=0, le=SEARCH_CANDIDATES)] = 0,
                format: Format = "html") -> Response:
    """Pages that contain the words, best first, each with a snippet and the engagements read from it,
    SEARCH_PAGE at a time (of the best SEARCH_CANDIDATES, see Store.search)."""
    q = (q or "").strip()
    hits = store.search(q, SEARCH_PAGE + 1, offset) if q else []  # one more: is there a next page?
    more, hits = len(hits) > SEARCH_PAGE, hits[:SEARCH_PAGE]
    if format == "json":
        return JSONResponse({"items": hits, "limit": SEARCH_PAGE, "offset": offset})
    for hit in hits:
        hit["marked"] = marked_snippet(hit["snippet"])
        hit["events"] = store.events_of_document(hit["id"])
    link = lambda at: "/search?" + query_string({"q": q, "offset": at or None})
    return page("search.html", twin="/api/search?" + urlencode({"q": q, "limit": SEARCH_PAGE, "offset": offset}),
                q=q, hits=hits, offset=offset, events_link="/?" + urlencode({"q": q}) if q else None,
                previous=link(max(0, offset - SEARCH_PAGE)) if offset else None,
                next=link(offset + SEARCH_PAGE) if more else None)


@router.get("/statements")
def statements_page(store: StoreDep, f: StatementFilterDep, limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
                    offset: Offset = 0, format: Format = "html") -> Response:
    """Who said what to whom: statements with the side that made them, the action, the side they aim at,
    the topic and the sentence, newest page first, with counts by source, action and topic."""
    f = replace(f, limit=limit, offset=offset)
    answer = statement_list(store, f)
    if format == "json":
        return JSONResponse(answer)
    params = {"source": f.source, "target": f.target, "action": f.action, "topic": f.topic, "since": f.since,
              "until": f.until}
    facets = {name: None if values is None else
              [{**v, "href": "/statements?" + query_string({**params, name: v["value"]})} for v in values]
              for name, values in answer["facets"].items()}
    total = answer["total"]
    return page("statements.html", twin="/api/statements?" + query_string({**params, "limit": limit, "offset": offset}),
                statements=answer["items"], total=total, offset=offset, filters=params, facets=facets,
                previous="/statements?" + query_string({**params, "offset": max(0, offset - limit)}) if offset else None,
                next="/statements?" + query_string({**params, "offset": offset + limit}) if offset + limit < total else None)


def error_page(request: Request, status: int, message: str) -> HTMLResponse | None:
    """The HTML answer to an error of a page (not of /api/ nor of ?format=json): the message and the
    timeline's filter form, filled with what was asked, to correct it. None for an API request."""
    if request.url.path.startswith("/api/") or request.query_params.get("format") == "json":
        return None
    asked = {key: request.query_params.getlist(key) for key in ("actor", "country", "role")}
    asked.update({key: request.query_params.get(key) for key in ("any", "format_of", "publisher", "topic", "type",
                                                                 "since", "until", "q", "sort")})
    body = templates.get_template("error.html").render(
        twin=None, status=status, message=message, filters=asked, topics=query.topic_ids(), types=query.type_ids(),
        formats=query.FORMATS)
    return HTMLResponse(body, status_code=status, headers=SECURITY_HEADERS)  # a 500 passes no middleware
