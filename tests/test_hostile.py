"""Bad, hostile and huge input, and interrupted runs: clear errors, nothing lost, nothing executed."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.read.articles import make_article
from geo.read.formats import read_sources
from geo.cli import main
from geo.extract.dates import find_dates, resolve
from geo.errors import FrontlineError, InputError
from geo.records import Article

GOOD = "Houthi fighters seized the port of Hodeidah on Tuesday, about 140 kilometres west of Sanaa."


def _run(capsys, *argv):
    code = main([*argv, "--engine", "serial"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _events(out: str) -> list[dict]:
    return json.loads(out) if out.strip() else []


@pytest.mark.parametrize(
    "header, problem",
    [("02/30/2014 08:53 EDT | Updated 03/01/2014 10:00 EDT", "02/30/2014"), ("01/01/20140 08:53 EDT", "20140")],
)
def test_impossible_header_date_is_reported_and_the_article_still_read(capsys, tmp_path, header, problem):
    (tmp_path / "bad.txt").write_text(f"{header}\n{GOOD}\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text(f"2018-06-13\n{GOOD}\n", encoding="utf-8")
    code, out, err = _run(capsys, "events", str(tmp_path), "--format", "json")
    assert code == 1
    (line,) = err.strip().splitlines()
    assert "bad.txt" in line and "header" in line and problem in line
    events = _events(out)
    assert {e["article"] for e in events} == {"bad.txt", "good.txt"}, "both articles' events are reported"
    bad = [e for e in events if e["article"] == "bad.txt"]
    assert bad[0]["published"] is None or bad[0]["published_from"].startswith("inferred:"), "never a made-up date"


def test_impossible_manifest_date(capsys, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,published\na.txt,2014-13-01\n", encoding="utf-8")
    code, out, err = _run(capsys, "events", str(tmp_path), "--format", "json")
    assert code == 1 and "a.txt" in err and "2014-13-01" in err
    assert _events(out), "the article is still read"


def test_csv_without_text_column_and_a_good_neighbour(capsys, tmp_path):
    (tmp_path / "a.csv").write_text("id,notes\n1,hello\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "b", "text": GOOD, "published": "2018-06-13"}) + "\n",
                                      encoding="utf-8")
    code, out, err = _run(capsys, "events", str(tmp_path), "--format", "json")
    assert code == 1 and "a.csv" in err and "no text column" in err and "'notes'" in err
    assert [e["article"] for e in _events(out)] == ["b"]


@pytest.mark.parametrize(
    "text",
    [
        "Les combattants ont pris le contrôle de la ville mardi, selon des sources locales.",
        "سيطر المسلحون على المدينة يوم الجمعة بعد معارك عنيفة.",
        "The weather was mild and the harvest was good this year.",
    ],
    ids=["french", "arabic", "no-places"],
)
def test_article_in_another_language_or_without_places_is_fine(capsys, tmp_path, text):
    (tmp_path / "x.txt").write_text(text, encoding="utf-8")
    code, out, err = _run(capsys, "events", str(tmp_path), "--format", "json", "--published", "2020-01-01")
    assert code == 0 and err == "" and _events(out) == []


def test_hostile_ids_and_titles_never_name_a_file(capsys, tmp_path):
    corpus = tmp_path / "feed.jsonl"
    rows = [
        {"id": "../../escaped", "title": "../../../etc/passwd", "text": GOOD, "published": "2018-06-13"},
        {"id": "CON", "title": "a/b\\c:<script>alert(1)</script>", "text": GOOD, "published": "2018-06-14"},
        {"id": "/tmp/absolute", "title": "x", "text": GOOD, "published": "2018-06-15"},
    ]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    before = set(tmp_path.parent.iterdir())
    code, _, _ = _run(capsys, "run", str(corpus), "--out", str(out), "-q")
    assert code == 0
    assert set(tmp_path.parent.iterdir()) == before, "nothing written beside the output folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feed.jsonl", "out"]
    for path in out.rglob("*"):
        assert path.parent == out, path
        assert path.name in {".frontline", ".frontline-days", "index.html", "frontline.gpkg", "distances.md",
                             "frontline-store.gpkg", "frontline-store.gpkg.lock"} or \
            path.stem in {"control", "events", "distances", "places", "events_acled", "events_ucdp", "unlocated"} or \
            date.fromisoformat(path.name.split(".")[0]), path.name
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in index


def test_template_syntax_in_an_article_is_never_evaluated(tmp_path):
    """folium renders element output as Jinja templates; article text must not reach that step as code."""
    from geo.write.outputs import write_outputs
    from geo.pipeline import run

    text = ("Rebels seized Aleppo on Friday {{ 1234*1000 }} {% for x in 'abc' %}Z{{ x }}{% endfor %} "
            "{{ cycler.__init__.__globals__ }} {# note #}.")
    corpus = tmp_path / "feed.jsonl"
    corpus.write_text(json.dumps({"id": "t", "title": "{{ 4321*1000 }}", "text": text, "published": "2016-12-10"})
                      + "\n", encoding="utf-8")
    write_outputs(run([corpus], engine="serial"), tmp_path / "out")
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "out").glob("*.html")]
    assert pages
    for page in pages:
        assert "1234000" not in page and "4321000" not in page and "ZaZbZc" not in page
    assert any("__globals__" in page for page in pages), "the text is still there, as text"


def test_bad_gazetteer_file_is_one_line_naming_file_and_row(capsys, tmp_path, seeds_dir):
    bad = tmp_path / "extra.csv"
    bad.write_text("name,lat,lon\nNowhere,95,10\n", encoding="utf-8")
    code, _, err = _run(capsys, "places", str(seeds_dir), "--gazetteer", str(bad))
    assert code == 2
    (line,) = err.strip().splitlines()
    assert "extra.csv" in line and "95" in line


def test_five_megabyte_line_is_processed(tmp_path):
    line = " ".join([GOOD] * (5 * 1024 * 1024 // (len(GOOD) + 1)))
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"id": "long", "text": line, "published": "2018-06-13"}) + "\n", encoding="utf-8")
    code = (
        "import json, resource, sys\n"
        "from geo.pipeline import run\n"
        f"result = run([{str(path)!r}], engine='serial')\n"
        "(r,) = result.results\n"
        "print(json.dumps({'events': len(r.events), 'claims': len(r.checks),"
        " 'rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=600)
    figures = json.loads(done.stdout)
    assert figures["events"] >= 1 and figures["claims"] >= 1
    assert figures["rss_mb"] < 1500, figures


def test_fifty_megabyte_article_reads_into_bounded_sentences(tmp_path):
    paragraph = (GOOD + " ") * 40
    path = tmp_path / "huge.txt"
    with path.open("w", encoding="utf-8") as stream:
        for number in range(50 * 1024 * 1024 // len(paragraph)):
            stream.write(f"{number}: {paragraph}\n")
    (article,) = [a for a in read_sources([path]) if isinstance(a, Article)]
    assert len(article.text) > 50_000_000
    assert max(s.end - s.start for s in article.sentences) < 200


# -- interruption -----------------------------------------------------------------------------


def _corpus(path: Path, articles: int) -> None:
    with path.open("w", encoding="utf-8") as stream:
        for number in range(articles):
            day = date(2018, 1, 1).toordinal() + number % 90
            stream.write(json.dumps({"id": f"a{number}", "text": GOOD, "published": date.fromordinal(day).isoformat()}))
            stream.write("\n")


def _alive_in_group(group: int) -> list[str]:
    """The processes (not zombies) of process group ``group``, as ``pid command`` lines, from /proc."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, IndexError):
            continue  # gone meanwhile
        if fields[0] != "Z" and int(fields[2]) == group:
            alive.append(f"{stat.parent.name} {command[:120]}")
    return alive


def _assert_no_process_outlives(group: int, grace: float = 10.0) -> None:
    """No worker of an interrupted run is left behind, blocked on a parent that is gone."""
    if not Path("/proc/self/stat").exists():
        return  # no /proc to look in here
    deadline = time.monotonic() + grace
    while (alive := _alive_in_group(group)) and time.monotonic() < deadline:
        time.sleep(0.2)
    for line in alive:  # end them, so a failure leaves nothing running
        with contextlib.suppress(OSError):
            os.kill(int(line.split()[0]), signal.SIGKILL)
    assert not alive, f"processes of the interrupted run still alive {grace:.0f}s after it ended: {alive}"


KILLED_WITH_ITS_POOL = """
import os, time
from geo.files import forked_workers
with forked_workers(2) as pool:
    busy = pool.submit(time.sleep, 300)
    pool.submit(os.getpid).result()  # both workers are up, one of them busy
    print("ready", flush=True)
    time.sleep(300)
"""


def test_workers_leave_when_their_parent_is_killed():
    """A parent killed outright cannot stop its pool: its workers, idle or busy, must not wait forever."""
    parent = subprocess.Popen([sys.executable, "-c", KILLED_WITH_ITS_POOL], stdout=subprocess.PIPE, text=True,
                              start_new_session=True)
    try:
        assert parent.stdout.readline().strip() == "ready"
        assert len(_alive_in_group(parent.pid)) == 3
    finally:
        parent.kill()
        parent.wait(timeout=30)
    _assert_no_process_outlives(parent.pid)


INTERRUPTED_AS_ITS_POOL_STARTS = """
import os, signal
from concurrent.futures import process
from geo.files import forked_workers

def interrupted(signum, frame):
    raise KeyboardInterrupt

signal.signal(signal.SIGTERM, interrupted)  # as the command does
launch = process.ProcessPoolExecutor._launch_processes

def launch_then_killed(pool):  # the kill lands after the workers exist, before the thread that stops them
    launch(pool)
    os.kill(os.getpid(), signal.SIGTERM)

process.ProcessPoolExecutor._launch_processes = launch_then_killed
try:
    with forked_workers(2) as pool:
        pool.submit(os.getpid).result()
except KeyboardInterrupt:
    print("interrupted", flush=True)
"""


def _ended_within(process: subprocess.Popen, seconds: float, what: str) -> tuple[str, str]:
    """The process's output once it ends; failing that within ``seconds``, its group is killed and the test fails."""
    try:
        return process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"{what} did not end within {seconds} s")


def test_a_run_killed_as_its_pool_starts_still_ends():
    """A polite kill between forking the workers and starting the pool's manager must not hang the exit.

    Before, the interpreter waited at exit for the workers, and they for work, forever.
    """
    process = subprocess.Popen([sys.executable, "-c", INTERRUPTED_AS_ITS_POOL_STARTS], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    out, err = _ended_within(process, 60, "the interrupted program")
    assert (process.returncode, out.strip()) == (0, "interrupted"), err
    _assert_no_process_outlives(process.pid)


COMMAND_KILLED_AS_ITS_POOL_STARTS = """
import contextlib, os, signal, sys
from concurrent.futures import process
import geo.files
from geo.cli import main

geo.files.started_whole = contextlib.nullcontext  # as if the pool could be interrupted while it starts
launch = process.ProcessPoolExecutor._launch_processes

def launch_then_killed(pool):
    launch(pool)
    os.kill(os.getpid(), signal.SIGTERM)

process.ProcessPoolExecutor._launch_processes = launch_then_killed
sys.argv = ["frontline", *sys.argv[1:]]
sys.exit(main())
"""


def test_an_interrupted_command_ends_workers_its_pool_could_not_stop(tmp_path, seeds_dir):
    """The command's last line: whatever pool was cut short, ``frontline`` ends its workers and exits."""
    command = [sys.executable, "-c", COMMAND_KILLED_AS_ITS_POOL_STARTS, "run", "--engine", "process",
               "--workers", "2", "-q", "--out", str(tmp_path / "maps"), str(seeds_dir)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    _, err = _ended_within(process, 60, "the interrupted command")
    assert process.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err, err  # the workers ended leave quietly
    _assert_no_process_outlives(process.pid)


@pytest.mark.parametrize("signum, engine", [(signal.SIGTERM, "serial"), (signal.SIGINT, "serial"), (signal.SIGTERM, "process")])
def test_interrupted_run_leaves_earlier_outputs_whole_and_no_temporary_file(tmp_path, seeds_dir, signum, engine):
    """The process engine also draws maps in worker processes: an interruption must not leave their files half-written."""
    out = tmp_path / "maps"
    command = [sys.executable, "-m", "geo", "run", "--engine", engine, "--workers", "2", "-q", "--out", str(out)]
    subprocess.run([*command, str(seeds_dir)], check=True, capture_output=True, timeout=300)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    corpus = tmp_path / "big.jsonl"
    _corpus(corpus, 400)
    for delay in (1.0, 3.0, 6.0):
        # its own process group, so every worker it forks (and theirs) can be found after it is gone
        process = subprocess.Popen([*command, str(corpus)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   start_new_session=True)
        time.sleep(delay)
        process.send_signal(signum)
        process.wait(timeout=120)
        _assert_no_process_outlives(process.pid)
        names = {p.name for p in out.iterdir()}
        assert not [n for n in names if ".tmp" in n], f"temporary files left after {delay}s: {sorted(names)}"
        for name in names & before.keys():
            current = (out / name).read_bytes()
            if current != before[name]:  # replaced whole by the new run: a complete file, never a partial one
                assert name.endswith((".html", ".geojson", ".csv", ".md", ".gpkg", ".frontline", ".frontline-days",
                                      "frontline-store.gpkg.lock")), name
                if name.endswith(".geojson"):
                    json.loads(current)
                if name.endswith(".html"):
                    assert current.rstrip().endswith(b"</html>")
        if process.returncode == 0:
            break  # the run finished before the signal: nothing more to interrupt
        assert process.returncode in (130, -signum, 128 + signum), process.returncode


# -- fuzzing ----------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_article_reader_never_raises_on_text(text):
    try:
        article = make_article(text, "fuzz")
    except InputError:
        return
    for sentence in article.sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_file_reader_turns_any_bytes_into_an_article_or_our_error(tmp_path, data):
    for name in ("x.txt", "x.jsonl", "x.ndjson", "x.json", "x.csv", "x.rss", "x.html"):
        path = tmp_path / name
        path.write_bytes(data)
        for item in read_sources([path]):
            assert isinstance(item, (Article, InputError))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(list('<>{}[]",;:/=&#!?-\n\t aZ9é') + ["<p>", "</p>", "<rss>", "<item>",
                                                                         '"text": ', "<html>", "Rebels took Gao."]),
                max_size=60).map("".join))
def test_markup_like_text_is_an_article_or_our_error(tmp_path, text):
    for name in ("x.json", "x.jsonl", "x.csv", "x.rss", "x.atom", "x.html"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        for item in read_sources([path]):
            assert isinstance(item, (Article, InputError))
    for item in read_sources(["-"], stdin=io.StringIO(text)):
        assert isinstance(item, (Article, InputError))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), st.dates(min_value=date(1, 1, 8), max_value=date(9999, 12, 20))))
def test_date_resolver_never_raises_but_our_errors(text, published):
    for start, end, span in find_dates(text, published):
        assert 0 <= start <= end <= len(text)
        if span.start and span.end:
            assert span.start <= span.end
    try:
        resolve(text, published)
    except FrontlineError:
        pass


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["Friday", "early last week", "since Tuesday", "June 12", "four days ago", "last month",
                        "overnight", "yesterday", "a fifth day"]),
       st.dates(min_value=date(1, 3, 1), max_value=date(9999, 11, 30)))
def test_relative_dates_never_fall_after_publication(expression, published):
    span = resolve(expression, published)
    assert span.end is None or span.end <= published


# -- feeds and pages name no other file and fetch nothing ---------------------------------------


def test_a_feed_or_page_that_spells_a_path_or_url_is_read_as_itself(tmp_path):
    secret = tmp_path / "secret.rss"
    secret.write_text('<rss version="2.0"><channel><item><title>Secret</title><description>Rebels took Gao '
                      "on Friday, the secret file said.</description></item></channel></rss>", encoding="utf-8")
    (tmp_path / "path.rss").write_text(str(secret), encoding="utf-8")
    (tmp_path / "url.html").write_text("http://127.0.0.1:9/article.html", encoding="utf-8")
    (tmp_path / "url.rss").write_text("http://127.0.0.1:9/feed.rss", encoding="utf-8")
    items = list(read_sources([tmp_path / "path.rss", tmp_path / "url.html", tmp_path / "url.rss"]))
    assert all(isinstance(item, InputError) for item in items), items
    assert [item.source for item in items] == [str(tmp_path / n) for n in ("path.rss", "url.html", "url.rss")]


def test_xml_external_entities_stay_unresolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET LINE", encoding="utf-8")
    feed = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY leak SYSTEM "file://{secret}">]>'
            '<rss version="2.0"><channel><item><title>t</title><guid>x</guid>'
            "<description>Rebels took Gao on Friday. &leak;</description></item></channel></rss>")
    (tmp_path / "xxe.rss").write_text(feed, encoding="utf-8")
    items = list(read_sources([tmp_path / "xxe.rss"]))
    assert not any("TOP SECRET" in (item.text if isinstance(item, Article) else str(item)) for item in items)
