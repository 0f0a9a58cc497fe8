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
        <translation>edit card “{0}”</translation>
    </message>
    <message>
        <source>{0} Karten verschieben</source>
        <translation>move {0} cards</translation>
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
        <source>Punkte für Gruppe „{0}“</source>
        <translation>dots for group “{0}”</translation>
    </message>
    <message>
        <source>Gruppe „{name}“ anlegen</source>
        <translation>create group “{name}”</translation>
    </message>
    <message>
        <source>Gruppe „{name}“ entfernen</source>
        <translation>remove group “{name}”</translation>
    </message>
    <message>
        <source>Gruppen zusammenführen: </source>
        <translation>merge groups: </translation>
    </message>
    <message>
        <source>Gruppe teilen: „{new_name}“</source>
        <translation>split group: “{new_name}”</translation>
    </message>
    <message>
        <source>Neue Gruppe „{name}“ aus Karten</source>
        <translation>new group “{name}” from cards</translation>
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
        <source>Gruppe „{0}“ umbenennen</source>
        <translation>rename group “{0}”</translation>
    </message>
    <message>
        <source>Farbe von „{0}“ ändern</source>
        <translation>change colour of “{0}”</translation>
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
        <source>Lösen</source>
        <translation>Unpin</translation>
    </message>
    <message>
        <source>Anheften (bleibt an ihrem Platz)</source>
        <translation>Pin (stays where it is)</translation>
    </message>
    <message>
        <source>Neue Gruppe aus {0} Karte(n) …</source>
        <translation>New group from {0} card(s) …</translation>
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
        <source>Neue Gruppe …	Strg+N</source>
        <translation>New group …	Ctrl+N</translation>
    </message>
    <message>
        <source>Leere Gruppe entfernen</source>
        <translation>Remove empty group</translation>
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
        <translation>Place: {0}</translation>
    </message>
    <message>
        <source>Tisch {0}</source>
        <translation>Table {0}</translation>
    </message>
</context>
<context>
    <name>CardDetails</name>
    <message>
        <source>Keine Karte ausgewählt</source>
        <translation>No card selected</translation>
    </message>
    <message>
        <source>Klicken Sie eine Karte an, um zu sehen, warum sie in ihrer Gruppe liegt.</source>
        <translation>Click a card to see why it is in its group.</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{0}&apos;&gt;■&lt;/span&gt; Gruppe: &lt;b&gt;{1}&lt;/b&gt;</source>
        <translation>&lt;span style=&apos;color:{0}&apos;&gt;■&lt;/span&gt; Group: &lt;b&gt;{1}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Ort: {0}</source>
        <translation>Place: {0}</translation>
    </message>
    <message>
        <source>Tisch: {0}</source>
        <translation>Table: {0}</translation>
    </message>
    <message>
        <source>von Hand zugeordnet</source>
        <translation>assigned by hand</translation>
    </message>
    <message>
        <source>automatisch zugeordnet (Sicherheit {0:.0%})</source>
        <translation>assigned automatically (confidence {0:.0%})</translation>
    </message>
    <message>
        <source>{0} Punkte</source>
        <translation>{0} dots</translation>
    </message>
</context>
<context>
    <name>CardModel</name>
    <message>
        <source>Ort: {0}</source>
        <translation>Place: {0}</translation>
    </message>
    <message>
        <source>Tisch: {0}</source>
        <translation>Table: {0}</translation>
    </message>
    <message>
        <source>Punkte: {0}</source>
        <translation>Dots: {0}</translation>
    </message>
</context>
<context>
    <name>ClusterColumn</name>
    <message>
        <source>Karten hierher ziehen</source>
        <translation>Drag cards here</translation>
    </message>
    <message>
        <source>{count} Karten</source>
        <translation>{count} cards</translation>
    </message>
    <message>
        <source>{total} Punkte (Gruppe {0}, Karten {1})</source>
        <translation>{total} dots (group {0}, cards {1})</translation>
    </message>
</context>
<context>
    <name>ClusterList</name>
    <message>
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>noch keine Empfehlung</source>
        <translation>no recommendation yet</translation>
    </message>
    <message>
        <source>1 Empfehlung</source>
        <translation>1 recommendation</translation>
    </message>
    <message>
        <source>{n} Empfehlungen</source>
        <translation>{n} recommendations</translation>
    </message>
    <message>
        <source>{0}
{1} Anliegen · {2} Punkte · {rec_text}</source>
        <translation>{0}
{1} concerns · {2} dots · {rec_text}</translation>
    </message>
    <message>
        <source>Doppelklick: neue Empfehlung zu diesem Cluster</source>
        <translation>Double-click: new recommendation for this cluster</translation>
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
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>Empfehlungen</source>
        <translation>Recommendations</translation>
    </message>
    <message>
        <source>umgesetzt</source>
        <translation>implemented</translation>
    </message>
    <message>
        <source>{done} von {0}</source>
        <translation>{done} of {0}</translation>
    </message>
    <message>
        <source>{0}: {1} Anliegen, {2} Punkte</source>
        <translation>{0}: {1} concerns, {2} dots</translation>
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
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>Anteil der Anliegen je Cluster</source>
        <translation>Share of concerns per cluster</translation>
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
        <source>Anliegen je Cluster</source>
        <translation>Concerns per cluster</translation>
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
        <source>1 Quartierslabor</source>
        <translation>1 lab</translation>
    </message>
    <message>
        <source>{n} Quartierslabore</source>
        <translation>{n} labs</translation>
    </message>
    <message>
        <source>1 Stadtbezirk</source>
        <translation>1 district</translation>
    </message>
    <message>
        <source>{n} Stadtbezirken</source>
        <translation>{n} districts</translation>
    </message>
    <message>
        <source>Noch keine Quartierslabore angelegt.</source>
        <translation>No labs created yet.</translation>
    </message>
    <message>
        <source>{n} Empfehlungen: </source>
        <translation>{n} recommendations: </translation>
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
    <name>CreateRecommendationCommand</name>
    <message>
        <source>Empfehlung „{0}“ anlegen</source>
        <translation>create recommendation “{0}”</translation>
    </message>
</context>
<context>
    <name>DataTab</name>
    <message>
        <source>Ordner öffnen</source>
        <translation>Open folder</translation>
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
        <source>Der Datenordner enthält die lokale Datenbank, Sicherungen und Protokolle. Ein anderer Ordner lässt sich mit der Umgebungsvariablen {0} wählen (z. B. für eine Installation auf dem USB-Stick).</source>
        <translation>The data folder holds the local database, backups and logs. Another folder can be chosen with the environment variable {0} (e.g. for an installation on a USB stick).</translation>
    </message>
    <message>
        <source>Mit der Adresse einer PostgreSQL-Datenbank arbeiten mehrere Moderierende mit denselben Daten. Die Änderung gilt ab dem nächsten Start. Die Umgebungsvariable {0} hat Vorrang.</source>
        <translation>With the address of a PostgreSQL database, several facilitators work on the same data. The change applies from the next start. The environment variable {0} takes precedence.</translation>
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
        <source>Cluster</source>
        <translation>Cluster</translation>
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
        <source>Bericht für den Lenkungskreis: Titelseite, Inhalt, Zusammenfassung, Teilnahme, Anliegen je Cluster, Empfehlungen nach Handlungsfeld</source>
        <translation>Report for the steering committee: title page, contents, summary, participation, concerns per cluster, recommendations by field of action</translation>
    </message>
    <message>
        <source>Tabellen: Empfehlungen, Anliegen, Cluster, Teilnahme, Info</source>
        <translation>Sheets: recommendations, concerns, clusters, participation, info</translation>
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
        <source>{0} Zusagen von {1} Einladungen</source>
        <translation>{0} acceptances of {1} invitations</translation>
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
        <source>{0} Anliegen mit {1} Punkten in {2} Clustern</source>
        <translation>{0} concerns with {1} dots in {2} clusters</translation>
    </message>
    <message>
        <source>Noch keine Anliegen erfasst.</source>
        <translation>No concerns recorded yet.</translation>
    </message>
    <message>
        <source>{0} Empfehlungen</source>
        <translation>{0} recommendations</translation>
    </message>
    <message>
        <source>Noch keine Handlungsempfehlungen – Schritt „Empfehlungen“.</source>
        <translation>No recommendations yet – step “Recommendations”.</translation>
    </message>
    <message>
        <source>Alle Anliegen sind einem Cluster zugeordnet.</source>
        <translation>All concerns are assigned to a cluster.</translation>
    </message>
    <message>
        <source>{unclustered} Anliegen ohne Cluster (erscheinen unter „{UNCLUSTERED_NAME}“).</source>
        <translation>{unclustered} concerns without a cluster (listed under “{UNCLUSTERED_NAME}”).</translation>
    </message>
    <message>
        <source>{no_field} Empfehlung(en) ohne Handlungsfeld.</source>
        <translation>{no_field} recommendation(s) without a field of action.</translation>
    </message>
    <message>
        <source>{no_actor} Empfehlung(en) ohne zuständige Stelle.</source>
        <translation>{no_actor} recommendation(s) without a responsible body.</translation>
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
        <source>Alle Cluster</source>
        <translation>All clusters</translation>
    </message>
    <message>
        <source>Suchen in Titel, Text, Ort, Zuständig, Notiz …</source>
        <translation>Search title, text, place, responsible, note …</translation>
    </message>
    <message>
        <source>Filter zurücksetzen</source>
        <translation>Reset filters</translation>
    </message>
    <message>
        <source>(ohne Cluster)</source>
        <translation>(no cluster)</translation>
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
        <source>Die Sprache gilt ab dem nächsten Start des Programms. Berichte, Briefe und die Namen der Cluster bleiben deutsch.</source>
        <translation>The language applies from the next start of the app. Reports, letters and cluster names stay in German.</translation>
    </message>
</context>
<context>
    <name>LetterTab</name>
    <message>
        <source>Brieftext</source>
        <translation>Letter text</translation>
    </message>
    <message>
        <source>Standardvorlage wiederherstellen</source>
        <translation>Restore default template</translation>
    </message>
    <message>
        <source>&amp;Betreff:</source>
        <translation>&amp;Subject:</translation>
    </message>
    <message>
        <source>&amp;Brieftext:</source>
        <translation>&amp;Letter text:</translation>
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
        <source>Platzhalter: {0}</source>
        <translation>Placeholders: {0}</translation>
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
        <translation>Quartierslabor – {title} (presentation)</translation>
    </message>
    <message>
        <source>{cards} Anliegen in {clusters} Themen</source>
        <translation>{cards} concerns in {clusters} topics</translation>
    </message>
    <message>
        <source> · Texte verborgen</source>
        <translation> · texts hidden</translation>
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
        <source>Anliegen aller Cluster zeigen</source>
        <translation>Show concerns of all clusters</translation>
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
        <source>Priorität</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Zeithorizont</source>
        <translation>Time horizon</translation>
    </message>
    <message>
        <source>&amp;Ort</source>
        <translation>&amp;Place</translation>
    </message>
    <message>
        <source>&amp;Cluster</source>
        <translation>&amp;Cluster</translation>
    </message>
    <message>
        <source>Handlungsfeld(er) – Masterplan Kommunale Sicherheit 2.0</source>
        <translation>Field(s) of action – Masterplan Kommunale Sicherheit 2.0</translation>
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
        <source>(kein Cluster – übergreifend)</source>
        <translation>(no cluster – across clusters)</translation>
    </message>
    <message>
        <source>{0} ({1} Anliegen, {2} Punkte)</source>
        <translation>{0} ({1} concerns, {2} dots)</translation>
    </message>
    <message>
        <source>{0} Pkt. – {1}</source>
        <translation>{0} dots – {1}</translation>
    </message>
    <message>
        <source>Dieser Cluster hat keine Anliegen. „Anliegen aller Cluster zeigen“ blendet alle ein.</source>
        <translation>This cluster has no concerns. “Show concerns of all clusters” shows them all.</translation>
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
        <source>Cluster</source>
        <translation>Cluster</translation>
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
    <name>RecommendationsView</name>
    <message>
        <source>Neue Empfehlung zum Cluster</source>
        <translation>New recommendation for cluster</translation>
    </message>
    <message>
        <source>Titel und Handlungsfelder werden aus dem Cluster vorgeschlagen.</source>
        <translation>Title and fields of action are suggested from the cluster.</translation>
    </message>
    <message>
        <source>Cluster aus dem Workshop</source>
        <translation>Clusters from the workshop</translation>
    </message>
    <message>
        <source>Nach Punkten sortiert. Doppelklick legt eine Empfehlung an.</source>
        <translation>Sorted by dots. Double-click creates a recommendation.</translation>
    </message>
    <message>
        <source>Neue Empfehlung</source>
        <translation>New recommendation</translation>
    </message>
    <message>
        <source>Neue clusterübergreifende Empfehlung (der Cluster lässt sich im Formular wählen)</source>
        <translation>New recommendation across clusters (the cluster can be chosen in the form)</translation>
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
        <source>Noch keine Empfehlungen. Wählen Sie links einen Cluster und klicken Sie „Neue Empfehlung zum Cluster“ – Titel und Handlungsfelder werden vorgeschlagen.</source>
        <translation>No recommendations yet. Choose a cluster on the left and click “New recommendation for cluster” – title and fields of action are suggested.</translation>
    </message>
    <message>
        <source>{total} Empfehlungen</source>
        <translation>{total} recommendations</translation>
    </message>
    <message>
        <source>{shown} von {total} Empfehlungen</source>
        <translation>{shown} of {total} recommendations</translation>
    </message>
    <message>
        <source>Die Empfehlung „{0}“ löschen?

Sie können das mit „Rückgängig“ (Strg+Z) wieder zurücknehmen.</source>
        <translation>Delete the recommendation “{0}”?

You can take this back with “Undo” (Ctrl+Z).</translation>
    </message>
    <message>
        <source>Cluster ändern</source>
        <translation>change cluster</translation>
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
    <name>SettingsDialog</name>
    <message>
        <source>Einstellungen</source>
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
        <source>Karten, die zu keiner Gruppe gut passen, werden hier als neue Gruppen vorgeschlagen.</source>
        <translation>Cards that fit no group well are suggested here as new groups.</translation>
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
        <source>Neue Gruppen</source>
        <translation>New groups</translation>
    </message>
    <message>
        <source>Papierkorb ({0})</source>
        <translation>Trash ({0})</translation>
    </message>
    <message>
        <source>{0} ({1} Karten)
{sample}</source>
        <translation>{0} ({1} cards)
{sample}</translation>
    </message>
    <message>
        <source>Neue Gruppen ({0})</source>
        <translation>New groups ({0})</translation>
    </message>
    <message>
        <source>Keine Vorschläge: alle Karten passen gut in eine Gruppe.</source>
        <translation>No suggestions: all cards fit a group well.</translation>
    </message>
</context>
<context>
    <name>SplitDialog</name>
    <message>
        <source>Gruppe „{cluster_name}“ teilen</source>
        <translation>Split group “{cluster_name}”</translation>
    </message>
    <message>
        <source>Welche Karten kommen in die neue Gruppe?</source>
        <translation>Which cards go into the new group?</translation>
    </message>
    <message>
        <source>z. B. Spielplatz</source>
        <translation>e.g. playground</translation>
    </message>
    <message>
        <source>Name der neuen Gruppe:</source>
        <translation>Name of the new group:</translation>
    </message>
    <message>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>TaxonomyTab</name>
    <message>
        <source>Cluster</source>
        <translation>Cluster</translation>
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
        <source>Eine mit Quartierslabor gespeicherte Cluster-Liste (JSON)</source>
        <translation>A cluster list saved with Quartierslabor (JSON)</translation>
    </message>
    <message>
        <source>Auf eingebaute Vorgabe zurücksetzen</source>
        <translation>Reset to built-in default</translation>
    </message>
    <message>
        <source>Neue Quartierslabore beginnen mit diesen Clustern. Im Workshop lassen sich die Gruppen eines Labors über „Stadt → Gruppen dieses Labors als Vorgabe für neue Labore speichern“ zur Vorgabe machen. Bestehende Labore behalten ihre eigenen Cluster.</source>
        <translation>New labs start with these clusters. In the workshop, a lab’s groups can be made the default with “City → Save this lab’s groups as the default for new labs”. Existing labs keep their own clusters.</translation>
    </message>
    <message>
        <source>Es gilt die eingebaute Vorgabe ({0} Cluster).</source>
        <translation>The built-in default applies ({0} clusters).</translation>
    </message>
    <message>
        <source>Es gilt die eigene Vorgabe der Stadt ({0} Cluster).</source>
        <translation>The city’s own default applies ({0} clusters).</translation>
    </message>
    <message>
        <source>Wird mit „OK“ gespeichert.</source>
        <translation>Saved with “OK”.</translation>
    </message>
    <message>
        <source>Cluster-Liste laden</source>
        <translation>Load cluster list</translation>
    </message>
    <message>
        <source>Cluster-Liste (*.json)</source>
        <translation>Cluster list (*.json)</translation>
    </message>
    <message>
        <source>Die Datei „{0}“ konnte nicht gelesen werden ({1}).</source>
        <translation>The file “{0}” could not be read ({1}).</translation>
    </message>
</context>
<context>
    <name>VoteResultsWidget</name>
    <message>
        <source>Ergebnis der Punktabfrage</source>
        <translation>Result of the dot vote</translation>
    </message>
    <message>
        <source>Noch keine Punkte vergeben. Punktabfrage einschalten, Karte oder Gruppe anklicken oder Zahl 1–9 drücken.</source>
        <translation>No dots given yet. Switch on the dot vote, click a card or group, or press a number 1–9.</translation>
    </message>
    <message>
        <source>Gruppen</source>
        <translation>Groups</translation>
    </message>
    <message>
        <source>Karten</source>
        <translation>Cards</translation>
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
        <source>↶ Rückgängig</source>
        <translation>↶ Undo</translation>
    </message>
    <message>
        <source>Letzte Aktion rückgängig (Strg+Z)</source>
        <translation>Undo the last action (Ctrl+Z)</translation>
    </message>
    <message>
        <source>↷ Wiederholen</source>
        <translation>↷ Redo</translation>
    </message>
    <message>
        <source>Wiederholen (Strg+Umschalt+Z)</source>
        <translation>Redo (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <source>＋ Gruppe</source>
        <translation>＋ Group</translation>
    </message>
    <message>
        <source>Neue Gruppe anlegen (Strg+N)</source>
        <translation>Create a new group (Ctrl+N)</translation>
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
        <source>Ansicht für den Beamer öffnen (Strg+P)</source>
        <translation>Open the view for the projector (Ctrl+P)</translation>
    </message>
    <message>
        <source>Bildschirm für die Präsentation</source>
        <translation>Screen for the presentation</translation>
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
        <source>Stadt</source>
        <translation>City</translation>
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
        <source>Gruppen dieses Labors als Vorgabe für neue Labore speichern</source>
        <translation>Save this lab’s groups as the default for new labs</translation>
    </message>
    <message>
        <source>Bildschirm {0} ({1}×{2})</source>
        <translation>Screen {0} ({1}×{2})</translation>
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
        <source>Neue Gruppe</source>
        <translation>New group</translation>
    </message>
    <message>
        <source>Eingabe</source>
        <translation>Input</translation>
    </message>
    <message>
        <source>Löschen</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Bearbeiten</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>{n} Punkte</source>
        <translation>{n} dots</translation>
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
        <source>Punkte 0</source>
        <translation>Dots 0</translation>
    </message>
    <message>
        <source>Karten anheften</source>
        <translation>pin cards</translation>
    </message>
    <message>
        <source>{0} Karten löschen</source>
        <translation>delete {0} cards</translation>
    </message>
    <message>
        <source>{done} Karte(n) gelöscht – Strg+Z holt sie zurück, ebenso der Papierkorb.</source>
        <translation>{done} card(s) deleted – Ctrl+Z brings them back, and so does the trash.</translation>
    </message>
    <message>
        <source>Name der neuen Gruppe:</source>
        <translation>Name of the new group:</translation>
    </message>
    <message>
        <source>Gruppe umbenennen</source>
        <translation>Rename group</translation>
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
        <source>Neu gruppiert: {0} Karten haben die Gruppe gewechselt (von Hand zugeordnete und angeheftete Karten bleiben).</source>
        <translation>Regrouped: {0} cards changed group (cards assigned by hand and pinned cards stay).</translation>
    </message>
    <message>
        <source>Vorschläge konnten nicht ermittelt werden: {exc}</source>
        <translation>Suggestions could not be determined: {exc}</translation>
    </message>
    <message>
        <source>Neue Gruppe übernehmen</source>
        <translation>Accept new group</translation>
    </message>
    <message>
        <source>{count} Gruppen sind jetzt die Vorgabe der Stadt für neue Labore.</source>
        <translation>{count} groups are now the city’s default for new labs.</translation>
    </message>
    <message>
        <source>Punktabfrage: Karte anklicken = +1 Punkt, Umschalt+Klick = −1, Zahl 1–9 = so viele Punkte für die Auswahl, 0 = zurück auf 0; Gruppenkopf anklicken = Punkt für die Gruppe.</source>
        <translation>Dot vote: click a card = +1 dot, Shift+click = −1, number 1–9 = that many dots for the selection, 0 = back to 0; click a group header = dot for the group.</translation>
    </message>
    <message>
        <source>Punktabfrage beendet.</source>
        <translation>Dot vote ended.</translation>
    </message>
    <message>
        <source>{0} Karten in {used} Gruppen · jede Karte ist sofort gespeichert</source>
        <translation>{0} cards in {used} groups · every card is saved at once</translation>
    </message>
    <message>
        <source> · letzte Sicherung: {0}</source>
        <translation> · last backup: {0}</translation>
    </message>
</context>
</TS>
