"""The Inno Setup script cannot be compiled here (no Windows): check it against the build instead."""
from __future__ import annotations

import re
from pathlib import Path

INSTALLER = Path(__file__).resolve().parent.parent / "installer"


def _setup_directives(text: str) -> dict[str, str]:
    section = text.split("[Setup]", 1)[1].split("\n[", 1)[0]
    pairs = (line.split("=", 1) for line in section.splitlines()
             if "=" in line and not line.lstrip().startswith(";"))
    return {key.strip(): value.strip() for key, value in pairs}


def test_inno_script_installs_per_user_without_admin_rights():
    text = (INSTALLER / "quartierslabor.iss").read_text(encoding="utf-8")
    setup = _setup_directives(text)
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"].startswith("{userpf}\\")  # = %LOCALAPPDATA%\Programs
    assert re.fullmatch(r"\{\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}", setup["AppId"])
    assert (INSTALLER / setup["SetupIconFile"].replace("\\", "/")).is_file()
    languages = re.findall(r'^Name: "(\w+)"; MessagesFile: "compiler:([^"]+)"', text, re.M)
    assert languages == [("german", "Languages\\German.isl"), ("english", "Default.isl")]
    assert re.search(r'^Name: "\{autoprograms\}\\\{#AppName\}"; Filename: "\{app\}\\\{#AppExeName\}"', text, re.M)


def test_inno_script_matches_the_pyinstaller_build():
    iss = (INSTALLER / "quartierslabor.iss").read_text(encoding="utf-8")
    spec = (INSTALLER / "quartierslabor.spec").read_text(encoding="utf-8")
    build = (INSTALLER / "build.py").read_text(encoding="utf-8")
    defines = dict(re.findall(r'^#define (\w+) "([^"]+)"', iss, re.M))
    assert re.search(r'^APP_NAME = "quartierslabor"$', spec, re.M)
    assert defines["AppExeName"] == "quartierslabor.exe"
    assert 'name=APP_NAME + "-cli"' in spec and defines["AppCliExeName"] == "quartierslabor-cli.exe"
    assert '"..\\dist\\quartierslabor"' in iss and 'default=ROOT / "dist"' in build
