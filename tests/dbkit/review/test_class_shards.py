"""``review --class --shard I/N`` on several machines, then ``review --merge``: the one table."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from support.commands import run

from dbkit import cli

CORPUS = Path(__file__).parent / "run_corpus"
CHAINS = ("drop_add", "helper_rename", "not_null_no_backfill", "split_name", "core_backfill",
          "sql_in_variable", "temp_table_copy")


def make_class(folder: Path) -> Path:
    """Seven learners with the corpus's chains, and one whose clone has no migrations."""
    for number, chain in enumerate(CHAINS):
        shutil.copytree(CORPUS / chain, folder / f"learner{number}" / "migrations" / "versions")
    (folder / "nomigrations").mkdir()
    return folder


def review(*argv: str):
    return run("-m", "dbkit", "review", "--no-squawk", *argv)


def review_here(capsys, *argv: str) -> str:
    """``dbkit review --no-squawk ...`` in this process (quicker than a child): its stdout."""
    capsys.readouterr()
    code = cli.main(["review", "--no-squawk", *argv])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_three_shards_merged_are_the_table_of_one_run(tmp_path: Path, capsys) -> None:
    source = make_class(tmp_path / "class")
    shards = []
    for i in (1, 2, 3):
        shards.append(tmp_path / f"shard{i}.json")
        shards[-1].write_text(review_here(capsys, "--class", str(source), "--shard", f"{i}/3",
                                          "--format", "json"))
    names = [[x["name"] for x in json.loads(s.read_text())["learners"]] for s in shards]

    whole_csv = review_here(capsys, "--class", str(source), "--format", "csv", "--html",
                            str(tmp_path / "whole.html"))
    merged_csv = review_here(capsys, "--merge", *map(str, shards), "--format", "csv", "--html",
                             str(tmp_path / "merged.html"))
    merged_text = review_here(capsys, "--merge", *map(str, reversed(shards)))
    whole_text = review_here(capsys, "--class", str(source))

    assert sorted(n for part in names for n in part) == sorted(
        [f"learner{n}" for n in range(len(CHAINS))] + ["nomigrations"])
    assert [len(part) for part in names] == [3, 3, 2]  # every third learner, from the Ith
    assert merged_csv == whole_csv
    assert "rename-as-drop-add" in merged_csv.splitlines()[0]
    assert (tmp_path / "merged.html").read_text() == (tmp_path / "whole.html").read_text()
    assert merged_text == whole_text


def test_a_missing_shard_is_one_line_and_nothing_is_written(tmp_path: Path) -> None:
    source = make_class(tmp_path / "class")
    first = tmp_path / "shard1.json"
    first.write_text(review("--class", str(source), "--shard", "1/3", "--format", "json").stdout)

    result = review("--merge", str(first), "--html", str(tmp_path / "class.html"))

    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1] == "error: --merge: shard 2/3, 3/3 missing"
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert not (tmp_path / "class.html").exists()


def test_a_bad_shard_or_a_file_that_is_not_a_shard_is_refused(tmp_path: Path) -> None:
    source = make_class(tmp_path / "class")
    (tmp_path / "notes.json").write_text('["not a class"]')

    bad_shard = review("--class", str(source), "--shard", "4/3")
    not_json = review("--merge", str(tmp_path / "notes.json"))

    assert bad_shard.returncode != 0 and "Traceback" not in bad_shard.stderr
    assert "error: --shard takes I/N with 1 <= I <= N (for example 2/5), not '4/3'" \
        in bad_shard.stderr
    assert not_json.returncode != 0
    assert f"error: --merge: {tmp_path / 'notes.json'} is not the JSON of `review --class " \
           "--format json`" in not_json.stderr
