"""The web pages: server-rendered HTML (Jinja2, autoescaped) with charts as inline SVG and a little
vanilla JavaScript, all served by the app itself. Every page links its JSON twin under /api/, and
answers the same path with ?format=json with that twin's data."""
from __future__ import annotations

import math
from dataclasses import replace
from importlib import resources
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from . import query
from .api import MAX_PAGE, FilterDep, Id, Offset, StoreDep, event_list, found, get_document
from .extract.text import paragraph_spans
from .types import TEXT
from .query import EventFilter

router = APIRouter(include_in_schema=False)
templates = Environment(loader=PackageLoader("readouts", "templates"), autoescape=select_autoescape(["html"]))


STATIC_TYPES = {"app.css": "text/css", "app.js": "text/javascript"}  # every file the pages load
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


@router.get("/")
def timeline(store: StoreDep, f: FilterDep, limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
             offset: Offset = 0, format: Format = "html") -> Response:
    """The timeline, newest first, with the number of matches and facets that narrow it."""
    f = replace(f, limit=limit, offset=offset)
    if format == "json":
        return JSONResponse(event_list(store, f, TIMELINE_FACETS))
    answer = event_list(store, f, TIMELINE_FACETS)
    params = filter_params(f)
    paging = {"limit": limit} if limit != 100 else {}
    total, events = answer["total"], answer["items"]
    return page("timeline.html", twin="/api/events?" + query_string({**params, "limit": limit, "offset": offset,
                                                                     "facets": ",".join(TIMELINE_FACETS)}),
                events=events, filters=params, total=total, offset=offset, facets=facet_links(params, answer["facets"]),
                topics=query.topic_ids(), types=query.type_ids(), formats=query.FORMATS,
                previous="/?" + query_string({**params, **paging, "offset": max(0, offset - limit)}) if offset else None,
                next="/?" + query_string({**params, **paging, "offset": offset + limit}) if offset + limit < total else None)


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
    return page("event.html", twin=f"/api/events/{event_id}", event=event, document=document,
                paragraphs=highlighted_paragraphs(document["clean_text"] or "", marks))


@router.get("/documents/{document_id}")
def document_page(document_id: Id, store: StoreDep, format: Format = "html") -> Response:
    document = get_document(document_id, store)
    if format == "json":
        return JSONResponse(document)
    return page("document.html", twin=f"/api/documents/{document_id}", document=document,
                paragraphs=[p for p in (document["clean_text"] or "").split("\n\n") if p.strip()])


NETWORK_SIZE = 24  # counterparts drawn, the most frequent first; more would not be legible


def network_svg(name: str, counterparts: list[dict], size: int = 360) -> Markup:
    """The actor in the middle, counterparts on a circle, line width by meetings together."""
    counterparts = counterparts[:NETWORK_SIZE]
    most = max((other["events"] for other in counterparts), default=1)
    centre, radius = size / 2, size / 2 - 70
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size}" height="{size}" '
             f'role="img" aria-label="counterparts of {escape(name)}">']
    for n, other in enumerate(counterparts):
        angle = 2 * math.pi * n / max(1, len(counterparts))
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        parts.append(f'<line x1="{centre}" y1="{centre}" x2="{x:.1f}" y2="{y:.1f}" stroke="#7a8ca3" '
                     f'stroke-width="{1 + 5 * other["events"] / most:.1f}"/>')
        parts.append(f'<a href="/actors/{other["id"]}"><circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="#2f6f9f"/>'
                     f'<text x="{x:.1f}" y="{y + 20:.1f}" text-anchor="middle" font-size="11">'
                     f'{escape(other["name"])} ×{other["events"]}</text></a>')
    parts.append(f'<circle cx="{centre}" cy="{centre}" r="10" fill="#b5412c"/><text x="{centre}" y="{centre - 16}" '
                 f'text-anchor="middle" font-size="12" font-weight="bold">{escape(name)}</text></svg>')
    return Markup("".join(parts))


@router.get("/actors/{actor_id}")
def actor_page(actor_id: Id, store: StoreDep, format: Format = "html") -> Response:
    actor = found(store.get_actor(actor_id), f"actor {actor_id}")
    if format == "json":
        return JSONResponse(actor)
    return page("actor.html", twin=f"/api/actors/{actor_id}", actor=actor,
                events=store.events_of_actor(actor_id, MAX_PAGE),
                network=network_svg(actor["name"], actor["counterparts"]))


def trends_svg(trends: list[dict], width: int = 720, row: int = 26) -> Markup:
    """One row per topic, one bar per period, bar height by events."""
    periods = sorted({t["period"] for t in trends})
    topics = sorted({t["topic"] for t in trends})
    counts = {(t["topic"], t["period"]): t["events"] for t in trends}
    top = max(counts.values(), default=1)
    label, step = 170, (width - 170) / max(1, len(periods))
    height = row * len(topics) + 40
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" role="img" aria-label="engagements per topic over time">']
    for i, topic in enumerate(topics):
        y = 10 + i * row
        parts.append(f'<text x="{label - 6}" y="{y + row - 10}" text-anchor="end" font-size="11">{escape(topic)}</text>')
        for j, period in enumerate(periods):
            n = counts.get((topic, period), 0)
            if n:
                h = (row - 6) * n / top
                parts.append(f'<rect x="{label + j * step:.1f}" y="{y + row - 4 - h:.1f}" width="{max(2, step - 2):.1f}" '
                             f'height="{h:.1f}" fill="#2f6f9f"><title>{escape(topic)} {period}: {n}</title></rect>')
    for j, period in enumerate(periods):
        parts.append(f'<text x="{label + j * step + step / 2:.1f}" y="{height - 6}" text-anchor="middle" '
                     f'font-size="9">{escape(period)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


@router.get("/topics")
def topics_page(store: StoreDep, period: Literal["month", "quarter"] = "quarter", format: Format = "html") -> Response:
    trends = store.topic_trends(period)
    if format == "json":
        return JSONResponse({"period": period, "items": trends})
    return page("topics.html", twin=f"/api/topics/trends?period={period}", chart=trends_svg(trends), period=period)
