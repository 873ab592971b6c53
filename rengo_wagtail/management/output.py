"""Command output that cannot drive the terminal it is printed on.

Titles, paths and content file text come from editors and translators:
``RengoCommand``'s ``stdout`` and ``stderr`` write every control character
(but tab and newline) as a visible ``\\uXXXX`` (``escaping.visible_controls``).
"""

from django.core.management.base import BaseCommand, OutputWrapper

from ..escaping import visible_controls


class TerminalSafeOutput(OutputWrapper):
    def write(self, msg="", style_func=None, ending=None):
        super().write(visible_controls(msg), style_func, ending)


def _safe(wrapper):
    if isinstance(wrapper, TerminalSafeOutput) or not isinstance(wrapper, OutputWrapper):
        return wrapper
    safe = TerminalSafeOutput(wrapper._out, wrapper.ending)
    safe.style_func = wrapper._style_func
    return safe


class RengoCommand(BaseCommand):
    """The base of rengo-wagtail's commands: output that is safe for a terminal."""

    @property
    def stdout(self):
        return self._stdout

    @stdout.setter
    def stdout(self, wrapper):
        self._stdout = _safe(wrapper)

    @property
    def stderr(self):
        return self._stderr

    @stderr.setter
    def stderr(self, wrapper):
        self._stderr = _safe(wrapper)
