<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="de_DE">
<context>
    <name>AddCardCommand</name>
    <message>
        <source>Karte „{0}“ hinzufügen</source>
        <translation>add card “{0}”</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Start der Oberfläche</source>
        <extracomment>choices of the database problem dialog</extracomment>
        <translation>Starting the user interface</translation>
    </message>
</context>
<context>
    <name>Attendance</name>
    <message>
        <source>{n} Personen ohne Einladung sind nicht plausibel.</source>
        <extracomment>more walk-ins than this is a typing error, not a workshop the participation dimension every invitee is counted in exactly once replies an invitee can give (stored values)</extracomment>
        <translation>{n} people without an invitation is not plausible.</translation>
    </message>
    <message>
        <source>Bitte eine Zahl zwischen 0 und {max} eintragen.</source>
        <translation>Please enter a number between 0 and {max}.</translation>
    </message>
</context>
<context>
    <name>AttendanceRow</name>
    <message>
        <source>Anwesend ({key})</source>
        <extracomment>typing pauses longer than this save the walk-ins the spin box value that means &quot;not recorded&quot; the user asked to mark the selected rows present the walk-ins count changed (shown at once, saved shortly after)</extracomment>
        <translation>Present ({key})</translation>
    </message>
    <message>
        <source>Am Workshoptag: markierte Eingeladene als anwesend markieren; noch einmal nimmt die Markierung zurück (Taste {key} in der Tabelle)</source>
        <translation>On the workshop day: mark the selected invitees as present; again takes the mark back (key {key} in the table)</translation>
    </message>
    <message>
        <source>nicht erfasst</source>
        <translation>not recorded</translation>
    </message>
    <message>
        <source>Ohne Einladung gekommen:</source>
        <translation>Came without an invitation:</translation>
    </message>
    <message>
        <source>Anwesenheit noch nicht erfasst – am Workshoptag Anwesende markieren und die Personen ohne Einladung zählen.</source>
        <translation>Attendance not recorded yet – on the workshop day mark who is present and count the people without an invitation.</translation>
    </message>
    <message>
        <source>Teilnehmende: &lt;b&gt;{total}&lt;/b&gt; ({present} von den Eingeladenen, {walk_ins})</source>
        <translation>Participants: &lt;b&gt;{total}&lt;/b&gt; ({present} of the invitees, {walk_ins})</translation>
    </message>
    <message>
        <source>Speichern</source>
        <translation>Saving</translation>
    </message>
</context>
<context>
    <name>BackgroundTask</name>
    <message>
        <source>Abbrechen</source>
        <extracomment>progress bar resolution (QProgressDialog works with ints) emitted once after the callbacks ran; argument is the final :class:`TaskState` value</extracomment>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Wird abgebrochen …</source>
        <translation>Cancelling …</translation>
    </message>
</context>
<context>
    <name>BackupTab</name>
    <message>
        <source> Sicherungen</source>
        <translation> backups</translation>
    </message>
    <message>
        <source> Monate</source>
        <translation> months</translation>
    </message>
    <message>
        <source>Personenschlüssel (Hash) behalten, damit Ausgeloste später ausgeschlossen werden können</source>
        <translation>Keep person keys (hash) so that people already drawn can be excluded later</translation>
    </message>
    <message>
        <source>Automatische &amp;Sicherungen behalten:</source>
        <translation>Keep automatic &amp;backups:</translation>
    </message>
    <message>
        <source>Sicherungsordner:</source>
        <translation>Backup folder:</translation>
    </message>
    <message>
        <source>Personenbezogene Daten &amp;löschen nach:</source>
        <translation>&amp;Delete personal data after:</translation>
    </message>
    <message>
        <source>Während eines Workshops sichert das Programm die Datenbank alle paar Minuten; ältere Sicherungen werden gelöscht. Namen und Anschriften der Eingeladenen werden die angegebene Zahl von Monaten nach dem Termin des Quartierslabors gelöscht; zusammengefasste Zahlen bleiben.</source>
        <translation>During a workshop the app backs up the database every few minutes; older backups are deleted. Names and addresses of invitees are deleted the given number of months after the date of the lab; aggregated figures are kept.</translation>
    </message>
    <message>
        <source>Ohne geöffnete Datenbank lässt sich die Frist nicht ändern.</source>
        <translation>The retention period can only be changed with a database open.</translation>
    </message>
</context>
<context>
    <name>BoardController</name>
    <message>
        <source>Karte „{0}“ bearbeiten</source>
        <extracomment>the disk is full; the text says what was not saved</extracomment>
        <translation>edit card “{0}”</translation>
    </message>
    <message>
        <source>{cards} verschieben</source>
        <translation>move {cards}</translation>
    </message>
    <message>
        <source>Karte anheften</source>
        <translation>pin card</translation>
    </message>
    <message>
        <source>Karte lösen</source>
        <translation>unpin card</translation>
    </message>
    <message>
        <source>Punkte für „{0}“</source>
        <translation>dots for “{0}”</translation>
    </message>
    <message>
        <source>Punkte für Thema „{0}“</source>
        <translation>dots for topic “{0}”</translation>
    </message>
    <message>
        <source>Thema „{name}“ anlegen</source>
        <translation>create topic “{name}”</translation>
    </message>
    <message>
        <source>Thema „{name}“ entfernen</source>
        <translation>remove topic “{name}”</translation>
    </message>
    <message>
        <source>Themen zusammenführen: </source>
        <translation>merge topics: </translation>
    </message>
    <message>
        <source>Thema teilen: „{new_name}“</source>
        <translation>split topic: “{new_name}”</translation>
    </message>
    <message>
        <source>Neues Thema „{name}“ aus Karten</source>
        <translation>new topic “{name}” from cards</translation>
    </message>
    <message>
        <source>Thema „{0}“ umbenennen</source>
        <translation>rename topic “{0}”</translation>
    </message>
    <message>
        <source>Vorschlag „{0}“ übernehmen</source>
        <translation>accept suggestion “{0}”</translation>
    </message>
    <message>
        <source>Alle Karten neu gruppieren</source>
        <translation>regroup all cards</translation>
    </message>
    <message>
        <source>Farbe von „{0}“ ändern</source>
        <translation>change colour of “{0}”</translation>
    </message>
</context>
<context>
    <name>BoardErrors</name>
    <message>
        <source>Der Text der Karte</source>
        <extracomment>what :func:`clean_text` checks, as the subject of its &quot;too long&quot; message</extracomment>
        <translation>The card text</translation>
    </message>
    <message>
        <source>Der Ort</source>
        <translation>The place</translation>
    </message>
    <message>
        <source>Der Tisch</source>
        <translation>The table</translation>
    </message>
    <message>
        <source>Die Karte wurde NICHT gespeichert; sie steht noch in der Eingabezeile.</source>
        <extracomment>what a full disk did not save when a card was added</extracomment>
        <translation>The card was NOT saved; it is still in the entry line.</translation>
    </message>
    <message>
        <source>{what} ist zu lang ({length} Zeichen, höchstens {max_len}).</source>
        <translation>{what} is too long ({length} characters, at most {max_len}).</translation>
    </message>
    <message>
        <source>Kürzen Sie die Karte oder teilen Sie sie auf zwei Karten auf.</source>
        <translation>Shorten the card or split it into two cards.</translation>
    </message>
    <message>
        <source>Diese Karte gibt es nicht mehr.</source>
        <translation>This card no longer exists.</translation>
    </message>
    <message>
        <source>Aktualisieren Sie die Tafel.</source>
        <translation>Refresh the board.</translation>
    </message>
    <message>
        <source>Die Karte ist leer.</source>
        <translation>The card is empty.</translation>
    </message>
    <message>
        <source>Tippen Sie das Anliegen ein und drücken Sie Enter.</source>
        <translation>Type in the concern and press Enter.</translation>
    </message>
    <message>
        <source>Die Karte darf nicht leer sein.</source>
        <translation>The card must not be empty.</translation>
    </message>
    <message>
        <source>Löschen Sie die Karte, wenn sie nicht mehr gebraucht wird.</source>
        <translation>Delete the card if it is no longer needed.</translation>
    </message>
    <message>
        <source>Geben Sie einen kurzen Namen ein, z. B. „Spielplatz“.</source>
        <translation>Enter a short name, e.g. “Playground”.</translation>
    </message>
    <message>
        <source>Der Name des Themas ist leer.</source>
        <translation>The topic name is empty.</translation>
    </message>
    <message>
        <source>Der Name des Themas ist zu lang ({length} Zeichen, höchstens 120).</source>
        <translation>The topic name is too long ({length} characters, at most 120).</translation>
    </message>
    <message>
        <source>„{color}“ ist keine Farbe.</source>
        <translation>“{color}” is not a colour.</translation>
    </message>
    <message>
        <source>Farben werden als #rrggbb angegeben.</source>
        <translation>Colours are given as #rrggbb.</translation>
    </message>
    <message>
        <source>Ein Thema „{name}“ gibt es schon.</source>
        <translation>A topic “{name}” already exists.</translation>
    </message>
    <message>
        <source>Wählen Sie einen anderen Namen oder führen Sie die Themen zusammen.</source>
        <translation>Choose another name or merge the topics.</translation>
    </message>
    <message>
        <source>Das Thema „{name}“ enthält noch {cards}.</source>
        <translation>The topic “{name}” still contains {cards}.</translation>
    </message>
    <message>
        <source>Verschieben Sie die Karten oder führen Sie das Thema mit einem anderen zusammen.</source>
        <translation>Move the cards or merge the topic with another one.</translation>
    </message>
    <message>
        <source>Dieses Thema gibt es nicht mehr.</source>
        <translation>This topic no longer exists.</translation>
    </message>
    <message>
        <source>Es gibt kein Quartierslabor mit der Nummer {lab_id}.</source>
        <extracomment>taxonomy key of the catch-all cluster ``Card.assigned_by`` of a card saved while the clusterer was still being built: it waits in the catch-all cluster until :meth:`BoardService.place_waiting_cards` places it counts every change the clusterer missed while it was not built; a clusterer built off the GUI thread is only taken if this did not move during the build (see :meth:`install_clusterer`) a clusterer is being built off the GUI thread (new cards wait for it, see ``add_card(defer=True)``) ids of cards placed automatically since the last card was added (confirmed when the next one comes)</extracomment>
        <translation>There is no lab with number {lab_id}.</translation>
    </message>
    <message>
        <source>Das Quartierslabor Nr. {lab_id} wurde gelöscht.</source>
        <translation>Lab no. {lab_id} has been deleted.</translation>
    </message>
    <message>
        <source>Ein Thema kann nicht mit sich selbst zusammengeführt werden.</source>
        <translation>A topic cannot be merged with itself.</translation>
    </message>
    <message>
        <source>{n} der gewählten Karten gehört nicht zum Thema „{name}“.</source>
        <translation>{n} of the selected cards does not belong to the topic “{name}”.</translation>
    </message>
    <message>
        <source>{n} der gewählten Karten gehören nicht zum Thema „{name}“.</source>
        <translation>{n} of the selected cards do not belong to the topic “{name}”.</translation>
    </message>
    <message>
        <source>Es sind keine Karten ausgewählt.</source>
        <translation>No cards are selected.</translation>
    </message>
    <message>
        <source>Wählen Sie die Karten für das neue Thema aus.</source>
        <translation>Select the cards for the new topic.</translation>
    </message>
</context>
<context>
    <name>BoardMenus</name>
    <message>
        <source>Bearbeiten …	F2</source>
        <translation>Edit …	F2</translation>
    </message>
    <message>
        <source>Löschen	Entf</source>
        <translation>Delete	Del</translation>
    </message>
    <message>
        <source>Verschieben nach</source>
        <translation>Move to</translation>
    </message>
    <message>
        <source>{what} löschen …	Entf</source>
        <translation>Delete {what} …	Del</translation>
    </message>
    <message>
        <source>{what} verschieben nach</source>
        <translation>Move {what} to</translation>
    </message>
    <message>
        <source>Lösen</source>
        <translation>Unpin</translation>
    </message>
    <message>
        <source>Anheften (bleibt an ihrem Platz)</source>
        <translation>Pin (stays where it is)</translation>
    </message>
    <message>
        <source>Neues Thema aus {cards} …</source>
        <translation>New topic from {cards} …</translation>
    </message>
    <message>
        <source>Punkt +1</source>
        <translation>Dot +1</translation>
    </message>
    <message>
        <source>Punkt −1</source>
        <translation>Dot −1</translation>
    </message>
    <message>
        <source>Umbenennen …</source>
        <translation>Rename …</translation>
    </message>
    <message>
        <source>Farbe</source>
        <translation>Colour</translation>
    </message>
    <message>
        <source>Andere Farbe …</source>
        <translation>Other colour …</translation>
    </message>
    <message>
        <source>Zusammenführen mit</source>
        <translation>Merge with</translation>
    </message>
    <message>
        <source>Teilen …</source>
        <translation>Split …</translation>
    </message>
    <message>
        <source>Neues Thema …	Strg+Umschalt+N</source>
        <translation>New topic …	Ctrl+Shift+N</translation>
    </message>
    <message>
        <source>Leeres Thema entfernen</source>
        <translation>Remove empty topic</translation>
    </message>
    <message>
        <source>Punkt für „{0}“ +1</source>
        <translation>Dot for “{0}” +1</translation>
    </message>
    <message>
        <source>Punkt für „{0}“ −1</source>
        <translation>Dot for “{0}” −1</translation>
    </message>
</context>
<context>
    <name>BudgetDialog</name>
    <message>
        <source>Punktebudget</source>
        <translation>Dot budget</translation>
    </message>
    <message>
        <source>kein Budget</source>
        <translation>no budget</translation>
    </message>
    <message>
        <source>Punkte je Person:</source>
        <translation>Dots per person:</translation>
    </message>
    <message>
        <source>Teilnehmende:</source>
        <translation>Participants:</translation>
    </message>
    <message>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CardDelegate</name>
    <message>
        <source>Ort: {0}</source>
        <extracomment>lines of card text on the board; longer texts are elided each card as painted, by everything its picture depends on: a new card makes its column (and the board, when it scrolls there) repaint many cards; copying a picture is far cheaper than painting the card again</extracomment>
        <translation>Place: {0}</translation>
    </message>
</context>
<context>
    <name>CardDetails</name>
    <message>
        <source>Keine Karte ausgewählt</source>
        <extracomment>the card shown (None: none)</extracomment>
        <translation>No card selected</translation>
    </message>
    <message>
        <source>Klicken Sie eine Karte an, um zu sehen, warum sie in ihrem Thema liegt.</source>
        <translation>Click a card to see why it is in its topic.</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{0}&apos;&gt;■&lt;/span&gt; Thema: &lt;b&gt;{1}&lt;/b&gt;</source>
        <translation>&lt;span style=&apos;color:{0}&apos;&gt;■&lt;/span&gt; Topic: &lt;b&gt;{1}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Ort: {0}</source>
        <translation>Place: {0}</translation>
    </message>
    <message>
        <source>von Hand zugeordnet</source>
        <translation>assigned by hand</translation>
    </message>
    <message>
        <source>gespeichert; wird eingeordnet, sobald die Themen geladen sind</source>
        <translation>saved; placed as soon as the topics are loaded</translation>
    </message>
    <message>
        <source>automatisch zugeordnet (Treffsicherheit {0:.0%})</source>
        <translation>assigned automatically (match confidence {0:.0%})</translation>
    </message>
    <message>
        <source>angeheftet</source>
        <translation>pinned</translation>
    </message>
</context>
<context>
    <name>CardMeta</name>
    <message>
        <source>Tisch {table}</source>
        <extracomment>the word for a table in the languages the UI speaks, optionally with &quot;Nr.&quot;/&quot;no.&quot; and &quot;:&quot; after it</extracomment>
        <translation>Table {table}</translation>
    </message>
</context>
<context>
    <name>CardModel</name>
    <message>
        <source>Ort: {0}</source>
        <translation>Place: {0}</translation>
    </message>
    <message>
        <source>Punkte: {0}</source>
        <translation>Dots: {0}</translation>
    </message>
    <message>
        <source>angeheftet</source>
        <translation>pinned</translation>
    </message>
</context>
<context>
    <name>CardReason</name>
    <message>
        <source>{name} – erkannt an: {words}</source>
        <extracomment>why a card sits in its topic: {name} and {source} are topics, {words} cue words and {card} a card, as typed</extracomment>
        <translation>{name} – recognised by: {words}</translation>
    </message>
    <message>
        <source>{name} – erkannt ({language}): {words}</source>
        <translation>{name} – recognised ({language}): {words}</translation>
    </message>
    <message>
        <source>{name} – ähnlich wie die hier eingeordnete Karte ‚{card}‘</source>
        <translation>{name} – similar to the card placed here: ‘{card}’</translation>
    </message>
    <message>
        <source>{name} – ähnlich wie: ‚{card}‘</source>
        <translation>{name} – similar to: ‘{card}’</translation>
    </message>
    <message>
        <source>{name} – schwache Übereinstimmung</source>
        <translation>{name} – weak match</translation>
    </message>
    <message>
        <source>{name} – passt zu keinem Thema gut (am ehesten {best})</source>
        <translation>{name} – fits no topic well (closest: {best})</translation>
    </message>
    <message>
        <source>{name} – passt zu keinem Thema gut</source>
        <translation>{name} – fits no topic well</translation>
    </message>
    <message>
        <source>{name} – von Hand zugeordnet</source>
        <translation>{name} – placed by the facilitator</translation>
    </message>
    <message>
        <source>{name} – zusammengeführt aus „{source}“</source>
        <translation>{name} – merged from “{source}”</translation>
    </message>
    <message>
        <source>{name} – so hat die Moderation dieselbe Karte zuvor zugeordnet</source>
        <translation>{name} – the facilitator placed the same card here before</translation>
    </message>
    <message>
        <source>{name} – Thema aus der Importdatei</source>
        <translation>{name} – topic from the import file</translation>
    </message>
    <message>
        <source>{name} – wird gleich eingeordnet …</source>
        <translation>{name} – to be placed in a moment …</translation>
    </message>
    <message>
        <source>Teilthema von „{source}“ – als eigenes Thema „{name}“ vorgeschlagen, gemeinsam: {words}</source>
        <translation>Part of “{source}” – proposed as a topic of its own, “{name}”, shared: {words}</translation>
    </message>
    <message>
        <source>Neues Thema „{name}“ vorgeschlagen – gemeinsam: {words}</source>
        <translation>New topic “{name}” proposed – shared: {words}</translation>
    </message>
    <message>
        <source>Thema aus der Importdatei</source>
        <extracomment>reason of a card whose topic came with it in an import file</extracomment>
        <translation>Topic from the import file</translation>
    </message>
</context>
<context>
    <name>ClusterColumn</name>
    <message>
        <source>Noch keine Karten</source>
        <translation>No cards yet</translation>
    </message>
    <message>
        <source>Karten hierher ziehen</source>
        <translation>Drag cards here</translation>
    </message>
    <message>
        <source>{total} (Thema {0}, Karten {1})</source>
        <translation>{total} (topic {0}, cards {1})</translation>
    </message>
</context>
<context>
    <name>ClusterList</name>
    <message>
        <source>Thema</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>noch keine Empfehlung</source>
        <translation>no recommendation yet</translation>
    </message>
    <message>
        <source>Doppelklick: neue Empfehlung zu diesem Thema</source>
        <translation>Double-click: new recommendation for this topic</translation>
    </message>
</context>
<context>
    <name>ClustererLoader</name>
    <message>
        <source>Themen laden</source>
        <extracomment>the clusterer is in place and the waiting cards are placed</extracomment>
        <translation>Loading topics</translation>
    </message>
</context>
<context>
    <name>ComparisonTables</name>
    <message>
        <source>Stadtbezirk</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Quartierslabor</source>
        <translation>Lab</translation>
    </message>
    <message>
        <source>Teilnehmende</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Anliegen</source>
        <translation>Concerns</translation>
    </message>
    <message>
        <source>Punkte</source>
        <translation>Dots</translation>
    </message>
    <message>
        <source>Themen</source>
        <translation>Topics</translation>
    </message>
    <message>
        <source>Empfehlungen</source>
        <translation>Recommendations</translation>
    </message>
    <message>
        <source>umgesetzt</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>nicht erfasst</source>
        <translation>not recorded</translation>
    </message>
    <message>
        <source>{done} von {0}</source>
        <translation>{done} of {0}</translation>
    </message>
    <message>
        <source>{0}: {1}, {2}</source>
        <translation>{0}: {1}, {2}</translation>
    </message>
    <message>
        <source>Vergleich</source>
        <translation>Comparison</translation>
    </message>
    <message>
        <source>Thema</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>Anteil vorher</source>
        <translation>Share before</translation>
    </message>
    <message>
        <source>Anteil jetzt</source>
        <translation>Share now</translation>
    </message>
    <message>
        <source>Veränderung</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>neu (+{delta:.0f} Pp.)</source>
        <translation>new (+{delta:.0f} pp)</translation>
    </message>
    <message>
        <source>nicht mehr genannt ({delta:.0f} Pp.)</source>
        <translation>no longer mentioned ({delta:.0f} pp)</translation>
    </message>
    <message>
        <source>{delta:+.0f} Prozentpunkte</source>
        <translation>{delta:+.0f} percentage points</translation>
    </message>
    <message>
        <source>Labor vom</source>
        <translation>Lab of</translation>
    </message>
    <message>
        <source>Empfehlung</source>
        <translation>Recommendation</translation>
    </message>
    <message>
        <source>Handlungsfeld</source>
        <translation>Field of action</translation>
    </message>
    <message>
        <source>Zuständig</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>Priorität</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Notiz zum Stand</source>
        <translation>Progress note</translation>
    </message>
    <message>
        <source>zuletzt geändert</source>
        <translation>last changed</translation>
    </message>
    <message>
        <source>ohne Datum</source>
        <translation>no date</translation>
    </message>
</context>
<context>
    <name>ComparisonView</name>
    <message>
        <source>Alle Stadtbezirke</source>
        <translation>All districts</translation>
    </message>
    <message>
        <source>Stadtbezirk</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Vergleich als PDF exportieren …</source>
        <translation>Export comparison as PDF …</translation>
    </message>
    <message>
        <source>Vergleich als Excel exportieren …</source>
        <translation>Export comparison as Excel …</translation>
    </message>
    <message>
        <source>Labore nach Stadtbezirk und Datum</source>
        <translation>Labs by district and date</translation>
    </message>
    <message>
        <source>Handlungsfeld</source>
        <translation>Field of action</translation>
    </message>
    <message>
        <source>Anteil der Anliegen je Handlungsfeld</source>
        <translation>Share of concerns per field of action</translation>
    </message>
    <message>
        <source>Veränderung seit dem letzten Labor</source>
        <translation>Change since the last lab</translation>
    </message>
    <message>
        <source>Noch kein Stadtbezirk mit zwei Quartierslaboren. Sobald ein Bezirk ein zweites Mal dran war, steht hier, wie sich seine Anliegen seit dem letzten Labor verändert haben.</source>
        <translation>No district has had two labs yet. Once a district has had its second lab, this shows how its concerns have changed since the previous one.</translation>
    </message>
    <message>
        <source>Stand der Empfehlungen</source>
        <translation>Progress of recommendations</translation>
    </message>
    <message>
        <source>Nur frühere Labore (ohne das jeweils jüngste Labor eines Bezirks)</source>
        <translation>Earlier labs only (without the latest lab of each district)</translation>
    </message>
    <message>
        <source>Was ist aus den Empfehlungen der vorigen Labore geworden?</source>
        <translation>What became of the recommendations of earlier labs?</translation>
    </message>
    <message>
        <source>Thema</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>Anteil der Anliegen je Thema</source>
        <translation>Share of concerns per topic</translation>
    </message>
    <message>
        <source>Anliegen je Thema</source>
        <translation>Concerns per topic</translation>
    </message>
    <message>
        <source>Anliegen je Handlungsfeld</source>
        <translation>Concerns per field of action</translation>
    </message>
    <message>
        <source>Stand früherer Empfehlungen</source>
        <translation>Progress of earlier recommendations</translation>
    </message>
    <message>
        <source>Stadtbezirk:</source>
        <translation>District:</translation>
    </message>
    <message>
        <source>Quartierslabore nach Stadtbezirk und Datum</source>
        <translation>Labs by district and date</translation>
    </message>
    <message>
        <source>Handlungsfeld (Masterplan 2.0)</source>
        <translation>Field of action (Masterplan 2.0)</translation>
    </message>
    <message>
        <source>{labs} in {districts} ({scope}). Anteile: Anteil der Anliegen eines Labors, die auf ein Thema entfallen.</source>
        <translation>{labs} in {districts} ({scope}). Shares: the part of a lab’s concerns that falls to a topic.</translation>
    </message>
    <message>
        <source>Stadtbezirk {0}</source>
        <translation>district {0}</translation>
    </message>
    <message>
        <source>alle Stadtbezirke</source>
        <translation>all districts</translation>
    </message>
    <message>
        <source>Noch keine Quartierslabore angelegt.</source>
        <translation>No labs created yet.</translation>
    </message>
    <message>
        <source>Keine Empfehlungen in dieser Auswahl.</source>
        <translation>No recommendations in this selection.</translation>
    </message>
    <message>
        <source>Quartierslabor</source>
        <translation>Lab</translation>
    </message>
    <message>
        <source>Vergleich</source>
        <translation>Comparison</translation>
    </message>
    <message>
        <source>Vergleich als PDF exportieren</source>
        <translation>Export comparison as PDF</translation>
    </message>
    <message>
        <source>Vergleich gespeichert.</source>
        <translation>Comparison saved.</translation>
    </message>
    <message>
        <source>Vergleich als Excel exportieren</source>
        <translation>Export comparison as Excel</translation>
    </message>
    <message>
        <source>Excel-Arbeitsmappe mit dem Vergleich gespeichert.</source>
        <translation>Excel workbook with the comparison saved.</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message>
        <source>{n} Karte</source>
        <translation>{n} card</translation>
    </message>
    <message>
        <source>{n} Karten</source>
        <translation>{n} cards</translation>
    </message>
    <message>
        <source>{n} Thema</source>
        <translation>{n} topic</translation>
    </message>
    <message>
        <source>{n} Themen</source>
        <translation>{n} topics</translation>
    </message>
    <message>
        <source>{n} Anliegen</source>
        <translation>{n} concerns</translation>
    </message>
    <message>
        <source>{n} Empfehlung</source>
        <translation>{n} recommendation</translation>
    </message>
    <message>
        <source>{n} Empfehlungen</source>
        <translation>{n} recommendations</translation>
    </message>
    <message>
        <source>{n} Zeile</source>
        <translation>{n} row</translation>
    </message>
    <message>
        <source>{n} Zeilen</source>
        <translation>{n} rows</translation>
    </message>
    <message>
        <source>{n} Spalte</source>
        <translation>{n} column</translation>
    </message>
    <message>
        <source>{n} Spalten</source>
        <translation>{n} columns</translation>
    </message>
    <message>
        <source>{n} ungültige Zeile</source>
        <translation>{n} invalid row</translation>
    </message>
    <message>
        <source>{n} ungültige Zeilen</source>
        <translation>{n} invalid rows</translation>
    </message>
    <message>
        <source>{n} Hinweis</source>
        <translation>{n} note</translation>
    </message>
    <message>
        <source>{n} Hinweise</source>
        <translation>{n} notes</translation>
    </message>
    <message>
        <source>{n} Klebepunkt</source>
        <translation>{n} dot</translation>
    </message>
    <message>
        <source>{n} Klebepunkte</source>
        <translation>{n} dots</translation>
    </message>
    <message>
        <source>{n} Punkt</source>
        <translation>{n} dot</translation>
    </message>
    <message>
        <source>{n} Punkte</source>
        <translation>{n} dots</translation>
    </message>
    <message>
        <source>+{n} weiteres Thema</source>
        <translation>+{n} more topic</translation>
    </message>
    <message>
        <source>+{n} weitere Themen</source>
        <translation>+{n} more topics</translation>
    </message>
    <message>
        <source>{n} Eingeladene</source>
        <translation>{n} invitees</translation>
    </message>
    <message>
        <source>{n} Labor</source>
        <translation>{n} lab</translation>
    </message>
    <message>
        <source>{n} Labore</source>
        <translation>{n} labs</translation>
    </message>
    <message>
        <source>{n} Person ohne Einladung</source>
        <translation>{n} person without an invitation</translation>
    </message>
    <message>
        <source>{n} Personen ohne Einladung</source>
        <translation>{n} people without an invitation</translation>
    </message>
    <message>
        <source>{n} Person</source>
        <translation>{n} person</translation>
    </message>
    <message>
        <source>{n} Personen</source>
        <translation>{n} people</translation>
    </message>
    <message>
        <source>{n} Zusage</source>
        <translation>{n} acceptance</translation>
    </message>
    <message>
        <source>{n} Zusagen</source>
        <translation>{n} acceptances</translation>
    </message>
    <message>
        <source>{n} anwesend</source>
        <translation>{n} present</translation>
    </message>
    <message>
        <source>+{n} weitere Karte</source>
        <translation>+{n} more card</translation>
    </message>
    <message>
        <source>+{n} weitere Karten</source>
        <translation>+{n} more cards</translation>
    </message>
    <message>
        <source>{n} Platz</source>
        <translation>{n} place</translation>
    </message>
    <message>
        <source>{n} Plätze</source>
        <translation>{n} places</translation>
    </message>
    <message>
        <source>Noch {n} Platz frei.</source>
        <translation>{n} place still free.</translation>
    </message>
    <message>
        <source>Noch {n} Plätze frei.</source>
        <translation>{n} places still free.</translation>
    </message>
    <message>
        <source>{n} Zusage mehr als Plätze.</source>
        <translation>{n} more acceptance than places.</translation>
    </message>
    <message>
        <source>{n} Zusagen mehr als Plätze.</source>
        <translation>{n} more acceptances than places.</translation>
    </message>
    <message>
        <source>{n} Brief</source>
        <translation>{n} letter</translation>
    </message>
    <message>
        <source>{n} Briefe</source>
        <translation>{n} letters</translation>
    </message>
    <message>
        <source>{n} Einladung</source>
        <translation>{n} invitation</translation>
    </message>
    <message>
        <source>{n} Einladungen</source>
        <translation>{n} invitations</translation>
    </message>
    <message>
        <source>{n} Ziehungsprotokoll</source>
        <translation>{n} draw record</translation>
    </message>
    <message>
        <source>{n} Ziehungsprotokolle</source>
        <translation>{n} draw records</translation>
    </message>
    <message>
        <source>{n} eingeladene Person</source>
        <translation>{n} invitee</translation>
    </message>
    <message>
        <source>{n} eingeladene Personen</source>
        <translation>{n} invitees</translation>
    </message>
    <message>
        <source>{n} Sicherungskopie</source>
        <translation>{n} backup copy</translation>
    </message>
    <message>
        <source>{n} Sicherungskopien</source>
        <translation>{n} backup copies</translation>
    </message>
    <message>
        <source>{n} weitere Kopie der Datenbank</source>
        <translation>{n} further copy of the database</translation>
    </message>
    <message>
        <source>{n} weitere Kopien der Datenbank</source>
        <translation>{n} further copies of the database</translation>
    </message>
    <message>
        <source>{n} Monat</source>
        <translation>{n} month</translation>
    </message>
    <message>
        <source>{n} Monate</source>
        <translation>{n} months</translation>
    </message>
    <message>
        <source>{n} Problem</source>
        <translation>{n} problem</translation>
    </message>
    <message>
        <source>{n} Probleme</source>
        <translation>{n} problems</translation>
    </message>
    <message>
        <source>{n} weiteres Problem</source>
        <translation>{n} more problem</translation>
    </message>
    <message>
        <source>{n} weitere Probleme</source>
        <translation>{n} more problems</translation>
    </message>
    <message>
        <source>{n} Schicht</source>
        <translation>{n} stratum</translation>
    </message>
    <message>
        <source>{n} Schichten</source>
        <translation>{n} strata</translation>
    </message>
    <message>
        <source>{n} Nachrücker</source>
        <translation>{n} replacements</translation>
    </message>
    <message>
        <source>in {n} Haushalt</source>
        <translation>in {n} household</translation>
    </message>
    <message>
        <source>in {n} Haushalten</source>
        <translation>in {n} households</translation>
    </message>
    <message>
        <source>{n} Mitglied</source>
        <translation>{n} member</translation>
    </message>
    <message>
        <source>{n} Mitglieder</source>
        <translation>{n} members</translation>
    </message>
    <message>
        <source>{n} Haushalt</source>
        <translation>{n} household</translation>
    </message>
    <message>
        <source>{n} Haushalte</source>
        <translation>{n} households</translation>
    </message>
    <message>
        <source>{n} Gruppe</source>
        <translation>{n} group</translation>
    </message>
    <message>
        <source>{n} Gruppen</source>
        <translation>{n} groups</translation>
    </message>
    <message>
        <source>{n} Seite</source>
        <translation>{n} page</translation>
    </message>
    <message>
        <source>{n} Seiten</source>
        <translation>{n} pages</translation>
    </message>
    <message>
        <source>ab {n} Jahr</source>
        <translation>{n} year and older</translation>
    </message>
    <message>
        <source>ab {n} Jahren</source>
        <translation>{n} years and older</translation>
    </message>
    <message>
        <source>höchstens {n} Jahr alt</source>
        <translation>at most {n} year old</translation>
    </message>
    <message>
        <source>höchstens {n} Jahre alt</source>
        <translation>at most {n} years old</translation>
    </message>
    <message>
        <source>von denen {n} teilnehmen darf</source>
        <translation>of whom {n} may take part</translation>
    </message>
    <message>
        <source>von denen {n} teilnehmen dürfen</source>
        <translation>of whom {n} may take part</translation>
    </message>
    <message>
        <source>wurde{when} {n} Person zufällig für eine Einladung ausgewählt</source>
        <translation>{n} person was chosen at random{when} for an invitation</translation>
    </message>
    <message>
        <source>wurden{when} {n} Personen zufällig für eine Einladung ausgewählt</source>
        <translation>{n} people were chosen at random{when} for an invitation</translation>
    </message>
    <message>
        <source>{n} Person, die schon früher eingeladen war, wurde nicht erneut gezogen.</source>
        <translation>{n} person who had been invited before was not drawn again.</translation>
    </message>
    <message>
        <source>{n} Personen, die schon früher eingeladen waren, wurden nicht erneut gezogen.</source>
        <translation>{n} people who had been invited before were not drawn again.</translation>
    </message>
    <message>
        <source>{n} Mitglied des Panels hat abgesagt.</source>
        <translation>{n} member of the panel has declined.</translation>
    </message>
    <message>
        <source>{n} Mitglieder des Panels haben abgesagt.</source>
        <translation>{n} members of the panel have declined.</translation>
    </message>
    <message>
        <source>Das übrige Mitglied bleibt</source>
        <translation>The remaining member stays</translation>
    </message>
    <message>
        <source>Die übrigen {n} bleiben</source>
        <translation>The remaining {n} stay</translation>
    </message>
    <message>
        <source>für den freien Platz</source>
        <translation>for the free place</translation>
    </message>
    <message>
        <source>für die {n} freien Plätze</source>
        <translation>for the {n} free places</translation>
    </message>
    <message>
        <source>unter der einen Zusage, die noch nicht im Panel war</source>
        <translation>among the one acceptance that was not yet in the panel</translation>
    </message>
    <message>
        <source>unter den {n} Zusagen, die noch nicht im Panel waren</source>
        <translation>among the {n} acceptances that were not yet in the panel</translation>
    </message>
    <message>
        <source>unter {n} übrigen Zusage</source>
        <translation>among {n} remaining acceptance</translation>
    </message>
    <message>
        <source>unter {n} übrigen Zusagen</source>
        <translation>among {n} remaining acceptances</translation>
    </message>
    <message>
        <source>Aus {n} Zusage</source>
        <translation>From {n} acceptance</translation>
    </message>
    <message>
        <source>Aus {n} Zusagen</source>
        <translation>From {n} acceptances</translation>
    </message>
    <message>
        <source>wurde {n} teilnehmende Person ausgelost</source>
        <translation>{n} participant was drawn</translation>
    </message>
    <message>
        <source>wurden {n} Teilnehmende ausgelost</source>
        <translation>{n} participants were drawn</translation>
    </message>
    <message>
        <source>Es soll {n} Person eingeladen werden</source>
        <translation>{n} person is to be invited</translation>
    </message>
    <message>
        <source>Es sollen {n} Personen eingeladen werden</source>
        <translation>{n} people are to be invited</translation>
    </message>
    <message>
        <source>nur {n} Person ist teilnahmeberechtigt</source>
        <translation>only {n} person is eligible</translation>
    </message>
    <message>
        <source>nur {n} Personen sind teilnahmeberechtigt</source>
        <translation>only {n} people are eligible</translation>
    </message>
    <message>
        <source>{n} davon wurde schon früher eingeladen</source>
        <translation>{n} of them was invited before</translation>
    </message>
    <message>
        <source>{n} davon wurden schon früher eingeladen</source>
        <translation>{n} of them were invited before</translation>
    </message>
    <message>
        <source>die {n} ziehbare Person</source>
        <translation>the {n} person who can be drawn</translation>
    </message>
    <message>
        <source>die {n} ziehbaren Personen</source>
        <translation>the {n} people who can be drawn</translation>
    </message>
    <message>
        <source>Höchstens {n} Nachrücker ist möglich.</source>
        <translation>At most {n} replacement is possible.</translation>
    </message>
    <message>
        <source>Höchstens {n} Nachrücker sind möglich.</source>
        <translation>At most {n} replacements are possible.</translation>
    </message>
    <message>
        <source>von {n} Platz</source>
        <translation>of {n} place</translation>
    </message>
    <message>
        <source>von {n} Plätzen</source>
        <translation>of {n} places</translation>
    </message>
    <message>
        <source>{n} Quartierslabor</source>
        <translation>{n} lab</translation>
    </message>
    <message>
        <source>{n} Quartierslabore</source>
        <translation>{n} labs</translation>
    </message>
    <message>
        <source>{n} Stadtbezirk</source>
        <translation>{n} district</translation>
    </message>
    <message>
        <source>{n} Stadtbezirken</source>
        <translation>{n} districts</translation>
    </message>
    <message>
        <source>Zeile {rows} ist</source>
        <translation>row {rows} is</translation>
    </message>
    <message>
        <source>Zeilen {rows} sind</source>
        <translation>rows {rows} are</translation>
    </message>
    <message>
        <source>Zeile {rows}</source>
        <translation>row {rows}</translation>
    </message>
    <message>
        <source>Zeilen {rows}</source>
        <translation>rows {rows}</translation>
    </message>
    <message>
        <source>{rows} und {more} weitere</source>
        <extracomment>row numbers a message lists before it says how many more there are</extracomment>
        <translation>{rows} and {more} more</translation>
    </message>
    <message>
        <source>{number} von {total}</source>
        <translation>{number} of {total}</translation>
    </message>
    <message>
        <source>{cards} in {topics}</source>
        <translation>{cards} in {topics}</translation>
    </message>
    <message>
        <source>{concerns} in {topics}</source>
        <translation>{concerns} in {topics}</translation>
    </message>
</context>
<context>
    <name>CountsSingular</name>
    <message>
        <source>{n} Anliegen</source>
        <translation>{n} concern</translation>
    </message>
    <message>
        <source>{n} Eingeladene</source>
        <translation>{n} invitee</translation>
    </message>
    <message>
        <source>{n} anwesend</source>
        <translation>{n} present</translation>
    </message>
    <message>
        <source>{n} Nachrücker</source>
        <translation>{n} replacement</translation>
    </message>
</context>
<context>
    <name>CreateRecommendationCommand</name>
    <message>
        <source>Empfehlung „{0}“ anlegen</source>
        <translation>create recommendation “{0}”</translation>
    </message>
</context>
<context>
    <name>DataFolder</name>
    <message>
        <source>Sie können den Datenordner unter „Einstellungen → Datenordner / Datenbank“ neu wählen oder dort „Standardordner verwenden“ wählen.</source>
        <extracomment>per-machine preferences (settings.json, window layout): copied whenever missing in the new folder folders copied with the data (files missing in the new folder only) a chosen folder that holds other things gets the data in a subfolder of this name free space kept on the target drive beyond the copied data</extracomment>
        <translation>You can choose the data folder again under “Settings → Data folder / database” or choose “Use default folder” there.</translation>
    </message>
    <message>
        <source>Die Datei „{pointer}“, die den gewählten Datenordner nennt, ist beschädigt. Das Programm verwendet deshalb den Standardordner „{folder}“.
{where}</source>
        <translation>The file “{pointer}” that names the chosen data folder is damaged. The program therefore uses the default folder “{folder}”.
{where}</translation>
    </message>
    <message>
        <source>ist schreibgeschützt – Daten können dort nicht gespeichert werden</source>
        <translation>is write-protected – data cannot be saved there</translation>
    </message>
    <message>
        <source>ist nicht erreichbar (zum Beispiel ist der USB-Stick nicht eingesteckt oder das Netzlaufwerk nicht verbunden)</source>
        <translation>cannot be reached (for example, the USB stick is not plugged in or the network drive is not connected)</translation>
    </message>
    <message>
        <source>kann nicht verwendet werden</source>
        <translation>cannot be used</translation>
    </message>
    <message>
        <source>Der gewählte Datenordner „{chosen}“ {reason}. Das Programm verwendet deshalb den Standardordner „{folder}“; was Sie jetzt speichern, landet dort.
Schließen Sie den Datenträger an und starten Sie das Programm neu. {where}</source>
        <translation>The chosen data folder “{chosen}” {reason}. The program therefore uses the default folder “{folder}”; whatever you save now goes there.
Connect the drive and restart the program. {where}</translation>
    </message>
    <message>
        <source>Der Ordner „{folder}“ kann nicht angelegt werden: „{existing}“ ist eine Datei.</source>
        <translation>The folder “{folder}” cannot be created: “{existing}” is a file.</translation>
    </message>
    <message>
        <source>Wählen Sie einen anderen Ordner.</source>
        <translation>Choose another folder.</translation>
    </message>
    <message>
        <source>In den Ordner „{folder}“ kann nicht geschrieben werden ({reason}).</source>
        <translation>Cannot write to the folder “{folder}” ({reason}).</translation>
    </message>
    <message>
        <source>Wählen Sie einen Ordner, in dem Sie Schreibrechte haben, und prüfen Sie, ob der Datenträger schreibgeschützt ist.</source>
        <translation>Choose a folder you have write access to, and check whether the drive is write-protected.</translation>
    </message>
    <message>
        <source>Es wurde kein Ordner gewählt.</source>
        <translation>No folder was chosen.</translation>
    </message>
    <message>
        <source>Wählen Sie einen Ordner für die Daten.</source>
        <translation>Choose a folder for the data.</translation>
    </message>
    <message>
        <source>Der Ordner „{target}“ liegt innerhalb des bisherigen Datenordners „{current}“.</source>
        <translation>The folder “{target}” is inside the current data folder “{current}”.</translation>
    </message>
    <message>
        <source>Wählen Sie einen Ordner außerhalb des bisherigen Datenordners.</source>
        <translation>Choose a folder outside the current data folder.</translation>
    </message>
    <message>
        <source>„{target}“ ist eine Datei, kein Ordner.</source>
        <translation>“{target}” is a file, not a folder.</translation>
    </message>
    <message>
        <source>Wählen Sie einen Ordner.</source>
        <translation>Choose a folder.</translation>
    </message>
    <message>
        <source>Im Ordner „{target}“ liegt eine Datei {file}, die keine intakte Quartierslabor-Datenbank ist: {problem}</source>
        <translation>The folder “{target}” contains a file {file} that is not an intact Quartierslabor database: {problem}</translation>
    </message>
    <message>
        <source>Wählen Sie einen anderen Ordner oder stellen Sie die Datenbank dort aus einer Sicherung wieder her.</source>
        <translation>Choose another folder or restore the database there from a backup.</translation>
    </message>
    <message>
        <source>Im Ordner „{target}“ liegt die Datei „{file}“ ohne die zugehörige Datenbank.</source>
        <translation>The folder “{target}” contains the file “{file}” without its database.</translation>
    </message>
    <message>
        <source>Entfernen Sie diese Datei oder wählen Sie einen anderen Ordner.</source>
        <translation>Remove this file or choose another folder.</translation>
    </message>
    <message>
        <source>Im Ordner „{target}“ ist nicht genug Platz frei (benötigt: {needed}, frei: {free}).</source>
        <translation>There is not enough free space in the folder “{target}” (needed: {needed}, free: {free}).</translation>
    </message>
    <message>
        <source>Wählen Sie einen Datenträger mit mehr freiem Platz.</source>
        <translation>Choose a drive with more free space.</translation>
    </message>
</context>
<context>
    <name>DataTab</name>
    <message>
        <source>Ordner öffnen</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>Anderen Ordner &amp;wählen …</source>
        <translation>&amp;Choose another folder …</translation>
    </message>
    <message>
        <source>&amp;Standardordner verwenden</source>
        <translation>Use de&amp;fault folder</translation>
    </message>
    <message>
        <source>Vorhandene Daten in den neuen Ordner &amp;kopieren (Datenbank, Sicherungen, Protokolle)</source>
        <translation>Cop&amp;y existing data to the new folder (database, backups, logs)</translation>
    </message>
    <message>
        <source>leer: Datei im Datenordner (SQLite)</source>
        <translation>empty: file in the data folder (SQLite)</translation>
    </message>
    <message>
        <source>Beispiel: postgresql+psycopg://benutzer:passwort@server/quartierslabor</source>
        <translation>Example: postgresql+psycopg://user:password@server/quartierslabor</translation>
    </message>
    <message>
        <source>Datenordner:</source>
        <translation>Data folder:</translation>
    </message>
    <message>
        <source>Lokale Datenbank:</source>
        <translation>Local database:</translation>
    </message>
    <message>
        <source>Gemeinsame &amp;Datenbank (PostgreSQL):</source>
        <translation>Shared &amp;database (PostgreSQL):</translation>
    </message>
    <message>
        <source>Der Datenordner enthält die lokale Datenbank, die Einstellungen dieses Rechners, Sicherungen und Protokolle. Ein anderer Ordner – eine größere Festplatte, ein Ordner, den die IT sichert, ein USB-Stick – gilt ab dem nächsten Start. Die Daten werden dabei kopiert; im bisherigen Ordner wird nichts gelöscht. Liegt im gewählten Ordner schon eine Datenbank, wird diese verwendet und nicht überschrieben. Ist der gewählte Ordner beim Start nicht erreichbar, arbeitet das Programm im Standardordner und sagt das.</source>
        <translation>The data folder holds the local database, this computer&apos;s settings, backups and logs. Another folder – a larger disk, a folder backed up by IT, a USB stick – is used from the next start. The data is copied; nothing is deleted in the previous folder. If the chosen folder already contains a database, that database is used and not overwritten. If the chosen folder cannot be reached at start, the program works in the default folder and says so.</translation>
    </message>
    <message>
        <source>Der Datenordner ist mit der Umgebungsvariablen {0} festgelegt und lässt sich hier nicht ändern.</source>
        <translation>The data folder is set by the environment variable {0} and cannot be changed here.</translation>
    </message>
    <message>
        <source>Datenordner wählen</source>
        <translation>Choose data folder</translation>
    </message>
    <message>
        <source>Mit „OK“ wird der nicht erreichbare Ordner „{0}“ vergessen; der Standardordner bleibt der Datenordner.</source>
        <translation>With “OK” the unreachable folder “{0}” is forgotten; the default folder remains the data folder.</translation>
    </message>
    <message>
        <source>In diesem Ordner liegt bereits eine Datenbank (zuletzt geändert {0}). Mit „OK“ wird sie ab dem nächsten Start verwendet; es wird nichts hineinkopiert und nichts überschrieben.</source>
        <translation>This folder already contains a database (last changed {0}). With “OK” it is used from the next start; nothing is copied into it and nothing is overwritten.</translation>
    </message>
    <message>
        <source>Mit „OK“ werden die Daten ({0} MB) in diesen Ordner kopiert; er gilt ab dem nächsten Start.</source>
        <translation>With “OK” the data ({0} MB) is copied to this folder; it is used from the next start.</translation>
    </message>
    <message>
        <source>Mit „OK“ gilt dieser Ordner ab dem nächsten Start; dort entsteht eine neue, leere Datenbank.</source>
        <translation>With “OK” this folder is used from the next start; a new, empty database is created there.</translation>
    </message>
    <message>
        <source>Im bisherigen Ordner wird nichts gelöscht.</source>
        <translation>Nothing is deleted in the previous folder.</translation>
    </message>
    <message>
        <source>Mit der Adresse einer PostgreSQL-Datenbank arbeiten mehrere Moderierende mit denselben Daten. Die Änderung gilt ab dem nächsten Start. Die Umgebungsvariable {0} hat Vorrang.</source>
        <translation>With the address of a PostgreSQL database, several facilitators work on the same data. The change applies from the next start. The environment variable {0} takes precedence.</translation>
    </message>
    <message>
        <source>Daten in den neuen Ordner kopieren</source>
        <translation>Copying data to the new folder</translation>
    </message>
    <message>
        <source>Das Kopieren wurde abgebrochen. Der bisherige Datenordner bleibt in Gebrauch; die übrigen Einstellungen sind gespeichert.</source>
        <translation>Copying was cancelled. The previous data folder stays in use; the other settings have been saved.</translation>
    </message>
    <message>
        <source>Der Datenordner wurde nicht geändert.</source>
        <translation>The data folder was not changed.</translation>
    </message>
    <message>
        <source>Datenordner geändert</source>
        <translation>Data folder changed</translation>
    </message>
    <message>
        <source>Ab dem nächsten Start verwendet das Programm den Datenordner „{0}“ mit der dort vorhandenen Datenbank.</source>
        <translation>From the next start the program uses the data folder “{0}” with the database already there.</translation>
    </message>
    <message>
        <source>Die Daten wurden nach „{0}“ kopiert. Ab dem nächsten Start verwendet das Programm diesen Ordner.</source>
        <translation>The data has been copied to “{0}”. The program uses this folder from the next start.</translation>
    </message>
    <message>
        <source>Ab dem nächsten Start verwendet das Programm den Datenordner „{0}“.</source>
        <translation>From the next start the program uses the data folder “{0}”.</translation>
    </message>
    <message>
        <source>Im bisherigen Ordner „{0}“ wurde nichts gelöscht.</source>
        <translation>Nothing was deleted in the previous folder “{0}”.</translation>
    </message>
    <message>
        <source>Bitte starten Sie das Programm jetzt neu: Was Sie bis dahin an Laboren, Karten oder Einladungen ändern, bleibt in der bisherigen Datenbank und wird nicht übernommen.</source>
        <translation>Please restart the program now: any changes to labs, cards or invitations made until then stay in the previous database and are not carried over.</translation>
    </message>
</context>
<context>
    <name>DatabaseError</name>
    <message>
        <source>Stellen Sie die letzte Sicherung wieder her.</source>
        <extracomment>the newest migration in db/versions. Opening a database that is already at this revision needs no Alembic import at all (saves about half a second of start time); a test checks that this constant equals Alembic&apos;s head.</extracomment>
        <translation>Restore the latest backup.</translation>
    </message>
    <message>
        <source>Die Datenbankdatei ist leer (0 Bytes), obwohl es Sicherungen von ihr gibt: ihr Inhalt ist verloren gegangen.</source>
        <translation>The database file is empty (0 bytes) although there are backups of it: its content has been lost.</translation>
    </message>
    <message>
        <source>Die Datei ist keine Quartierslabor-Datenbank oder sie ist beschädigt (der Dateikopf fehlt).</source>
        <translation>The file is not a Quartierslabor database or it is damaged (the file header is missing).</translation>
    </message>
    <message>
        <source>Stellen Sie die letzte Sicherung wieder her oder wählen Sie eine andere Datei.</source>
        <translation>Restore the latest backup or choose another file.</translation>
    </message>
    <message>
        <source>Die Datenbank ist beschädigt und kann nicht gelesen werden ({error}).</source>
        <translation>The database is damaged and cannot be read ({error}).</translation>
    </message>
    <message>
        <source>Die Datenbank ist beschädigt (Prüfung meldet: {result}).</source>
        <translation>The database is damaged (the check reports: {result}).</translation>
    </message>
    <message>
        <source>Die Datenbankadresse ist ungültig: {error}</source>
        <translation>The database address is invalid: {error}</translation>
    </message>
    <message>
        <source>Prüfen Sie die Adresse in den Einstellungen.</source>
        <translation>Check the address in the settings.</translation>
    </message>
    <message>
        <source>Die Datenbank kann nicht geöffnet werden: {error}</source>
        <translation>The database cannot be opened: {error}</translation>
    </message>
    <message>
        <source>Prüfen Sie Datei bzw. Serververbindung oder stellen Sie eine Sicherung wieder her.</source>
        <translation>Check the file or the server connection, or restore a backup.</translation>
    </message>
    <message>
        <source>Die Datenbank stammt aus einer neueren Version von Quartierslabor (Schema {schema}).</source>
        <translation>The database comes from a newer version of Quartierslabor (schema {schema}).</translation>
    </message>
    <message>
        <source>Installieren Sie die aktuelle Version der App.</source>
        <translation>Install the current version of the app.</translation>
    </message>
</context>
<context>
    <name>DatabaseProblemDialog</name>
    <message>
        <source>{name} (vom {stamp})</source>
        <translation>{name} (from {stamp})</translation>
    </message>
    <message>
        <source>Quartierslabor – Datenbank kann nicht geöffnet werden</source>
        <translation>Quartierslabor – the database cannot be opened</translation>
    </message>
    <message>
        <source>&lt;b&gt;Die Datenbank kann nicht geöffnet werden.&lt;/b&gt;</source>
        <translation>&lt;b&gt;The database cannot be opened.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Letzte Sicherung: {0}.&lt;br&gt;Beim Wiederherstellen bleibt die beschädigte Datei als „.defekt“ daneben erhalten.</source>
        <translation>Latest backup: {0}.&lt;br&gt;When restoring, the damaged file is kept next to it as “.defekt”.</translation>
    </message>
    <message>
        <source>Letzte Sicherung wiederherstellen</source>
        <translation>Restore latest backup</translation>
    </message>
    <message>
        <source>Es gibt keine Sicherung. Sie können mit einer leeren Datenbank beginnen; die beschädigte Datei wird dabei als „.defekt“ aufbewahrt, nicht gelöscht.</source>
        <translation>There is no backup. You can start with an empty database; the damaged file is then kept as “.defekt”, not deleted.</translation>
    </message>
    <message>
        <source>Mit leerer Datenbank beginnen</source>
        <translation>Start with an empty database</translation>
    </message>
    <message>
        <source>Beenden</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>DeleteCardCommand</name>
    <message>
        <source>wiederherstellen</source>
        <translation>restore</translation>
    </message>
    <message>
        <source>löschen</source>
        <translation>delete</translation>
    </message>
    <message>
        <source>Karte „{0}“ {verb}</source>
        <translation>{verb} card “{0}”</translation>
    </message>
</context>
<context>
    <name>DeleteRecommendationCommand</name>
    <message>
        <source>Empfehlung „{title}“ löschen</source>
        <translation>delete recommendation “{title}”</translation>
    </message>
</context>
<context>
    <name>DemoSetup</name>
    <message>
        <source>Synthetische Einwohnerinnen und Einwohner werden erzeugt …</source>
        <translation>Generating synthetic residents …</translation>
    </message>
    <message>
        <source>Registerauszug wird geschrieben …</source>
        <translation>Writing the register extract …</translation>
    </message>
    <message>
        <source>Straßenverzeichnis wird geschrieben …</source>
        <translation>Writing the street directory …</translation>
    </message>
    <message>
        <source>Beispiel-Labor wird angelegt …</source>
        <translation>Creating the sample lab …</translation>
    </message>
    <message>
        <source>Fertig.</source>
        <translation>Done.</translation>
    </message>
</context>
<context>
    <name>Discovery</name>
    <message>
        <source>zusammengefasst aus {names} – gemeinsames Wort: {words}</source>
        <extracomment>two proposals whose cards are this alike on average (average linkage) ... ... and this many times more alike than either is to the other candidate cards are combined</extracomment>
        <translation>combined from {names} – shared word: {words}</translation>
    </message>
    <message>
        <source>zusammengefasst aus {names} – Karten einander ähnlicher als den übrigen</source>
        <translation>combined from {names} – cards more alike to each other than to the rest</translation>
    </message>
</context>
<context>
    <name>DrawEngine</name>
    <message>
        <source>Die Zahl der Einladungen muss mindestens 1 sein.</source>
        <translation>The number of invitations must be at least 1.</translation>
    </message>
    <message>
        <source>Die Zahl der Nachrücker darf nicht negativ sein.</source>
        <translation>The number of replacements must not be negative.</translation>
    </message>
    <message>
        <source>Unbekannte Haushaltsdefinition „{name}“.</source>
        <translation>Unknown household definition “{name}”.</translation>
    </message>
    <message>
        <source>Möglich sind: {names}</source>
        <translation>Possible are: {names}</translation>
    </message>
    <message>
        <source>Das Mindestalter darf nicht negativ sein.</source>
        <translation>The minimum age must not be negative.</translation>
    </message>
    <message>
        <source>Das Höchstalter ({max_age}) liegt unter dem Mindestalter ({min_age}).</source>
        <translation>The maximum age ({max_age}) is below the minimum age ({min_age}).</translation>
    </message>
    <message>
        <source>Die Spalte „{column}“ ist leer</source>
        <translation>the column “{column}” is empty</translation>
    </message>
    <message>
        <source>Dem Register fehlt diese Spalte</source>
        <translation>the register lacks this column</translation>
    </message>
    <message>
        <source>Laden Sie ein Straßenverzeichnis, das die Bezirke zuordnet, oder schichten Sie ohne dieses Merkmal.</source>
        <translation>Load a street directory that assigns the districts, or stratify without this characteristic.</translation>
    </message>
    <message>
        <source>Ordnen Sie die Spalte Geschlecht zu oder schichten Sie ohne dieses Merkmal.</source>
        <translation>Map the gender column or stratify without this characteristic.</translation>
    </message>
    <message>
        <source>Nach {dimension} kann nicht geschichtet werden: {where}.</source>
        <translation>Cannot stratify by {dimension}: {where}.</translation>
    </message>
    <message>
        <source>Den Stadtbezirk „{district}“ gibt es im Register nicht.</source>
        <translation>The district “{district}” does not exist in the register.</translation>
    </message>
    <message>
        <source>Vorhanden: {values}</source>
        <translation>Available: {values}</translation>
    </message>
    <message>
        <source>Mindestalter {age}</source>
        <translation>minimum age {age}</translation>
    </message>
    <message>
        <source>Höchstalter {age}</source>
        <translation>maximum age {age}</translation>
    </message>
    <message>
        <source>Stadtbezirk {districts}</source>
        <translation>district {districts}</translation>
    </message>
    <message>
        <source>Im Register ist niemand teilnahmeberechtigt ({conditions}).</source>
        <translation>Nobody in the register is eligible ({conditions}).</translation>
    </message>
    <message>
        <source>Verringern Sie die Zahl der Einladungen oder erweitern Sie die Auswahl.</source>
        <translation>Reduce the number of invitations or widen the selection.</translation>
    </message>
    <message>
        <source>{size} und {replacements} sind zusammen mehr als {candidates}.</source>
        <translation>{size} and {replacements} together are more than {candidates}.</translation>
    </message>
    <message>
        <source>mit der Haushaltsregel, also höchstens einer Person je Haushalt, bleibt {n}</source>
        <translation>with the household rule, that is at most one person per household, {n} remains</translation>
    </message>
    <message>
        <source>mit der Haushaltsregel, also höchstens einer Person je Haushalt, bleiben {n}</source>
        <translation>with the household rule, that is at most one person per household, {n} remain</translation>
    </message>
    <message>
        <source>es bleibt {n}</source>
        <translation>{n} remains</translation>
    </message>
    <message>
        <source>es bleiben {n}</source>
        <translation>{n} remain</translation>
    </message>
    <message>
        <source>{size}, aber {eligible} ({details}).</source>
        <translation>{size}, but {eligible} ({details}).</translation>
    </message>
    <message>
        <source>{size}, aber {eligible}.</source>
        <translation>{size}, but {eligible}.</translation>
    </message>
    <message>
        <source>Der Startwert (Seed) für die Ziehung fehlt.</source>
        <extracomment>German description of the rule, printed in the audit protocol</extracomment>
        <translation>The seed for the draw is missing.</translation>
    </message>
    <message>
        <source>Geben Sie einen Text ein, z. B. die Lottozahlen vom Samstag oder die bei einer öffentlichen Sitzung gewürfelten Zahlen.</source>
        <translation>Enter a text, e.g. Saturday&apos;s lottery numbers or numbers rolled with dice at a public meeting.</translation>
    </message>
</context>
<context>
    <name>DrawNotes</name>
    <message>
        <source>Übergewichtung in {strata} angewandt.</source>
        <translation>Oversampling applied in {strata}.</translation>
    </message>
    <message>
        <source>Schichten mit zu wenigen ziehbaren Personen (alle gezogen, Rest anderen Schichten zugeteilt): {strata}{more}</source>
        <translation>Strata with too few people to draw (all drawn, the rest allotted to other strata): {strata}{more}</translation>
    </message>
    <message>
        <source>„{unknown}“ fasst Personen ohne Eintrag im jeweiligen Merkmal zusammen.</source>
        <translation>“{unknown}” groups people without an entry in the respective characteristic.</translation>
    </message>
</context>
<context>
    <name>DrawOutputs</name>
    <message>
        <source>Die Liste der Eingeladenen kann nur als .csv oder .xlsx gespeichert werden.</source>
        <translation>The list of invitees can only be saved as .csv or .xlsx.</translation>
    </message>
    <message>
        <source>Geben Sie einen Dateinamen mit der Endung .csv oder .xlsx an.</source>
        <translation>Enter a file name ending in .csv or .xlsx.</translation>
    </message>
    <message>
        <source>Geben Sie einen Dateinamen mit der Endung .pdf an.</source>
        <translation>Enter a file name ending in .pdf.</translation>
    </message>
    <message>
        <source>Die Briefe werden als PDF gespeichert.</source>
        <translation>The letters are saved as PDF.</translation>
    </message>
    <message>
        <source>Es gibt keine Eingeladenen, für die Briefe erzeugt werden könnten.</source>
        <translation>There are no invitees to create letters for.</translation>
    </message>
    <message>
        <source>Das Protokoll wird als PDF gespeichert.</source>
        <translation>The protocol is saved as PDF.</translation>
    </message>
    <message>
        <source>Die Ziehung kann nur für ein gespeichertes Quartierslabor abgelegt werden.</source>
        <extracomment>aggregate dimensions stored per lab (the reports read these)</extracomment>
        <translation>The draw can only be stored for a saved lab.</translation>
    </message>
</context>
<context>
    <name>DrawRules</name>
    <message>
        <source>Je Haushalt (gleiche normalisierte Anschrift, bei der Einstellung „Anschrift und Familienname“ zusätzlich gleicher normalisierter Familienname) wird höchstens eine Person eingeladen. Dazu wird zuerst unter den teilnahmeberechtigten, nicht ausgeschlossenen Mitgliedern jedes Haushalts eine Person gleich wahrscheinlich ausgelost (jede Person erhält in Registerreihenfolge eine Zufallszahl rng.random(), die kleinste gewinnt); nur diese Person kann gezogen werden. Die Chance einer Person ist dadurch 1/m × k/H (m = teilnahmeberechtigte Mitglieder ihres Haushalts, k = Einladungen ihrer Schicht, H = ziehbare Personen ihrer Schicht): Jeder Haushalt hat die gleiche Chance, Personen aus großen Haushalten haben eine kleinere Chance als Alleinlebende.</source>
        <translation>At most one person per household is invited (household: the same normalised address; with the setting “same address and same family name” also the same normalised family name). First, one of the eligible, not excluded members of each household is drawn with equal chances (every person gets a random number rng.random() in register order, the smallest wins); only this person can be drawn. A person’s chance is therefore 1/m × k/H (m = eligible members of their household, k = invitations of their stratum, H = people of their stratum who can be drawn): every household has the same chance, people in large households have a smaller chance than people living alone.</translation>
    </message>
</context>
<context>
    <name>DrawWizard</name>
    <message>
        <source>Neue Ziehung – {0}</source>
        <extracomment>a draw was saved to the lab (DrawRecord id)</extracomment>
        <translation>New draw – {0}</translation>
    </message>
    <message>
        <source>&amp;Weiter &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <source>&lt; &amp;Zurück</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <source>&amp;Fertig</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>EditCardDialog</name>
    <message>
        <source>Karte bearbeiten</source>
        <translation>Edit card</translation>
    </message>
    <message>
        <source>Anliegen:</source>
        <translation>Concern:</translation>
    </message>
    <message>
        <source>Ort:</source>
        <translation>Place:</translation>
    </message>
    <message>
        <source>Tisch:</source>
        <translation>Table:</translation>
    </message>
    <message>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>EditRecommendationCommand</name>
    <message>
        <source>Titel</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Handlungsfeld</source>
        <translation>Field of action</translation>
    </message>
    <message>
        <source>Zuständig</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>Priorität</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Zeithorizont</source>
        <translation>Time horizon</translation>
    </message>
    <message>
        <source>Ort</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Thema</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>Verknüpfte Karten</source>
        <translation>Linked cards</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Status-Notiz</source>
        <translation>Status note</translation>
    </message>
    <message>
        <source>{0} ändern</source>
        <translation>change {0}</translation>
    </message>
</context>
<context>
    <name>EntryBar</name>
    <message>
        <source>Anliegen eintippen und Enter drücken – z. B. „Laute Musik nachts @Nordmarkt #3“</source>
        <translation>Type a concern and press Enter – e.g. “Loud music at night @Nordmarkt #3”</translation>
    </message>
    <message>
        <source>Ort (bleibt)</source>
        <translation>Place (kept)</translation>
    </message>
    <message>
        <source>Tisch (bleibt)</source>
        <translation>Table (kept)</translation>
    </message>
    <message>
        <source>Enter: Karte anlegen · @Ort · #Tisch · Strg+Z rückgängig · Strg+Umschalt+Z wiederholen</source>
        <translation>Enter: add card · @place · #table · Ctrl+Z undo · Ctrl+Shift+Z redo</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Quartierslabor – unerwarteter Fehler</source>
        <extracomment>open error dialogs (kept referenced; capped so an error loop cannot flood the screen)</extracomment>
        <translation>Quartierslabor – unexpected error</translation>
    </message>
    <message>
        <source>Ihre bisher gespeicherten Daten sind nicht betroffen: jede Eingabe wird sofort in der Datenbank gesichert. Bitte melden Sie den Fehler mit den Details unten.</source>
        <translation>The data you have saved so far is not affected: every entry is stored in the database immediately. Please report the error together with the details below.</translation>
    </message>
    <message>
        <source>Protokolldatei: {0}</source>
        <translation>Log file: {0}</translation>
    </message>
    <message>
        <source>Die Protokolldatei konnte nicht geschrieben werden.</source>
        <translation>The log file could not be written.</translation>
    </message>
    <message>
        <source>Kopieren</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Fehlermeldung und Details in die Zwischenablage kopieren</source>
        <translation>Copy the error message and details to the clipboard</translation>
    </message>
    <message>
        <source>Schließen</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Kopiert ✓</source>
        <translation>Copied ✓</translation>
    </message>
    <message>
        <source>Es ist ein unerwarteter Fehler aufgetreten bei „{context}“: {error}</source>
        <translation>An unexpected error occurred during “{context}”: {error}</translation>
    </message>
    <message>
        <source>Es ist ein unerwarteter Fehler aufgetreten: {error}</source>
        <translation>An unexpected error occurred: {error}</translation>
    </message>
</context>
<context>
    <name>ExclusionList</name>
    <message>
        <source>Familienname</source>
        <extracomment>names of the columns a list without person keys needs (shown when they are missing)</extracomment>
        <translation>Family name</translation>
    </message>
    <message>
        <source>Vorname</source>
        <translation>Given name</translation>
    </message>
    <message>
        <source>Straße/Anschrift</source>
        <translation>Street/address</translation>
    </message>
    <message>
        <source>„{text}“ ist kein Personenschlüssel dieser Anwendung.</source>
        <translation>“{text}” is not a person key of this application.</translation>
    </message>
    <message>
        <source>Verwenden Sie die unveränderte Liste der Eingeladenen.</source>
        <translation>Use the unchanged list of invitees.</translation>
    </message>
    <message>
        <source>„{name}“</source>
        <translation>“{name}”</translation>
    </message>
    <message>
        <source>Die Liste früherer Eingeladener hat weder die Spalte „{key_column}“ noch die Spalten {names}.</source>
        <translation>The list of earlier invitees has neither the column “{key_column}” nor the columns {names}.</translation>
    </message>
    <message>
        <source>Nötig sind Familienname, Vorname, Anschrift (Straße und Hausnummer, PLZ) und möglichst das Geburtsdatum.</source>
        <translation>Required are family name, given name, address (street and house number, postcode) and if possible the date of birth.</translation>
    </message>
    <message>
        <source>Korrigieren Sie das Datum in der Liste früherer Eingeladener.</source>
        <translation>Correct the date in the list of earlier invitees.</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Die Datei „{file}“ ist geöffnet oder schreibgeschützt.</source>
        <translation>The file “{file}” is open or write-protected.</translation>
    </message>
    <message>
        <source>Bitte in Excel (bzw. im PDF-Programm) schließen und erneut exportieren.</source>
        <translation>Please close it in Excel (or the PDF viewer) and export again.</translation>
    </message>
    <message>
        <source>„{file}“ ist ein Ordner, keine Datei.</source>
        <translation>“{file}” is a folder, not a file.</translation>
    </message>
    <message>
        <source>Der Ordner „{folder}“ existiert nicht.</source>
        <translation>The folder “{folder}” does not exist.</translation>
    </message>
    <message>
        <source>Bitte einen vorhandenen Ordner für den Export wählen.</source>
        <translation>Please choose an existing folder for the export.</translation>
    </message>
    <message>
        <source>Bitte einen Dateinamen angeben, z. B. bericht.pdf.</source>
        <translation>Please give a file name, e.g. report.pdf.</translation>
    </message>
    <message>
        <source>In den Ordner „{folder}“ darf nicht geschrieben werden.</source>
        <translation>Writing to the folder “{folder}” is not allowed.</translation>
    </message>
    <message>
        <source>Bitte einen anderen Ordner wählen (z. B. „Dokumente“).</source>
        <translation>Please choose another folder (e.g. “Documents”).</translation>
    </message>
    <message>
        <source>Die Datei „{file}“ konnte nicht geschrieben werden ({reason}).</source>
        <translation>The file “{file}” could not be written ({reason}).</translation>
    </message>
    <message>
        <source>Ist der Datenträger voll? Bitte einen anderen Ort wählen.</source>
        <translation>Is the disk full? Please choose another location.</translation>
    </message>
</context>
<context>
    <name>ExportResultPanel</name>
    <message>
        <source>Datei öffnen</source>
        <translation>Open file</translation>
    </message>
    <message>
        <source>Ordner öffnen</source>
        <translation>Open folder</translation>
    </message>
</context>
<context>
    <name>ExportRunner</name>
    <message>
        <source>Es läuft bereits ein Export. Bitte warten.</source>
        <translation>An export is already running. Please wait.</translation>
    </message>
    <message>
        <source>Der Export ist fehlgeschlagen ({0}). Es wurde keine unvollständige Datei hinterlassen.</source>
        <translation>The export failed ({0}). No incomplete file was left behind.</translation>
    </message>
    <message>
        <source>Export abgebrochen. Es wurde keine Datei geschrieben.</source>
        <translation>Export cancelled. No file was written.</translation>
    </message>
</context>
<context>
    <name>ExportSupport</name>
    <message>
        <source>PDF-Dokument (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
    <message>
        <source>Excel-Arbeitsmappe (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
</context>
<context>
    <name>ExportView</name>
    <message>
        <source>Datenschutz: Bericht und Arbeitsmappe enthalten keine personenbezogenen Daten – keine Namen, keine Anschriften, keine Geburtsdaten. Angaben zur Teilnahme erscheinen nur zusammengefasst (Altersgruppe, Geschlecht, Stadtteil) im Vergleich zur Bevölkerung des Bezirks. Die Anliegen stehen wörtlich, aber ohne Namen darin.</source>
        <translation>Data protection: the report and the workbook contain no personal data – no names, no addresses, no dates of birth. Participation appears only in aggregate (age group, gender, neighbourhood) compared with the population of the district. Concerns are quoted verbatim, but without names.</translation>
    </message>
    <message>
        <source>Daten des Labors werden gelesen …</source>
        <translation>Reading the lab’s data …</translation>
    </message>
    <message>
        <source>nicht eingetragen</source>
        <translation>not entered</translation>
    </message>
    <message>
        <source>Wie viele Menschen haben am Quartierslabor teilgenommen? Wird sofort gespeichert.</source>
        <translation>How many people took part in the lab? Saved immediately.</translation>
    </message>
    <message>
        <source>Zahl der Teilnehmenden</source>
        <translation>Number of participants</translation>
    </message>
    <message>
        <source>Angaben zum Quartierslabor</source>
        <translation>About the lab</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Stadtbezirk</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Ort</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Teilnehmende</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Prüfung vor dem Export</source>
        <translation>Check before export</translation>
    </message>
    <message>
        <source>Bericht als PDF exportieren …</source>
        <translation>Export report as PDF …</translation>
    </message>
    <message>
        <source>Arbeitsmappe als Excel exportieren …</source>
        <translation>Export workbook as Excel …</translation>
    </message>
    <message>
        <source>Bericht für den Lenkungskreis: Titelseite, Inhalt, Zusammenfassung, Teilnahme, Anliegen je Thema, Empfehlungen nach Handlungsfeld</source>
        <translation>Report for the steering committee: title page, contents, summary, participation, concerns per topic, recommendations by field of action</translation>
    </message>
    <message>
        <source>Tabellen: Empfehlungen, Anliegen, Themen, Teilnahme, Info</source>
        <translation>Sheets: recommendations, concerns, topics, participation, info</translation>
    </message>
    <message>
        <source>aus der Anwesenheit am Workshoptag (Schritt „Einladung“)</source>
        <translation>from the attendance on the workshop day (step “Invitation”)</translation>
    </message>
    <message>
        <source>{acceptances} von {invitations}</source>
        <translation>{acceptances} of {invitations}</translation>
    </message>
    <message>
        <source>{concerns} in {topics}, {dots}</source>
        <translation>{concerns} in {topics}, {dots}</translation>
    </message>
    <message>
        <source>Alle Anliegen sind einem Thema zugeordnet.</source>
        <translation>All concerns are assigned to a topic.</translation>
    </message>
    <message>
        <source>{concerns} ohne Thema (erscheinen unter „{UNCLUSTERED_NAME}“).</source>
        <translation>{concerns} without a topic (listed under “{UNCLUSTERED_NAME}”).</translation>
    </message>
    <message>
        <source>{recommendations} ohne Handlungsfeld.</source>
        <translation>{recommendations} without a field of action.</translation>
    </message>
    <message>
        <source>{recommendations} ohne zuständige Stelle.</source>
        <translation>{recommendations} without a responsible body.</translation>
    </message>
    <message>
        <source>Export für den Lenkungskreis</source>
        <translation>Export for the steering committee</translation>
    </message>
    <message>
        <source>Dieses Quartierslabor gibt es nicht mehr.</source>
        <translation>This lab no longer exists.</translation>
    </message>
    <message>
        <source>{WARN}  Die Daten des Labors konnten nicht gelesen werden: {exc}</source>
        <translation>{WARN}  The lab’s data could not be read: {exc}</translation>
    </message>
    <message>
        <source>aus der Einladung übernommen: {0}</source>
        <translation>taken from the invitation: {0}</translation>
    </message>
    <message>
        <source>Datum: {0}</source>
        <translation>Date: {0}</translation>
    </message>
    <message>
        <source>Kein Datum eingetragen – Titelseite und Dateiname zeigen „ohne Datum“.</source>
        <translation>No date entered – the title page and file name show “ohne Datum” (no date).</translation>
    </message>
    <message>
        <source>Ort: {0}</source>
        <translation>Place: {0}</translation>
    </message>
    <message>
        <source>Kein Veranstaltungsort eingetragen.</source>
        <translation>No venue entered.</translation>
    </message>
    <message>
        <source>Teilnehmende: {0}</source>
        <translation>Participants: {0}</translation>
    </message>
    <message>
        <source>Die Zahl der Teilnehmenden fehlt – bitte links eintragen.</source>
        <translation>The number of participants is missing – please enter it on the left.</translation>
    </message>
    <message>
        <source>Noch keine Anliegen erfasst.</source>
        <translation>No concerns recorded yet.</translation>
    </message>
    <message>
        <source>Noch keine Handlungsempfehlungen – Schritt „Empfehlungen“.</source>
        <translation>No recommendations yet – step “Recommendations”.</translation>
    </message>
    <message>
        <source>Teilnahmestatistik aus der Auslosung vorhanden (nur zusammengefasst).</source>
        <translation>Participation statistics from the draw available (aggregated only).</translation>
    </message>
    <message>
        <source>Keine Teilnahmestatistik (keine Auslosung in diesem Labor) – der Abschnitt bleibt kurz.</source>
        <translation>No participation statistics (no draw in this lab) – the section stays short.</translation>
    </message>
    <message>
        <source>Quartierslabor{suffix}</source>
        <translation>Quartierslabor{suffix}</translation>
    </message>
    <message>
        <source>Quartierslabor</source>
        <translation>Lab</translation>
    </message>
    <message>
        <source>Bericht als PDF exportieren</source>
        <translation>Export report as PDF</translation>
    </message>
    <message>
        <source>Bericht gespeichert.</source>
        <translation>Report saved.</translation>
    </message>
    <message>
        <source>Arbeitsmappe als Excel exportieren</source>
        <translation>Export workbook as Excel</translation>
    </message>
    <message>
        <source>Excel-Arbeitsmappe gespeichert.</source>
        <translation>Excel workbook saved.</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>&lt;b&gt;Erkannt:&lt;/b&gt; {format}&lt;br&gt;&lt;b&gt;Gelesen:&lt;/b&gt; {rows}, {columns} aus „{file}“&lt;br&gt;&lt;b&gt;SHA-256:&lt;/b&gt; {sha256}</source>
        <translation>&lt;b&gt;Detected:&lt;/b&gt; {format}&lt;br&gt;&lt;b&gt;Read:&lt;/b&gt; {rows}, {columns} from “{file}”&lt;br&gt;&lt;b&gt;SHA-256:&lt;/b&gt; {sha256}</translation>
    </message>
    <message>
        <source>Registerauszug wählen</source>
        <extracomment>emitted after the register was read successfully</extracomment>
        <translation>Choose the register extract</translation>
    </message>
    <message>
        <source>Der Auszug aus dem Melderegister wird nur in den Arbeitsspeicher gelesen und nirgends gespeichert. Festgehalten werden nur Dateiname und Prüfsumme (SHA-256).</source>
        <translation>The register extract is only read into memory and is never saved anywhere. Only its file name and checksum (SHA-256) are recorded.</translation>
    </message>
    <message>
        <source>Registerauszug (CSV oder Excel)</source>
        <translation>Register extract (CSV or Excel)</translation>
    </message>
    <message>
        <source>Datei wählen …</source>
        <translation>Choose a file …</translation>
    </message>
    <message>
        <source>Durchsuchen …</source>
        <translation>Browse …</translation>
    </message>
    <message>
        <source>Datei:</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>&amp;Tabellenblatt:</source>
        <translation>&amp;Worksheet:</translation>
    </message>
    <message>
        <source>Straßenverzeichnis (optional)</source>
        <translation>Street directory (optional)</translation>
    </message>
    <message>
        <source>Nur nötig, wenn der Auszug keine Spalte „Stadtbezirk“ hat: eine Datei mit den Spalten Straße [Hausnummer von, Hausnummer bis], Stadtbezirk [statistischer Bezirk].</source>
        <translation>Only needed if the extract has no “Stadtbezirk” (district) column: a file with the columns street [house number from, house number to], district [statistical sub-district].</translation>
    </message>
    <message>
        <source>kein Straßenverzeichnis</source>
        <translation>no street directory</translation>
    </message>
    <message>
        <source>Entfernen</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Einlesen</source>
        <translation>Read</translation>
    </message>
    <message>
        <source>Für das Beispiel-Labor ist der synthetische Registerauszug schon gewählt (erfundene Personen). Mit „Weiter“ wird er eingelesen.</source>
        <translation>For the example lab the synthetic register extract is already chosen (invented people). “Next” reads it.</translation>
    </message>
    <message>
        <source>Registerauszug (*.csv *.txt *.xlsx);;CSV-Dateien (*.csv *.txt);;Excel-Arbeitsmappen (*.xlsx)</source>
        <translation>Register extract (*.csv *.txt *.xlsx);;CSV files (*.csv *.txt);;Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>Registerauszug öffnen</source>
        <translation>Open register extract</translation>
    </message>
    <message>
        <source>Straßenverzeichnis öffnen</source>
        <translation>Open street directory</translation>
    </message>
    <message>
        <source>Straßenverzeichnis (*.csv *.txt *.xlsx)</source>
        <translation>Street directory (*.csv *.txt *.xlsx)</translation>
    </message>
    <message>
        <source>Die Auswahl hat sich geändert: bitte neu einlesen.</source>
        <translation>The selection has changed: please read the file again.</translation>
    </message>
    <message>
        <source>Die Datei „{0}“ gibt es nicht.</source>
        <translation>The file “{0}” does not exist.</translation>
    </message>
    <message>
        <source>Wird eingelesen …</source>
        <translation>Reading …</translation>
    </message>
    <message>
        <source>Registerauszug einlesen</source>
        <translation>Reading the register extract</translation>
    </message>
    <message>
        <source>Einlesen abgebrochen.</source>
        <translation>Reading cancelled.</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Alle Handlungsfelder</source>
        <translation>All fields of action</translation>
    </message>
    <message>
        <source>Alle Zuständigen</source>
        <translation>All responsible bodies</translation>
    </message>
    <message>
        <source>Alle Prioritäten</source>
        <translation>All priorities</translation>
    </message>
    <message>
        <source>Alle Zeithorizonte</source>
        <translation>All time horizons</translation>
    </message>
    <message>
        <source>Alle Status</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Alle Themen</source>
        <translation>All topics</translation>
    </message>
    <message>
        <source>(ohne Thema)</source>
        <translation>(no topic)</translation>
    </message>
    <message>
        <source>Suchen in Titel, Text, Ort, Zuständig, Notiz …</source>
        <translation>Search title, text, place, responsible, note …</translation>
    </message>
    <message>
        <source>Filter zurücksetzen</source>
        <translation>Reset filters</translation>
    </message>
</context>
<context>
    <name>Gender</name>
    <message>
        <source>männlich</source>
        <extracomment>gender codes after normalisation: männlich, weiblich, divers, ohne Angabe German gender names (marked strings, see FIELD_LABELS)</extracomment>
        <translation>male</translation>
    </message>
    <message>
        <source>weiblich</source>
        <translation>female</translation>
    </message>
    <message>
        <source>divers</source>
        <translation>diverse</translation>
    </message>
    <message>
        <source>ohne Angabe</source>
        <translation>not stated</translation>
    </message>
</context>
<context>
    <name>HandlungsfeldPicker</name>
    <message>
        <source>Handlungsfeld suchen (Nummer oder Stichwort) …</source>
        <translation>Search field of action (number or keyword) …</translation>
    </message>
    <message>
        <source>Handlungsfelder</source>
        <translation>Fields of action</translation>
    </message>
    <message>
        <source>Gewählt: </source>
        <translation>Selected: </translation>
    </message>
    <message>
        <source>Noch kein Handlungsfeld gewählt.</source>
        <translation>No field of action selected yet.</translation>
    </message>
</context>
<context>
    <name>InputFile</name>
    <message>
        <source>Bitte die Karten auf mehrere Dateien aufteilen.</source>
        <extracomment>XLSX: most bytes all members of the container may inflate to (a register of 1.5 million rows is about 700 MB of sheet XML) XLSX: most bytes the shared strings may inflate to (openpyxl keeps them all in memory) XLSX: highest compression ratio of a member larger than ``_RATIO_FLOOR`` (Excel&apos;s XML compresses 5- to 30-fold; a zip bomb a thousandfold) hint for card files that are too large (card import and ``quartierslabor cluster``)</extracomment>
        <translation>Please split the cards over several files.</translation>
    </message>
    <message>
        <source>Bitte Pfad und Dateinamen prüfen.</source>
        <translation>Please check the path and file name.</translation>
    </message>
    <message>
        <source>Bitte eine gewöhnliche Datei (CSV oder Excel) wählen.</source>
        <translation>Please choose an ordinary file (CSV or Excel).</translation>
    </message>
    <message>
        <source>Das ist {what}, keine Datei.</source>
        <translation>This is {what}, not a file.</translation>
    </message>
    <message>
        <source>ein Ordner</source>
        <translation>a folder</translation>
    </message>
    <message>
        <source>eine benannte Pipe (FIFO); sie wird nicht gelesen, weil das Programm sonst auf Daten warten würde</source>
        <translation>a named pipe (FIFO); it is not read because the program would otherwise wait for data</translation>
    </message>
    <message>
        <source>ein Socket</source>
        <translation>a socket</translation>
    </message>
    <message>
        <source>eine Gerätedatei</source>
        <translation>a device file</translation>
    </message>
    <message>
        <source>kein gewöhnlicher Dateityp</source>
        <translation>not an ordinary file type</translation>
    </message>
    <message>
        <source>Die Datei kann nicht gelesen werden ({reason}).</source>
        <translation>The file cannot be read ({reason}).</translation>
    </message>
    <message>
        <source>Die Datei wurde nicht gefunden.</source>
        <translation>The file was not found.</translation>
    </message>
    <message>
        <source>Bitte prüfen, ob die Datei in einem anderen Programm geöffnet oder gesperrt ist.</source>
        <translation>Please check whether the file is open in another program or locked.</translation>
    </message>
    <message>
        <source>Die Datei ist mit {size} MB zu groß (höchstens {limit} MB).</source>
        <translation>At {size} MB the file is too large (at most {limit} MB).</translation>
    </message>
    <message>
        <source>Der Teil „{member}“ der Excel-Datei würde entpackt {size} MB groß (Verdichtung {ratio}:1); das ist keine plausible Tabelle, sondern vermutlich eine „ZIP-Bombe“. Die Datei wird nicht gelesen.</source>
        <translation>The part “{member}” of the Excel file would unpack to {size} MB (compression {ratio}:1); that is no plausible table but probably a “zip bomb”. The file is not read.</translation>
    </message>
    <message>
        <source>Die Excel-Datei würde entpackt {size} MB groß (höchstens {limit} MB). Die Datei wird nicht gelesen.</source>
        <translation>The Excel file would unpack to {size} MB (at most {limit} MB). The file is not read.</translation>
    </message>
    <message>
        <source>Bitte die Tabelle in Excel öffnen und neu speichern oder als CSV exportieren; Dateien unbekannter Herkunft nicht öffnen.</source>
        <translation>Please open the table in Excel and save it again or export it as CSV; do not open files of unknown origin.</translation>
    </message>
    <message>
        <source>Die Datei mischt zwei Zeichensätze: {other} nicht in UTF-8 geschrieben (vermutlich Windows-1252), {utf8} dagegen in UTF-8. So gelesen würden Umlaute verfälscht (etwa „HÃ¶rde“ statt „Hörde“); die Datei wird deshalb nicht verwendet.</source>
        <translation>The file mixes two character encodings: {other} not written in UTF-8 (probably Windows-1252), {utf8} in UTF-8. Read like this, umlauts would be garbled (such as “HÃ¶rde” instead of “Hörde”); the file is therefore not used.</translation>
    </message>
    <message>
        <source>Bitte die genannten Zeilen korrigieren oder die Datei einheitlich als „CSV UTF-8“ neu exportieren.</source>
        <translation>Please correct the rows named or export the file again, all in “CSV UTF-8”.</translation>
    </message>
    <message>
        <source>Die Datei ist keine lesbare Textdatei (Zeichenkodierung unbekannt).</source>
        <translation>The file is not a readable text file (unknown character encoding).</translation>
    </message>
    <message>
        <source>Bitte als CSV in UTF-8 speichern oder eine Excel-Datei (.xlsx) verwenden.</source>
        <translation>Please save as CSV in UTF-8 or use an Excel file (.xlsx).</translation>
    </message>
    <message>
        <source>Bitte die richtige Datei wählen; eine Themenliste ist wenige Kilobyte groß.</source>
        <extracomment>largest settings or taxonomy file read (JSON written by the app is a few hundred KB)</extracomment>
        <translation>Please choose the right file; a topic list is a few kilobytes in size.</translation>
    </message>
    <message>
        <source>Die Datei ist keine UTF-8-Textdatei (ungültiges Byte 0x{byte}).</source>
        <translation>The file is not a UTF-8 text file (invalid byte 0x{byte}).</translation>
    </message>
    <message>
        <source>Bitte die Datei als UTF-8 speichern.</source>
        <translation>Please save the file as UTF-8.</translation>
    </message>
</context>
<context>
    <name>InvitationView</name>
    <message>
        <source>Nr.</source>
        <extracomment>the draws table never takes more height than this (its rows scroll)</extracomment>
        <translation>No.</translation>
    </message>
    <message>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Benutzer</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Registerdatei</source>
        <translation>Register file</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Startwert</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Eingeladene</source>
        <translation>Invitees</translation>
    </message>
    <message>
        <source>Nachrücker</source>
        <translation>Replacements</translation>
    </message>
    <message>
        <source>O</source>
        <comment>key for the reply offen (open)</comment>
        <translation>O</translation>
    </message>
    <message>
        <source>Z</source>
        <comment>key for the reply zugesagt (accepted)</comment>
        <translation>A</translation>
    </message>
    <message>
        <source>A</source>
        <comment>key for the reply abgesagt (declined)</comment>
        <translation>D</translation>
    </message>
    <message>
        <source>U</source>
        <comment>key for the reply unzustellbar (undeliverable)</comment>
        <translation>U</translation>
    </message>
    <message>
        <source>Neue Ziehung …</source>
        <extracomment>something the step bar counts changed (invitees, replies)</extracomment>
        <translation>New draw …</translation>
    </message>
    <message>
        <source>Registerauszug einlesen, prüfen und Eingeladene auslosen</source>
        <translation>Read and check the register extract and draw the invitees</translation>
    </message>
    <message>
        <source>Brieftext …</source>
        <translation>Letter text …</translation>
    </message>
    <message>
        <source>&lt;b&gt;Ziehungen&lt;/b&gt;</source>
        <translation>&lt;b&gt;Draws&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Eingeladene&lt;/b&gt;</source>
        <translation>&lt;b&gt;Invitees&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Suchen nach Name, Straße, Schicht …</source>
        <translation>Search by name, street, stratum …</translation>
    </message>
    <message>
        <source>alle Rückmeldungen</source>
        <translation>all replies</translation>
    </message>
    <message>
        <source>nur Panel</source>
        <translation>panel only</translation>
    </message>
    <message>
        <source>Rückmeldung für die markierten Zeilen:</source>
        <translation>Reply for the selected rows:</translation>
    </message>
    <message>
        <source>Markierte Eingeladene auf „{reply}“ setzen (Taste {key} in der Tabelle)</source>
        <translation>Set the selected invitees to “{reply}” (key {key} in the table)</translation>
    </message>
    <message>
        <source>Briefe für markierte …</source>
        <translation>Letters for selected …</translation>
    </message>
    <message>
        <source>Einladungsbriefe (PDF) für die markierten Personen, z. B. die nächsten Nachrücker, wenn Briefe unzustellbar zurückkamen</source>
        <translation>Invitation letters (PDF) for the selected people, e.g. the next replacement invitees when letters came back undeliverable</translation>
    </message>
    <message>
        <source>Teilnehmende fair auslosen …</source>
        <translation>Draw participants fairly …</translation>
    </message>
    <message>
        <source>Wenn mehr zusagen, als Plätze da sind: Auswahl nach Quoten (Altersgruppe, Geschlecht, Bezirk) mit der größtmöglichen kleinsten Chance, per Los</source>
        <translation>When more people accept than there are seats: selection by quotas (age band, gender, district) with the largest possible smallest chance, by lot</translation>
    </message>
    <message>
        <source>Nachrücken auslosen …</source>
        <translation>Draw replacements …</translation>
    </message>
    <message>
        <source>Für Panel-Mitglieder, die abgesagt haben, unter den übrigen Zusagen fair nachlosen</source>
        <translation>Fairly draw replacements among the remaining acceptances for panel members who declined</translation>
    </message>
    <message>
        <source>Eingeladen: &lt;b&gt;{invited}&lt;/b&gt; (+{replacements}) · Zusagen: &lt;b&gt;{accepted}&lt;/b&gt; {capacity} · Absagen: {declined} · unzustellbar: {undeliverable} · offen: {open}</source>
        <translation>Invited: &lt;b&gt;{invited}&lt;/b&gt; (+{replacements}) · Acceptances: &lt;b&gt;{accepted}&lt;/b&gt; {capacity} · Declines: {declined} · undeliverable: {undeliverable} · open: {open}</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b00020&apos;&gt;&lt;b&gt;{0}&lt;/b&gt;&lt;/span&gt; Eine faire Auswahl nach Quoten (per Los) bestimmt, wer teilnimmt; wer absagt, für den wird unter den übrigen nachgelost.</source>
        <translation>&lt;span style=&apos;color:#b00020&apos;&gt;&lt;b&gt;{0}&lt;/b&gt;&lt;/span&gt; A fair selection by quotas (by lot) decides who takes part; whoever declines is replaced by a draw among the others.</translation>
    </message>
    <message>
        <source>Im Panel: &lt;b&gt;{people}&lt;/b&gt; (Filter „nur Panel“).</source>
        <translation>In the panel: &lt;b&gt;{people}&lt;/b&gt; (filter “panel only”).</translation>
    </message>
    <message>
        <source>{letters} gespeichert: {path}</source>
        <translation>{letters} saved: {path}</translation>
    </message>
    <message>
        <source>Für dieses Labor gibt es noch keine Ziehung. Mit „Neue Ziehung …“ lesen Sie den Registerauszug ein und losen die Einzuladenden aus.</source>
        <translation>This lab has no draw yet. With “New draw …” you read the register extract and draw the people to invite.</translation>
    </message>
    <message>
        <source>{name} (Nr. {order}): {reply}</source>
        <translation>{name} (no. {order}): {reply}</translation>
    </message>
    <message>
        <source>Briefe</source>
        <translation>Letters</translation>
    </message>
    <message>
        <source>Bitte zuerst die Personen in der Tabelle markieren.</source>
        <translation>Please select the people in the table first.</translation>
    </message>
    <message>
        <source>Einladungsbriefe speichern</source>
        <translation>Save invitation letters</translation>
    </message>
    <message>
        <source>PDF-Dateien (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Einladungsbriefe schreiben</source>
        <translation>Writing invitation letters</translation>
    </message>
</context>
<context>
    <name>InviteeTableModel</name>
    <message>
        <source>Nr.</source>
        <extracomment>replies as stored in the database (compare on these; show them with :func:`reply_label`)</extracomment>
        <translation>No.</translation>
    </message>
    <message>
        <source>Familienname</source>
        <translation>Family name</translation>
    </message>
    <message>
        <source>Vorname(n)</source>
        <translation>Given name(s)</translation>
    </message>
    <message>
        <source>Anschrift</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>PLZ Ort</source>
        <translation>Town</translation>
    </message>
    <message>
        <source>Schicht</source>
        <translation>Stratum</translation>
    </message>
    <message>
        <source>Nachrücker</source>
        <translation>Replacement</translation>
    </message>
    <message>
        <source>Rückmeldung</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>Im Panel</source>
        <translation>In panel</translation>
    </message>
    <message>
        <source>Anwesend</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>offen</source>
        <translation>open</translation>
    </message>
    <message>
        <source>zugesagt</source>
        <translation>accepted</translation>
    </message>
    <message>
        <source>abgesagt</source>
        <translation>declined</translation>
    </message>
    <message>
        <source>unzustellbar</source>
        <translation>undeliverable</translation>
    </message>
    <message>
        <source>ja</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>Speichern</source>
        <extracomment>a reply or attendance mark changed (shown at once; the write follows in the background) the background writes so far are stored</extracomment>
        <translation>Saving</translation>
    </message>
</context>
<context>
    <name>LabDialog</name>
    <message>
        <source>Quartierslabor bearbeiten</source>
        <translation>Edit lab</translation>
    </message>
    <message>
        <source>Neues Quartierslabor</source>
        <translation>New lab</translation>
    </message>
    <message>
        <source>z. B. Quartierslabor Eving 2026</source>
        <translation>e.g. Quartierslabor Eving 2026</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Stadtbezirk aus der Liste wählen oder einen anderen eintippen</source>
        <translation>Choose a district from the list or type another one</translation>
    </message>
    <message>
        <source>&amp;Stadtbezirk:</source>
        <translation>&amp;District:</translation>
    </message>
    <message>
        <source>noch offen</source>
        <translation>not fixed yet</translation>
    </message>
    <message>
        <source>&amp;Datum:</source>
        <translation>Da&amp;te:</translation>
    </message>
    <message>
        <source>z. B. Bürgerhaus, Saal 1</source>
        <translation>e.g. community centre, hall 1</translation>
    </message>
    <message>
        <source>&amp;Veranstaltungsort:</source>
        <translation>&amp;Venue:</translation>
    </message>
    <message>
        <source> Plätze</source>
        <translation> places</translation>
    </message>
    <message>
        <source>&amp;Kapazität:</source>
        <translation>&amp;Capacity:</translation>
    </message>
    <message>
        <source>Anlegen</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>Speichern</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>LabHeader</name>
    <message>
        <source>Bearbeiten …</source>
        <translation>Edit …</translation>
    </message>
    <message>
        <source>Name, Stadtbezirk, Datum, Ort und Plätze ändern</source>
        <translation>Change name, district, date, venue and places</translation>
    </message>
</context>
<context>
    <name>LabService</name>
    <message>
        <source>ohne Datum</source>
        <translation>no date</translation>
    </message>
    <message>
        <source>{invited_people} (Namen, Anschriften, Rückmeldungen)</source>
        <translation>{invited_people} (names, addresses, replies)</translation>
    </message>
    <message>
        <source>Das Labor enthält noch keine Daten.</source>
        <translation>The lab does not contain any data yet.</translation>
    </message>
    <message>
        <source>Dabei werden gelöscht: {0}.</source>
        <translation>This deletes: {0}.</translation>
    </message>
    <message>
        <source>{accepted}/{capacity} Zusagen</source>
        <translation>{accepted}/{capacity} accepted</translation>
    </message>
    <message>
        <source>noch keine Ziehung</source>
        <translation>no draw yet</translation>
    </message>
    <message>
        <source>noch keine Anliegen</source>
        <translation>no concerns yet</translation>
    </message>
    <message>
        <source>noch keine Empfehlungen</source>
        <translation>no recommendations yet</translation>
    </message>
    <message>
        <source>bereit</source>
        <translation>ready</translation>
    </message>
    <message>
        <source>noch nichts zu berichten</source>
        <translation>nothing to report yet</translation>
    </message>
    <message>
        <source>Der Stadtbezirk des Quartierslabors fehlt.</source>
        <translation>The lab&apos;s district is missing.</translation>
    </message>
    <message>
        <source>Die Zahl der Plätze muss mindestens 1 sein.</source>
        <translation>The number of places must be at least 1.</translation>
    </message>
</context>
<context>
    <name>LabTableModel</name>
    <message>
        <source>Stadtbezirk</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
</context>
<context>
    <name>Labs</name>
    <message>
        <source>Der Name des Quartierslabors fehlt.</source>
        <extracomment>Dortmund&apos;s twelve Stadtbezirke (default list; any other district name is allowed) the steps of a lab&apos;s lifecycle as shown in the main window</extracomment>
        <translation>The name of the lab is missing.</translation>
    </message>
    <message>
        <source>Der Stadtbezirk des Quartierslabors fehlt.</source>
        <translation>The district of the lab is missing.</translation>
    </message>
    <message>
        <source>Die Zahl der Plätze muss mindestens 1 sein.</source>
        <translation>The number of places must be at least 1.</translation>
    </message>
    <message>
        <source>Ein Quartierslabor mit dem Namen „{name}“ gibt es schon.</source>
        <translation>A lab named “{name}” already exists.</translation>
    </message>
    <message>
        <source>Wählen Sie einen anderen Namen.</source>
        <translation>Choose a different name.</translation>
    </message>
    <message>
        <source>Der neue Name ist leer.</source>
        <translation>The new name is empty.</translation>
    </message>
</context>
<context>
    <name>LanguageTab</name>
    <message>
        <source>Übersetzung nicht installiert</source>
        <translation>Translation not installed</translation>
    </message>
    <message>
        <source>&amp;Sprache der Oberfläche:</source>
        <translation>User interface &amp;language:</translation>
    </message>
    <message>
        <source>Die Sprache gilt ab dem nächsten Start des Programms. Berichte, Briefe und die Namen der Themen bleiben deutsch.</source>
        <translation>The language applies from the next start of the app. Reports, letters and topic names stay in German.</translation>
    </message>
</context>
<context>
    <name>LetterDialog</name>
    <message>
        <source>Einladungsbrief bearbeiten</source>
        <extracomment>the time as the (German) letter says it, until the dialog sets one for the lab</extracomment>
        <translation>Edit invitation letter</translation>
    </message>
    <message>
        <source>Angaben für „{0}“ (nur dieses Labor):</source>
        <translation>Details for “{0}” (this lab only):</translation>
    </message>
    <message>
        <source>&amp;Uhrzeit:</source>
        <translation>&amp;Time:</translation>
    </message>
    <message>
        <source>eigenes Datum</source>
        <translation>own date</translation>
    </message>
    <message>
        <source>&amp;Antwort bis:</source>
        <translation>&amp;Reply by:</translation>
    </message>
    <message>
        <source>Ohne eigenes Datum: zwei Wochen vor dem Labor (oder drei Wochen nach dem Brief).</source>
        <translation>Without an own date: two weeks before the lab (or three weeks after the letter).</translation>
    </message>
    <message>
        <source>Termin</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <source>Speichern</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Der Brieftext wird als Vorlage der Stadt in der Datenbank gespeichert.</source>
        <translation>The letter text is saved in the database as the city&apos;s template.</translation>
    </message>
</context>
<context>
    <name>LetterTab</name>
    <message>
        <source>Datenschutzhinweise</source>
        <translation>Privacy notice</translation>
    </message>
</context>
<context>
    <name>LetterTemplate</name>
    <message>
        <source>Die gespeicherte Briefvorlage ist beschädigt ({reason}).</source>
        <extracomment>DIN 5008 Form B geometry in mm from the page&apos;s top-left corner: (left, top, width, height) placeholders and what they stand for (shown in the GUI editor)</extracomment>
        <translation>The saved letter template is damaged ({reason}).</translation>
    </message>
    <message>
        <source>Die gespeicherte Briefvorlage ist beschädigt.</source>
        <translation>The saved letter template is damaged.</translation>
    </message>
    <message>
        <source>Der Brieftext ist leer.</source>
        <translation>The letter text is empty.</translation>
    </message>
    <message>
        <source>Setzen Sie die Vorlage auf den Standardtext zurück.</source>
        <translation>Reset the template to the default text.</translation>
    </message>
    <message>
        <source>Unbekannter Platzhalter „{placeholder}“ im Brieftext.</source>
        <translation>Unknown placeholder “{placeholder}” in the letter text.</translation>
    </message>
    <message>
        <source>Möglich sind: {placeholders}</source>
        <translation>Possible are: {placeholders}</translation>
    </message>
    <message>
        <source>Der Brieftext passt nicht auf eine Seite.</source>
        <translation>The letter text does not fit on one page.</translation>
    </message>
    <message>
        <source>Kürzen Sie den Brieftext in der Briefvorlage.</source>
        <translation>Shorten the letter text in the letter template.</translation>
    </message>
</context>
<context>
    <name>LetterTemplateEditor</name>
    <message>
        <source>Anrede mit Namen, z. B. „Sehr geehrte Frau Yılmaz“ (bei divers/ohne Angabe „Guten Tag Vorname Name“)</source>
        <translation>Salutation with the name, e.g. “Sehr geehrte Frau Yılmaz” (for diverse/not stated “Guten Tag Vorname Name”)</translation>
    </message>
    <message>
        <source>Vorname(n) der eingeladenen Person</source>
        <translation>Given name(s) of the invitee</translation>
    </message>
    <message>
        <source>Familienname der eingeladenen Person</source>
        <translation>Family name of the invitee</translation>
    </message>
    <message>
        <source>Vor- und Familienname</source>
        <translation>Given and family name</translation>
    </message>
    <message>
        <source>Name des Quartierslabors</source>
        <translation>Name of the lab</translation>
    </message>
    <message>
        <source>Stadtbezirk des Quartierslabors</source>
        <translation>District of the lab</translation>
    </message>
    <message>
        <source>Datum des Quartierslabors mit Wochentag, z. B. „Samstag, 14. März 2026“</source>
        <translation>Date of the lab with the weekday, e.g. “Samstag, 14. März 2026”</translation>
    </message>
    <message>
        <source>Uhrzeit, z. B. „10:00 bis 15:00 Uhr“</source>
        <translation>Time, e.g. “10:00 bis 15:00 Uhr”</translation>
    </message>
    <message>
        <source>Veranstaltungsort</source>
        <translation>Venue</translation>
    </message>
    <message>
        <source>Datum, bis zu dem die Antwort erbeten wird</source>
        <translation>Date by which a reply is requested</translation>
    </message>
    <message>
        <source>Datum des Briefs</source>
        <translation>Date of the letter</translation>
    </message>
    <message>
        <source>Kurzer Antwortcode der Person, z. B. „K7M-2QX“ (steht auch im Infoblock)</source>
        <translation>The person&apos;s short reply code, e.g. “K7M-2QX” (also in the information block)</translation>
    </message>
    <message>
        <source>Brieftext</source>
        <translation>Letter text</translation>
    </message>
    <message>
        <source>&amp;Betreff:</source>
        <translation>&amp;Subject:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Platzhalter&lt;/b&gt; (werden je Brief ersetzt):</source>
        <translation>&lt;b&gt;Placeholders&lt;/b&gt; (filled in for each letter):</translation>
    </message>
    <message>
        <source>&amp;Grußformel:</source>
        <translation>&amp;Closing:</translation>
    </message>
    <message>
        <source>&amp;Unterschrift:</source>
        <translation>Si&amp;gnature:</translation>
    </message>
    <message>
        <source>&amp;Funktion:</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <source>Absender (je Zeile):</source>
        <translation>Sender (one per line):</translation>
    </message>
    <message>
        <source>Rücksendeangabe:</source>
        <translation>Return address:</translation>
    </message>
    <message>
        <source>Kontakt (je Zeile):</source>
        <translation>Contact (one per line):</translation>
    </message>
    <message>
        <source>Ort für das Briefdatum:</source>
        <translation>Place for the letter date:</translation>
    </message>
    <message>
        <source>Fußzeile:</source>
        <translation>Footer:</translation>
    </message>
    <message>
        <source>Absender</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>Standardtext</source>
        <translation>Default text</translation>
    </message>
    <message>
        <source>Den mitgelieferten Brieftext wiederherstellen</source>
        <translation>Restore the letter text supplied with the app</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Noch kein Quartierslabor ausgewählt.

Legen Sie mit „Neues Labor“ ({0}) ein Labor an oder erzeugen Sie über „Datei → Beispieldaten erzeugen“ ein Beispiel mit einem synthetischen Registerauszug.</source>
        <translation>No lab selected yet.

Create a lab with “New lab” ({0}), or use “File → Create sample data” to create an example with a synthetic register extract.</translation>
    </message>
    <message>
        <source>Kein Labor passt zum Filter „{0}“.</source>
        <translation>No lab matches the filter “{0}”.</translation>
    </message>
    <message>
        <source>Filter leeren</source>
        <translation>Clear the filter</translation>
    </message>
    <message>
        <source>Datenbank: {0}</source>
        <extracomment>the selected lab&apos;s id, or None</extracomment>
        <translation>Database: {0}</translation>
    </message>
    <message>
        <source>Quartierslabore</source>
        <extracomment>wide step views must not squeeze the lab list below this the current row&apos;s lab (a :class:`LabRow`), or None when no row is current a lab was double-clicked the filter text changed (the right side may say that no lab matches)</extracomment>
        <translation>Labs</translation>
    </message>
    <message>
        <source>Filtern nach Name, Bezirk, Datum, Ort …</source>
        <translation>Filter by name, district, date, venue …</translation>
    </message>
    <message>
        <source>&amp;Neues Labor …</source>
        <translation>&amp;New lab …</translation>
    </message>
    <message>
        <source>Neues Quartierslabor anlegen</source>
        <translation>Create a new lab</translation>
    </message>
    <message>
        <source>&amp;Bearbeiten …</source>
        <translation>&amp;Edit …</translation>
    </message>
    <message>
        <source>Name, Stadtbezirk, Datum, Ort und Plätze des Labors ändern</source>
        <translation>Change the lab&apos;s name, district, date, venue and places</translation>
    </message>
    <message>
        <source>&amp;Umbenennen …</source>
        <translation>&amp;Rename …</translation>
    </message>
    <message>
        <source>Ausgewähltes Labor umbenennen</source>
        <translation>Rename the selected lab</translation>
    </message>
    <message>
        <source>&amp;Löschen …</source>
        <translation>&amp;Delete …</translation>
    </message>
    <message>
        <source>Ausgewähltes Labor mit allen Daten löschen</source>
        <translation>Delete the selected lab with all its data</translation>
    </message>
    <message>
        <source>Labore &amp;vergleichen</source>
        <translation>&amp;Compare labs</translation>
    </message>
    <message>
        <source>Labore über Bezirke und Jahre vergleichen</source>
        <translation>Compare labs across districts and years</translation>
    </message>
    <message>
        <source>&amp;Beispieldaten erzeugen …</source>
        <translation>Create &amp;sample data …</translation>
    </message>
    <message>
        <source>Synthetischen Registerauszug und ein Beispiel-Labor erzeugen</source>
        <translation>Create a synthetic register extract and a sample lab</translation>
    </message>
    <message>
        <source>E&amp;instellungen …</source>
        <translation>Se&amp;ttings …</translation>
    </message>
    <message>
        <source>Sprache, Datenbank, Taxonomie, Briefvorlage und Sicherungen einstellen</source>
        <translation>Set language, database, taxonomy, letter template and backups</translation>
    </message>
    <message>
        <source>B&amp;eenden</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Labore &amp;filtern</source>
        <translation>&amp;Filter labs</translation>
    </message>
    <message>
        <source>&amp;Tastenkürzel …</source>
        <translation>&amp;Keyboard shortcuts …</translation>
    </message>
    <message>
        <source>&amp;Laborliste anzeigen</source>
        <translation>Show &amp;lab list</translation>
    </message>
    <message>
        <source>Liste der Labore links ein- oder ausblenden – ausgeblendet hat der Schritt mehr Platz</source>
        <translation>Show or hide the list of labs on the left – hidden, the step gets more room</translation>
    </message>
    <message>
        <source>Laborliste</source>
        <translation>Lab list</translation>
    </message>
    <message>
        <source>Ü&amp;ber Quartierslabor</source>
        <translation>&amp;About Quartierslabor</translation>
    </message>
    <message>
        <source>&amp;Personenbezogene Daten löschen …</source>
        <translation>Delete &amp;personal data …</translation>
    </message>
    <message>
        <source>Namen und Anschriften der Eingeladenen nach Ablauf der Aufbewahrungsfrist löschen</source>
        <translation>Delete invitees&apos; names and addresses once the retention period has ended</translation>
    </message>
    <message>
        <source>&amp;Datei</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Labor</source>
        <translation>&amp;Lab</translation>
    </message>
    <message>
        <source>&amp;Ansicht</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Hilfe</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Werkzeuge</source>
        <translation>Tools</translation>
    </message>
    <message>
        <source>Quartierslabor „{0}“ angelegt.</source>
        <translation>Lab “{0}” created.</translation>
    </message>
    <message>
        <source>Labor umbenennen</source>
        <translation>Rename lab</translation>
    </message>
    <message>
        <source>Neuer Name des Quartierslabors:</source>
        <translation>New name of the lab:</translation>
    </message>
    <message>
        <source>Umbenannt in „{0}“.</source>
        <translation>Renamed to “{0}”.</translation>
    </message>
    <message>
        <source>Soll das Quartierslabor „{name}“ ({district}, {date}) endgültig gelöscht werden?

{summary}

Vorher wird automatisch eine Sicherung der Datenbank angelegt.</source>
        <translation>Delete the lab “{name}” ({district}, {date}) permanently?

{summary}

A backup of the database is made automatically first.</translation>
    </message>
    <message>
        <source>Labor löschen</source>
        <translation>Delete lab</translation>
    </message>
    <message>
        <source>Quartierslabor „{0}“ gelöscht.</source>
        <translation>Lab “{0}” deleted.</translation>
    </message>
    <message>
        <source>Labore vergleichen – Quartierslabor</source>
        <translation>Compare labs – Quartierslabor</translation>
    </message>
    <message>
        <source>Über Quartierslabor</source>
        <translation>About Quartierslabor</translation>
    </message>
    <message>
        <source>&lt;b&gt;Quartierslabor {0}&lt;/b&gt;&lt;p&gt;Einladung per Losverfahren, Live-Workshop-Board und Berichte für den Lenkungskreis.&lt;/p&gt;&lt;p&gt;Lizenz: GPL-3.0-or-later&lt;/p&gt;</source>
        <translation>&lt;b&gt;Quartierslabor {0}&lt;/b&gt;&lt;p&gt;Invitations drawn by lot, a live workshop board and reports for the steering committee.&lt;/p&gt;&lt;p&gt;Licence: GPL-3.0-or-later&lt;/p&gt;</translation>
    </message>
    <message>
        <source>In der Liste der Labore</source>
        <translation>In the list of labs</translation>
    </message>
    <message>
        <source>Schritt „{0}“</source>
        <translation>Step “{0}”</translation>
    </message>
    <message>
        <source>Einstellungen</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Die Einstellungen sind gespeichert.

Die geänderte Sprache oder Datenbank gilt ab dem nächsten Start des Programms.</source>
        <translation>The settings have been saved.

The new language or database takes effect the next time the program starts.</translation>
    </message>
    <message>
        <source>Einstellungen gespeichert.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <source>Willkommen beim Quartierslabor</source>
        <translation>Welcome to Quartierslabor</translation>
    </message>
    <message>
        <source>Es gibt noch kein Quartierslabor.

Soll ein Beispiel angelegt werden? Dazu wird ein synthetischer Registerauszug mit {rows} erfundenen Einwohnerinnen und Einwohnern erzeugt und das Labor „{lab}“. So lassen sich alle Schritte ohne echte personenbezogene Daten ausprobieren.

Später jederzeit über „Datei → Beispieldaten erzeugen“ möglich.</source>
        <translation>There is no lab yet.

Create an example? This generates a synthetic register extract with {rows} made-up residents and the lab “{lab}”, so you can try every step without real personal data.

You can do this later at any time with “File → Create sample data”.</translation>
    </message>
    <message>
        <source>Beispieldaten erzeugt</source>
        <translation>Sample data created</translation>
    </message>
    <message>
        <source>Das Beispiel-Labor „{lab}“ ist angelegt.

Synthetischer Registerauszug ({rows} Personen):
{register}

Straßenverzeichnis:
{streets}

Im Schritt „{step}“ können Sie damit eine Ziehung ausprobieren.</source>
        <translation>The sample lab “{lab}” has been created.

Synthetic register extract ({rows} people):
{register}

Street directory:
{streets}

In the “{step}” step you can try a draw with it.</translation>
    </message>
    <message>
        <source>Beispieldaten erzeugen</source>
        <translation>Create sample data</translation>
    </message>
    <message>
        <source>Datenordner nicht erreichbar</source>
        <translation>Data folder not available</translation>
    </message>
    <message>
        <source> oder </source>
        <translation> or </translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Familienname</source>
        <extracomment>German field names (marked strings: ``Message(FIELD_LABELS[f])`` is the label in the UI language; the context is the one of the draw wizard&apos;s column mapping page, which shows the same names)
----------
fields in the order the form shows them, and how they are required</extracomment>
        <translation>Family name</translation>
    </message>
    <message>
        <source>Vorname(n)</source>
        <translation>Given name(s)</translation>
    </message>
    <message>
        <source>Geburtsdatum</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Alter</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>Geschlecht</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>Straße</source>
        <translation>Street</translation>
    </message>
    <message>
        <source>Hausnummer</source>
        <translation>House number</translation>
    </message>
    <message>
        <source>Hausnummernzusatz</source>
        <translation>House number suffix</translation>
    </message>
    <message>
        <source>Anschrift</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>PLZ</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>Ort</source>
        <translation>Town</translation>
    </message>
    <message>
        <source>Stadtbezirk</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Statistischer Bezirk</source>
        <translation>Statistical sub-district</translation>
    </message>
    <message>
        <source> (statt Geburtsdatum)</source>
        <translation> (instead of date of birth)</translation>
    </message>
    <message>
        <source> (statt Straße + Nr.)</source>
        <translation> (instead of street + no.)</translation>
    </message>
    <message>
        <source>Pflicht, außer die Spalte „Alter“ ist zugeordnet</source>
        <translation>Required, unless the “Age” column is assigned</translation>
    </message>
    <message>
        <source>Ein Auszug nach § 46 BMG kann das Alter statt des Geburtsdatums enthalten</source>
        <translation>An extract under § 46 BMG may contain the age instead of the date of birth</translation>
    </message>
    <message>
        <source>Pflicht, außer eine Spalte „Anschrift“ (Straße und Hausnummer zusammen) ist zugeordnet</source>
        <translation>Required, unless an “Address” column (street and house number together) is assigned</translation>
    </message>
    <message>
        <source>Eine Spalte mit Straße und Hausnummer (und evtl. PLZ Ort)</source>
        <translation>One column with street and house number (and possibly postcode and town)</translation>
    </message>
    <message>
        <source>Pflicht, wenn kein Straßenverzeichnis geladen ist</source>
        <translation>Required if no street directory is loaded</translation>
    </message>
    <message>
        <source>{0} oder {1}</source>
        <translation>{0} or {1}</translation>
    </message>
    <message>
        <source>{0} und {1} (oder {2})</source>
        <translation>{0} and {1} (or {2})</translation>
    </message>
    <message>
        <source>{0} (nicht genutzt)</source>
        <translation>{0} (not used)</translation>
    </message>
    <message>
        <source>Spalten zuordnen</source>
        <translation>Assign columns</translation>
    </message>
    <message>
        <source>Die Spalten wurden anhand der Überschriften erkannt. Bitte prüfen und bei Bedarf korrigieren. Pflichtfelder sind mit * markiert; statt des Geburtsdatums genügt das Alter, statt Straße und Hausnummer eine Spalte „Anschrift“.</source>
        <translation>The columns were recognised from their headings. Please check and correct them if needed. Required fields are marked with *; the age will do instead of the date of birth, and an “Address” column instead of street and house number.</translation>
    </message>
    <message>
        <source>Zuordnung</source>
        <translation>Assignment</translation>
    </message>
    <message>
        <source>Vorschau der ersten Zeilen:</source>
        <translation>Preview of the first rows:</translation>
    </message>
    <message>
        <source>— nicht zugeordnet —</source>
        <translation>— not assigned —</translation>
    </message>
    <message>
        <source>{header}  (Spalte {number})</source>
        <translation>{header}  (column {number})</translation>
    </message>
    <message>
        <source>„{0}“ und „{1}“</source>
        <translation>“{0}” and “{1}”</translation>
    </message>
    <message>
        <source>„{0}“</source>
        <translation>“{0}”</translation>
    </message>
    <message>
        <source>Es fehlt: {0}.</source>
        <translation>Missing: {0}.</translation>
    </message>
    <message>
        <source>Ohne Spalte „Stadtbezirk“ bitte auf der vorigen Seite ein Straßenverzeichnis laden.</source>
        <translation>Without a “District” column, please load a street directory on the previous page.</translation>
    </message>
    <message>
        <source>Eine Spalte ist mehreren Feldern zugeordnet: {0}.</source>
        <translation>A column is assigned to more than one field: {0}.</translation>
    </message>
    <message>
        <source>Alle Pflichtfelder sind zugeordnet.</source>
        <translation>All required fields are assigned.</translation>
    </message>
    <message>
        <source>Achtung:</source>
        <translation>Attention:</translation>
    </message>
    <message>
        <source>Bitte in der Zuordnung oben die richtige Spalte wählen; die Vorschau unten zeigt beide.</source>
        <translation>Please choose the right column in the assignment above; the preview below shows both.</translation>
    </message>
</context>
<context>
    <name>MoveCardCommand</name>
    <message>
        <source>Karte „{0}“ nach „{target_name}“ verschieben</source>
        <translation>move card “{0}” to “{target_name}”</translation>
    </message>
</context>
<context>
    <name>Panel</name>
    <message>
        <source>Für das Labor „{lab}“ sind keine Bevölkerungszahlen gespeichert, aus denen sich Quoten ableiten lassen.</source>
        <extracomment>invitee attribute -&gt; aggregate dimension and the feature name used in quotas (German, as in the draw) where the quotas come from (recorded in the audit line): &quot;selection&quot; (the panel selection, or a replacement under its recorded quotas), &quot;file&quot; or &quot;defaults&quot; (a replacement of an older lab) German note for protocol and message when the selection&apos;s quotas were not recorded</extracomment>
        <translation>No population figures are stored for the lab “{lab}” from which quotas could be derived.</translation>
    </message>
    <message>
        <source>Geben Sie eine Quotendatei an (--categories).</source>
        <translation>Give a quota file (--categories).</translation>
    </message>
    <message>
        <source>Niemand aus dem Panel hat abgesagt; es gibt nichts nachzulosen.</source>
        <translation>Nobody on the panel has declined; there is nothing to replace.</translation>
    </message>
    <message>
        <source>Nachrücker werden unter den Quoten gelost, die bei der Panel-Auswahl des Labors „{lab}“ gespeichert wurden; die angegebenen Quoten weichen davon ab.</source>
        <translation>Replacements are drawn under the quotas stored with the panel selection of the lab “{lab}”; the quotas given differ from them.</translation>
    </message>
    <message>
        <source>Lassen Sie die Quotendatei weg, oder losen Sie das ganze Panel neu aus.</source>
        <translation>Leave out the quota file, or draw the whole panel again.</translation>
    </message>
    <message>
        <source>Nachgelost wird wie beim letzten Nachrücken unter dessen Quoten.</source>
        <translation>Replacements are drawn under the quotas of the last replacement, as then.</translation>
    </message>
    <message>
        <source>Nachgelost wird unter den angegebenen Quoten; dass sie denen der Auswahl entsprechen, ist nicht belegt.</source>
        <translation>Replacements are drawn under the quotas given; there is no record that they match those of the selection.</translation>
    </message>
    <message>
        <source>Nachgelost wird unter Standardquoten aus den Bevölkerungszahlen des Labors (Spielraum {slack}); sie können von den Quoten der Auswahl abweichen.</source>
        <translation>Replacements are drawn under default quotas from the lab&apos;s population figures (slack {slack}); they may differ from the quotas of the selection.</translation>
    </message>
    <message>
        <source>Die Quoten der Panel-Auswahl sind für das Labor „{lab}“ nicht gespeichert (Auswahl mit einer älteren Version). {how}</source>
        <translation>The quotas of the panel selection are not stored for the lab “{lab}” (selected with an older version). {how}</translation>
    </message>
    <message>
        <source>Geben Sie die Quoten der ursprünglichen Auswahl als Quotendatei an (Kommandozeile: --categories) oder einen größeren Spielraum der Quoten.</source>
        <translation>Give the quotas of the original selection as a quota file (command line: --categories) or a larger slack for the quotas.</translation>
    </message>
    <message>
        <source>Die Kennung „{id}“ kommt mehrfach vor.</source>
        <translation>The ID “{id}” occurs more than once.</translation>
    </message>
    <message>
        <source>„{id}“ hat bei „{feature}“ den Wert „{value}“, für den es keine Quote gibt.</source>
        <translation>“{id}” has the value “{value}” for “{feature}”, for which there is no quota.</translation>
    </message>
    <message>
        <source>Ergänzen Sie die Quoten um diesen Wert oder korrigieren Sie die Angabe.</source>
        <translation>Add this value to the quotas or correct the entry.</translation>
    </message>
    <message>
        <source>Die Quoten lassen sich nicht gleichzeitig erfüllen.</source>
        <translation>The quotas cannot all be met at the same time.</translation>
    </message>
    <message>
        <source>Die Kennung „{id}“ gibt es in den Zusagen nicht.</source>
        <translation>There is no ID “{id}” among the acceptances.</translation>
    </message>
    <message>
        <source>„{id}“ gehört nicht zum Panel und kann nicht absagen.</source>
        <translation>“{id}” is not on the panel and cannot drop out.</translation>
    </message>
    <message>
        <source>Quote „{category}“: die verbleibenden Mitglieder überschreiten schon das Maximum {max}.</source>
        <translation>Quota “{category}”: the remaining members already exceed the maximum {max}.</translation>
    </message>
    <message>
        <source>Die Zahl der Plätze muss mindestens 1 sein.</source>
        <translation>The number of seats must be at least 1.</translation>
    </message>
    <message>
        <source>Es sind keine Quoten angegeben.</source>
        <translation>No quotas are given.</translation>
    </message>
    <message>
        <source>Geben Sie eine Datei mit den Spalten feature, value, min, max an.</source>
        <translation>Give a file with the columns feature, value, min, max.</translation>
    </message>
    <message>
        <source>Quote „{category}“: das Minimum {min} ist größer als das Maximum {max}.</source>
        <translation>Quota “{category}”: the minimum {min} is larger than the maximum {max}.</translation>
    </message>
    <message>
        <source>Es gibt {seats} Plätze, aber nur {people} – {missing} zu wenig.</source>
        <translation>There are {seats} seats but only {people} – {missing} too few.</translation>
    </message>
    <message>
        <source>Quote „{category}“ ist nicht erfüllbar: mindestens {min} verlangt, aber nur {have} – {missing} zu wenig.</source>
        <translation>Quota “{category}” cannot be met: at least {min} required, but only {have} – {missing} too few.</translation>
    </message>
    <message>
        <source>Die Mindestzahlen für „{feature}“ ergeben zusammen {low}, es gibt aber nur {seats} Plätze – {excess} zu viel.</source>
        <translation>The minimums for “{feature}” add up to {low}, but there are only {seats} seats – {excess} too many.</translation>
    </message>
    <message>
        <source>Die Höchstzahlen für „{feature}“ (und die Zusagen je Wert) füllen nur {reachable} von {seats} Plätzen – {missing} zu wenig.</source>
        <translation>The maximums for “{feature}” (and the acceptances per value) fill only {reachable} of {seats} seats – {missing} too few.</translation>
    </message>
    <message>
        <source>Die Quoten lassen sich nicht gleichzeitig erfüllen: „{category}“ bleibt unter dem Minimum {min}, mindestens {missing} zu wenig.</source>
        <translation>The quotas cannot all be met at the same time: “{category}” stays below the minimum {min}, at least {missing} too few.</translation>
    </message>
    <message>
        <source>Die Quoten lassen sich nicht gleichzeitig erfüllen: „{category}“ überschreitet das Maximum {max}, mindestens {excess} zu viel.</source>
        <translation>The quotas cannot all be met at the same time: “{category}” exceeds the maximum {max}, at least {excess} too many.</translation>
    </message>
    <message>
        <source>Senken Sie dieses Minimum, erhöhen Sie den Spielraum der Quoten oder verringern Sie die Zahl der Plätze.</source>
        <translation>Lower this minimum, widen the quotas&apos; slack or reduce the number of seats.</translation>
    </message>
    <message>
        <source>Erhöhen Sie dieses Maximum oder den Spielraum der Quoten, oder verringern Sie die Zahl der Plätze.</source>
        <translation>Raise this maximum or the quotas&apos; slack, or reduce the number of seats.</translation>
    </message>
    <message>
        <source>Für {dropouts} lässt sich unter den übrigen Zusagen niemand nachlosen, ohne eine Quote zu verletzen (Quoten hier schon um die verbleibenden Mitglieder verringert): {reason}</source>
        <extracomment>replacing drop-outs: the panel so far and who of it dropped out (empty for a first selection) a note on the quotas for protocol and message (e.g. a replacement whose selection&apos;s quotas are unknown)</extracomment>
        <translation>No replacement for {dropouts} can be drawn from the remaining acceptances without breaking a quota (the quotas here are already reduced by the members who stay): {reason}</translation>
    </message>
    <message>
        <source>Lassen Sie den Platz frei, oder losen Sie das ganze Panel mit mehr Spielraum der Quoten neu aus.</source>
        <translation>Leave the seat empty, or draw the whole panel again with more quota slack.</translation>
    </message>
    <message>
        <source>Wahrscheinlichkeiten festgelegt: {done}</source>
        <extracomment>stop column generation when the certified upper bound is this close to the master&apos;s value a dual price above this marks a type as tight at the current minimum (leximin fixing) fixed probabilities are relaxed by this much so rounding never makes the master infeasible local search starts from this many of the columns with the largest weight</extracomment>
        <translation>Probabilities fixed: {done}</translation>
    </message>
</context>
<context>
    <name>PanelDialog</name>
    <message>
        <source>Nachrücken auslosen</source>
        <extracomment>the panel was stored</extracomment>
        <translation>Draw replacements</translation>
    </message>
    <message>
        <source>Teilnehmende fair auslosen</source>
        <translation>Draw participants fairly</translation>
    </message>
    <message>
        <source>Für die Panel-Mitglieder, die abgesagt haben, wird unter den übrigen Zusagen fair nachgelost; alle Quoten bleiben erfüllt.</source>
        <translation>Replacements for the panel members who declined are drawn fairly among the remaining acceptances; every quota stays met.</translation>
    </message>
    <message>
        <source>Unter allen Zusammensetzungen, die die Quoten nach Altersgruppe, Geschlecht und Bezirk erfüllen, wird die Verteilung gewählt, die der Person mit der geringsten Chance die größtmögliche Chance gibt; dann wird mit dem öffentlichen Startwert gelost.</source>
        <translation>Among all panel compositions that meet the quotas by age band, gender and district, the distribution is chosen that gives the person with the smallest chance the largest possible chance; then the lot is drawn with the public seed.</translation>
    </message>
    <message>
        <source>z. B. Lottozahlen oder Würfel in öffentlicher Sitzung</source>
        <translation>e.g. lottery numbers or dice in a public meeting</translation>
    </message>
    <message>
        <source>Startwert:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <source>Die Quoten sind Bevölkerungsanteil × Plätze, ab- und aufgerundet; der Spielraum erweitert sie um so viele Personen nach unten und oben.</source>
        <translation>The quotas are population share × seats, rounded down and up; the slack widens them by this many people down and up.</translation>
    </message>
    <message>
        <source>Spielraum der Quoten (Personen):</source>
        <translation>Quota slack (people):</translation>
    </message>
    <message>
        <source>Plätze:</source>
        <translation>Seats:</translation>
    </message>
    <message>
        <source>Auslosen</source>
        <translation>Draw</translation>
    </message>
    <message>
        <source>Protokoll speichern …</source>
        <translation>Save protocol …</translation>
    </message>
    <message>
        <source>Protokoll (PDF) mit allen Wahrscheinlichkeiten, dazu der prüfbare Datensatz (JSON) und die Zusagen (nur Kennung und Merkmale) für quartierslabor verify</source>
        <translation>Protocol (PDF) with every probability, plus the verifiable record (JSON) and the acceptances (ID and features only) for quartierslabor verify</translation>
    </message>
    <message>
        <source>Für die Panel-Mitglieder, die abgesagt haben, wird unter den übrigen Zusagen fair nachgelost. Die Quoten der ursprünglichen Auswahl sind für dieses Labor nicht gespeichert; die Nachrücker erfüllen die hier verwendeten Quoten, die davon abweichen können.</source>
        <translation>Replacements for the panel members who declined are drawn fairly among the remaining acceptances. The quotas of the original selection were not recorded for this lab; the replacements meet the quotas used here, which may differ from them.</translation>
    </message>
    <message>
        <source>Bitte zuerst einen Startwert eingeben.</source>
        <translation>Please enter a seed first.</translation>
    </message>
    <message>
        <source>Faire Verteilung berechnen</source>
        <translation>Computing the fair distribution</translation>
    </message>
    <message>
        <source>Nachgerückt: &lt;b&gt;{0}&lt;/b&gt; (für {1}). Das Panel hat wieder {2}.</source>
        <translation>Replacements: &lt;b&gt;{0}&lt;/b&gt; (for {1}). The panel has {2} again.</translation>
    </message>
    <message>
        <source>Ausgelost: &lt;b&gt;{0}&lt;/b&gt; von {1}. Kleinste Chance {2} (bestmöglich bei diesen Quoten), größte {3}.</source>
        <translation>Drawn: &lt;b&gt;{0}&lt;/b&gt; of {1}. Smallest chance {2} (the best possible with these quotas), largest {3}.</translation>
    </message>
    <message>
        <source>Nr.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Wahrscheinlichkeit</source>
        <translation>Probability</translation>
    </message>
    <message>
        <source>ja</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>Protokoll der Panel-Auswahl speichern</source>
        <translation>Save the protocol of the panel selection</translation>
    </message>
    <message>
        <source>PDF-Dateien (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Protokoll schreiben</source>
        <translation>Writing the protocol</translation>
    </message>
    <message>
        <source>Gespeichert: {0}</source>
        <translation>Saved: {0}</translation>
    </message>
    <message>
        <source>{0} %</source>
        <translation>{0}%</translation>
    </message>
</context>
<context>
    <name>PanelFiles</name>
    <message>
        <source>Speichern Sie nur die Antwortenden bzw. Quoten als CSV (UTF-8).</source>
        <translation>Please save only the respondents or quotas as CSV (UTF-8).</translation>
    </message>
    <message>
        <source>Die Datei ist keine CSV-Textdatei.</source>
        <translation>The file is not a CSV text file.</translation>
    </message>
    <message>
        <source>Speichern Sie die Tabelle als CSV (UTF-8).</source>
        <translation>Save the table as CSV (UTF-8).</translation>
    </message>
    <message>
        <source>Die Datei ist leer.</source>
        <translation>The file is empty.</translation>
    </message>
    <message>
        <source>Die Spalte „{column}“ fehlt (gefunden: {found}).</source>
        <translation>The column “{column}” is missing (found: {found}).</translation>
    </message>
    <message>
        <source>Die erste Zeile muss die Spaltennamen enthalten.</source>
        <translation>The first row must hold the column names.</translation>
    </message>
    <message>
        <source>Der Eintrag ist leer.</source>
        <translation>The entry is empty.</translation>
    </message>
    <message>
        <source>„{value}“ ist keine ganze Zahl.</source>
        <translation>“{value}” is not a whole number.</translation>
    </message>
    <message>
        <source>Tragen Sie eine ganze Zahl ab 0 ein.</source>
        <translation>Enter a whole number from 0.</translation>
    </message>
    <message>
        <source>Die Zahl darf nicht negativ sein.</source>
        <translation>The number must not be negative.</translation>
    </message>
    <message>
        <source>„{feature} = {value}“ steht doppelt in der Datei.</source>
        <translation>“{feature} = {value}” is in the file twice.</translation>
    </message>
    <message>
        <source>Die Datei enthält keine Quoten.</source>
        <translation>The file contains no quotas.</translation>
    </message>
    <message>
        <source>Die Kennung fehlt.</source>
        <translation>The ID is missing.</translation>
    </message>
</context>
<context>
    <name>PanelVerify</name>
    <message>
        <source>Das Panel-Protokoll (JSON) ist unvollständig oder beschädigt.</source>
        <extracomment>the recomputed maximin and the recorded smallest probability may differ by this much</extracomment>
        <translation>The panel record (JSON) is incomplete or damaged.</translation>
    </message>
    <message>
        <source>Abweichung: Die Datei der Zusagen hat einen anderen SHA-256 ({actual}) als protokolliert ({recorded}).</source>
        <translation>Mismatch: the acceptances file has a different SHA-256 ({actual}) than recorded ({recorded}).</translation>
    </message>
    <message>
        <source>Abweichung: Die Gruppen der Zusagen (Merkmalswerte und Anzahlen) stimmen nicht mit dem Protokoll überein.</source>
        <translation>Mismatch: the groups of acceptances (feature values and counts) do not match the record.</translation>
    </message>
    <message>
        <source>Abweichung: Die protokollierte Verteilung passt nicht zu den Gruppen.</source>
        <translation>Mismatch: the recorded distribution does not fit the groups.</translation>
    </message>
    <message>
        <source>Abweichung: Zusammensetzung {number} hat nicht {seats} Plätze aus den vorhandenen Zusagen.</source>
        <translation>Mismatch: composition {number} does not have {seats} seats from the available acceptances.</translation>
    </message>
    <message>
        <source>Abweichung: Zusammensetzung {number} verletzt die Quote „{category}“ ({got} statt {min}–{max}).</source>
        <translation>Mismatch: composition {number} violates the quota “{category}” ({got} instead of {min}–{max}).</translation>
    </message>
    <message>
        <source>Abweichung: Die Gewichte der Verteilung ergeben nicht 1.</source>
        <translation>Mismatch: the weights of the distribution do not add up to 1.</translation>
    </message>
    <message>
        <source>Abweichung: Die Wahrscheinlichkeit von „{id}“ folgt nicht aus der Verteilung.</source>
        <translation>Mismatch: the probability of “{id}” does not follow from the distribution.</translation>
    </message>
    <message>
        <source>Abweichung: Die kleinste Wahrscheinlichkeit der Verteilung ({smallest}) ist nicht die bestmögliche ({optimum}).</source>
        <translation>Mismatch: the smallest probability of the distribution ({smallest}) is not the best possible ({optimum}).</translation>
    </message>
    <message>
        <source>Abweichung: Der Startwert ergibt einen anderen SHA-256 als protokolliert.</source>
        <translation>Mismatch: the seed gives a different SHA-256 than recorded.</translation>
    </message>
    <message>
        <source>Abweichung: Die Ziehung ergibt ein anderes Panel (nicht protokolliert: {extra}; protokolliert, aber nicht gezogen: {missing}).</source>
        <translation>Mismatch: the draw gives a different panel (not recorded: {extra}; recorded but not drawn: {missing}).</translation>
    </message>
    <message>
        <source>Bestätigt: Alle {seats} Panel-Mitglieder, die Wahrscheinlichkeiten von {people} Zusagen (kleinste {smallest}, bestmöglich) und der SHA-256 der Zusagen stimmen mit dem Protokoll überein.</source>
        <translation>Confirmed: all {seats} panel members, the probabilities of {people} acceptances (smallest {smallest}, the best possible) and the SHA-256 of the acceptances match the record.</translation>
    </message>
</context>
<context>
    <name>Persistence</name>
    <message>
        <source>Neue Empfehlung</source>
        <translation>New recommendation</translation>
    </message>
</context>
<context>
    <name>PresenterWindow</name>
    <message>
        <source>Quartierslabor – {title} (Präsentation)</source>
        <extracomment>the share of the screen a window takes after leaving full screen</extracomment>
        <translation>Quartierslabor – {title} (presentation)</translation>
    </message>
</context>
<context>
    <name>PrivacyNotice</name>
    <message>
        <source>Die gespeicherten Datenschutzhinweise sind beschädigt.</source>
        <extracomment>placeholders the privacy text may use (besides those of the letter) headings a sound notice must have (Art. 13 Abs. 1 and 2 DSGVO)</extracomment>
        <translation>The saved privacy notice is damaged.</translation>
    </message>
    <message>
        <source>Setzen Sie die Datenschutzhinweise auf den Standardtext zurück.</source>
        <translation>Reset the privacy notice to the default text.</translation>
    </message>
    <message>
        <source>In den Datenschutzhinweisen fehlt der Abschnitt „{heading}“ (Art. 13 DSGVO).</source>
        <translation>The privacy notice lacks the section “{heading}” (Art. 13 GDPR).</translation>
    </message>
    <message>
        <source>Unbekannter Platzhalter „{placeholder}“ in den Datenschutzhinweisen.</source>
        <translation>Unknown placeholder “{placeholder}” in the privacy notice.</translation>
    </message>
    <message>
        <source>Möglich sind: {placeholders}</source>
        <translation>Possible are: {placeholders}</translation>
    </message>
    <message>
        <source>Absatz {number} der Datenschutzhinweise beginnt nicht mit „Überschrift:“.</source>
        <translation>Paragraph {number} of the privacy notice does not start with “Heading:”.</translation>
    </message>
    <message>
        <source>Beispiel: „Zweck: Wir verwenden Ihre Anschrift …“</source>
        <translation>Example: “Zweck: Wir verwenden Ihre Anschrift …”</translation>
    </message>
    <message>
        <source>Die Datenschutzhinweise passen nicht auf eine Seite.</source>
        <translation>The privacy notice does not fit on one page.</translation>
    </message>
    <message>
        <source>Kürzen Sie die Datenschutzhinweise in den Einstellungen.</source>
        <translation>Shorten the privacy notice in the settings.</translation>
    </message>
</context>
<context>
    <name>PrivacyNoticeEditor</name>
    <message>
        <source>Überschrift:</source>
        <translation>Title:</translation>
    </message>
    <message>
        <source>Ein Absatz je Angabe, beginnend mit „Überschrift:“, dazwischen eine Leerzeile. Nötig sind Verantwortlich, Datenschutzbeauftragte, Zweck, Rechtsgrundlage, Speicherdauer, Ihre Rechte und Beschwerderecht. Platzhalter: {aufbewahrung} (aus der Aufbewahrungsfrist), {labor}, {bezirk}, {antwortcode}.</source>
        <translation>One paragraph per item, starting with “Heading:”, a blank line between. Required (German headings, the letter stays German): Verantwortlich, Datenschutzbeauftragte, Zweck, Rechtsgrundlage, Speicherdauer, Ihre Rechte, Beschwerderecht. Placeholders: {aufbewahrung} (from the retention period), {labor}, {bezirk}, {antwortcode}.</translation>
    </message>
    <message>
        <source>Datenschutzhinweise</source>
        <translation>Privacy notice</translation>
    </message>
    <message>
        <source>Datenschutzhinweise auf den Standardtext zurücksetzen</source>
        <translation>Reset the privacy notice to the default text</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <source>Karten werden neu gruppiert …</source>
        <translation>Regrouping the cards …</translation>
    </message>
    <message>
        <source>Zuordnung wird gespeichert …</source>
        <translation>Saving the assignment …</translation>
    </message>
    <message>
        <source>Neu gruppiert.</source>
        <translation>Regrouped.</translation>
    </message>
    <message>
        <source>Karten werden zugeordnet …</source>
        <extracomment>weights of the two evidence sources in the combined score the learned component: weight LEARNED_GAIN · n / (n + EVIDENCE_HALF) for a cluster with n learned cards, on the similarity to its nearest learned cards above the background similarity of unrelated cards extra score for a card placed by hand more similar than NEAR_SIM (worded almost the same) share of moved cards at which the learned component of built-in clusters reaches its full weight a cue word steps back once the facilitator overruled it this often (and more often than it held) below this combined score a card &quot;fits nothing well&quot; discovery candidates (:func:`loosely_placed`): best score below WEAK_SCORE, or a runner-up at least CONTESTED_SHARE of the best taxonomies whose built knowledge is kept for the next clusterer (by content; about 10 MB each)</extracomment>
        <translation>Assigning the cards …</translation>
    </message>
    <message>
        <source>{done} zugeordnet …</source>
        <translation>{done} assigned …</translation>
    </message>
    <message>
        <source>Sitzung wird nachgespielt …</source>
        <extracomment>cards the facilitator moved back after accepting the discovery proposals reviewed after this card (``replay_session(discovery_every=N)``; 0 without discovery)</extracomment>
        <translation>Replaying the session …</translation>
    </message>
    <message>
        <source>{done} nachgespielt …</source>
        <translation>{done} replayed …</translation>
    </message>
    <message>
        <source>Fertig.</source>
        <translation>Done.</translation>
    </message>
    <message>
        <source>Ähnliche Karten werden gesucht …</source>
        <extracomment>words that say *that* something is wrong, not *what*: ignored when grouping and naming average-linkage similarity at which two groups are merged smallest group proposed as a new cluster why smaller proposals were combined into this one (None: found as it is) above this many distinct features the batch is embedded with the hashing trick weight of character n-grams relative to whole words when grouping</extracomment>
        <translation>Looking for similar cards …</translation>
    </message>
    <message>
        <source>Karten werden gruppiert …</source>
        <translation>Grouping the cards …</translation>
    </message>
    <message>
        <source>Namen für neue Themen werden gesucht …</source>
        <translation>Looking for names for new topics …</translation>
    </message>
    <message>
        <source>Der neue Datenordner wird vorbereitet</source>
        <translation>Preparing the new data folder</translation>
    </message>
    <message>
        <source>Die Datenbank wird kopiert</source>
        <translation>Copying the database</translation>
    </message>
    <message>
        <source>Dateien werden kopiert ({number} von {count})</source>
        <translation>Copying files ({number} of {count})</translation>
    </message>
    <message>
        <source>Der neue Datenordner wird eingetragen</source>
        <translation>Registering the new data folder</translation>
    </message>
    <message>
        <source>Prüfe die Einstellungen …</source>
        <translation>Checking the settings …</translation>
    </message>
    <message>
        <source>Bilde die Schichten …</source>
        <translation>Forming the strata …</translation>
    </message>
    <message>
        <source>Schließe frühere Eingeladene aus …</source>
        <translation>Excluding people invited before …</translation>
    </message>
    <message>
        <source>Wende die Haushaltsregel an …</source>
        <translation>Applying the household rule …</translation>
    </message>
    <message>
        <source>Verteile die Einladungen auf die Schichten …</source>
        <translation>Distributing the invitations over the strata …</translation>
    </message>
    <message>
        <source>Ziehe die Personen …</source>
        <translation>Drawing the people …</translation>
    </message>
    <message>
        <source>Stelle das Ergebnis zusammen …</source>
        <translation>Compiling the result …</translation>
    </message>
    <message>
        <source>Ziehung abgeschlossen.</source>
        <translation>Draw completed.</translation>
    </message>
    <message>
        <source>Brief {number} von {count} …</source>
        <translation>Letter {number} of {count} …</translation>
    </message>
    <message>
        <source>{letters} geschrieben.</source>
        <translation>{letters} written.</translation>
    </message>
    <message>
        <source>Zeilen werden zerlegt …</source>
        <extracomment>refuse files larger than this (a city of 1.5 million people is about 200 MB as CSV) refuse extracts with more data rows than this rows per progress step / cancellation check characters of plain text split at once encodings whose bytes the numpy path cuts into cells (delimiters and line ends are single ASCII bytes) characters of text kept to detect delimiter and header when the rows are cut from the bytes longest cell (bytes) the numpy path handles; longer cells are split from the text odd 64-bit factors of the cell hash (fixed: results never depend on them, clashes are checked) rows looked at to find delimiter and header</extracomment>
        <translation>Splitting the rows …</translation>
    </message>
    <message>
        <source>Datei wird gelesen …</source>
        <translation>Reading the file …</translation>
    </message>
    <message>
        <source>Format wird erkannt …</source>
        <translation>Detecting the format …</translation>
    </message>
    <message>
        <source>{rows} gelesen</source>
        <translation>{rows} read</translation>
    </message>
    <message>
        <source>Zeilen werden geprüft …</source>
        <translation>Checking the rows …</translation>
    </message>
    <message>
        <source>Geburtsdaten werden geprüft …</source>
        <translation>Checking the dates of birth …</translation>
    </message>
    <message>
        <source>Geschlecht wird geprüft …</source>
        <translation>Checking the gender …</translation>
    </message>
    <message>
        <source>Anschriften werden geprüft …</source>
        <translation>Checking the addresses …</translation>
    </message>
    <message>
        <source>Stadtbezirke werden zugeordnet …</source>
        <translation>Assigning the districts …</translation>
    </message>
    <message>
        <source>Doppelte Einträge werden gesucht …</source>
        <translation>Looking for duplicate entries …</translation>
    </message>
    <message>
        <source>Schlüssel werden berechnet …</source>
        <translation>Computing the keys …</translation>
    </message>
    <message>
        <source>{valid} gültig</source>
        <translation>{valid} valid</translation>
    </message>
    <message>
        <source>Excel-Zeilen werden gelesen …</source>
        <translation>Reading the Excel rows …</translation>
    </message>
    <message>
        <source>Labor „{name}“ …</source>
        <translation>Lab “{name}” …</translation>
    </message>
    <message>
        <source>Veränderungen je Stadtbezirk …</source>
        <translation>Changes per district …</translation>
    </message>
    <message>
        <source>Vergleich zusammengestellt.</source>
        <translation>Comparison compiled.</translation>
    </message>
    <message>
        <source>Vergleich wird aufgebaut …</source>
        <translation>Building the comparison …</translation>
    </message>
    <message>
        <source>PDF wird gesetzt …</source>
        <translation>Typesetting the PDF …</translation>
    </message>
    <message>
        <source>Vergleich als PDF gespeichert.</source>
        <translation>Comparison saved as PDF.</translation>
    </message>
    <message>
        <source>Excel-Mappe wird aufgebaut …</source>
        <translation>Building the Excel workbook …</translation>
    </message>
    <message>
        <source>Excel-Mappe wird gespeichert …</source>
        <translation>Saving the Excel workbook …</translation>
    </message>
    <message>
        <source>Excel-Mappe gespeichert.</source>
        <translation>Excel workbook saved.</translation>
    </message>
    <message>
        <source>Thema „{name}“ …</source>
        <translation>Topic “{name}” …</translation>
    </message>
    <message>
        <source>Bericht wird aufgebaut …</source>
        <translation>Building the report …</translation>
    </message>
    <message>
        <source>PDF-Bericht gespeichert.</source>
        <translation>PDF report saved.</translation>
    </message>
    <message>
        <source>Vorgang abgebrochen.</source>
        <translation>Operation cancelled.</translation>
    </message>
    <message>
        <source>Lösche personenbezogene Daten ({number}/{total}) …</source>
        <extracomment>``.defekt`` copies and copies in earlier data folders cleaned or deleted (:mod:`.retention_copies`)</extracomment>
        <translation>Deleting personal data ({number}/{total}) …</translation>
    </message>
    <message>
        <source>Gebe freigewordenen Speicher endgültig frei …</source>
        <translation>Releasing the freed storage for good …</translation>
    </message>
</context>
<context>
    <name>RecommendationChoice</name>
    <message>
        <source>hoch</source>
        <translation>high</translation>
    </message>
    <message>
        <source>mittel</source>
        <translation>medium</translation>
    </message>
    <message>
        <source>niedrig</source>
        <translation>low</translation>
    </message>
    <message>
        <source>sofort</source>
        <translation>immediate</translation>
    </message>
    <message>
        <source>kurzfristig</source>
        <translation>short term</translation>
    </message>
    <message>
        <source>mittelfristig</source>
        <translation>medium term</translation>
    </message>
    <message>
        <source>langfristig</source>
        <translation>long term</translation>
    </message>
    <message>
        <source>offen</source>
        <translation>open</translation>
    </message>
    <message>
        <source>in Arbeit</source>
        <translation>in progress</translation>
    </message>
    <message>
        <source>umgesetzt</source>
        <translation>done</translation>
    </message>
    <message>
        <source>verworfen</source>
        <translation>dropped</translation>
    </message>
</context>
<context>
    <name>RecommendationEditor</name>
    <message>
        <source>Die Empfehlung konnte nicht {what} werden ({0}: {exc}).
Bereits gespeicherte Angaben bleiben erhalten.</source>
        <translation>The recommendation could not be {what} ({0}: {exc}).
Data already saved is kept.</translation>
    </message>
    <message>
        <source>angelegt</source>
        <translation>created</translation>
    </message>
    <message>
        <source>gespeichert</source>
        <translation>saved</translation>
    </message>
    <message>
        <source>Diese Empfehlung gibt es nicht mehr (sie wurde anderswo gelöscht).</source>
        <translation>This recommendation no longer exists (it was deleted elsewhere).</translation>
    </message>
    <message>
        <source>gelöscht</source>
        <translation>deleted</translation>
    </message>
</context>
<context>
    <name>RecommendationForm</name>
    <message>
        <source>Keine Empfehlung ausgewählt</source>
        <translation>No recommendation selected</translation>
    </message>
    <message>
        <source>Kurzer, handlungsleitender Titel</source>
        <translation>Short, action-oriented title</translation>
    </message>
    <message>
        <source>Was soll wer tun? Begründung aus dem Quartierslabor …</source>
        <translation>Who should do what? Reasons from the lab …</translation>
    </message>
    <message>
        <source>Zuständige Stelle wählen oder eintragen</source>
        <translation>Choose or enter the responsible body</translation>
    </message>
    <message>
        <source>z. B. Nordmarkt, Spielplatz Bornstraße</source>
        <translation>e.g. Nordmarkt, Bornstraße playground</translation>
    </message>
    <message>
        <source>Verknüpfte Anliegen</source>
        <translation>Linked concerns</translation>
    </message>
    <message>
        <source>Anliegen aller Themen zeigen</source>
        <translation>Show concerns of all topics</translation>
    </message>
    <message>
        <source>Stand der Umsetzung, Ansprechperson, Datum …</source>
        <translation>Progress, contact person, date …</translation>
    </message>
    <message>
        <source>&amp;Titel</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <source>Te&amp;xt</source>
        <translation>Te&amp;xt</translation>
    </message>
    <message>
        <source>&amp;Zuständig</source>
        <translation>&amp;Responsible</translation>
    </message>
    <message>
        <source>&amp;Priorität</source>
        <translation>&amp;Priority</translation>
    </message>
    <message>
        <source>Zeit&amp;horizont</source>
        <translation>Time &amp;horizon</translation>
    </message>
    <message>
        <source>&amp;Ort</source>
        <translation>P&amp;lace</translation>
    </message>
    <message>
        <source>Th&amp;ema</source>
        <translation>Topi&amp;c</translation>
    </message>
    <message>
        <source>Handlungsfelder</source>
        <translation>Fields of action</translation>
    </message>
    <message>
        <source>(kein Thema – übergreifend)</source>
        <translation>(no topic – across topics)</translation>
    </message>
    <message>
        <source>Dieses Thema hat keine Anliegen. „Anliegen aller Themen zeigen“ blendet alle ein.</source>
        <translation>This topic has no concerns. “Show concerns of all topics” shows them all.</translation>
    </message>
    <message>
        <source>nach dem Masterplan Kommunale Sicherheit 2.0</source>
        <translation>according to the Masterplan Kommunale Sicherheit 2.0</translation>
    </message>
    <message>
        <source>Verknüpfte Anliegen (Punkte)</source>
        <translation>Linked concerns (dots)</translation>
    </message>
    <message>
        <source>Nachverfolgung</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <source>&amp;Notiz</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <source>Empfehlung Nr. {0}</source>
        <translation>Recommendation no. {0}</translation>
    </message>
    <message>
        <source>{name} ({cards}, {votes})</source>
        <translation>{name} ({cards}, {votes})</translation>
    </message>
    <message>
        <source>{0} Pkt. – {1}</source>
        <translation>{0} dots – {1}</translation>
    </message>
</context>
<context>
    <name>RecommendationTableModel</name>
    <message>
        <source>Titel</source>
        <extracomment>the recommendation id of a row cluster filter value meaning &quot;recommendations without a cluster&quot;</extracomment>
        <translation>Title</translation>
    </message>
    <message>
        <source>Handlungsfeld</source>
        <translation>Field of action</translation>
    </message>
    <message>
        <source>Zuständig</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>Priorität</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Zeithorizont</source>
        <translation>Time horizon</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Thema</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>Punkte</source>
        <translation>Dots</translation>
    </message>
    <message>
        <source>Ort</source>
        <translation>Place</translation>
    </message>
</context>
<context>
    <name>Recommendations</name>
    <message>
        <source>Der Name „{name}…“ ist zu lang (höchstens {limit} Zeichen).</source>
        <translation>The name “{name}…” is too long (at most {limit} characters).</translation>
    </message>
    <message>
        <source>Die Liste der Zuständigen darf nicht leer sein.</source>
        <translation>The list of responsible bodies must not be empty.</translation>
    </message>
    <message>
        <source>Tragen Sie mindestens eine Stelle ein, z. B. „Ordnungsamt“.</source>
        <translation>Enter at least one body, e.g. “Ordnungsamt”.</translation>
    </message>
    <message>
        <source>Der Name der zuständigen Stelle ist leer.</source>
        <translation>The name of the responsible body is empty.</translation>
    </message>
    <message>
        <source>„{code}“</source>
        <translation>“{code}”</translation>
    </message>
    <message>
        <source>{listed} ist kein Handlungsfeld des Masterplans Kommunale Sicherheit 2.0.</source>
        <translation>{listed} is not a field of action of the Masterplan Kommunale Sicherheit 2.0.</translation>
    </message>
    <message>
        <source>{listed} sind keine Handlungsfelder des Masterplans Kommunale Sicherheit 2.0.</source>
        <translation>{listed} are not fields of action of the Masterplan Kommunale Sicherheit 2.0.</translation>
    </message>
    <message>
        <source>Gültig sind Nummern wie „2.3“ (Sauberkeit) oder „1.2.3“; die Liste steht in der Auswahl „Handlungsfeld“.</source>
        <translation>Valid are numbers such as “2.3” (cleanliness) or “1.2.3”; the list is in the “Field of action” choice.</translation>
    </message>
    <message>
        <source>„{text}“ ist keine Nummer eines Anliegens.</source>
        <translation>“{text}” is not the number of a concern.</translation>
    </message>
    <message>
        <source>„{text}“ ist kein gültiger Wert.</source>
        <translation>“{text}” is not a valid value.</translation>
    </message>
    <message>
        <source>Erlaubt sind: {options}.</source>
        <translation>Allowed are: {options}.</translation>
    </message>
    <message>
        <source>Der Text ist zu lang ({length} Zeichen, höchstens {limit}).</source>
        <translation>The text is too long ({length} characters, at most {limit}).</translation>
    </message>
    <message>
        <source>Anliegen Nr. {listed} gehört nicht zu diesem Quartierslabor.</source>
        <translation>Concern no. {listed} does not belong to this lab.</translation>
    </message>
    <message>
        <source>Das gewählte Thema gehört nicht zu diesem Quartierslabor.</source>
        <translation>The chosen topic does not belong to this lab.</translation>
    </message>
    <message>
        <source>Der Titel der Empfehlung fehlt.</source>
        <translation>The title of the recommendation is missing.</translation>
    </message>
    <message>
        <source>Geben Sie einen kurzen Titel ein, z. B. „Mehr Abfallbehälter am Nordmarkt“.</source>
        <translation>Enter a short title, e.g. “More litter bins at Nordmarkt”.</translation>
    </message>
    <message>
        <source>Die Empfehlung Nr. {rec_id} gibt es nicht (mehr).</source>
        <translation>Recommendation no. {rec_id} does not exist (any more).</translation>
    </message>
    <message>
        <source>Das Quartierslabor dieser Empfehlung gibt es nicht mehr.</source>
        <translation>The lab of this recommendation no longer exists.</translation>
    </message>
</context>
<context>
    <name>RecommendationsView</name>
    <message>
        <source>Nach Punkten sortiert. Doppelklick legt eine Empfehlung an.</source>
        <translation>Sorted by dots. Double-click creates a recommendation.</translation>
    </message>
    <message>
        <source>Neue Empfehlung</source>
        <translation>New recommendation</translation>
    </message>
    <message>
        <source>Neue Empfehlung zum Thema</source>
        <translation>New recommendation for topic</translation>
    </message>
    <message>
        <source>Titel und Handlungsfelder werden aus dem Thema vorgeschlagen.</source>
        <translation>Title and fields of action are suggested from the topic.</translation>
    </message>
    <message>
        <source>Themen aus dem Workshop</source>
        <translation>Topics from the workshop</translation>
    </message>
    <message>
        <source>Neue themenübergreifende Empfehlung (das Thema lässt sich im Formular wählen)</source>
        <translation>New recommendation across topics (the topic can be chosen in the form)</translation>
    </message>
    <message>
        <source>Löschen …</source>
        <translation>Delete …</translation>
    </message>
    <message>
        <source>Rückgängig</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Wiederholen</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>Empfehlungen</source>
        <translation>Recommendations</translation>
    </message>
    <message>
        <source>Empfehlung löschen</source>
        <translation>Delete recommendation</translation>
    </message>
    <message>
        <source>Noch keine Empfehlungen. Wählen Sie links ein Thema und klicken Sie „Neue Empfehlung zum Thema“ – Titel und Handlungsfelder werden vorgeschlagen.</source>
        <translation>No recommendations yet. Choose a topic on the left and click “New recommendation for topic” – title and fields of action are suggested.</translation>
    </message>
    <message>
        <source>{shown} von {total}</source>
        <translation>{shown} of {total}</translation>
    </message>
    <message>
        <source>Thema ändern</source>
        <translation>change topic</translation>
    </message>
    <message>
        <source>Rückgängig: {0} (Strg+Z)</source>
        <translation>Undo: {0} (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Rückgängig (Strg+Z)</source>
        <translation>Undo (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Wiederholen: {0} (Strg+Umschalt+Z)</source>
        <translation>Redo: {0} (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <source>Wiederholen (Strg+Umschalt+Z)</source>
        <translation>Redo (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <source>Die Empfehlung „{0}“ löschen?

Sie können das mit „Rückgängig“ (Strg+Z) wieder zurücknehmen.</source>
        <translation>Delete the recommendation “{0}”?

You can take this back with “Undo” (Ctrl+Z).</translation>
    </message>
</context>
<context>
    <name>RegisterFile</name>
    <message>
        <source>{birth_date} oder {age}</source>
        <extracomment>exact header keys per field (after :func:`header_key`), most specific fields first prefixes accepted when no exact match exists (&quot;Geburtsdatum (TT.MM.JJJJ)&quot;, &quot;Straße/Platz&quot;)</extracomment>
        <translation>{birth_date} or {age}</translation>
    </message>
    <message>
        <source>{street} und {number} (oder {address})</source>
        <translation>{street} and {number} (or {address})</translation>
    </message>
    <message>
        <source>„{header}“ steht in den Spalten {columns}; für „{field}“ wird Spalte {used} verwendet</source>
        <translation>“{header}” is in columns {columns}; column {used} is used for “{field}”</translation>
    </message>
    <message>
        <source>Doppelte Spaltenüberschrift: {details}.</source>
        <translation>Duplicated column header: {details}.</translation>
    </message>
    <message>
        <source>Die Zuordnung für „{field}“ verweist auf Spalte {column}, die Datei hat aber nur {columns} Spalten.</source>
        <translation>The mapping for “{field}” points to column {column}, but the file has only {columns} columns.</translation>
    </message>
    <message>
        <source>Bitte angeben, welche Spalte gilt (Kommandozeile: --column {field}={first} oder --column {field}={second}), oder eine der Überschriften umbenennen.</source>
        <translation>Please state which column applies (command line: --column {field}={first} or --column {field}={second}), or rename one of the headers.</translation>
    </message>
    <message>
        <source>„{name}“</source>
        <translation>“{name}”</translation>
    </message>
    <message>
        <source>Es fehlen die Pflichtspalten {names}.</source>
        <translation>The required columns {names} are missing.</translation>
    </message>
    <message>
        <source>Es fehlt die Pflichtspalte {names}.</source>
        <translation>The required column {names} is missing.</translation>
    </message>
    <message>
        <source>Bitte die Spaltenüberschriften anpassen, die Zuordnung in der Oberfläche korrigieren.</source>
        <translation>Please adjust the column headings or correct the column mapping in the app.</translation>
    </message>
    <message>
        <source>Bitte die Spaltenüberschriften anpassen, die Zuordnung in der Oberfläche korrigieren oder ein Straßenverzeichnis laden (für den Stadtbezirk).</source>
        <translation>Please adjust the column headings, correct the column mapping in the app or load a street directory (for the district).</translation>
    </message>
    <message>
        <source>{missing} Gefundene Spalten in Zeile {row}: {found}.</source>
        <translation>{missing} Columns found in row {row}: {found}.</translation>
    </message>
    <message>
        <source>Bitte Pfad und Dateinamen prüfen.</source>
        <translation>Please check the path and file name.</translation>
    </message>
    <message>
        <source>Die Datei hat mehr als {rows} Datenzeilen; das ist kein plausibler Auszug eines Stadtbezirks.</source>
        <translation>The file has more than {rows} data rows; that is not a plausible extract for one district.</translation>
    </message>
    <message>
        <source>Bitte einen Auszug nur für den benötigten Stadtbezirk anfordern oder die Datei teilen.</source>
        <translation>Please request an extract for the required district only, or split the file.</translation>
    </message>
    <message>
        <source>Bitte einen Auszug nur für den benötigten Stadtbezirk anfordern.</source>
        <translation>Please request an extract for the required district only.</translation>
    </message>
    <message>
        <source>Die Datei ist leer.</source>
        <translation>The file is empty.</translation>
    </message>
    <message>
        <source>Bitte den Registerauszug erneut exportieren und die richtige Datei wählen.</source>
        <translation>Please export the register extract again and choose the right file.</translation>
    </message>
    <message>
        <source>Die Datei enthält nur die Kopfzeile (Zeile {row}), aber keine Datenzeilen.</source>
        <translation>The file contains only the header row (row {row}) but no data rows.</translation>
    </message>
    <message>
        <source>Bitte prüfen, ob der Export vollständig ist.</source>
        <translation>Please check whether the export is complete.</translation>
    </message>
    <message>
        <source>ein Feld ist übermäßig lang – vermutlich fehlt ein schließendes Anführungszeichen</source>
        <translation>a field is excessively long – probably a closing quotation mark is missing</translation>
    </message>
    <message>
        <source>Formatfehler: {error}</source>
        <translation>format error: {error}</translation>
    </message>
    <message>
        <source>Die CSV-Datei ist ab dieser Zeile fehlerhaft aufgebaut ({detail}).</source>
        <translation>The CSV file is malformed from this row on ({detail}).</translation>
    </message>
    <message>
        <source>Bitte die Zeile prüfen oder die Datei neu exportieren; Anführungszeichen müssen paarweise stehen.</source>
        <translation>Please check the row or export the file again; quotation marks must come in pairs.</translation>
    </message>
    <message>
        <source>In der Datei wurde kein Trennzeichen (Semikolon, Komma oder Tabulator) zwischen Spalten gefunden; sie ist keine Tabelle eines Registerauszugs.</source>
        <translation>No delimiter (semicolon, comma or tab) between columns was found in the file; it is not a register extract table.</translation>
    </message>
    <message>
        <source>Bitte die CSV-Datei des Melderegisterauszugs wählen oder die Datei in Excel als „CSV (Trennzeichen-getrennt)“ speichern.</source>
        <translation>Please choose the CSV file of the register extract or save the file in Excel as “CSV (Comma delimited)”.</translation>
    </message>
    <message>
        <source>Bitte die CSV- oder Excel-Datei (.xlsx) des Melderegisterauszugs wählen.</source>
        <translation>Please choose the CSV or Excel file (.xlsx) of the register extract.</translation>
    </message>
    <message>
        <source>Die Datei ist ein PDF-Dokument, kein Registerauszug als Tabelle.</source>
        <translation>The file is a PDF document, not a register extract as a table.</translation>
    </message>
    <message>
        <source>Bitte den Melderegisterauszug als CSV- oder Excel-Datei (.xlsx) anfordern bzw. exportieren.</source>
        <translation>Please request or export the register extract as a CSV or Excel file (.xlsx).</translation>
    </message>
    <message>
        <source>Die Datei ist im alten Excel-Format (.xls) oder ein anderes Office-Binärformat.</source>
        <translation>The file is in the old Excel format (.xls) or another binary Office format.</translation>
    </message>
    <message>
        <source>Bitte die Datei in Excel öffnen und als „Excel-Arbeitsmappe (*.xlsx)“ oder „CSV (Trennzeichen-getrennt)“ speichern.</source>
        <translation>Please open the file in Excel and save it as “Excel Workbook (*.xlsx)” or “CSV (Comma delimited)”.</translation>
    </message>
    <message>
        <source>ein gzip-Archiv</source>
        <translation>a gzip archive</translation>
    </message>
    <message>
        <source>ein PNG-Bild</source>
        <translation>a PNG image</translation>
    </message>
    <message>
        <source>ein JPEG-Bild</source>
        <translation>a JPEG image</translation>
    </message>
    <message>
        <source>ein 7-Zip-Archiv</source>
        <translation>a 7-Zip archive</translation>
    </message>
    <message>
        <source>ein RAR-Archiv</source>
        <translation>a RAR archive</translation>
    </message>
    <message>
        <source>eine SQLite-Datenbank</source>
        <translation>an SQLite database</translation>
    </message>
    <message>
        <source>Die Datei ist {what}, kein Registerauszug als Tabelle.</source>
        <translation>The file is {what}, not a register extract as a table.</translation>
    </message>
    <message>
        <source>Die Datei enthält keinen lesbaren Text (Binärdaten); sie ist keine CSV- oder Excel-Datei oder beschädigt.</source>
        <translation>The file contains no readable text (binary data); it is not a CSV or Excel file, or it is damaged.</translation>
    </message>
    <message>
        <source>Bitte die CSV- oder Excel-Datei (.xlsx) des Melderegisterauszugs wählen bzw. neu exportieren.</source>
        <translation>Please choose the CSV or Excel file (.xlsx) of the register extract, or export it again.</translation>
    </message>
    <message>
        <source>UTF-8 noch Windows-1252</source>
        <extracomment>the five bytes Windows-1252 leaves undefined (Python&apos;s codec refuses them)</extracomment>
        <translation>UTF-8 nor Windows-1252</translation>
    </message>
    <message>
        <source>Der Text lässt sich weder als {encoding} lesen (ungültiges Byte 0x{byte} an Position {position}).</source>
        <translation>The text can be read neither as {encoding} (invalid byte 0x{byte} at position {position}).</translation>
    </message>
    <message>
        <source>Bitte die Datei als „CSV UTF-8“ oder „Unicode-Text“ neu exportieren.</source>
        <translation>Please export the file again as “CSV UTF-8” or “Unicode Text”.</translation>
    </message>
    <message>
        <source>Bitte die Spaltenzuordnung korrigieren.</source>
        <translation>Please correct the column mapping.</translation>
    </message>
    <message>
        <source>Die Excel-Datei ist beschädigt oder unvollständig und kann nicht gelesen werden ({detail}).</source>
        <translation>The Excel file is damaged or incomplete and cannot be read ({detail}).</translation>
    </message>
    <message>
        <source>Die Excel-Datei ist beschädigt oder unvollständig und kann nicht gelesen werden.</source>
        <translation>The Excel file is damaged or incomplete and cannot be read.</translation>
    </message>
    <message>
        <source>Bitte die Datei in Excel öffnen und neu speichern oder den Auszug erneut exportieren.</source>
        <translation>Please open the file in Excel and save it again, or export the extract again.</translation>
    </message>
    <message>
        <source>Die Datei ist eine OpenDocument-Tabelle (.ods), keine Excel-Arbeitsmappe.</source>
        <translation>The file is an OpenDocument spreadsheet (.ods), not an Excel workbook.</translation>
    </message>
    <message>
        <source>Bitte in LibreOffice als „Excel 2007-365 (.xlsx)“ oder als CSV speichern.</source>
        <translation>Please save it in LibreOffice as “Excel 2007-365 (.xlsx)” or as CSV.</translation>
    </message>
    <message>
        <source>Die Datei ist ein ZIP-Archiv, aber keine Excel-Arbeitsmappe (.xlsx).</source>
        <translation>The file is a ZIP archive but not an Excel workbook (.xlsx).</translation>
    </message>
    <message>
        <source>Bitte die CSV- oder Excel-Datei des Melderegisterauszugs wählen.</source>
        <translation>Please choose the CSV or Excel file of the register extract.</translation>
    </message>
    <message>
        <source>kein Tabellenblatt</source>
        <translation>no worksheet</translation>
    </message>
    <message>
        <source>Die Excel-Datei hat kein Tabellenblatt „{sheet}“ (vorhanden: {sheets}).</source>
        <translation>The Excel file has no worksheet “{sheet}” (available: {sheets}).</translation>
    </message>
    <message>
        <source>Bitte eines der vorhandenen Tabellenblätter wählen.</source>
        <translation>Please choose one of the available worksheets.</translation>
    </message>
</context>
<context>
    <name>RegisterFormat</name>
    <message>
        <source>Excel-Arbeitsmappe, Tabellenblatt „{sheet}“, Kopfzeile in Zeile {row}</source>
        <translation>Excel workbook, worksheet “{sheet}”, header in row {row}</translation>
    </message>
    <message>
        <source>Komma</source>
        <translation>comma</translation>
    </message>
    <message>
        <source>Semikolon</source>
        <translation>semicolon</translation>
    </message>
    <message>
        <source>Tabulator</source>
        <translation>tab</translation>
    </message>
    <message>
        <source>senkrechter Strich</source>
        <translation>vertical bar</translation>
    </message>
    <message>
        <source>UTF-8 mit BOM</source>
        <translation>UTF-8 with BOM</translation>
    </message>
    <message>
        <source>UTF-16 (Unicode-Text)</source>
        <translation>UTF-16 (Unicode text)</translation>
    </message>
    <message>
        <source>CSV-Datei, Zeichensatz {encoding}, Trennzeichen {delimiter}, Kopfzeile in Zeile {row}</source>
        <translation>CSV file, encoding {encoding}, delimiter {delimiter}, header in row {row}</translation>
    </message>
</context>
<context>
    <name>RegisterValidation</name>
    <message>
        <source>„{text}“ ist kein gültiges Datum</source>
        <extracomment>&quot;Hauptstraße 12a&quot;, &quot;Hauptstr. 12 a&quot;, &quot;Am Markt 3-5&quot;, &quot;Hauptstraße 12/1&quot;</extracomment>
        <translation>“{text}” is not a valid date</translation>
    </message>
    <message>
        <source>„{text}“ ist kein Datum im Format TT.MM.JJJJ</source>
        <translation>“{text}” is not a date in the format DD.MM.YYYY</translation>
    </message>
    <message>
        <source>„{text}“ ist ein unmögliches Datum (diesen Tag gibt es nicht)</source>
        <translation>“{text}” is an impossible date (this day does not exist)</translation>
    </message>
    <message>
        <source>erlaubt sind m, w, d, x bzw. männlich, weiblich, divers, ohne Angabe</source>
        <extracomment>oldest plausible age in years longest text a register field may hold (names and addresses are far shorter)</extracomment>
        <translation>allowed are m, w, d, x or männlich, weiblich, divers, ohne Angabe</translation>
    </message>
    <message>
        <source>Pflichtfeld „{field}“ ist leer</source>
        <translation>Required field “{field}” is empty</translation>
    </message>
    <message>
        <source>Falsche Anzahl von Feldern: {found} statt {expected} (Trennzeichen oder Anführungszeichen in der Zeile prüfen)</source>
        <translation>Wrong number of fields: {found} instead of {expected} (check the delimiters or quotation marks in the row)</translation>
    </message>
    <message>
        <source>Geburtsdatum „{text}“ liegt in der Zukunft (nach dem {date})</source>
        <translation>Date of birth “{text}” is in the future (after {date})</translation>
    </message>
    <message>
        <source>Geburtsdatum „{text}“ unvollständig (Tag/Monat unbekannt); Alter mit dem spätestmöglichen Tag {date} berechnet</source>
        <translation>Date of birth “{text}” incomplete (day/month unknown); age calculated with the latest possible day {date}</translation>
    </message>
    <message>
        <source>Geburtsdatum „{text}“ ist unplausibel (über {years} Jahre)</source>
        <translation>Date of birth “{text}” is implausible (over {years} years)</translation>
    </message>
    <message>
        <source>Alter „{text}“ ist keine ganze Zahl von Jahren</source>
        <translation>Age “{text}” is not a whole number of years</translation>
    </message>
    <message>
        <source>Alter „{text}“ ist unplausibel (über {years} Jahre)</source>
        <translation>Age “{text}” is implausible (over {years} years)</translation>
    </message>
    <message>
        <source>Geburtsdatum oder Alter</source>
        <translation>Date of birth or age</translation>
    </message>
    <message>
        <source>Unbekannter Geschlechtsschlüssel „{code}“ ({hint})</source>
        <translation>Unknown gender code “{code}” ({hint})</translation>
    </message>
    <message>
        <source>Anschrift „{address}“ enthält keine Hausnummer</source>
        <translation>Address “{address}” contains no house number</translation>
    </message>
    <message>
        <source>Straße „{street}“ (Hausnummer „{number}“) nicht im Straßenverzeichnis „{directory}“ gefunden; Stadtbezirk unbekannt</source>
        <translation>Street “{street}” (house number “{number}”) not found in the street directory “{directory}”; district unknown</translation>
    </message>
    <message>
        <source>Doppelter Eintrag: dieselbe Person wie in Zeile {row}</source>
        <translation>Duplicate entry: the same person as in row {row}</translation>
    </message>
    <message>
        <source>Feld ist mit {length} Zeichen zu lang (höchstens {limit}); vermutlich ist die Datei beschädigt oder falsch exportiert</source>
        <translation>Field is too long at {length} characters (at most {limit}); the file is probably damaged or wrongly exported</translation>
    </message>
</context>
<context>
    <name>Replies</name>
    <message>
        <source>„{code}“ ist kein Antwortcode.</source>
        <translation>“{code}” is not a reply code.</translation>
    </message>
    <message>
        <source>Ein Antwortcode hat sechs Zeichen, z. B. K7M-2QX (oben rechts im Brief).</source>
        <translation>A reply code has six characters, e.g. K7M-2QX (top right of the letter).</translation>
    </message>
    <message>
        <source>Zum Antwortcode „{code}“ gibt es in diesem Labor keine eingeladene Person.</source>
        <translation>No invitee of this lab has the reply code “{code}”.</translation>
    </message>
    <message>
        <source>Prüfen Sie die Zeichen oder suchen Sie nach dem Namen.</source>
        <translation>Check the characters or search by name.</translation>
    </message>
    <message>
        <source>Der Antwortcode „{code}“ passt zu mehreren Personen.</source>
        <translation>The reply code “{code}” matches several people.</translation>
    </message>
    <message>
        <source>Suchen Sie die Person nach dem Namen.</source>
        <translation>Search for the person by name.</translation>
    </message>
</context>
<context>
    <name>ReplyCodeField</name>
    <message>
        <source>Antwortcode, dann {keys}</source>
        <translation>Reply code, then {keys}</translation>
    </message>
    <message>
        <source>Antwortcode vom Brief eingeben (z. B. K7M-2QX), dann die Taste der Rückmeldung drücken: {keys}</source>
        <translation>Type the reply code from the letter (e.g. K7M-2QX), then press the reply&apos;s key: {keys}</translation>
    </message>
</context>
<context>
    <name>ResetVotesCommand</name>
    <message>
        <source>Alle Punkte zurücksetzen</source>
        <translation>reset all dots</translation>
    </message>
</context>
<context>
    <name>Retention</name>
    <message>
        <source>Die Aufbewahrungsfrist muss zwischen 1 und {max} Monaten liegen (angegeben: {months}).</source>
        <extracomment>days before the deadline from which the app reminds the facilitator Invitee columns holding personal data (blanked on deletion)</extracomment>
        <translation>The retention period must be between 1 and {max} months (given: {months}).</translation>
    </message>
    <message>
        <source>Die gelöschten Daten konnten nicht endgültig aus der Datenbankdatei entfernt werden, weil ein anderes Programm sie gerade liest.</source>
        <translation>The deleted data could not be removed from the database file for good because another program is reading it.</translation>
    </message>
    <message>
        <source>Schließen Sie andere Quartierslabor-Fenster und wiederholen Sie das Löschen.</source>
        <translation>Close other Quartierslabor windows and repeat the deletion.</translation>
    </message>
    <message>
        <source>Es gibt kein Quartierslabor mit der Nummer {lab_id}.</source>
        <translation>There is no lab with number {lab_id}.</translation>
    </message>
</context>
<context>
    <name>RetentionReminderDialog</name>
    <message>
        <source>fällig</source>
        <translation>due</translation>
    </message>
    <message>
        <source>in 1 Tag</source>
        <translation>in 1 day</translation>
    </message>
    <message>
        <source>in {0} Tagen</source>
        <translation>in {0} days</translation>
    </message>
    <message>
        <source>{lab} ({district}): {people}, noch kein Löschdatum (Labor ohne Datum)</source>
        <translation>{lab} ({district}): {people}, no deletion date yet (lab without a date)</translation>
    </message>
    <message>
        <source>{lab} ({district}): {people}, löschen ab {when} – {state}</source>
        <translation>{lab} ({district}): {people}, delete from {when} – {state}</translation>
    </message>
    <message>
        <source>Personenbezogene Daten löschen</source>
        <translation>Delete personal data</translation>
    </message>
    <message>
        <source>Die Aufbewahrungsfrist für Namen und Anschriften der Eingeladenen ist abgelaufen oder läuft bald ab. Beim Löschen bleiben nur zusammengefasste Zahlen (Altersgruppe, Geschlecht, Stadtteil) und das Ziehungsprotokoll erhalten.</source>
        <translation>The retention period for the invitees&apos; names and addresses has ended or ends soon. Deleting keeps only aggregate figures (age group, gender, neighbourhood) and the draw record.</translation>
    </message>
    <message>
        <source>Markierte jetzt löschen</source>
        <translation>Delete checked now</translation>
    </message>
    <message>
        <source>Später erinnern</source>
        <translation>Remind me later</translation>
    </message>
    <message>
        <source>Gelöscht</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>Personenbezogene Daten gelöscht: {invitees} in {labs}.</source>
        <translation>Personal data deleted: {invitees} in {labs}.</translation>
    </message>
    <message>
        <source>Personenbezogene Daten</source>
        <translation>Personal data</translation>
    </message>
    <message>
        <source>Keine Frist läuft in den nächsten zwei Wochen ab.</source>
        <translation>No retention period ends in the next two weeks.</translation>
    </message>
</context>
<context>
    <name>RollingBackup</name>
    <message>
        <source>Automatische Sicherungen gelten nur für die lokale SQLite-Datei; die PostgreSQL-Datenbank sichert die Datenbankverwaltung der Stadt.</source>
        <translation>Automatic backups cover only the local SQLite file; the PostgreSQL database is backed up by the city&apos;s database administration.</translation>
    </message>
    <message>
        <source>Die automatische Sicherung ist fehlgeschlagen: {exc}</source>
        <translation>The automatic backup failed: {exc}</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <source>Schicht</source>
        <extracomment>the files a draw exports (keys of ``DrawSession.exported``)</extracomment>
        <translation>Stratum</translation>
    </message>
    <message>
        <source>Bevölkerung</source>
        <translation>Population</translation>
    </message>
    <message>
        <source>ziehbar</source>
        <translation>Drawable</translation>
    </message>
    <message>
        <source>Soll</source>
        <translation>Quota</translation>
    </message>
    <message>
        <source>gezogen</source>
        <translation>Drawn</translation>
    </message>
    <message>
        <source>Nachrücker</source>
        <translation>Replacements</translation>
    </message>
    <message>
        <source>Einladungsliste</source>
        <translation>Invitation list</translation>
    </message>
    <message>
        <source>Protokoll</source>
        <translation>Audit protocol</translation>
    </message>
    <message>
        <source>Einladungsbriefe</source>
        <translation>Invitation letters</translation>
    </message>
    <message>
        <source>Ziehung durchführen</source>
        <translation>Run the draw</translation>
    </message>
    <message>
        <source>Die Ziehung wird mit dem Startwert durchgeführt und im Labor gespeichert (nur die Eingeladenen, nicht der Auszug). Danach können Liste, Protokoll und Briefe gespeichert werden.</source>
        <translation>The draw is run with the seed and saved to the lab (only the invitees, not the extract). Afterwards the list, the audit protocol and the letters can be saved.</translation>
    </message>
    <message>
        <source>Ziehung durchführen und speichern</source>
        <translation>Run and save the draw</translation>
    </message>
    <message>
        <source>Ergebnisse speichern</source>
        <translation>Save the results</translation>
    </message>
    <message>
        <source>Einladungsliste (XLSX/CSV) …</source>
        <translation>Invitation list (XLSX/CSV) …</translation>
    </message>
    <message>
        <source>Protokoll (PDF) …</source>
        <translation>Audit protocol (PDF) …</translation>
    </message>
    <message>
        <source>Einladungsbriefe (PDF) …</source>
        <translation>Invitation letters (PDF) …</translation>
    </message>
    <message>
        <source>Brieftext bearbeiten …</source>
        <translation>Edit letter text …</translation>
    </message>
    <message>
        <source>Briefe auch für Nachrücker</source>
        <translation>Letters for replacement invitees too</translation>
    </message>
    <message>
        <source>keine</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Eingeladene früherer Labore</source>
        <translation>Invitees of earlier labs</translation>
    </message>
    <message>
        <source>{min_age} bis {max_age} Jahre</source>
        <translation>{min_age} to {max_age} years</translation>
    </message>
    <message>
        <source>&lt;b&gt;{size}&lt;/b&gt; + {replacements} · Schichten: {strata} · Alter: {ages} · Altersgrenzen {edges} · Haushaltsregel {household} · Bezirk: {districts}&lt;br&gt;Ausschlüsse: {exclusions}&lt;br&gt;Startwert: „{seed}“</source>
        <translation>&lt;b&gt;{size}&lt;/b&gt; + {replacements} · Strata: {strata} · Age: {ages} · Age limits {edges} · Household rule {household} · District: {districts}&lt;br&gt;Exclusions: {exclusions}&lt;br&gt;Seed: “{seed}”</translation>
    </message>
    <message>
        <source>aus</source>
        <translation>off</translation>
    </message>
    <message>
        <source>an (gleiche Anschrift)</source>
        <translation>on (same address)</translation>
    </message>
    <message>
        <source>an (gleiche Anschrift und gleicher Familienname)</source>
        <translation>on (same address and same family name)</translation>
    </message>
    <message>
        <source>alle</source>
        <translation>all</translation>
    </message>
    <message>
        <source>Frühere Ziehung</source>
        <translation>Earlier draw</translation>
    </message>
    <message>
        <source>Für dieses Labor gibt es schon {0}.

Ja: Eingeladene ohne Rückmeldung durch die neue Ziehung ersetzen (wenn noch keine Briefe verschickt wurden).
Nein: neue Eingeladene zusätzlich speichern.</source>
        <translation>This lab already has {0}.

Yes: replace the invitees without a reply by the new draw (if no letters have been sent yet).
No: save the new invitees in addition.</translation>
    </message>
    <message>
        <source>Eingeladene werden im Labor gespeichert …</source>
        <translation>Saving the invitees to the lab …</translation>
    </message>
    <message>
        <source>Neue Ziehung mit diesen Einstellungen</source>
        <translation>New draw with these settings</translation>
    </message>
    <message>
        <source>Ziehung</source>
        <translation>Draw</translation>
    </message>
    <message>
        <source>Gezogen: {invitations} und {replacements}</source>
        <translation>Drawn: {invitations} and {replacements}</translation>
    </message>
    <message>
        <source>(gespeichert als Ziehung Nr. {0}).</source>
        <translation>(saved as draw no. {0}).</translation>
    </message>
    <message>
        <source>Gelesen {read} · gültig {valid} · teilnahmeberechtigt {eligible} · ausgeschlossen (früher eingeladen) {excluded} · Haushalte {households} · ziehbar {candidates}</source>
        <translation>Read {read} · valid {valid} · eligible to take part {eligible} · excluded (invited before) {excluded} · households {households} · drawable {candidates}</translation>
    </message>
    <message>
        <source>Prüfsumme des Startwerts: {0}</source>
        <translation>Checksum of the seed: {0}</translation>
    </message>
    <message>
        <source>Gespeichert: {files}
Ordner: {folder}</source>
        <translation>Saved: {files}
Folder: {folder}</translation>
    </message>
    <message>
        <source>Einladungsliste speichern</source>
        <translation>Save invitation list</translation>
    </message>
    <message>
        <source>Excel-Arbeitsmappe (*.xlsx);;CSV-Datei (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV file (*.csv)</translation>
    </message>
    <message>
        <source>Protokoll speichern</source>
        <translation>Save audit protocol</translation>
    </message>
    <message>
        <source>PDF-Dateien (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Protokoll wird geschrieben …</source>
        <translation>Writing the audit protocol …</translation>
    </message>
    <message>
        <source>Einladungsbriefe speichern</source>
        <translation>Save invitation letters</translation>
    </message>
    <message>
        <source>Einladungsbriefe schreiben</source>
        <translation>Writing invitation letters</translation>
    </message>
</context>
<context>
    <name>SaveFile</name>
    <message>
        <source>Den Ordner „{folder}“ gibt es nicht.</source>
        <translation>The folder “{folder}” does not exist.</translation>
    </message>
    <message>
        <source>Wählen Sie einen vorhandenen Ordner zum Speichern.</source>
        <translation>Choose an existing folder to save to.</translation>
    </message>
    <message>
        <source>In den Ordner „{folder}“ kann nicht geschrieben werden ({reason}).</source>
        <translation>Cannot write to the folder “{folder}” ({reason}).</translation>
    </message>
    <message>
        <source>Die Datei kann nicht überschrieben werden.</source>
        <translation>The file cannot be overwritten.</translation>
    </message>
    <message>
        <source>Ist sie noch in einem anderen Programm (z. B. Excel) geöffnet? Schließen Sie sie und versuchen Sie es erneut.</source>
        <translation>Is it still open in another program (e.g. Excel)? Close it and try again.</translation>
    </message>
    <message>
        <source>Die Datei kann nicht gespeichert werden ({reason}).</source>
        <translation>The file cannot be saved ({reason}).</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Die Einstellungen konnten nicht gespeichert werden ({reason}).</source>
        <extracomment>per-machine key: SQLAlchemy URL of a shared database (e.g. postgresql+psycopg://user:pw@host/db)</extracomment>
        <translation>The settings could not be saved ({reason}).</translation>
    </message>
    <message>
        <source>Prüfen Sie, ob der Datenordner beschreibbar ist.</source>
        <translation>Check that the data folder is writable.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Einstellungen</source>
        <extracomment>more data than this (bytes) is copied into a new data folder in the background</extracomment>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Sprache</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Datenordner / Datenbank</source>
        <translation>Data folder / database</translation>
    </message>
    <message>
        <source>Standard-Taxonomie</source>
        <translation>Default taxonomy</translation>
    </message>
    <message>
        <source>Briefvorlage</source>
        <translation>Letter template</translation>
    </message>
    <message>
        <source>Sicherungen</source>
        <translation>Backups</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Stadtbezirk</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Statistischer Bezirk</source>
        <translation>Statistical sub-district</translation>
    </message>
    <message>
        <source>Altersgruppe</source>
        <translation>Age group</translation>
    </message>
    <message>
        <source>Geschlecht</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>Einstellungen der Ziehung</source>
        <translation>Draw settings</translation>
    </message>
    <message>
        <source>Diese Einstellungen, der Startwert und die Prüfsumme des Auszugs stehen im Protokoll, sodass Dritte die Ziehung wiederholen können.</source>
        <translation>These settings, the seed and the checksum of the extract go into the audit protocol, so that others can repeat the draw.</translation>
    </message>
    <message>
        <source>Umfang</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Einladungen je Platz: erfahrungsgemäß sagt nur ein kleiner Teil zu</source>
        <translation>Invitations per place: experience shows that only a small share accept</translation>
    </message>
    <message>
        <source> Einladungen</source>
        <translation> invitations</translation>
    </message>
    <message>
        <source>Einladungsfaktor je Platz:</source>
        <translation>Invitations per place:</translation>
    </message>
    <message>
        <source>Zahl der Einladungen:</source>
        <translation>Number of invitations:</translation>
    </message>
    <message>
        <source> Nachrücker</source>
        <translation> replacements</translation>
    </message>
    <message>
        <source>Werden der Reihe nach angeschrieben, wenn Briefe unzustellbar zurückkommen</source>
        <translation>Written to in order when letters come back undeliverable</translation>
    </message>
    <message>
        <source>&amp;Nachrückliste:</source>
        <translation>&amp;Replacement list:</translation>
    </message>
    <message>
        <source>Nur &amp;Stadtbezirk:</source>
        <translation>Only &amp;district:</translation>
    </message>
    <message>
        <source>weitere Stadtbezirke, mit Semikolon getrennt (wie --district mehrfach)</source>
        <translation>further districts, separated by semicolons (like repeating --district)</translation>
    </message>
    <message>
        <source>und:</source>
        <translation>and:</translation>
    </message>
    <message>
        <source>Teilnahmeberechtigt:</source>
        <translation>Eligible to take part:</translation>
    </message>
    <message>
        <source>Schichtung und Alter</source>
        <translation>Stratification and age</translation>
    </message>
    <message>
        <source>Schichten nach:</source>
        <translation>Strata by:</translation>
    </message>
    <message>
        <source>Altersgrenzen:</source>
        <translation>Age limits:</translation>
    </message>
    <message>
        <source>Untergrenzen der Altersgruppen; 16, 25, 35 ergibt 16–24, 25–34, 35+</source>
        <translation>Lower limits of the age groups; 16, 25, 35 gives 16–24, 25–34, 35+</translation>
    </message>
    <message>
        <source>Mindestalter:</source>
        <translation>Minimum age:</translation>
    </message>
    <message>
        <source> Jahre</source>
        <translation> years</translation>
    </message>
    <message>
        <source>Höchstalter:</source>
        <translation>Maximum age:</translation>
    </message>
    <message>
        <source>keines</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Übergewichtung je Altersgruppe (für Gruppen, die seltener antworten)</source>
        <translation>Oversampling per age group (for groups that reply less often)</translation>
    </message>
    <message>
        <source>Weitere Übergewichtung:</source>
        <translation>Further oversampling:</translation>
    </message>
    <message>
        <source>z. B. gender:w=1,2; district:Eving=1,5</source>
        <translation>e.g. gender:w=1.2; district:Eving=1.5</translation>
    </message>
    <message>
        <source>Faktoren für weitere Schichten (Merkmal:Wert=Faktor, mit Semikolon getrennt), wie --oversample auf der Kommandozeile</source>
        <translation>Factors for further strata (feature:value=factor, separated by semicolons), like --oversample on the command line</translation>
    </message>
    <message>
        <source>Haushalte und Ausschlüsse</source>
        <translation>Households and exclusions</translation>
    </message>
    <message>
        <source>Höchstens eine Einladung je Haushalt</source>
        <translation>At most one invitation per household</translation>
    </message>
    <message>
        <source>Haushalt heißt:</source>
        <translation>Household means:</translation>
    </message>
    <message>
        <source>gleiche Anschrift</source>
        <translation>same address</translation>
    </message>
    <message>
        <source>gleiche Anschrift und gleicher Familienname (Wohnungen in Mehrfamilienhäusern getrennt)</source>
        <translation>same address and same family name (flats in apartment buildings kept apart)</translation>
    </message>
    <message>
        <source>Jeder Haushalt hat dann die gleiche Chance; Personen in großen Haushalten haben eine kleinere Chance als Alleinlebende (Einzelheiten im Protokoll).</source>
        <translation>Every household then has the same chance; people in large households have a smaller chance than people living alone (details in the audit protocol).</translation>
    </message>
    <message>
        <source>Ausschlussliste hinzufügen …</source>
        <translation>Add exclusion list …</translation>
    </message>
    <message>
        <source>Liste früherer Eingeladener (CSV/XLSX, z. B. eine frühere Einladungsliste)</source>
        <translation>List of earlier invitees (CSV/XLSX, e.g. an earlier invitation list)</translation>
    </message>
    <message>
        <source>Entfernen</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Startwert des Zufalls</source>
        <translation>Random seed</translation>
    </message>
    <message>
        <source>Der Startwert bestimmt die Ziehung vollständig: gleicher Auszug, gleiche Einstellungen und gleicher Startwert ergeben immer dieselben Eingeladenen in derselben Reihenfolge. Damit niemand das Ergebnis beeinflussen kann, nehmen Sie ihn aus einer öffentlichen Quelle, die erst nach dem Festlegen der Einstellungen feststeht: z. B. die Lottozahlen der nächsten Ziehung oder Würfelwürfe in einer öffentlichen Sitzung. Der Text wird im Protokoll festgehalten.</source>
        <translation>The seed determines the draw completely: the same extract, the same settings and the same seed always give the same invitees in the same order. So that nobody can influence the result, take it from a public source that is only fixed after the settings have been set: e.g. the numbers of the next lottery draw or dice thrown in a public meeting. The text is recorded in the audit protocol.</translation>
    </message>
    <message>
        <source>z. B. Lottozahlen vom 14.03.2026: 3 12 19 27 38 45, Superzahl 7</source>
        <translation>e.g. lottery numbers of 14.03.2026: 3 12 19 27 38 45, bonus number 7</translation>
    </message>
    <message>
        <source>alle Stadtbezirke im Auszug</source>
        <translation>all districts in the extract</translation>
    </message>
    <message>
        <source>Der Auszug enthält keinen statistischen Bezirk</source>
        <translation>The extract has no statistical sub-district</translation>
    </message>
    <message>
        <source>Eingeladene früherer Labore ausschließen (aus dieser App: {people})</source>
        <translation>Exclude invitees of earlier labs (from this app: {people})</translation>
    </message>
    <message>
        <source>{people} {in_households}</source>
        <translation>{people} {in_households}</translation>
    </message>
    <message>
        <source>= {places} × {factor}</source>
        <translation>= {places} × {factor}</translation>
    </message>
    <message>
        <source>weniger Haushalte als Einladungen und Nachrücker</source>
        <translation>fewer households than invitations and replacements</translation>
    </message>
    <message>
        <source>Liste früherer Eingeladener öffnen</source>
        <translation>Open a list of earlier invitees</translation>
    </message>
    <message>
        <source>Listen (*.csv *.txt *.xlsx)</source>
        <translation>Lists (*.csv *.txt *.xlsx)</translation>
    </message>
    <message>
        <source>Das Höchstalter liegt unter dem Mindestalter.</source>
        <translation>The maximum age is below the minimum age.</translation>
    </message>
</context>
<context>
    <name>SettingsValues</name>
    <message>
        <source>Die Datenbank-Adresse „{0}“ ist ungültig.</source>
        <translation>The database address “{0}” is not valid.</translation>
    </message>
    <message>
        <source>Beispiel: postgresql+psycopg://benutzer:passwort@server/quartierslabor – oder das Feld leer lassen für die Datei im Datenordner.</source>
        <translation>Example: postgresql+psycopg://user:password@server/quartierslabor – or leave the field empty for the file in the data folder.</translation>
    </message>
    <message>
        <source>In der Datenbank-Adresse fehlt der Name der Datenbank.</source>
        <translation>The database address lacks the name of the database.</translation>
    </message>
    <message>
        <source>Beispiel: postgresql+psycopg://benutzer:passwort@server/quartierslabor</source>
        <translation>Example: postgresql+psycopg://user:password@server/quartierslabor</translation>
    </message>
    <message>
        <source>Die Zahl der Sicherungen muss zwischen {0} und {1} liegen.</source>
        <translation>The number of backups must be between {0} and {1}.</translation>
    </message>
    <message>
        <source>Die Aufbewahrungsfrist muss zwischen 1 und {0} Monaten liegen.</source>
        <translation>The retention period must be between 1 and {0} months.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Tastenkürzel</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Aktion</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Tasten</source>
        <translation>Keys</translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <source>Karte</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>Wiederherstellen</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Gelöschte Karten (Doppelklick stellt wieder her):</source>
        <translation>Deleted cards (double-click restores):</translation>
    </message>
    <message>
        <source>Papierkorb</source>
        <translation>Trash</translation>
    </message>
    <message>
        <source>Gelöschte Karten wiederherstellen</source>
        <translation>Restore deleted cards</translation>
    </message>
    <message>
        <source>Vorschläge suchen</source>
        <translation>Find suggestions</translation>
    </message>
    <message>
        <source>Vorschlag übernehmen</source>
        <translation>Accept suggestion</translation>
    </message>
    <message>
        <source>Vorschläge</source>
        <translation>Proposals</translation>
    </message>
    <message>
        <source>Vorschläge ({0})</source>
        <translation>Proposals ({0})</translation>
    </message>
    <message>
        <source>Papierkorb ({0})</source>
        <translation>Trash ({0})</translation>
    </message>
    <message>
        <source>Karten, die zu keinem Thema gut passen, werden hier als neue Themen vorgeschlagen.</source>
        <translation>Cards that fit no topic well are suggested here as new topics.</translation>
    </message>
    <message>
        <source>Die ausgewählte Karte und warum sie in ihrem Thema liegt</source>
        <translation>The selected card and why it is in its topic</translation>
    </message>
    <message>
        <source>Vorschläge für neue Themen</source>
        <translation>Proposals for new topics</translation>
    </message>
    <message>
        <source>Teilthema von „{source}“: {name} ({cards})</source>
        <translation>Sub-theme of “{source}”: {name} ({cards})</translation>
    </message>
    <message>
        <source>{name} ({cards})</source>
        <translation>{name} ({cards})</translation>
    </message>
    <message>
        <source>Keine Vorschläge: alle Karten passen gut in ein Thema.</source>
        <translation>No suggestions: all cards fit a topic well.</translation>
    </message>
    <message>
        <source>Vorschläge für neue Themen: Karten, die zu keinem Thema gut passen, und Teilthemen eines sehr großen Themas. Nach dem Übernehmen eines Teilthemas kann „Vorschläge suchen“ das nächste finden.</source>
        <translation>Suggested new topics: cards that fit no topic well, and sub-themes of a very large topic. After you accept a sub-theme, “Find suggestions” can find the next one.</translation>
    </message>
</context>
<context>
    <name>SplitDialog</name>
    <message>
        <source>Thema „{cluster_name}“ teilen</source>
        <translation>Split topic “{cluster_name}”</translation>
    </message>
    <message>
        <source>Welche Karten kommen in das neue Thema?</source>
        <translation>Which cards go into the new topic?</translation>
    </message>
    <message>
        <source>z. B. Spielplatz</source>
        <translation>e.g. playground</translation>
    </message>
    <message>
        <source>Name des neuen Themas:</source>
        <translation>Name of the new topic:</translation>
    </message>
    <message>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>StepBar</name>
    <message>
        <source>Einladung</source>
        <translation>Invitation</translation>
    </message>
    <message>
        <source>Workshop</source>
        <translation>Workshop</translation>
    </message>
    <message>
        <source>Empfehlungen</source>
        <translation>Recommendations</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Schritt {number}: {step} ({keys})</source>
        <translation>Step {number}: {step} ({keys})</translation>
    </message>
</context>
<context>
    <name>StepViews</name>
    <message>
        <source>Die Ansicht „{0}“ ist in dieser Version noch nicht verfügbar.</source>
        <extracomment>lifecycle step -&gt; (module, class)</extracomment>
        <translation>The “{0}” view is not available in this version yet.</translation>
    </message>
    <message>
        <source>Der Vergleich der Labore ist in dieser Version noch nicht verfügbar.</source>
        <translation>Comparing labs is not available in this version yet.</translation>
    </message>
</context>
<context>
    <name>StorageFull</name>
    <message>
        <source>Die Änderung wurde nicht gespeichert.</source>
        <extracomment>SQLSTATE of PostgreSQL&apos;s &quot;disk full&quot;</extracomment>
        <translation>The change was not saved.</translation>
    </message>
    <message>
        <source>Der Speicherplatz ist voll. {not_saved}</source>
        <translation>The disk is full. {not_saved}</translation>
    </message>
    <message>
        <source>Schaffen Sie Platz auf dem Datenträger (oder bitten Sie die IT darum) und versuchen Sie es erneut. Was vorher gespeichert war, bleibt erhalten.</source>
        <translation>Free some space on the disk (or ask IT to) and try again. Everything saved before is kept.</translation>
    </message>
</context>
<context>
    <name>StoredLetters</name>
    <message>
        <source>Es sind keine Eingeladenen markiert.</source>
        <translation>No invitees are selected.</translation>
    </message>
    <message>
        <source>Markieren Sie die Zeilen in der Tabelle.</source>
        <translation>Select the rows in the table.</translation>
    </message>
    <message>
        <source>Für einige markierte Personen sind Name und Anschrift schon gelöscht (Aufbewahrungsfrist abgelaufen).</source>
        <translation>For some selected people, name and address have already been deleted (retention period expired).</translation>
    </message>
</context>
<context>
    <name>Strata</name>
    <message>
        <source>Stadtbezirk</source>
        <extracomment>strata dimensions a draw can use German dimension names (marked: ``Message(DIMENSION_LABELS[d])`` is translated in the GUI)</extracomment>
        <translation>district</translation>
    </message>
    <message>
        <source>Statistischer Bezirk</source>
        <translation>statistical district</translation>
    </message>
    <message>
        <source>Altersgruppe</source>
        <translation>age group</translation>
    </message>
    <message>
        <source>Geschlecht</source>
        <translation>gender</translation>
    </message>
    <message>
        <source>(ohne Angabe)</source>
        <translation>(not stated)</translation>
    </message>
    <message>
        <source>Alle</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Unbekanntes Schichtungsmerkmal „{name}“.</source>
        <extracomment>accepted spellings of a dimension name (CLI, oversampling keys)</extracomment>
        <translation>Unknown stratification characteristic “{name}”.</translation>
    </message>
    <message>
        <source>Möglich sind: {known} (Stadtbezirk, statistischer Bezirk, Alter, Geschlecht).</source>
        <translation>Possible are: {known} (district, statistical sub-district, age, gender).</translation>
    </message>
    <message>
        <source>Die Altersgrenzen „{text}“ sind keine Liste ganzer Zahlen.</source>
        <translation>The age limits “{text}” are not a list of whole numbers.</translation>
    </message>
    <message>
        <source>Beispiel: 16, 25, 35, 50, 65</source>
        <translation>Example: 16, 25, 35, 50, 65</translation>
    </message>
    <message>
        <source>Bitte mindestens eine Altersgrenze angeben, z. B. 16, 25, 35, 50, 65.</source>
        <translation>Please give at least one age limit, e.g. 16, 25, 35, 50, 65.</translation>
    </message>
    <message>
        <source>Übergewichtung „{item}“: Angabe als SCHICHT=FAKTOR, z. B. age:16–24=1.5.</source>
        <translation>Oversampling “{item}”: write it as STRATUM=FACTOR, e.g. age:16–24=1.5.</translation>
    </message>
    <message>
        <source>Übergewichtung „{item}“: „{factor}“ ist keine Zahl.</source>
        <translation>Oversampling “{item}”: “{factor}” is not a number.</translation>
    </message>
    <message>
        <source>Die Altersgrenzen müssen ganze Zahlen sein, z. B. 16,25,35,50,65.</source>
        <translation>The age limits must be whole numbers, e.g. 16,25,35,50,65.</translation>
    </message>
    <message>
        <source>Altersgrenzen dürfen nicht negativ sein.</source>
        <translation>Age limits must not be negative.</translation>
    </message>
    <message>
        <source>Übergewichtung „{key}“: „{factor}“ ist keine Zahl.</source>
        <translation>Oversampling “{key}”: “{factor}” is not a number.</translation>
    </message>
    <message>
        <source>Übergewichtung „{key}“: der Faktor muss größer als 0 sein (z. B. 1,5).</source>
        <translation>Oversampling “{key}”: the factor must be greater than 0 (e.g. 1.5).</translation>
    </message>
    <message>
        <source>Übergewichtung „{key}“: unbekannte Schicht.</source>
        <translation>Oversampling “{key}”: unknown stratum.</translation>
    </message>
    <message>
        <source>Angabe als „Merkmal:Wert“, z. B. „age:16–24“ oder „gender:weiblich“, oder als vollständige Schichtbezeichnung.</source>
        <translation>Give it as “characteristic:value”, e.g. “age:16–24” or “gender:weiblich”, or as the full stratum label.</translation>
    </message>
    <message>
        <source>Übergewichtung „{key}“: unbekanntes Merkmal „{dimension}“.</source>
        <translation>Oversampling “{key}”: unknown characteristic “{dimension}”.</translation>
    </message>
    <message>
        <source>Möglich sind district, subdistrict, age, gender.</source>
        <translation>Possible are district, subdistrict, age, gender.</translation>
    </message>
    <message>
        <source>Übergewichtung „{key}“: nach {dimension} wird nicht geschichtet.</source>
        <translation>Oversampling “{key}”: the draw is not stratified by “{dimension}”.</translation>
    </message>
    <message>
        <source>Nehmen Sie {dimension} in die Schichtung auf oder entfernen Sie die Übergewichtung.</source>
        <translation>Add “{dimension}” to the stratification or remove the oversampling.</translation>
    </message>
    <message>
        <source>Übergewichtung „{key}“: den Wert „{value}“ gibt es bei {dimension} nicht.</source>
        <translation>Oversampling “{key}”: “{dimension}” has no value “{value}”.</translation>
    </message>
    <message>
        <source>Vorhanden: {values}</source>
        <translation>Present: {values}</translation>
    </message>
    <message>
        <source>Unbekannter Geschlechtscode „{code}“ im geprüften Register.</source>
        <translation>Unknown gender code “{code}” in the checked register.</translation>
    </message>
</context>
<context>
    <name>StreetDirectory</name>
    <message>
        <source>„{text}“ ist keine Hausnummer.</source>
        <translation>“{text}” is not a house number.</translation>
    </message>
    <message>
        <source>„{first}“ und „{second}“</source>
        <translation>“{first}” and “{second}”</translation>
    </message>
    <message>
        <source>„{first}“</source>
        <translation>“{first}”</translation>
    </message>
    <message>
        <source>Im Straßenverzeichnis fehlt die Spalte {columns}.</source>
        <translation>The street directory lacks the column {columns}.</translation>
    </message>
    <message>
        <source>Das Straßenverzeichnis braucht die Spalten Straße[, Hausnummer von, Hausnummer bis], Stadtbezirk[, Statistischer Bezirk].</source>
        <translation>The street directory needs the columns Straße[, Hausnummer von, Hausnummer bis], Stadtbezirk[, Statistischer Bezirk].</translation>
    </message>
    <message>
        <source>Straßenname fehlt.</source>
        <translation>Street name missing.</translation>
    </message>
    <message>
        <source>Stadtbezirk fehlt.</source>
        <translation>District missing.</translation>
    </message>
    <message>
        <source>Hausnummernbereich {low}–{high} ist leer (bis &lt; von).</source>
        <translation>House number range {low}–{high} is empty (to &lt; from).</translation>
    </message>
    <message>
        <source>Die Straße „{street}“ steht ohne Hausnummernbereich zweimal im Verzeichnis (auch in Zeile {row}) mit verschiedenem Bezirk.</source>
        <translation>The street “{street}” appears twice in the directory without a house number range (also in row {row}) with different districts.</translation>
    </message>
    <message>
        <source>Bitte für geteilte Straßen „Hausnummer von“ und „Hausnummer bis“ angeben.</source>
        <translation>For split streets please give “Hausnummer von” and “Hausnummer bis”.</translation>
    </message>
    <message>
        <source>Das Straßenverzeichnis enthält keine Einträge.</source>
        <translation>The street directory contains no entries.</translation>
    </message>
    <message>
        <source>Bitte die vollständige Datei wählen.</source>
        <translation>Please choose the complete file.</translation>
    </message>
</context>
<context>
    <name>TaxonomyEdit</name>
    <message>
        <source>Der Name des Themas ist leer.</source>
        <translation>The topic&apos;s name is empty.</translation>
    </message>
    <message>
        <source>Bitte einen kurzen Namen eingeben, z. B. „Tauben“.</source>
        <translation>Please enter a short name, e.g. “Pigeons”.</translation>
    </message>
    <message>
        <source>Das Stichwort „{entry}“ des Themas „{name}“ hat kein gültiges Gewicht.</source>
        <translation>The cue word “{entry}” of the topic “{name}” has no valid weight.</translation>
    </message>
    <message>
        <source>Gewichte stehen hinter einem Doppelpunkt und liegen zwischen 0 und 1, z. B. „Taubendreck:0.8“.</source>
        <translation>Weights follow a colon and lie between 0 and 1, e.g. “Taubendreck:0.8”.</translation>
    </message>
    <message>
        <source>Ein Thema „{name}“ gibt es schon.</source>
        <translation>A topic “{name}” already exists.</translation>
    </message>
    <message>
        <source>Stichwörter und Beispielkarten lassen sich beim vorhandenen Thema ergänzen.</source>
        <translation>Add cue words and example cards to the existing topic instead.</translation>
    </message>
</context>
<context>
    <name>TaxonomyTab</name>
    <message>
        <source>Thema</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>Handlungsfelder</source>
        <translation>Fields of action</translation>
    </message>
    <message>
        <source>Beschreibung</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Standard-Taxonomie</source>
        <translation>Default taxonomy</translation>
    </message>
    <message>
        <source>Aus Datei laden …</source>
        <translation>Load from file …</translation>
    </message>
    <message>
        <source>Eine mit Quartierslabor gespeicherte Themenliste (JSON)</source>
        <translation>A topic list saved with Quartierslabor (JSON)</translation>
    </message>
    <message>
        <source>Exportieren …</source>
        <translation>Export …</translation>
    </message>
    <message>
        <source>Die Themenliste mit allen Stichwörtern und Beispielkarten als Datei speichern, um sie mit anderen Moderierenden zu teilen</source>
        <translation>Save the topic list with all cue words and example cards as a file to share it with other facilitators</translation>
    </message>
    <message>
        <source>Thema hinzufügen …</source>
        <translation>Add topic …</translation>
    </message>
    <message>
        <source>Ausgewähltes Thema</source>
        <translation>Selected topic</translation>
    </message>
    <message>
        <source>ein Stichwort pro Zeile, z. B. Taubendreck oder Taubendreck:0.8 (Gewicht 0–1)</source>
        <translation>one cue word per line, e.g. Taubendreck or Taubendreck:0.8 (weight 0–1)</translation>
    </message>
    <message>
        <source>eine typische Karte pro Zeile</source>
        <translation>one typical card per line</translation>
    </message>
    <message>
        <source>Änderungen übernehmen</source>
        <translation>Apply changes</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Beschreibung:</source>
        <translation>Description:</translation>
    </message>
    <message>
        <source>Stichwörter:</source>
        <translation>Cue words:</translation>
    </message>
    <message>
        <source>Beispielkarten:</source>
        <translation>Example cards:</translation>
    </message>
    <message>
        <source>Neue Quartierslabore beginnen mit diesen Themen. Im Workshop lassen sich die Themen eines Labors über „Stadtvorgaben → Themen dieses Labors als Vorgabe für neue Labore speichern“ zur Vorgabe machen. Bestehende Labore behalten ihre eigenen Themen.</source>
        <translation>New labs start with these topics. In the workshop, a lab’s topics can be made the default with “City defaults → Save this lab’s topics as the default for new labs”. Existing labs keep their own topics.</translation>
    </message>
    <message>
        <source>Es gilt die eingebaute Vorgabe ({topics}).</source>
        <translation>The built-in default applies ({topics}).</translation>
    </message>
    <message>
        <source>Es gilt die eigene Vorgabe der Stadt ({topics}).</source>
        <translation>The city’s own default applies ({topics}).</translation>
    </message>
    <message>
        <source>Thema hinzufügen</source>
        <translation>Add topic</translation>
    </message>
    <message>
        <source>Name des neuen Themas:</source>
        <translation>Name of the new topic:</translation>
    </message>
    <message>
        <source>Themenliste exportieren</source>
        <translation>Export topic list</translation>
    </message>
    <message>
        <source>Die Datei „{0}“ konnte nicht geschrieben werden ({1}).</source>
        <translation>The file “{0}” could not be written ({1}).</translation>
    </message>
    <message>
        <source>Themenliste laden</source>
        <translation>Load topic list</translation>
    </message>
    <message>
        <source>Themenliste (*.json)</source>
        <translation>Topic list (*.json)</translation>
    </message>
    <message>
        <source>Auf eingebaute Vorgabe zurücksetzen</source>
        <translation>Reset to built-in default</translation>
    </message>
    <message>
        <source>Wird mit „OK“ gespeichert.</source>
        <translation>Saved with “OK”.</translation>
    </message>
    <message>
        <source>Die Datei „{0}“ konnte nicht gelesen werden ({1}).</source>
        <translation>The file “{0}” could not be read ({1}).</translation>
    </message>
</context>
<context>
    <name>TextLimits</name>
    <message>
        <source>Der Name des Quartierslabors</source>
        <extracomment>(table, column) -&gt; the field as the user knows it</extracomment>
        <translation>The lab&apos;s name</translation>
    </message>
    <message>
        <source>Der Stadtbezirk</source>
        <translation>The district</translation>
    </message>
    <message>
        <source>Der Veranstaltungsort</source>
        <translation>The venue</translation>
    </message>
    <message>
        <source>Der Name der Gruppe</source>
        <translation>The group&apos;s name</translation>
    </message>
    <message>
        <source>Der Ort der Karte</source>
        <translation>The card&apos;s place</translation>
    </message>
    <message>
        <source>Der Tisch der Karte</source>
        <translation>The card&apos;s table</translation>
    </message>
    <message>
        <source>Der Titel der Empfehlung</source>
        <translation>The recommendation&apos;s title</translation>
    </message>
    <message>
        <source>Die Zuständigkeit der Empfehlung</source>
        <translation>The recommendation&apos;s responsible actor</translation>
    </message>
    <message>
        <source>Der Ort der Empfehlung</source>
        <translation>The recommendation&apos;s place</translation>
    </message>
    <message>
        <source>Die Liste der Handlungsfelder der Empfehlung</source>
        <translation>The recommendation&apos;s list of fields of action</translation>
    </message>
    <message>
        <source>Die Liste der Handlungsfelder der Gruppe</source>
        <translation>The group&apos;s list of fields of action</translation>
    </message>
    <message>
        <source>Der Familienname einer eingeladenen Person</source>
        <translation>An invitee&apos;s family name</translation>
    </message>
    <message>
        <source>Der Vorname einer eingeladenen Person</source>
        <translation>An invitee&apos;s given name</translation>
    </message>
    <message>
        <source>Die Anschrift einer eingeladenen Person</source>
        <translation>An invitee&apos;s address</translation>
    </message>
    <message>
        <source>Das Feld „{field}“</source>
        <translation>The field “{field}”</translation>
    </message>
    <message>
        <source>{what} ist zu lang ({length} Zeichen, höchstens {limit}).</source>
        <translation>{what} is too long ({length} characters, at most {limit}).</translation>
    </message>
    <message>
        <source>Kürzen Sie den Text; es wurde nichts gespeichert.</source>
        <translation>Shorten the text; nothing was saved.</translation>
    </message>
</context>
<context>
    <name>UserError</name>
    <message>
        <source>Datei „{file}“</source>
        <translation>File “{file}”</translation>
    </message>
    <message>
        <source>Zeile {row}</source>
        <translation>Row {row}</translation>
    </message>
    <message>
        <source>Spalte „{column}“</source>
        <translation>Column “{column}”</translation>
    </message>
</context>
<context>
    <name>ValidationPage</name>
    <message>
        <source>Zeile</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Spalte</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>Art</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Meldung</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Fehler</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Hinweis</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Prüfbericht</source>
        <translation>Validation report</translation>
    </message>
    <message>
        <source>Jede Zeile wurde geprüft. Die Zeilennummern sind die, die Excel zeigt (Kopfzeile = Zeile 1 bzw. die Zeile der Überschriften).</source>
        <translation>Every row has been checked. The row numbers are the ones Excel shows (header = row 1, or the row with the headings).</translation>
    </message>
    <message>
        <source>Wird geprüft …</source>
        <translation>Checking …</translation>
    </message>
    <message>
        <source>&amp;Stichtag für das Alter:</source>
        <translation>&amp;Reference date for ages:</translation>
    </message>
    <message>
        <source>Alter am Stichtag (Standard: der Tag des Labors; wie --reference-date auf der Kommandozeile)</source>
        <translation>Age on the reference date (default: the day of the lab; like --reference-date on the command line)</translation>
    </message>
    <message>
        <source>Meldungen filtern …</source>
        <translation>Filter messages …</translation>
    </message>
    <message>
        <source>Bericht speichern …</source>
        <translation>Save report …</translation>
    </message>
    <message>
        <source>Prüfbericht als CSV-Datei (für Excel) speichern</source>
        <translation>Save the validation report as a CSV file (for Excel)</translation>
    </message>
    <message>
        <source>Ungültige Zeilen überspringen (sie nehmen an der Ziehung nicht teil)</source>
        <translation>Skip invalid rows (they take no part in the draw)</translation>
    </message>
    <message>
        <source>Registerauszug prüfen</source>
        <translation>Checking the register extract</translation>
    </message>
    <message>
        <source>Prüfung abgebrochen. Mit „Zurück“ und „Weiter“ neu starten.</source>
        <translation>Check cancelled. Use “Back” and “Next” to start it again.</translation>
    </message>
    <message>
        <source>Alter berechnet zum {0} (Datum des Labors).</source>
        <translation>Ages calculated as of {0} (date of the lab).</translation>
    </message>
    <message>
        <source>Alter berechnet zum {0}.</source>
        <translation>Ages calculated as of {0}.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{read}&lt;/b&gt; gelesen · &lt;b&gt;{valid}&lt;/b&gt; gültig · {invalid} ungültig · {duplicates} doppelt · {warnings}</source>
        <translation>&lt;b&gt;{read}&lt;/b&gt; read · &lt;b&gt;{valid}&lt;/b&gt; valid · {invalid} invalid · {duplicates} duplicates · {warnings}</translation>
    </message>
    <message>
        <source>Keine Probleme gefunden: {rows} geprüft, alle gültig.</source>
        <translation>No problems found: {rows} checked, all valid.</translation>
    </message>
    <message>
        <source>Übersprungen werden: {invalid}; das Protokoll vermerkt es.</source>
        <translation>Skipped: {invalid}; the audit protocol records this.</translation>
    </message>
    <message>
        <source>Keine einzige Zeile ist gültig – so kann nicht gezogen werden. Bitte Datei oder Zuordnung prüfen.</source>
        <translation>Not a single row is valid – no draw is possible like this. Please check the file or the column assignment.</translation>
    </message>
    <message>
        <source>Es gibt ungültige Zeilen. Die Ziehung läuft erst, wenn Sie ausdrücklich zustimmen, sie zu überspringen – oder den Auszug korrigieren und neu einlesen.</source>
        <translation>There are invalid rows. The draw only runs once you explicitly agree to skip them – or correct the extract and read it again.</translation>
    </message>
    <message>
        <source>Alle Zeilen sind gültig.</source>
        <translation>All rows are valid.</translation>
    </message>
    <message>
        <source>Prüfbericht speichern</source>
        <translation>Save validation report</translation>
    </message>
    <message>
        <source>CSV-Dateien (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Gespeichert: {0}</source>
        <translation>Saved: {0}</translation>
    </message>
    <message>
        <source>Doppelt: dieselbe Person wie in Zeile {row}</source>
        <translation>Duplicate: the same person as in row {row}</translation>
    </message>
</context>
<context>
    <name>VoteResultsWidget</name>
    <message>
        <source>Ergebnis der Punktabfrage</source>
        <extracomment>after a paint: the scale the page was drawn at and how many topics it could not list</extracomment>
        <translation>Result of the dot vote</translation>
    </message>
    <message>
        <source>Noch keine Punkte vergeben. Punktabfrage einschalten, Karte oder Thema anklicken oder Zahl 1–9 drücken.</source>
        <translation>No dots given yet. Switch on the dot vote, click a card or topic, or press a number 1–9.</translation>
    </message>
    <message>
        <source>Themen</source>
        <translation>Topics</translation>
    </message>
    <message>
        <source>Karten</source>
        <translation>Cards</translation>
    </message>
</context>
<context>
    <name>Voting</name>
    <message>
        <source>Punkte können nicht negativ sein.</source>
        <translation>Dots cannot be negative.</translation>
    </message>
    <message>
        <source>{votes} Punkte sind zu viele (höchstens {max_votes} je Karte oder Thema).</source>
        <translation>{votes} dots are too many (at most {max_votes} per card or topic).</translation>
    </message>
    <message>
        <source>Punkte je Person und Zahl der Teilnehmenden dürfen nicht negativ sein.</source>
        <translation>Dots per person and the number of participants must not be negative.</translation>
    </message>
    <message>
        <source>{points} Punkte je Person sind ungewöhnlich viele (höchstens 50).</source>
        <translation>{points} dots per person is unusually many (at most 50).</translation>
    </message>
    <message>
        <source>{n} Punkt vergeben (ohne Punktebudget).</source>
        <translation>{n} dot given (no dot budget).</translation>
    </message>
    <message>
        <source>{n} Punkte vergeben (ohne Punktebudget).</source>
        <translation>{n} dots given (no dot budget).</translation>
    </message>
    <message>
        <source>{people} × {dots}</source>
        <translation>{people} × {dots}</translation>
    </message>
    <message>
        <source>{n} Punkt vergeben</source>
        <translation>{n} dot given</translation>
    </message>
    <message>
        <source>{n} Punkte vergeben</source>
        <translation>{n} dots given</translation>
    </message>
    <message>
        <source>möglich ist nur {n}</source>
        <translation>only {n} is possible</translation>
    </message>
    <message>
        <source>möglich sind nur {n}</source>
        <translation>only {n} are possible</translation>
    </message>
    <message>
        <source>Achtung: {given}, {possible} ({detail}). Bitte die Eingabe prüfen.</source>
        <translation>Attention: {given}, {possible} ({detail}). Please check the entries.</translation>
    </message>
    <message>
        <source>{used} von {n} Punkt vergeben ({detail}), {left} übrig.</source>
        <translation>{used} of {n} dot given ({detail}), {left} left.</translation>
    </message>
    <message>
        <source>{used} von {n} Punkten vergeben ({detail}), {left} übrig.</source>
        <translation>{used} of {n} dots given ({detail}), {left} left.</translation>
    </message>
</context>
<context>
    <name>WallPaint</name>
    <message>
        <source> · Texte verborgen</source>
        <extracomment>type size range at 1080 lines (scaled with the height): the smallest stays readable at the back</extracomment>
        <translation> · texts hidden</translation>
    </message>
    <message>
        <source>{more} · Seite {page} von {pages} (Bild↑/Bild↓)</source>
        <translation>{more} · page {page} of {pages} (PgUp/PgDn)</translation>
    </message>
</context>
<context>
    <name>WorkshopView</name>
    <message>
        <source>Quartierslabor</source>
        <translation>Lab</translation>
    </message>
    <message>
        <source>Punkte</source>
        <translation>Dots</translation>
    </message>
    <message>
        <source>Wiederholen (Strg+Umschalt+Z)</source>
        <translation>Redo (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <source>Neu gruppieren</source>
        <translation>Regroup</translation>
    </message>
    <message>
        <source>Alle automatisch zugeordneten Karten neu zuordnen</source>
        <translation>Reassign all automatically assigned cards</translation>
    </message>
    <message>
        <source>Punktabfrage</source>
        <translation>Dot vote</translation>
    </message>
    <message>
        <source>Punkte vergeben: Klick = +1, Umschalt+Klick = −1, Zahl 1–9 = so viele Punkte, 0 = zurück auf 0 (F9)</source>
        <translation>Give dots: click = +1, Shift+click = −1, number 1–9 = that many dots, 0 = back to 0 (F9)</translation>
    </message>
    <message>
        <source>Präsentation</source>
        <translation>Presentation</translation>
    </message>
    <message>
        <source>Stadtvorgaben</source>
        <translation>City defaults</translation>
    </message>
    <message>
        <source>Themen dieses Labors als Vorgabe für neue Labore speichern</source>
        <translation>Save this lab’s topics as the default for new labs</translation>
    </message>
    <message>
        <source>Ansicht für den Beamer öffnen (Strg+P)</source>
        <translation>Open the view for the projector (Ctrl+P)</translation>
    </message>
    <message>
        <source>Bildschirm für die Präsentation</source>
        <translation>Screen for the presentation</translation>
    </message>
    <message>
        <source>Ergebnis der Punktabfrage</source>
        <translation>Result of the dot vote</translation>
    </message>
    <message>
        <source>+ Thema</source>
        <translation>+ Topic</translation>
    </message>
    <message>
        <source>Neues Thema anlegen (Strg+Umschalt+N)</source>
        <translation>Create a new topic (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <source>Texte verbergen</source>
        <translation>Hide texts</translation>
    </message>
    <message>
        <source>Kartentexte in der Präsentation verbergen (Strg+H)</source>
        <translation>Hide card texts in the presentation (Ctrl+H)</translation>
    </message>
    <message>
        <source>Ergebnis zeigen</source>
        <translation>Show result</translation>
    </message>
    <message>
        <source>Präsentation zeigt das Ergebnis der Punktabfrage</source>
        <translation>The presentation shows the result of the dot vote</translation>
    </message>
    <message>
        <source>Was die Stadt aus diesem Labor übernimmt</source>
        <translation>What the city takes over from this lab</translation>
    </message>
    <message>
        <source>Korrekturen auch für die Stadt lernen</source>
        <translation>Also learn corrections for the city</translation>
    </message>
    <message>
        <source>Rückgängig: {0} (Strg+Z)</source>
        <translation>Undo: {0} (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Rückgängig (Strg+Z)</source>
        <translation>Undo (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Wiederholen: {0} (Strg+Umschalt+Z)</source>
        <translation>Redo: {0} (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <source>Bildschirm {0} ({1}×{2})</source>
        <translation>Screen {0} ({1}×{2})</translation>
    </message>
    <message>
        <source>Auf: {0} – anderer Bildschirm über den Pfeil</source>
        <translation>On: {0} – choose another screen with the arrow</translation>
    </message>
    <message>
        <source>Punktebudget …</source>
        <translation>Dot budget …</translation>
    </message>
    <message>
        <source>Alle Punkte löschen</source>
        <translation>Clear all dots</translation>
    </message>
    <message>
        <source>Rückgängig</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Wiederholen</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>Zur Eingabezeile</source>
        <translation>Go to the entry line</translation>
    </message>
    <message>
        <source>Auswahl aufheben</source>
        <translation>Clear selection</translation>
    </message>
    <message>
        <source>Punktabfrage: +{n}</source>
        <translation>Dot vote: +{n}</translation>
    </message>
    <message>
        <source>Punktabfrage: +1</source>
        <translation>Dot vote: +1</translation>
    </message>
    <message>
        <source>Punktabfrage: −1</source>
        <translation>Dot vote: −1</translation>
    </message>
    <message>
        <source>Punktabfrage: auf 0 setzen</source>
        <translation>Dot vote: set to 0</translation>
    </message>
    <message>
        <source>{concerns_in_topics} · jede Karte ist sofort gespeichert</source>
        <translation>{concerns_in_topics} · every card is saved at once</translation>
    </message>
    <message>
        <source> · Themen werden geladen …</source>
        <translation> · Loading topics …</translation>
    </message>
    <message>
        <source>Mehrere Karten</source>
        <translation>Several cards</translation>
    </message>
    <message>
        <source>{what} löschen?</source>
        <translation>Delete {what}?</translation>
    </message>
    <message>
        <source>{what} löschen</source>
        <translation>Delete {what}</translation>
    </message>
    <message>
        <source>Gelöscht: {what} – Strg+Z holt sie zurück, ebenso der Papierkorb.</source>
        <translation>Deleted: {what} – Ctrl+Z brings them back, so does the bin.</translation>
    </message>
    <message>
        <source>Name des neuen Themas:</source>
        <translation>Name of the new topic:</translation>
    </message>
    <message>
        <source>Thema umbenennen</source>
        <translation>Rename topic</translation>
    </message>
    <message>
        <source>Neu gruppiert: {cards} mit neuem Thema (von Hand zugeordnete und angeheftete Karten bleiben).</source>
        <translation>Regrouped: {cards} with a new topic (cards assigned by hand and pinned cards stay).</translation>
    </message>
    <message>
        <source>Neues Thema übernehmen</source>
        <translation>Accept new topic</translation>
    </message>
    <message>
        <source>Vorgabe der Stadt für neue Labore jetzt: {topics}.</source>
        <translation>The city’s default for new labs is now: {topics}.</translation>
    </message>
    <message>
        <source>Punktabfrage: Karte anklicken = +1 Punkt, Umschalt+Klick = −1, Zahl 1–9 = so viele Punkte für die Auswahl, 0 = zurück auf 0; Themenkopf anklicken = Punkt für das Thema.</source>
        <translation>Dot vote: click a card = +1 dot, Shift+click = −1, number 1–9 = that many dots for the selection, 0 = back to 0; click a topic header = dot for the topic.</translation>
    </message>
    <message>
        <source>Nicht gespeichert</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>Löschen</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Neues Thema</source>
        <translation>New topic</translation>
    </message>
    <message>
        <source>Bearbeiten</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Karten anheften</source>
        <translation>pin cards</translation>
    </message>
    <message>
        <source>Neuer Name:</source>
        <translation>New name:</translation>
    </message>
    <message>
        <source>Farbe für „{0}“</source>
        <translation>Colour for “{0}”</translation>
    </message>
    <message>
        <source>Vorschläge konnten nicht ermittelt werden: {exc}</source>
        <translation>Suggestions could not be determined: {exc}</translation>
    </message>
    <message>
        <source>Punktabfrage beendet.</source>
        <translation>Dot vote ended.</translation>
    </message>
    <message>
        <source> · letzte Sicherung: {0}</source>
        <translation> · last backup: {0}</translation>
    </message>
</context>
</TS>
