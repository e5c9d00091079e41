"""`newsevents actors lookup` and `--actors`, end to end through the CLI."""

import json
from pathlib import Path

from tests.cli.test_cli_analyze import cli


def test_cli_actors_lookup_shows_the_code_on_the_date() -> None:
    early = cli("actors", "lookup", "Angela Merkel", "--date", "2012-06-01")
    late = cli("actors", "lookup", "Angela Merkel", "--date", "2023-06-01")
    assert early.returncode == 0 and late.returncode == 0, early.stderr
    assert "DEUGOV" in early.stdout and "person Angela Merkel" in early.stdout
    assert "DEUELI" in late.stdout


def test_cli_actors_lookup_in_a_sentence_explains_why() -> None:
    r = cli("actors", "lookup", "Lindiwe Mokoena", "--date", "2023-06-01", "--sentence",
            "Lindiwe Mokoena, South Africa's health minister, visited Durban.")
    assert r.returncode == 0, r.stderr
    assert "ZAFGOV" in r.stdout and "appositive" in r.stdout


def test_cli_actors_lookup_bad_date_is_a_usage_error() -> None:
    r = cli("actors", "lookup", "Kenya", "--date", "2023-02-30")
    assert r.returncode == 2 and "YYYY-MM-DD" in r.stderr and "Traceback" not in r.stderr


def test_cli_actors_directory_adds_people(tmp_path: Path) -> None:
    (tmp_path / "people").mkdir()
    (tmp_path / "people" / "ours.tsv").write_text(
        "# invented people for a test\nname\taliases\tcountry\tsector\trole\tstart\tend\tnote\n"
        "Ilse Vantongeren\tVantongeren\tBEL\tGOV\tminister\t2020-01-01\t\t\n",
        encoding="utf-8")
    r = cli("actors", "lookup", "Vantongeren", "--date", "2022-01-01", "--actors",
            str(tmp_path))
    assert r.returncode == 0 and "BELGOV" in r.stdout, r.stdout + r.stderr
    text = tmp_path / "a.txt"
    text.write_text("date 2022-03-01\n\nVantongeren criticised the Dutch government.\n",
                    encoding="utf-8")
    out = cli("extract", str(text), "--actors", str(tmp_path), "--no-progress", "--no-summary")
    events = [json.loads(line) for line in out.stdout.splitlines()]
    assert events and events[0]["source"]["code"] == "BELGOV", out.stdout + out.stderr


def test_cli_actors_option_must_name_a_directory(tmp_path: Path) -> None:
    f = tmp_path / "x.tsv"
    f.write_text("x", encoding="utf-8")
    r = cli("actors", "lookup", "Kenya", "--actors", str(f))
    assert r.returncode == 2 and "not a directory" in r.stderr


def test_cli_evaluate_actor_gold(tmp_path: Path) -> None:
    gold = tmp_path / "actors.jsonl"
    gold.write_text(json.dumps({
        "id": "a1", "text": "Kenyan police detained two journalists in Nairobi.",
        "date": "2023-05-04",
        "mentions": [{"text": "Kenyan police", "country": "KEN", "sector": "COP"},
                     {"text": "two journalists", "country": "KEN", "sector": "MIL"}]}) + "\n",
        encoding="utf-8")
    r = cli("evaluate", str(gold), "--errors", "5")
    assert r.returncode == 0, r.stderr
    assert "2 gold actor mentions" in r.stdout and "two journalists" in r.stdout
