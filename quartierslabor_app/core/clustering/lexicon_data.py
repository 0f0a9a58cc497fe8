"""Built-in weighted cue words per cluster (folded spelling: ae/oe/ue/ss).

Syntax per entry ``term:weight`` (weight defaults to 1.0):
``term``  matches a word containing it (compounds: "hundekot" finds "kot" only via "hundekot"; terms of
          four or more letters are searched inside words, shorter ones must be the whole word or its stem),
``=term`` whole word (or its stem) only, ``^term`` start of a word only; a leading ``@`` marks a place or object
(``@spielplatz``, ``@ampel``): it counts fully alone but little when another cluster names the concern itself.
Weights: 1 = decisive, 0.5 = supporting, 0.3 = weak hint.
"""

LEXICON: dict[str, str] = {
    "laerm": """
immission:0.7 emission:0.5
schepper:0.8 gejohle johlen:0.8
ohrenbetaeub geraeusch:0.7 troet:0.7 trommel:0.7
heul:0.7 bohr:0.6 halligalli remmidemmi trubel:0.5 tamtam:0.7 rambazamba ^poser:0.5
getoese gedudel techno:0.6 ballerei:0.6 kreissaege:0.5 haemmer:0.4 bohrmaschine:0.6 =bohren:0.5 knall:0.6 stimmengewirr nachtleben:0.5 biergarten:0.4 aussengastronomie:0.5 konzert:0.5 autoposer:0.8 =tuning:0.4 quietsch:0.6
geschrei gebruell
hupe:0.8 poltern:0.6 getrampel:0.6 trampel:0.5 knatter:0.8 =mofa:0.3 =moped:0.3 lautstark beschallt boombox musikbox:0.8 karaoke:0.7 kirchenglocke:0.7 glocken:0.5 feuerwerk:0.6 knallerei:0.7 =disco:0.3 =club:0.3 gedroehn schlafstoer laermschutz unterhalten:0.3 gekreische
laerm laermt laerme krach krakeel radau rabatz remmidemmi ruhestoer nachtruhe ruhezeit mittagsruhe sonntagsruhe
laut:0.9 ^lauter:0.8 lautsprecher lautstaerke beschallung dezibel =ruhe:0.6 ruhig:0.5 leise:0.6 hupen gehupe hupt:0.8
hupkonzert musik:0.8 aufgedreht:0.8 =bass:0.7 basse:0.7 wummer droehn:0.8 party:0.6 partys:0.6 feier:0.5 gefeier:0.8 groel groehl
bruell schrei:0.6 kreisch:0.7 gebell bellen bellt klaeff kleff jaul:0.6 heult:0.6 aufheul:0.9 motorenlaerm
=poser:0.5 auspuff:0.8 =laermend =laermen laubblaes laubblas laubsauger rasenmaeh:0.7 boeller:0.7 knaller:0.6
geknall:0.7 schlafen:0.6 schlaf:0.5 =nachts:0.3 nachbarslaerm baulaerm bauarbeit:0.4 presslufthammer
fluglaerm verkehrslaerm strassenlaerm =lautes =lauten stoert:0.3 gestoert:0.3 belaestig:0.3 tinnitus
""",
    "sauberkeit": """
=riecht:0.5 geruch:0.6 wirft:0.5 =werfen:0.5 geworfen:0.5 schmeiss:0.6 =kram:0.4
=driss:0.9 =schiet:0.8 kack:0.9 mueffel:0.7
=sau:0.4 saustall =siehtaus:0.5
@muelltonne:0.8 @muelleimer:0.8
littering aufkleber:0.4 plakat:0.5 taubenfuetter fuettern:0.5 moewen:0.5 waschbaer:0.5 gruenschnitt:0.5 flaschensammler:0.4
rumlieg herumlieg runtergekommen:0.7 heruntergekommen:0.7 vergammelt:0.8 gammelig:0.7 schrottfahrrad schrottfahrraed fahrradleich fahrradwrack schrottrad
verunreinig muellabfuhr abfuhr:0.7 restmuell biotonne sperrgut elektroschrott matratze:0.7 =sofa:0.5 couch:0.5 kuehlschrank:0.5 moebel:0.5 spuck:0.6 =rotz:0.6 erbroch:0.6 kotze:0.5 kotzen:0.5 hundebeutel tuetenspender hundetoilette plastik:0.6 =dosen:0.5 gully:0.5 gullis:0.5 verstopft:0.4 ungepflegt:0.5 =maden:0.7 fliegen:0.3 unkraut:0.4 saubermachen aufraeum:0.6 muellsammel
muell abfall dreck schmutz verdreck verschmutz sauber:0.8 sauberkeit sauerei:0.8 schweinerei:0.6 vermuell
sperrmuell hundekot hundehauf hundekack hundescheiss hundeklo tretmine =kot:0.8 =kacke:0.8 =haufen:0.4
hinterlass:0.5 kotbeutel gassi:0.5 @tonne:0.8 @container:0.7 altglas altkleider glascontainer @papierkorb @eimer:0.6
kippe:0.9 =kippen:0.7 zigarettenkippe zigarettenstummel stummel kronkorken verpackung tuete:0.6 scherben:0.7
ratte ratten maeuse:0.6 ungeziefer kakerlak tauben:0.6 taubenkot gestank stinkt stinken stink:0.7 mief:0.7
urin:0.5 pinkel:0.5 pisse:0.5 reinig:0.8 putz:0.5 fegen:0.7 gefegt:0.7 kehr:0.5 =edg:0.9 entsorg:0.9 abgelad:0.7
ablager:0.8 abgestellt:0.3 unrat schrott:0.5 kaugummi schmuddel @hundebesitzer:0.6 @=hunde:0.3 becher:0.5 pizzakarton karton:0.5 essensrest =laub:0.5
gelbesack @=saecke:0.6 @=sack:0.5 wertstoff recycl verwahrlos:0.6 ekel:0.5 eklig:0.8 siff:0.8 =grill:0.3
wilde:0.3 =wild:0.3 flaschen:0.3 @glas:0.4 zugemuellt vollgemuellt ueberquell:0.8 ueberfuell:0.5 schmier:0.3
""",
    "parken": """
ruhenderverkehr ruhendenverkehr
=kreisen:0.6
@trottoir:0.4 @gehsteig:0.4
schrottauto:0.8
paketdienst:0.5 lieferdienst:0.4
abgestellt:0.4 blockiert:0.5 versperrt:0.4 wendehammer:0.7 parkbucht carsharing:0.4 @transporter:0.6 sprinter:0.5 firmenwagen:0.5 parkschein parkuhr parkgebuehr parkscheinautomat elterntaxi:0.6 =geparkt
parkt parken parker parkend parkplatz parkpl parkraum parkdruck parkhaus parkverbot parkausweis parkerei
parksituation parkmoegl parkflaech parkbucht parkstreifen parkscheibe parkzone parksuchverkehr anwohnerpark
bewohnerpark halteverbot =halten:0.4 =haelt:0.3 zweite:0.4 =reihe:0.4 @einfahrt:0.7 @ausfahrt:0.6 @garage:0.5
abschlepp knoellchen strafzettel wohnmobil:0.8 wohnwagen:0.8 anhaenger:0.7 @=lkw:0.3 dauerpark stellplatz
abgemeldet:0.7 kennzeichen:0.6 @=karre:0.3 @=karren:0.3 @autos:0.3 @=auto:0.3 @gehweg:0.4 @buergersteig:0.4 zugestellt:0.7
zugepark vollgepark stellen:0.3 abstell:0.4 @=pkw:0.3 ladezone:0.7 feuerwehrzufahrt
@feuerwehr:0.4 @kinderwagen:0.3 @rollstuhl:0.3 =stehen:0.2 =stellen:0.2
""",
    "verkehr": """
gaspedal:0.8 =duesen:0.7 duest:0.7 =ps:0.4
rowdy:0.8 =steuer:0.4 poller:0.6
kracht:0.9 gekracht:0.9 =krachts:0.9 zusammengekracht
autoposer:0.6 draengler:0.7 busspur:0.5 verkehrsaufkommen
rasend bleifuss tempolimit verkehrsschild:0.6 =schild:0.3 gruenphase:0.8 rotphase:0.8 ampelschaltung querungshilfe =sicht:0.3 sichtbehinder:0.7 @=kurve:0.3 laster:0.5 schwerlast:0.7 brummi umleitung:0.6 =stau:0.7 fahrradstrasse:0.8 radspur:0.7 schutzstreifen:0.7 bordstein:0.3 rollerfahrer:0.6 elterntaxi:0.6 abbieg:0.7 =winkel:0.6 geisterfahrer fahrer:0.4 autofahrer:0.5 kreuzen:0.5 =30km:0.8 kmh:0.8 verkehrsspiegel beinaheunfall zusammenstoss kollision ausweichen:0.5 gehwegradler schulkinder:0.3 lotsen:0.8 schuelerlotsen
raser raserei =rasen:0.9 rast:0.6 geras:0.8 heizen:0.7 =heizt:0.7 brettern:0.9 bretter:0.5 schnell:0.8
tempo geschwindigkeit blitzer =blitzen:0.8 radar:0.7 @ampel zebrastreifen fussgaengerueberweg ueberweg querung
queren:0.8 ueberquer @kreuzung:0.7 unuebersichtlich @einmuendung:0.7 schulweg:0.7 gefaehrlich:0.4 gefahr:0.4
unfall unfaell beinahe:0.4 @radweg:0.8 radfahr:0.7 radler:0.7 @fahrrad:0.5 @=rad:0.4 @scooter:0.6 @=roller:0.4
verkehr:0.8 verkehrs:0.6 @=autos:0.4 @=auto:0.3 @=lkw:0.5 @lastwagen:0.5 durchgangsverkehr schleichweg abkuerz:0.6
=poser:0.5 rennen:0.7 autorennen rennstreck rennbahn vollgas =gas:0.5 ueberhol:0.7 rotlicht rote:0.3 bodenwell schwelle:0.7
verkehrsberuhig spielstrasse:0.6 einbahn:0.7 kreisverkehr:0.7 fussgaenger:0.6 @motorrad:0.4 @=bus:0.2 =km:0.6
=kmh:0.8 =30er:0.8 =30:0.4 =50:0.3 @strasse:0.2 bremst:0.6 bremsen:0.5 angefahren:0.8 ueberfahren:0.8
vorfahrt:0.8 fahren:0.3 faehrt:0.3 @fahrbahn:0.5 verkehrsinsel mittelinsel
""",
    "nachbarschaft": """
sozialekontrolle kommunikation:0.5 bewohner:0.3
geholfen:0.5 =helfen:0.4 =hilft:0.4
knatsch:0.7 zoff:0.6 =gutentag:0.6
=wirgefuehl gemeinschaftsgefuehl isolation:0.7
=kennse:0.5 =kennste:0.5 zuhause:0.5 heimat:0.6 =deutsch:0.4 verstaendig:0.6 =fuersich:0.7 =untersich:0.7
gemeinwesen:0.6 quartiersmanagement:0.6 stadtteilfest sommerfest hoffest quartiersfest flohmarkt:0.6 tauschboerse:0.6 repaircafe:0.6 patenschaft:0.6
zusammenleben nebeneinander:0.7 nachbarlich gemeinschaftsgarten:0.7 mitmach:0.7 beteiligung:0.6 stadtteilzentrum stadtteiltreff quartierszentrum begegnungs hilfe:0.3 unterstuetzung:0.3 zugewandert:0.6 zuwander:0.6 gefluechtet:0.6 migrant:0.6 neuankoemml willkommen:0.6 hausordnung:0.6 mietergemeinschaft fremd:0.5 toleranz:0.7 solidari:0.8 spaltung:0.6 polarisier:0.7 alteingesessen:0.8 neuzugezogen:0.8 generationen:0.7 kulturen:0.8 nationalitaet:0.7 tratsch:0.6 laestern:0.6 mobbing:0.6 zusammenkommen
@nachbar:0.5 nachbarschaft @nachbarn:0.5 zusammenhalt miteinander gemeinschaft:0.8 kontakt:0.6 =kennen:0.5
=kennt:0.5 anonym einsam @quartier:0.4 @viertel:0.3 begegnung treffpunkt:0.5 nachbarschaftsfest strassenfest =fest:0.4 respekt:0.6
ruecksicht:0.5 integration integrier sprache:0.5 auslaender:0.4 zugezogen:0.5 kultur:0.5 verein:0.6
ehrenamt @senior:0.5 @aeltere:0.4 gruess hilfsbereit nachbarschaftshilfe gemeinsam:0.6 quartierstreff treff:0.4
streit:0.6 konflikt:0.6 zusammen:0.4 vorurteil hausgemeinschaft @mieter:0.3 rassis:0.6 diskriminier:0.7
=cafe:0.4 austausch:0.7 kennenlern ausgrenz isoliert:0.7 generation:0.6 =wir:0.1 gespraech:0.5 sozial:0.6
engagement:0.7 engagier:0.7 veranstaltung:0.5 =grill:0.2 =freundlich:0.4 unfreundlich:0.5 hallo:0.5
""",
    "angstraeume": """
sicherheitsempfinden furcht:0.9 sichtachse:0.8 freischneid:0.7
angestarrt:0.5 anstarr:0.5 angeglotzt:0.5
angstort angstzone zugewuchert:0.6 trampelpfad:0.5 @durchgang:0.4
dunkl lichtquelle aengst bedrohlich:0.6 ungut:0.6 gefuehl:0.3 beklemm verwinkelt nische:0.6 brachflaeche:0.6 =brache:0.6 ueberschaubar:0.5 rueckschnitt:0.7 zurueckschneiden:0.7 strauch:0.6 straeucher:0.6 @heimweg:0.5 abholen:0.3 begleit:0.4 unbeleuchtet leuchtmittel gluehbirne:0.7 lichtverhaeltnis angstfrei
dunkel duester finster stockfinster licht:0.7 beleuchtung beleucht leucht:0.9 laterne lampe:0.8 funzel
=angst:0.8 angstraum aengstlich:0.7 unsicher:0.6 mulmig unwohl unheimlich gruselig @=abends:0.4 @=nachts:0.3
@=nacht:0.3 dunkelheit @unterfuehrung @tunnel:0.8 @gebuesch @hecke:0.5 zugewachsen:0.6 ueberwuchert:0.6
einsehbar versteck:0.6 @=ecke:0.3 @ecken:0.3 allein:0.4 @frauen:0.4 sicherheitsgefuehl umweg:0.6 meide:0.7
=traue:0.6 =trau:0.6 traut:0.6 =dunkle:0.8 dunkeln:0.9 =hell:0.6 heller:0.6 ausleucht bewegungsmelder
ausgefallen:0.5 kaputt:0.2 =sicher:0.3 schatten:0.3 @passage:0.4 @bahnhof:0.3 @fussweg:0.3
""",
    "alkohol_drogen": """
beschaffungskriminal betaeubungsmittel =btm suchtmittel
tuetchen:0.6
pennbrued:0.8 stadtstreicher:0.6
komasauf spritzbesteck kanuele drogenbesteck =alufolie:0.4
gelage:0.8 angetrunken alkoholisiert zugesoffen flachmann schnapsleiche drogenszene =stoff:0.4 crystal:0.8 =meth:0.9 ecstasy druckraum methadon substitut:0.7 sucht:0.8 suechtig abhaengig:0.8 suchtkrank schlafsack:0.5 bettelei anschnorr kleingeld:0.6 strassenstrich prostituiert bordell:0.8 laufhaus:0.8 rotlichtmilieu rotlichtviertel drogenhandel verticken vertick =rauchen:0.3 rauschgift
alkohol alki =alkis saufen sauf:0.9 saeuf besoffen betrunken trinker =trinken:0.6 trink:0.4 bier:0.8 =pulle pullen
schnaps wodka =flasche:0.4 flaschen:0.3 szene:0.6 trinkerszene drogen droge dealer =deal:0.9 deal:0.8 dealen
=ticken:0.7 =tickt:0.5 kiffen kiffer gekifft =gras:0.4 joint haschisch =hasch cannabis marihuana spritze nadel:0.7
junkie fixer heroin crack koks kokain =konsum:0.6 konsumraum drogenkonsum betteln bettel bettler schnorr
penner:0.8 obdachlos:0.7 wohnungslos:0.7 aggressiv:0.3 poebel:0.5 anpoebel:0.6 lachgas shisha:0.5 @kiosk:0.4 @trinkhalle
@=bude:0.5 @buedchen:0.6 prostitution =strich:0.7 freier:0.5 rausch:0.6 zugedroehnt =breit:0.3 =high:0.5
pillen:0.7 sauferei saufgelage =dope:0.9 =shit:0.5 weed:0.9 =suff:0.9 dicht:0.2 rumlungern:0.3 lungern:0.3
""",
    "praesenz": """
bullerei:0.8
ordnungspartner quartiershausmeister:0.6 sicherheitswacht:0.8 blaulicht:0.6 polizeiauto streifenwagen
=pol:0.7 =oa:0.7 =kod
praesent:0.8 sprechstunde:0.6 ansprechperson:0.6 kontaktperson:0.6 erreichen:0.4 =melden:0.4 meldung:0.4 bestrafen:0.5 sanktion:0.6 konsequenz:0.6 nulltoleranz:0.8 sicherheitspersonal:0.8 wachdienst:0.8 wachschutz:0.8 stadtwacht:0.8 buergerwehr:0.5 einschreiten:0.7 eingreifen:0.6 reagieren:0.5 kontrolliert:0.6 patrouill
polizei:0.8 polizist:0.8 bullen:0.8 =cops polente ordnungsamt =kod ordnungsdienst streife =streifen:0.6 bezirksbeamt
bezirksdienst kontaktbeamt =wache:0.8 polizeiwache praesenz kontrolle:0.6 kontrollier:0.6 ansprechpartner:0.6
ansprechbar:0.6 erreichbar:0.5 =110:0.7 notruf:0.6 uniform:0.7 fusstreife sicherheitsdienst:0.8 security:0.7
reagier:0.4 =amt:0.4 behoerde:0.4 ordnungshueter sheriff:0.6 =stadt:0.1 =sieht:0.1 =nie:0.1 zeigen:0.3
=sichtbar:0.5 sichtbar:0.3 durchgreif:0.6 =strafe:0.4 bussgeld:0.6 =kommt:0.1 anzeige:0.3 anrufen:0.3
ordnungskraefte einsatzkraefte =ordnung:0.4 hotline:0.5 zustaendig:0.4
""",
    "kriminalitaet": """
delikt:0.9
langfinger ganove hehler =portemonnaie:0.5 geldboerse:0.5 brieftasche:0.5
verletzung:0.7 abgezockt:0.8
ausschlacht ausgeschlachtet kaputtmach
belaestig:0.5 drohung:0.8 gedroht:0.8 stalking:0.7 katalysator:0.6 trickdieb
entrissen:0.8 erpress bedroh belaestigt:0.5 grapsch:0.8 sexuell:0.6 beleidigt:0.4 pruegelei geschlagen:0.7 zusammengeschlagen verletzt:0.5 schiesserei schuesse waffe:0.9 =clan:0.6 =bande:0.7 banden:0.6 hehlerei betrug:0.9 abzocke:0.7 klau:0.9 stibitz:0.8 straftaeter taeter:0.7 opfer:0.5 brandanschlag kaputtgetreten eingetreten:0.7 zerstoer:0.7 demolier verwuestet:0.8 aufgeschlitzt:0.8 geknackt:0.9 sprayer schmierfink hakenkreuz:0.8 rechtsextrem:0.7 =nazi:0.7 =nazis:0.7 kriminell
einbruch einbrech eingebroch einbrueche diebstahl geklaut klauen klaut gestohlen =dieb diebe dieb raub
ueberfall ausgeraubt vandalismus vandal zerstoert:0.7 =kaputt:0.3 kaputtgemacht beschaedig:0.7 demoliert
graffiti graffitis schmiererei beschmiert gesprueht:0.8 gespray:0.8 =tags:0.6 randal:0.7 aufgebrochen
aufbruch aufbrue @keller:0.4 schlaegerei pruegel gewalt messer angegriffen angriff:0.8 bedroht bedrohung
kriminal straftat taschendieb trickbetrug betrueger enkeltrick eingeschlagen zerkratzt angezuendet brandstift
=brand:0.6 =feuer:0.4 ueberwachung:0.4 kamera:0.5 videoueberwach:0.6 =abgezogen zerstoch zerstech abziehen:0.6
einbrecher stehlen =mopsen:0.8 =geklaut mutwillig:0.8 zertruemmert umgetreten:0.8 =sachbeschaedigung
""",
    "jugend": """
schulschwaenz:0.7 jugendamt:0.6
=junge:0.5 heranwachsend halbwuechsig spielgeraet:0.8 klettern:0.5 jugendarbeit sozialarbeit:0.6 nachmittagsbetreuung betreuung:0.5 ganztag:0.6 kinderbetreuung @kindergarten:0.7 hausaufgabenhilfe nachhilfe:0.8 @sportplatz:0.7 @turnhalle:0.6 pumptrack chillen:0.6 rumlungern:0.4 minderjaehrige
jugend:0.9 @jugendlich:0.45 @kinder:0.45 @=kind:0.4 kids:0.8 blagen goeren bengel:0.7 @spielplatz:0.45 @spielpl:0.45 bolzplatz:0.7 skate:0.8 =ogs:0.8 hort:0.5
skater:0.8 skatepark jugendtreff jugendzentrum jugendhaus jugendclub freizeit angebot:0.5 langeweil
langweil halbstark rumhaeng abhaeng:0.6 =haengen:0.4 clique:0.6 =gruppe:0.3 gruppen:0.3 @schule:0.4 schueler:0.5
@kita:0.6 @schulhof:0.8 basketball:0.7 fussball:0.6 =sport:0.6 streetwork teenager teenies teens =spielen:0.6
spiel:0.4 rutsche schaukel klettergeruest sandkasten ferien:0.6 pubertier =jungs:0.5 maedchen:0.5 @=kleinen:0.4
@=kleine:0.3 minderjaehrig azubi:0.4 ausbildung:0.4 bolzen:0.7 tischtennis:0.8 @grillplatz:0.3
""",
    "sonstiges": """
gehwegplatte:0.8 =platten:0.5
starkregen unwetter hochwasser ueberschwemm =regen:0.5 empfang:0.7 mobilfunk netzabdeckung
fahrradstaender:0.6 fahrradbuegel:0.6 radstaender:0.6 abstellanlage:0.5 fahrradgarage:0.6 fahrradbox:0.6
wurzel belag:0.8 =risse:0.8 rissig pflaster:0.7 asphalt:0.6 buckel:0.8 huckel holper pfuetze:0.7 spurrille marode:0.8 sanierungsbeduerft bordsteinkante:0.6 gehwegschaden strassenschaden fahrbahnschaden schaeden:0.5
@strassenbahn:0.6 =tram:0.6 ubahn:0.3 nahverkehr fahrplan:0.7 =takt:0.6 ticket:0.5 mietpreis wohnungsnot sozialwohnung vermieter:0.6 hausverwaltung:0.6 heizung:0.6 schimmel:0.5 sanierung:0.5 baecker:0.5 drogerie:0.6 wochenmarkt:0.5 packstation:0.6 spielhalle:0.4 wettbuero:0.4 pflanzen:0.5 =wiese:0.4 bauarbeiten:0.4 absenkung:0.6 rampe:0.6 fahrstuhl:0.7 klimawandel:0.7 schattig:0.5 trinkbrunnen trinkwasser wasserspender hallenbad:0.7 buergeramt:0.6 gebuehren:0.5 funkloch handynetz:0.6 ladesaeule:0.7
@=bus:0.6 @busse:0.6 busverbindung buslinie verbindung:0.5 anbindung:0.6 geldautomat sparkasse:0.6 @=bahn:0.5 oepnv @haltestelle:0.5 miete:0.9 mieten:0.7 wohnung:0.5 wohnraum einkauf:0.8
@supermarkt:0.4 arzt uneben holprig stolper aerzte apotheke baum:0.5 baeume:0.5 =gruen:0.4 gruenflaech:0.6 @=bank:0.6 @baenke @sitzbank
sitzgelegenheit schlagloch:0.8 =wlan internet toilette:0.5 briefkasten =post:0.5 barrierefrei rollator:0.6
aufzug:0.7 leerstand @geschaeft:0.5 @laden:0.4 blumen:0.5 bepflanz:0.6 @brunnen:0.3 hitze:0.6 buergerbuero
termin:0.5 digital:0.6 kirche:0.4 bibliothek:0.7 schwimmbad:0.7 post:0.4 @baustelle:0.3 verwaltung:0.5
informationen:0.5 =info:0.4 glasfaser:0.8 =strom:0.5 nahversorg gastronomie:0.6 @parkbank:0.7
""",
}


def _words(words: str) -> frozenset:
    return frozenset(words.split())


#: two words near each other that together name a concern neither names alone:
#: (cluster, weight, name, endings of the first word, second words, max distance in words)
COOCCURRENCE: list[tuple[str, float, str, tuple[str, ...], frozenset, int]] = [
    # a vehicle that stands, lies or is put somewhere: "E-Scooter liegen auf dem Gehweg", "LKW stellen sich in die
    # Wohnstraße", "die stellen ihre Karren überall hin"
    ("parken", 0.9, "Fahrzeug steht",
     tuple("auto autos pkw pkws lkw lkws karre karren wagen transporter sprinter laster scooter roller rollern "
           "wohnmobil wohnmobile anhaenger fahrzeug fahrzeuge kfz mofa mofas moped mopeds motorrad motorraeder".split()),
     _words("steht stehen stehn stand standen liegen liegt stellen stellt gestellt abgestellt hingestellt abstellen haelt halten "
            "rumstehen herumstehen blockieren blockiert versperren versperrt"), 4),
    # crossing the road: "die Kinder kommen nicht heil über die Straße"
    ("verkehr", 0.8, "über die Straße", ("ueber", "uebern", "rueber"),
     _words("strasse strassen fahrbahn kreuzung gleise"), 2),
    # manner of driving: "die fahren wie bekloppt", "fährt wie ein Irrer", "wie die Sau gefahren"
    ("verkehr", 0.9, "fahren wie …",
     ("fahren", "faehrt", "fahrn", "fahrt", "rasen", "brettern", "heizen"), frozenset({"wie"}), 2),
]

#: homographs whose noun (after an article or preposition) does not count for these clusters
NOUN_READINGS: dict[str, tuple[str, ...]] = {"rasen": ("verkehr",)}
