"""Context menus of cards and clusters (thin: every entry calls a WorkshopView action)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QMenu

from ...core.board.palette import CALM_COLORS
from .counts import cards_text, scope
from ..i18n import translate

if TYPE_CHECKING:  # pragma: no cover
    from .workshop_view import WorkshopView


def swatch(color: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


def card_menu(view: "WorkshopView", card_id: int) -> QMenu:
    store = view.controller.store
    card = store.cards[card_id]
    selected = view.board.selected_card_ids()
    if card_id not in selected:
        selected = [card_id]
    # an action on more than one card says what it touches
    menu = QMenu(view)
    menu.addAction(translate('BoardMenus', 'Bearbeiten …\tF2'), lambda: view.editing.edit_card(card_id))
    if len(selected) == 1:
        delete_text, move_text = translate('BoardMenus', 'Löschen\tEntf'), translate('BoardMenus', 'Verschieben nach')
    else:
        what = scope(store.cards[i] for i in selected if i in store.cards)
        delete_text = translate('BoardMenus', '{what} löschen …\tEntf').format(what=what)
        move_text = translate('BoardMenus', '{what} verschieben nach').format(what=what)
    menu.addAction(delete_text, lambda: view.editing.delete_cards(selected))
    move = menu.addMenu(move_text)
    for cluster in store.ordered_clusters():
        if cluster.id != card.cluster_id:
            move.addAction(swatch(cluster.color), cluster.name,
                           lambda cid=cluster.id: view.controller.move_cards(selected, cid))
    # the taxonomy's topics without a column yet: moving there opens their column
    for key, name, cluster_id in view.controller.service.move_targets():
        if cluster_id is None:
            move.addAction(name, lambda target=name: view.controller.move_cards_to_new_column(selected, target))
    menu.addAction(translate('BoardMenus', 'Lösen') if card.pinned else translate('BoardMenus', 'Anheften (bleibt an ihrem Platz)'),
                   lambda: view.controller.pin_card(card_id, not card.pinned))
    menu.addAction(translate('BoardMenus', 'Neues Thema aus {cards} …').format(cards=cards_text(len(selected))),
                   lambda: view.editing.group_selected(selected))
    menu.addSeparator()
    menu.addAction(translate('BoardMenus', 'Punkt +1'), lambda: view.controller.add_card_vote(card_id, 1))
    menu.addAction(translate('BoardMenus', 'Punkt −1'), lambda: view.controller.add_card_vote(card_id, -1))
    return menu


def cluster_menu(view: "WorkshopView", cluster_id: int) -> QMenu:
    store = view.controller.store
    cluster = store.clusters[cluster_id]
    menu = QMenu(view)
    menu.addAction(translate('BoardMenus', 'Umbenennen …'), lambda: view.editing.rename_cluster_dialog(cluster_id))
    colors = menu.addMenu(translate('BoardMenus', 'Farbe'))
    for color in CALM_COLORS:
        colors.addAction(swatch(color), color, lambda c=color: view.controller.recolor_cluster(cluster_id, c))
    colors.addAction(translate('BoardMenus', 'Andere Farbe …'), lambda: view.editing.recolor_cluster_dialog(cluster_id))
    merge = menu.addMenu(translate('BoardMenus', 'Zusammenführen mit'))
    for other in store.ordered_clusters():
        if other.id != cluster_id:
            merge.addAction(swatch(other.color), other.name,
                            lambda tid=other.id: view.controller.merge_clusters(cluster_id, tid))
    menu.addAction(translate('BoardMenus', 'Teilen …'), lambda: view.editing.split_cluster_dialog(cluster_id))
    menu.addSeparator()
    menu.addAction(translate('BoardMenus', 'Neues Thema …\tStrg+Umschalt+N'), view.editing.create_cluster_dialog)
    remove = menu.addAction(translate('BoardMenus', 'Leeres Thema entfernen'), lambda: view.controller.delete_cluster(cluster_id))
    remove.setEnabled(store.count(cluster_id) == 0)
    menu.addSeparator()
    menu.addAction(translate('BoardMenus', 'Punkt für „{0}“ +1').format(cluster.name), lambda: view.controller.add_cluster_vote(cluster_id, 1))
    menu.addAction(translate('BoardMenus', 'Punkt für „{0}“ −1').format(cluster.name), lambda: view.controller.add_cluster_vote(cluster_id, -1))
    return menu
