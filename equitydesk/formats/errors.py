"""Errors the file formats raise, each carrying a plain sentence fit to show the user as it is."""


class ExportError(Exception):
    """Writing a file failed; the message names the file and says what to do about it."""


class TargetLocked(ExportError):
    """The export was written, but another program (Excel, on Windows) holds the file it should replace.

    `finished` is the complete export, kept beside the target under another name: retry_replace() moves it into
    place once the other program lets go, or the person saves it under another name.
    """

    def __init__(self, message: str, *, target: str, finished: str) -> None:
        super().__init__(message)
        self.target = target
        self.finished = finished


class FileRefused(Exception):
    """A file cannot be imported; str() is one plain sentence naming the file and the fix, fit to show as it is."""


class ReadCancelled(Exception):
    """The person reading a file pressed Cancel; nothing was kept."""


def short_detail(exc: BaseException, limit: int = 80) -> str:
    """The technical reason behind a refusal, on one short line, for the end of a plain sentence."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
