"""Built-in prototype cards per cluster (seed examples for the n-gram nearest-neighbour component).

Written for this app as typical wording of residents; not taken from the evaluation sets.
"""

SEEDS: dict[str, tuple[str, ...]] = {
    "laerm": (
        "Lärm nachts", "zu laut am Wochenende", "laute Musik aus den Autos", "Ruhestörung durch Partys im Hof",
        "Gegröle vor der Kneipe bis 3 Uhr", "Hunde bellen den ganzen Tag", "Motorenlärm von Posern",
        "Krach vom Kiosk", "Nachtruhe wird nicht eingehalten", "Laubbläser schon um 7 Uhr",
        "man kann nachts nicht schlafen", "Hupen und Geschrei auf der Straße", "Bass aus der Nachbarwohnung",
        "Lärmbelästigung durch Baustelle", "Leute schreien nachts rum",
    ),
    "sauberkeit": (
        "Müll überall", "Hundekot auf dem Gehweg", "Sperrmüll wird einfach abgestellt", "volle Mülleimer im Park",
        "Dreck und Scherben am Spielplatz", "Ratten an den Mülltonnen", "Zigarettenkippen überall",
        "wilde Müllkippe hinterm Haus", "Straße wird zu selten gereinigt", "Glascontainer quellen über",
        "es stinkt nach Urin in der Unterführung", "Hundehaufen auf der Wiese", "Papierkörbe fehlen",
        "vermüllte Ecke am Bahnhof", "Essensreste und Verpackungen auf dem Platz",
    ),
    "parken": (
        "Falschparker auf dem Gehweg", "Einfahrt ständig zugeparkt", "zu wenig Parkplätze", "Parken in zweiter Reihe",
        "Autos parken auf dem Radweg", "LKW parken nachts im Wohngebiet", "Wohnmobile nehmen Parkplätze weg",
        "Feuerwehrzufahrt zugeparkt", "Parkplatzsuche abends unmöglich", "Autos stehen auf dem Bürgersteig",
        "Anwohnerparken einführen", "keiner schleppt die Falschparker ab", "Kreuzung wird zugeparkt",
        "Gehweg mit Kinderwagen nicht passierbar wegen Autos", "abgemeldete Autos stehen monatelang",
    ),
    "verkehr": (
        "Autos rasen durch die Straße", "Raser auf der Hauptstraße", "Tempo 30 wird nicht eingehalten",
        "gefährliche Kreuzung", "Zebrastreifen fehlt", "Schulweg ist gefährlich", "Ampel zu kurz grün für Fußgänger",
        "Blitzer aufstellen", "Durchgangsverkehr im Wohngebiet", "Radweg endet plötzlich",
        "man kommt nicht über die Straße", "viel zu schnell gefahren", "Unfälle an der Einmündung",
        "E-Scooter fahren auf dem Gehweg", "Autorennen nachts auf der Allee",
    ),
    "nachbarschaft": (
        "mehr Zusammenhalt in der Nachbarschaft", "man kennt seine Nachbarn nicht mehr", "Nachbarschaftsfest",
        "Treffpunkt für alle Generationen fehlt", "ältere Menschen sind einsam", "Streit unter Nachbarn",
        "mehr Miteinander", "Begegnungsort im Quartier", "Respekt untereinander fehlt", "Integration der Neuzugezogenen",
        "keiner grüßt mehr", "Nachbarschaftshilfe organisieren", "Vereine sollten sich vernetzen",
        "Sprachbarrieren zwischen Nachbarn", "Nachbarschaftscafé",
    ),
    "angstraeume": (
        "zu dunkel im Park", "Straßenlaterne kaputt", "Unterführung ist unheimlich", "schlechte Beleuchtung am Weg",
        "abends Angst auf dem Heimweg", "Gebüsch zurückschneiden, man sieht nichts", "dunkle Ecken am Bahnhof",
        "Frauen meiden den Weg nachts", "Angstraum am Parkhaus", "Licht fehlt an der Haltestelle",
        "ich fühle mich unsicher im Dunkeln", "Laternen gehen zu früh aus", "Weg ist nicht einsehbar",
        "mulmiges Gefühl im Tunnel", "mehr Licht im Durchgang",
    ),
    "alkohol_drogen": (
        "Trinkerszene am Platz", "Drogenhandel am Bahnhof", "Dealer im Park", "Spritzen auf dem Spielplatz",
        "aggressives Betteln vor dem Supermarkt", "Betrunkene pöbeln Leute an", "es wird offen gekifft",
        "Alkoholiker am Kiosk", "Junkies im Hauseingang", "Leute saufen schon morgens", "Lachgas-Kartuschen",
        "Bettler an jeder Ecke", "Drogenkonsum im Treppenhaus", "Bierflaschen und Besoffene", "Trinkhalle als Treffpunkt der Säufer",
    ),
    "praesenz": (
        "mehr Polizei", "Ordnungsamt nie da", "mehr Streife zu Fuß", "Polizei kommt zu spät",
        "Bezirksbeamter unbekannt", "Ordnungsdienst abends", "mehr Kontrollen", "keiner ist erreichbar",
        "Polizeipräsenz erhöhen", "KOD soll öfter kommen", "Ansprechpartner vor Ort fehlt",
        "Polizeiwache wieder öffnen", "Ordnungsamt reagiert nicht auf Anrufe", "mehr Präsenz am Abend",
        "Fußstreife im Viertel",
    ),
    "kriminalitaet": (
        "Einbrüche in Keller", "Fahrräder werden geklaut", "Autos aufgebrochen", "Vandalismus an der Haltestelle",
        "Graffiti an den Häusern", "Überfall im Park", "Schlägereien am Wochenende", "Diebstahl aus Autos",
        "Taschendiebe in der Bahn", "Scheiben eingeschlagen", "Briefkästen beschädigt", "Jugendliche bedroht und abgezogen",
        "Wohnungseinbruch", "Messerangriff", "Spiegel abgetreten und Autos zerkratzt",
    ),
    "jugend": (
        "kein Jugendtreff", "Spielplatz kaputt", "zu wenig Angebote für Jugendliche", "Bolzplatz fehlt",
        "Jugendliche hängen rum, weil sie nichts zu tun haben", "Kinder brauchen Platz zum Spielen",
        "Jugendzentrum länger öffnen", "Streetworker für die Jugend", "Spielgeräte veraltet",
        "Freizeitangebote in den Ferien", "Skatepark", "Jugendgruppen am Schulhof", "Kinder spielen auf der Straße",
        "Basketballkorb aufstellen", "Angebote für Mädchen",
    ),
    "sonstiges": (
        "Bus fährt zu selten", "Mieten zu hoch", "Bänke fehlen", "Schlaglöcher", "kein Supermarkt mehr",
        "Ärzte fehlen im Stadtteil", "mehr Grün", "Bäume pflanzen", "öffentliche Toilette fehlt",
        "Leerstand in den Läden", "kein WLAN", "Bürgerbüro schließt", "Barrierefreiheit an der Haltestelle",
        "Briefkasten abgebaut", "Information über Baustellen",
    ),
}
