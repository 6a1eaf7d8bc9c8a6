"""Every page of the gold corpora extracts to an object valid against the document schema."""
from jsonschema import Draft202012Validator

from readouts.pipeline import extract_file


def test_extraction_matches_schema(corpus_file, schema):
    validator = Draft202012Validator(schema)
    document = extract_file(corpus_file).to_dict()
    errors = [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
              for e in validator.iter_errors(document)]
    assert not errors, "\n".join(errors)
    assert document["doc_id"] == corpus_file.stem


def test_schema_itself_is_valid(schema):
    Draft202012Validator.check_schema(schema)
