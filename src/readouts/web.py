"""The web pages: server-rendered HTML (Jinja2, autoescaped) with charts as inline SVG, all served
by the app itself. Every page links its JSON twin under /api/."""
from __future__ import annotations

import math
import re
from importlib import resources
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from .api import DATE, MAX_PAGE, StoreDep, found
from .extract.text import split_sentences
from .store import EventFilter

router = APIRouter(include_in_schema=False)
templates = Environment(loader=PackageLoader("readouts", "templates"), autoescape=select_autoescape(["html"]))


def page(name: str, **context) -> HTMLResponse:
    return HTMLResponse(templates.get_template(name).render(**context))


@router.get("/static/app.css")
def stylesheet() -> Response:
    css = resources.files("readouts").joinpath("static/app.css").read_text("utf-8")
    return Response(css, media_type="text/css")


@router.get("/")
def timeline(store: StoreDep, actor: str = "", country: str = "", topic: str = "", type: str = "",
             since: str = "", until: str = "", q: Annotated[str, Query(max_length=200)] = "",
             limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100) -> HTMLResponse:
    """The timeline; the filter form sends every field, so an empty one means no filter."""
    filters = {k: v.strip() for k, v in dict(actor=actor, country=country, topic=topic, type=type, since=since,
                                             until=until, q=q).items() if v.strip()}
    for key in ("since", "until"):
        if key in filters and not re.fullmatch(DATE, filters[key]):
            raise HTTPException(status_code=422, detail=f"{key}: {filters[key]!r} is not a date like 2024-07")
    events = store.list_events(EventFilter(filters.get("actor"), filters.get("country"), filters.get("topic"),
                                           filters.get("type"), filters.get("since"), filters.get("until"),
                                           filters.get("q"), limit))
    return page("timeline.html", events=events, filters=filters, twin="/api/events?" + urlencode(filters))


def highlighted_paragraphs(text: str, marks: dict[str, list[str]]) -> list[list[tuple[str, list[str]]]]:
    """The page's paragraphs as sentences, each with the facts read from it (none: not evidence)."""
    return [[(sentence, marks.get(sentence, [])) for sentence in split_sentences(paragraph)]
            for paragraph in text.split("\n\n") if paragraph.strip()]


@router.get("/events/{event_id}")
def event_page(event_id: int, store: StoreDep) -> HTMLResponse:
    event = found(store.get_event(event_id), f"event {event_id}")
    document = store.get_document(event["document_id"])
    marks: dict[str, list[str]] = {}
    for sentence in event["evidence"]:
        marks.setdefault(sentence, []).append(f"{event['type']} on {event['date'] or 'an unknown date'}")
    for s in event["statements"]:
        marks.setdefault(s["evidence"], []).append(f"{s['action']} {', '.join(s['target'])} ({s['topic'] or '-'})")
    return page("event.html", event=event, document=document,
                paragraphs=highlighted_paragraphs(document["clean_text"] or "", marks),
                twin=f"/api/events/{event_id}")


def network_svg(name: str, counterparts: list[dict], size: int = 360) -> Markup:
    """The actor in the middle, counterparts on a circle, line width by meetings together."""
    centre, radius = size / 2, size / 2 - 70
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size}" height="{size}" '
             f'role="img" aria-label="counterparts of {escape(name)}">']
    for n, other in enumerate(counterparts):
        angle = 2 * math.pi * n / max(1, len(counterparts))
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        parts.append(f'<line x1="{centre}" y1="{centre}" x2="{x:.1f}" y2="{y:.1f}" stroke="#7a8ca3" '
                     f'stroke-width="{1 + other["events"]}"/>')
        parts.append(f'<a href="/actors/{other["id"]}"><circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="#2f6f9f"/>'
                     f'<text x="{x:.1f}" y="{y + 20:.1f}" text-anchor="middle" font-size="11">'
                     f'{escape(other["name"])} ×{other["events"]}</text></a>')
    parts.append(f'<circle cx="{centre}" cy="{centre}" r="10" fill="#b5412c"/><text x="{centre}" y="{centre - 16}" '
                 f'text-anchor="middle" font-size="12" font-weight="bold">{escape(name)}</text></svg>')
    return Markup("".join(parts))


@router.get("/actors/{actor_id}")
def actor_page(actor_id: int, store: StoreDep) -> HTMLResponse:
    actor = found(store.get_actor(actor_id), f"actor {actor_id}")
    events = store.list_events(EventFilter(actor=actor["name"]))
    return page("actor.html", actor=actor, events=events, network=network_svg(actor["name"], actor["counterparts"]),
                twin=f"/api/actors/{actor_id}")


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
def topics_page(store: StoreDep, period: str = "quarter") -> HTMLResponse:
    period = period if period in ("month", "quarter") else "quarter"
    trends = store.topic_trends(period)
    return page("topics.html", chart=trends_svg(trends), period=period, twin=f"/api/topics/trends?period={period}")
