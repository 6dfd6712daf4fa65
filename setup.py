"""Build hook: ship resources/ and compiled i18n/ catalogs inside the installed package.

The repository keeps resources/ and i18n/ at the top level (where translators and profile authors
find them); an installed swdesk finds them as swdesk/resources and swdesk/locale.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).parent


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "swdesk"
        resources = target / "resources"
        if resources.exists():
            shutil.rmtree(resources)
        shutil.copytree(ROOT / "resources", resources)
        self._compile_catalogs(target / "locale")

    def _compile_catalogs(self, out: Path) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po_path in sorted((ROOT / "i18n").glob("*/LC_MESSAGES/*.po")):
            locale = po_path.parent.parent.name
            with po_path.open("rb") as fh:
                catalog = read_po(fh, locale=locale)
            mo_path = out / locale / "LC_MESSAGES" / po_path.with_suffix(".mo").name
            mo_path.parent.mkdir(parents=True, exist_ok=True)
            with mo_path.open("wb") as fh:
                write_mo(fh, catalog, use_fuzzy=False)


setup(cmdclass={"build_py": BuildWithData})
