"""Chime and spoken call on the display PC, offline and never blocking the GUI thread.

PySide6-Essentials has neither QtMultimedia nor QtTextToSpeech, so sound goes through small
command-line tools when the PC has them: a generated "ding-dong" WAV played by `paplay` or
`aplay`, and the Indonesian sentence spoken by `espeak-ng -v id`. Without them the chime falls
back to QApplication.beep() and speech stays silent. Sounds run one after another in a QProcess
(a burst of calls is queued, not talked over); SoundOptions with both off keeps the room silent.
"""

from __future__ import annotations

import math
import shutil
import struct
import wave
from collections import deque
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, Signal
from PySide6.QtWidgets import QApplication

from desktop.models.queue.spoken import SoundOptions, call_text
from desktop.paths import data_dir

PLAYERS = ("paplay", "aplay")
SPEAKERS = ("espeak-ng", "espeak")
BEEP = "<beep>"
MAX_PENDING = 8  # a burst of calls: older sounds are dropped rather than talking for minutes
SAMPLE_RATE = 22050
Command = tuple[str, list[str]]


def write_chime(path: Path) -> Path:
    """A two-tone 'ding-dong' (E6 then C6), 16-bit mono, with a soft decay so it does not click."""
    frames = bytearray()
    for freq, seconds in ((1318.5, 0.35), (1046.5, 0.55)):
        count = int(SAMPLE_RATE * seconds)
        for i in range(count):
            envelope = math.exp(-4.0 * i / count) * min(1.0, i / 200)
            frames += struct.pack("<h", int(12000 * envelope * math.sin(2 * math.pi * freq * i / SAMPLE_RATE)))
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(bytes(frames))
    return path


def default_chime_path() -> Path:
    path = data_dir() / "suara" / "panggilan.wav"
    return path if path.exists() else write_chime(path)


class Announcer(QObject):
    """Plays the chime and speaks the call for each call, in order."""

    sig_idle = Signal()
    """Every queued sound has finished (or failed to start)."""

    def __init__(self, parent: QObject | None = None, *, options: SoundOptions | None = None,
                 which: Callable[[str], str | None] = shutil.which,
                 chime_path: Callable[[], Path] = default_chime_path) -> None:
        super().__init__(parent)
        self.options = options or SoundOptions()
        self._which = which
        self._chime_path = chime_path
        self._pending: deque[Command] = deque(maxlen=MAX_PENDING)
        self._process = QProcess(self)
        self._process.finished.connect(self._on_process_finished)
        self._process.errorOccurred.connect(self._on_process_error)

    def plan(self, number: str, counter_number: int) -> list[Command]:
        """The commands a call would run with the current options (BEEP: the system beep)."""
        commands: list[Command] = []
        if self.options.chime:
            player = self._first_tool(PLAYERS)
            commands.append((player, [str(self._chime_path())]) if player else (BEEP, []))
        if self.options.speech:
            speaker = self._first_tool(SPEAKERS)
            if speaker:
                commands.append((speaker, ["-v", "id", "-s", "140", call_text(number, counter_number)]))
        return commands

    def announce(self, number: str, counter_number: int) -> list[Command]:
        """Queue the sounds of one call and return them; returns at once."""
        commands = self.plan(number, counter_number)
        for program, args in commands:
            if program == BEEP:
                QApplication.beep()
            else:
                self._pending.append((program, args))
        self._start_next()
        return commands

    @property
    def busy(self) -> bool:
        return self._process.state() != QProcess.ProcessState.NotRunning or bool(self._pending)

    def stop(self) -> None:
        self._pending.clear()
        if self._process.state() != QProcess.ProcessState.NotRunning:
            self._process.kill()
            self._process.waitForFinished(1000)

    def _first_tool(self, names: tuple[str, ...]) -> str | None:
        return next((path for path in map(self._which, names) if path), None)

    def _start_next(self) -> None:
        if self._process.state() != QProcess.ProcessState.NotRunning:
            return
        if not self._pending:
            self.sig_idle.emit()
            return
        program, args = self._pending.popleft()
        self._process.start(program, args)

    def _on_process_finished(self, _code: int, _status: QProcess.ExitStatus) -> None:
        self._start_next()

    def _on_process_error(self, error: QProcess.ProcessError) -> None:
        # A tool that vanished or crashed must not stop later calls from sounding.
        if error == QProcess.ProcessError.FailedToStart:
            self._start_next()
