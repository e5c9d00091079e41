"""A command or option that is not documented fails the build (docs/cli.md)."""

from pathlib import Path

import typer.main

from newsevents.cli.main import app

ROOT = Path(__file__).resolve().parent.parent


def test_docs_every_command_and_option_is_documented() -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    missing = []
    todo = [(name, cmd) for name, cmd in group.commands.items()]  # type: ignore[attr-defined]
    while todo:
        name, cmd = todo.pop()
        if f"`newsevents {name}" not in doc:
            missing.append(name)
        # a command group ("actors") has commands of its own ("actors lookup")
        todo += [(f"{name} {sub}", c) for sub, c in getattr(cmd, "commands", {}).items()]
        for param in cmd.params:
            for opt in [*param.opts, *param.secondary_opts]:
                if opt.startswith("--") and opt not in doc:
                    missing.append(f"{name} {opt}")
    assert not missing, f"undocumented in docs/cli.md: {missing}"


def test_docs_readme_starts_with_the_two_commands_and_links_docs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme.split("\n\n", 3)[:3]
    assert "make demo" in "\n".join(head) and "make test" in "\n".join(head)
    for page in ("docs/cli.md", "docs/records.md", "docs/gold.md", "docs/pipeline.md"):
        assert page in readme and (ROOT / page).exists()


def test_docs_data_files_say_where_their_facts_come_from() -> None:
    data = ROOT / "src" / "newsevents" / "data"
    for path in [*data.glob("*.tsv"), *data.glob("*.yml"), *data.glob("actors/*.tsv"),
                 *data.glob("actors/people/*.tsv")]:
        head = path.read_text(encoding="utf-8")[:3000].lower()
        assert head.startswith("#"), path
        assert any(w in head for w in ("source", "from")), path
