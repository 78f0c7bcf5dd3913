"""Offline machine pre-translation with Apertium, as a wagtail-localize machine translator.

Selected in settings (``HUB_MACHINE_TRANSLATOR``, see docs/translation.md). It only offers the
language pairs whose Apertium data is installed (``apertium -l``), so ``can_translate`` is false
for the others and wagtail-localize hides its "Translate with Apertium" button there.
wagtail-localize stores what it returns as machine translations; the hub never publishes them
without a human pass (human_pass.py).
``machine_translation_status`` tells the admin which pairs are available.
"""

import functools
import logging
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from itertools import permutations

from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import (
    StringValue,
    lstrip_keep,
    rstrip_keep,
    validate_translation_links,
)

from .status import content_languages

logger = logging.getLogger(__name__)

# Apertium names pairs with ISO 639-1 or ISO 639-3 codes (es-pt, spa-eng).
ISO_639_3 = {"es": "spa", "en": "eng", "pt": "por", "fr": "fra", "ca": "cat", "gl": "glg"}
# The office works in South America: Brazilian Portuguese where the pair has the variant.
DEFAULT_VARIANTS = {"pt": "BR"}
# Strings are sent in one Apertium run, separated by a block tag that the HTML deformatter
# keeps verbatim and that ends a sentence, so no word can move from one string to the next.
SEPARATOR = '<hr id="hub-mt-{}">'
SEPARATOR_PATTERN = re.compile(r'\s*<hr id="hub-mt-(\d+)">\s*')
MAX_BATCH_CHARACTERS = 50_000


@functools.cache
def installed_modes(binary, data_dir=""):
    """The translation directions ``apertium -l`` lists (cached per process), or none."""
    command = [binary, *(["-d", data_dir] if data_dir else []), "-l"]
    try:
        result = subprocess.run(  # noqa: S603 (fixed argument list, no shell)
            command, capture_output=True, text=True, timeout=30, check=True
        )
    except (OSError, subprocess.SubprocessError):
        logger.info("Apertium is not available (%s)", binary)
        return frozenset()
    return frozenset(line.strip() for line in result.stdout.splitlines() if line.strip())


def base_language(code):
    return code.split("-")[0].split("_")[0].lower()


def keep_initial_case(source, translated):
    """Apertium capitalises the start of every segment; keep a lower-case start as it was."""
    source_start = next((char for char in source if char.isalpha()), "")
    if not source_start.islower():
        return translated
    for index, char in enumerate(translated):
        if char == "<":
            break  # starts with markup: leave it alone
        if char.isalpha():
            return translated[:index] + char.lower() + translated[index + 1 :]
    return translated


class ApertiumTranslator(BaseMachineTranslator):
    """Translate with a local Apertium installation (no network).

    OPTIONS (all optional):
        BINARY: the apertium executable (default "apertium" on PATH).
        DATA_DIR: passed as ``apertium -d`` for pairs compiled outside the system paths.
        MODES: explicit directions by language pair, e.g. {"es-pt": "es-pt"} for European
            Portuguese instead of the default Brazilian variant.
        TIMEOUT: seconds for one run (default 120).
        MARK_UNKNOWN: keep Apertium's ``*`` before unknown words (default False).
    """

    display_name = "Apertium"

    def __init__(self, options):
        super().__init__(options or {})

    # Availability

    @property
    def binary(self):
        binary = self.options.get("BINARY", "apertium")
        return shutil.which(binary) or binary

    def is_installed(self):
        return bool(shutil.which(self.options.get("BINARY", "apertium")))

    def modes(self):
        return installed_modes(self.binary, self.options.get("DATA_DIR", ""))

    def mode_candidates(self, source, target):
        explicit = self.options.get("MODES", {}).get(f"{source}-{target}")
        if explicit:
            return [explicit]
        sources = [source, ISO_639_3.get(source, source)]
        targets = [target, ISO_639_3.get(target, target)]
        plain = [f"{s}-{t}" for s in sources for t in targets]
        variant = DEFAULT_VARIANTS.get(target)
        return [f"{name}_{variant}" for name in plain] + plain if variant else plain

    def get_mode(self, source_locale, target_locale):
        source = base_language(source_locale.language_code)
        target = base_language(target_locale.language_code)
        if source == target:
            return None
        modes = self.modes()
        return next((mode for mode in self.mode_candidates(source, target) if mode in modes), None)

    def can_translate(self, source_locale, target_locale):
        return self.get_mode(source_locale, target_locale) is not None

    def unavailable_reason(self):
        """A sentence for the admin when nothing can be translated, else ''."""
        if not self.is_installed():
            return _("Apertium is not installed on this server.")
        if not self.modes():
            return _("Apertium is installed but has no language pairs.")
        return ""

    # Translation

    def translate(self, source_locale, target_locale, strings):
        mode = self.get_mode(source_locale, target_locale)
        if mode is None:
            return {}
        results = {}
        for batch in self.batches(list(strings)):
            texts = self.run_batch(mode, [string.data for string in batch])
            for string, text in zip(batch, texts, strict=True):
                value = self.to_value(string.data, text)
                if value is not None:
                    results[string] = value
        return results

    def batches(self, strings):
        batch, size = [], 0
        for string in strings:
            if batch and size + len(string.data) > MAX_BATCH_CHARACTERS:
                yield batch
                batch, size = [], 0
            batch.append(string)
            size += len(string.data)
        if batch:
            yield batch

    def run_batch(self, mode, texts):
        """Translate texts in one Apertium run; fall back to one run per text if the
        separators do not come back intact. A text that fails comes back as None."""
        joined = "".join(
            (SEPARATOR.format(index) if index else "") + text for index, text in enumerate(texts)
        )
        output = self.run(mode, joined)
        if output is None:
            return [None] * len(texts)
        parts = SEPARATOR_PATTERN.split(output)
        # re.split with one group alternates text and separator index: t0, "1", t1, "2", t2...
        pieces, numbers = parts[0::2], parts[1::2]
        if len(pieces) == len(texts) and numbers == [str(n) for n in range(1, len(texts))]:
            return pieces
        if len(texts) == 1:
            return [output]
        logger.warning("Apertium changed the segment separators; translating one by one")
        return [self.run(mode, text) for text in texts]

    def run(self, mode, text):
        command = [self.binary, *self.data_dir_args(), "-f", "html"]
        if not self.options.get("MARK_UNKNOWN", False):
            command.append("-u")
        command.append(mode)
        try:
            result = subprocess.run(  # noqa: S603 (fixed argument list, no shell)
                command,
                input=text,
                capture_output=True,
                text=True,
                encoding="utf-8",
                timeout=self.options.get("TIMEOUT", 120),
                env={**os.environ, "LC_ALL": "C.UTF-8"},
                check=True,
            )
        except (OSError, subprocess.SubprocessError):
            logger.exception("Apertium failed (%s)", mode)
            return None
        return result.stdout

    def data_dir_args(self):
        data_dir = self.options.get("DATA_DIR", "")
        return ["-d", data_dir] if data_dir else []

    def to_value(self, source, translated):
        """The translated HTML with the source's outer whitespace, or None if unusable."""
        if translated is None or not translated.strip():
            return None
        prefix = lstrip_keep(source)[1]
        suffix = rstrip_keep(source)[1]
        html = prefix + keep_initial_case(source, translated.strip()) + suffix
        try:
            StringValue.from_translated_html(html)
            validate_translation_links(source, html)
        except ValueError:
            logger.warning("Apertium returned invalid markup; string left untranslated")
            return None
        return StringValue(html)


# Machine translation availability, for the admin


@dataclass
class MachineTranslation:
    name: str = ""
    pairs: list = field(default_factory=list)
    reason: str = ""

    @property
    def available(self):
        return bool(self.pairs)

    def can_translate(self, source, target):
        return (source, target) in self.pairs


def machine_translation_status():
    """Which machine translator is configured and for which language pairs."""
    try:
        translator = get_machine_translator()
    except (ImportError, KeyError) as error:
        return MachineTranslation(reason=str(error))
    if translator is None:
        return MachineTranslation(reason=_("No machine translator is configured."))
    locales = [Locale(language_code=code) for code in content_languages()]
    pairs = [
        (source.language_code, target.language_code)
        for source, target in permutations(locales, 2)
        if translator.can_translate(source, target)
    ]
    reason = ""
    if not pairs:
        reason = getattr(translator, "unavailable_reason", lambda: "")() or _(
            "The machine translator supports none of the site's language pairs."
        )
    return MachineTranslation(name=str(translator.display_name), pairs=pairs, reason=reason)
