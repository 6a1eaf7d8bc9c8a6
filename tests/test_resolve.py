"""resolve: personal-name keys, surname-only mentions, and one actor per person in a real database."""
import hashlib

import pytest

from readouts.resolve import actor_key, surname_candidates
from readouts.store import Store
from readouts.types import CleanDocument, Event, Extraction, Participant, RawDocument


@pytest.mark.parametrize("a, b", [
    ("Noh Kyu-duk", "Kyuduk Noh"),
    ("HAYASHI Yoshimasa", "Yoshimasa Hayashi"),
    ("Amb. Kim Gunn", "Kim Gunn"),
    ("Ambassador Kim Gunn", "kim gunn"),
    ("H.E. Mr. Kim Gunn", "Gunn Kim"),
    ("the Honorable Antony Blinken", "Antony Blinken"),
    ("Dr. Jung Pak", "Jung Pak"),
    ("Antony J. Blinken", "Blinken Antony"),
    ("Kōno Tarō", "KONO Taro"),
])
def test_spellings_of_one_person_share_a_key(a, b):
    assert actor_key(a) == actor_key(b)


@pytest.mark.parametrize("a, b", [
    ("Kim Gunn", "Sung Kim"),
    ("Kim Jong Un", "Kim Yo Jong"),
    ("Amber Smith", "Smith"),  # "Amb" inside a given name is no honorific
])
def test_different_people_have_different_keys(a, b):
    assert actor_key(a) != actor_key(b)


def test_a_lone_initial_is_kept_when_it_is_most_of_the_name():
    assert actor_key("J. Kim") == "j kim"


KNOWN = [(1, "gunn kim", "KOR"), (2, "kim sung", "USA"), (3, "pompeo", "USA"), (4, "mike pompeo", "USA")]


def test_a_surname_stands_for_the_full_names_of_its_country():
    assert surname_candidates("kim", KNOWN, "KOR") == [1]
    assert surname_candidates("kim", KNOWN, None) == [1, 2]  # ambiguous: the store makes a new actor
    assert surname_candidates("pompeo", KNOWN, "USA") == [4]  # never another surname-only actor
    assert surname_candidates("kim", KNOWN, "JPN") == []


def test_a_full_name_is_never_a_surname_mention():
    assert surname_candidates("gunn kim", KNOWN, "KOR") == []


# --- in the database ------------------------------------------------------------------------

def save(store: Store, doc_id: str, date: str, *people: Participant) -> None:
    raw = RawDocument(doc_id=doc_id, source=f"{doc_id}.txt", text=doc_id, encoding="utf-8",
                      sha256=hashlib.sha256(doc_id.encode()).hexdigest())
    event = Event(type="meeting", date=date, participants=list(people))
    store.save(raw, CleanDocument(doc_id=doc_id, source=raw.source, text=doc_id),
               Extraction(doc_id=doc_id, is_relevant=True, events=[event]))


def person(name: str, country: str | None, title: str | None = None) -> Participant:
    return Participant(name, title, None, country)


@pytest.fixture
def store(tmp_path):
    with Store.open(str(tmp_path / "r.db")) as s:
        yield s


def names(store: Store) -> list[str]:
    return [a["name"] for a in store.list_actors()]


def test_surname_mentions_join_the_one_full_name_of_their_country(store):
    save(store, "a", "2020-01-01", person("Kim Gunn", "KOR"), person("Sung Kim", "USA"))
    save(store, "b", "2020-02-01", person("Kim", "KOR"), person("Pompeo", "USA"))
    assert names(store) == ["Kim Gunn", "Mike Pompeo", "Sung Kim"]  # the knowledge base's Pompeo
    (kim_gunn,) = store.list_actors("Kim Gunn")
    assert kim_gunn["events"] == 2


def test_an_ambiguous_surname_becomes_its_own_actor(store):
    save(store, "a", "2020-01-01", person("Kim Gunn", "KOR"), person("Kim Hong-kyun", "KOR"))
    save(store, "b", "2020-02-01", person("Kim", "KOR"))
    assert names(store) == ["Kim", "Kim Gunn", "Kim Hong-kyun"]


def test_role_history_spans_the_event_dates(store):
    save(store, "a", "2021-03-18", person("Chung Eui-yong", "KOR", "Foreign Minister"))
    save(store, "b", "2020-07-01", person("Chung Euiyong", "KOR", "National Security Adviser"))
    save(store, "c", "2021-11-05", person("CHUNG Eui-yong", "KOR", "Foreign Minister"))
    (chung,) = store.list_actors("Chung")
    assert [(r["title"], r["first_seen"], r["last_seen"]) for r in chung["roles"]] == [
        ("National Security Adviser", "2020-07-01", "2020-07-01"), ("Foreign Minister", "2021-03-18", "2021-11-05")]


def test_bodies_are_actors_of_kind_body_matched_by_name_only(store):
    save(store, "a", "2020-01-01", Participant("UN Security Council", None, None, "UN", "body"))
    save(store, "b", "2020-02-01", Participant("un security council", None, None, "UN", "body"))
    (council,) = store.list_actors("Security Council")
    assert council["kind"] == "body" and council["events"] == 2
