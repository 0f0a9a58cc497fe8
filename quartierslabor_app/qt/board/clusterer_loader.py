"""Builds the lab's clusterer off the GUI thread after the board is shown.

Until it is ready the board is fully usable: a card typed meanwhile is saved at once (waiting in the
catch-all topic, see ``BoardService.add_card(defer=True)``) and placed as soon as the clusterer is there.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ..i18n import translate
from ..tasks import BackgroundTask
from .controller import BoardController


class ClustererLoader(QObject):
    #: the clusterer is in place and the waiting cards are placed
    ready = Signal()

    def __init__(self, controller: BoardController, owner: QWidget) -> None:
        super().__init__(owner)
        self.controller = controller
        self.owner = owner
        self._task: Optional[BackgroundTask] = None
        self._token = 0
        self._stopped = False

    @property
    def loading(self) -> bool:
        return self._task is not None

    @property
    def ready_now(self) -> bool:
        """The clusterer is in place: new cards are placed as they come."""
        return self._task is None and self.controller.service.ctx.clusterer_ready

    def start(self) -> None:
        """Build the clusterer in the background unless it is built or being built; then place waiting cards."""
        service = self.controller.service
        self._stopped = False
        if self._task is not None:
            return
        if service.ctx.clusterer_ready:
            self._done()
            return
        self._token = service.begin_build()
        task = BackgroundTask(lambda progress, cancel: service.build_clusterer(),
                              title=translate("ClustererLoader", "Themen laden"), parent=self.owner,
                              on_success=self._built, on_failure=self._failed, show_dialog=False, cancellable=False)
        task.done.connect(lambda _state: self._forget(task))
        self._task = task
        task.start()

    def stop(self) -> None:
        """The board closed: a build still running is installed when done, but touches no database."""
        self._stopped = True

    def _forget(self, task: BackgroundTask) -> None:
        if self._task is task:
            self._task = None

    def _built(self, clusterer) -> None:
        self._task = None
        if not self.controller.service.finish_build(clusterer, self._token):
            if self._stopped:
                self.controller.service.abandon_build()
                return
            self.start()              # the board changed during the build: once more from the database
            return
        self._done()

    def _failed(self, exc: BaseException) -> None:
        # no clusterer from the background: the waiting cards are placed with one built here (errors are said)
        self._task = None
        self.controller.service.abandon_build()
        self._done()

    def _done(self) -> None:
        if self._stopped:
            return
        self.controller.place_waiting()
        self.ready.emit()
