"""Refresh denkspur_en.ts/.qm: the English forms of every plural text (``tr("%n step(s)", "", n)``).

    .venv/bin/python resources/i18n/english_plurals.py

Qt's plural forms need a translation for English too ("1 step(s)" otherwise). This
collects the plural texts of the GUI with pyside6-lupdate (``-pluralonly``), fills
in each as "(s)" dropped for one and "s" for more (irregular ones are listed in
:data:`IRREGULAR`), and compiles the .qm with pyside6-lrelease.
tests/test_gui_plurals.py fails while a plural text has no English forms.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TS = HERE / "denkspur_en.ts"

#: Texts whose English plural is not "(s)" → "s": source → (one, more).
IRREGULAR = {
    "%n reply(s) could not be saved and are kept in memory only.": (
        "%n reply could not be saved and is kept in memory only.",
        "%n replies could not be saved and are kept in memory only.",
    ),
}
_UNFINISHED = re.compile(r'<source>(.*?)</source>\s*<translation type="unfinished">\s*'
                         r"<numerusform></numerusform>\s*<numerusform></numerusform>\s*</translation>")


def _forms(match: re.Match[str]) -> str:
    source = html.unescape(match.group(1))
    one, more = IRREGULAR.get(source, (source.replace("(s)", ""), source.replace("(s)", "s")))
    return (f"<source>{match.group(1)}</source>\n        <translation>\n"
            f"            <numerusform>{html.escape(one, quote=False)}</numerusform>\n"
            f"            <numerusform>{html.escape(more, quote=False)}</numerusform>\n"
            "        </translation>")


def main() -> int:
    tools = Path(sys.executable).parent
    sources = sorted(str(path) for path in (ROOT / "app" / "denkspur" / "gui").glob("*.py"))
    subprocess.run([str(tools / "pyside6-lupdate"), *sources, "-pluralonly", "-locations", "none",
                    "-no-obsolete", "-target-language", "en", "-ts", str(TS)], check=True)
    TS.write_text(_UNFINISHED.sub(_forms, TS.read_text(encoding="utf-8")), encoding="utf-8")
    subprocess.run([str(tools / "pyside6-lrelease"), str(TS), "-qm", str(TS.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
