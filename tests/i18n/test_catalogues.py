"""Every message catalogue in the repository (locale/ and each app's <app>/locale/): nothing
untranslated or fuzzy, placeholders kept, and the committed .mo matching its .po (a fresh
machine may lack gettext, so the compiled files are committed)."""

import ast
import gettext
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import need

ROOT = Path(settings.BASE_DIR)
SKIPPED_DIRS = {".venv", "node_modules", "var", "staticfiles", "media", ".git", "bench"}
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def catalogues():
    found = []
    for directory, subdirectories, files in os.walk(ROOT):
        subdirectories[:] = sorted(d for d in subdirectories if d not in SKIPPED_DIRS)
        path = Path(directory)
        if (
            "django.po" in files
            and path.name == "LC_MESSAGES"
            and path.parent.parent.name == "locale"
        ):
            found.append(path / "django.po")
    return found


def entries(po_path):
    """[(flags, fields)] for each entry of a .po file, the header first; obsolete (#~) ones
    left out. `fields` maps msgctxt, msgid, msgid_plural, msgstr, msgstr[n] to their text."""
    result = []
    for block in po_path.read_text(encoding="utf-8").split("\n\n"):
        flags, fields, key = set(), {}, None
        for line in block.strip().splitlines():
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                fields[key] += ast.literal_eval(line)
            else:
                key, _space, value = line.partition(" ")
                fields[key] = ast.literal_eval(value)
        if "msgid" in fields:
            result.append((flags, fields))
    return result


def translations(fields):
    if "msgid_plural" in fields:
        return [v for k, v in sorted(fields.items()) if k.startswith("msgstr[")]
    return [fields["msgstr"]]


def mo_key(fields, form=None):
    msgid = fields["msgid"]
    if "msgctxt" in fields:
        msgid = f"{fields['msgctxt']}\x04{msgid}"
    return msgid if form is None else (msgid, form)


CATALOGUES = catalogues()


def name(path):
    return str(path.relative_to(ROOT))


def test_every_language_has_the_project_catalogue_and_apps_have_every_language():
    for code in TRANSLATED:
        assert ROOT / "locale" / code / "LC_MESSAGES" / "django.po" in CATALOGUES
    for locale_dir in {path.parent.parent.parent for path in CATALOGUES}:
        for code in TRANSLATED:
            po = locale_dir / code / "LC_MESSAGES" / "django.po"
            assert po.exists(), f"{name(locale_dir)} has no {code} catalogue"


@pytest.mark.parametrize("po_path", CATALOGUES, ids=name)
def test_catalogue_is_fully_translated_and_keeps_placeholders(po_path):
    header, *messages = entries(po_path)
    assert header[1]["msgid"] == "", f"{name(po_path)}: no header"
    assert "fuzzy" not in header[0], f"{name(po_path)}: the header is marked fuzzy"
    assert messages, f"{name(po_path)}: empty catalogue"
    problems = []
    for flags, fields in messages:
        msgid = fields["msgid"]
        if "fuzzy" in flags:
            problems.append(f"fuzzy: {msgid!r}")
        forms = translations(fields)
        if not all(forms):
            problems.append(f"untranslated: {msgid!r}")
            continue
        wanted = set(PLACEHOLDER.findall(msgid + fields.get("msgid_plural", "")))
        given = set().union(*(PLACEHOLDER.findall(form) for form in forms))
        if given - wanted or set(PLACEHOLDER.findall(msgid)) - given:
            problems.append(f"placeholders of {msgid!r}: {sorted(wanted)} became {sorted(given)}")
    assert problems == [], f"{name(po_path)}:\n" + "\n".join(problems)


@pytest.mark.parametrize("code", TRANSLATED)
def test_a_message_reads_the_same_in_every_catalogue(code):
    """Django merges every catalogue of a language into one, the project's first, then the
    apps' in INSTALLED_APPS order: the same msgid translated two ways in two catalogues shows
    one of them everywhere (the footer's "Status" page once renamed every status column).
    Where the meaning differs, the source gives the message a context (pgettext)."""
    seen = {}
    for po_path in CATALOGUES:
        if po_path.parent.parent.name != code:
            continue
        for _flags, fields in entries(po_path)[1:]:
            seen.setdefault(mo_key(fields), {}).setdefault(tuple(translations(fields)), []).append(
                name(po_path).split("/locale/")[0]
            )
    differing = {key: readings for key, readings in seen.items() if len(readings) > 1}
    assert differing == {}, "translated differently (give one a context or align them):\n" + (
        "\n".join(f"{key!r}: {readings}" for key, readings in sorted(differing.items()))
    )


@pytest.mark.parametrize("po_path", CATALOGUES, ids=name)
def test_compiled_catalogue_matches_its_source(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{name(po_path)} is not compiled (manage.py compilemessages)"
    with mo_path.open("rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)._catalog
    expected = {}
    for _flags, fields in entries(po_path)[1:]:
        if "msgid_plural" in fields:
            for form, text in enumerate(translations(fields)):
                expected[mo_key(fields, form)] = text
        else:
            expected[mo_key(fields)] = fields["msgstr"]
    compiled = {key: text for key, text in compiled.items() if key != ""}  # the header
    stale = sorted(str(key) for key in expected.keys() ^ compiled.keys())
    assert stale == [], f"{name(mo_path)} is older than its .po: recompile ({stale[:5]})"
    differing = sorted(str(key) for key in expected if expected[key] != compiled[key])
    assert differing == [], f"{name(mo_path)} differs from its .po: recompile ({differing[:5]})"


@pytest.mark.parametrize("po_path", CATALOGUES, ids=name)
def test_msgfmt_accepts_the_catalogue(po_path):
    msgfmt = shutil.which("msgfmt")
    need("gettext", msgfmt is not None, "msgfmt is not installed")
    result = subprocess.run(
        [msgfmt, "--check", "--output-file=/dev/null", str(po_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_extracting_afresh_leaves_nothing_untranslated(tmp_path):
    """New words in the code come with their translations: `make messages` extracts them
    (manage.py update_catalogues), the translator fills them in, and only then do they land.
    Extracted here on a copy of the code, so the repository's catalogues are left alone."""
    need("gettext", all(shutil.which(t) for t in ("xgettext", "msgmerge")), "not installed")
    import sys

    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(*SKIPPED_DIRS, "tests", "__pycache__", "*.mo"),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "update_catalogues", "--no-compile"],
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "network.settings.dev"},
    )
    assert result.returncode == 0, result.stderr
    missing = {}
    for directory, subdirectories, files in os.walk(copy):
        subdirectories[:] = sorted(subdirectories)
        if "django.po" in files:
            po_path = Path(directory) / "django.po"
            left = [
                fields["msgid"]
                for flags, fields in entries(po_path)[1:]
                if "fuzzy" in flags or not all(translations(fields))
            ]
            if left:
                missing[str(po_path.relative_to(copy))] = left[:10]
    assert missing == {}, "untranslated: run `make messages` and translate them"
