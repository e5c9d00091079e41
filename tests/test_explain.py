from newsevents.explain import explain


def test_explain_shows_parse_patterns_actors_and_events(coder) -> None:  # noqa: ANN001
    ex = explain(coder, "Moldovan police detained two reporters on Friday.", "2024-05-06")
    words = [r["text"] for r in ex.tokens[0]]
    assert words[:3] == ["Moldovan", "police", "detained"]
    [trial] = [t for t in ex.trials if t.token == "detained"]
    assert trial.kind == "verb" and trial.matched is not None and trial.matched in trial.tried
    why = {m.text: m.why for m in ex.doc.actors}
    assert "country MDA" in why["Moldovan police"]
    [ev] = ex.events
    assert (ev.cameo, ev.status, ev.date) == ("173", "asserted", "2024-05-03")
    data = ex.as_json()
    assert data["events"][0]["cameo"] == "173" and data["patterns"][0]["matched"]
