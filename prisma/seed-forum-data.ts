// Demo content for the forum: Leitthemen, best practices, discussions and questions.
// Every person is invented; organisations and programmes follow shared/research/peers-features.md §4.
import type { TargetGroup, ThreadKind } from "../app/domain/model.ts";

export type SeedTag = { slug: string; name: string };

export type SeedPost = {
  /** e-mail of a demo user who may reply in the thread's Gremium */
  author: string;
  /** plain text; paragraphs separated by a blank line */
  body: string;
};

export type SeedThread = {
  space: "laenderbeirat" | "laender-round-table" | "mint-regionen";
  kind: ThreadKind;
  title: string;
  author: string;
  body: string;
  tags: string[]; // SeedTag slugs
  daysAgo: number; // when the thread was started
  pinned?: boolean;
  replies: SeedPost[];
  /** for kind "question": index into replies of the accepted answer */
  acceptedReply?: number;
  bestPractice?: {
    laender: string[]; // Land codes, e.g. ["BY"]
    targetGroups: TargetGroup[];
    duration: string;
    funding: string;
    contact: string;
    link: string;
    impact: string;
  };
};

export const TAGS: SeedTag[] = [
  { slug: "maedchen-frauen", name: "Mädchen und Frauen in MINT" },
  { slug: "fachkraeftesicherung", name: "Fachkräftesicherung" },
  { slug: "digitalisierung", name: "Digitalisierung" },
  { slug: "lehrkraeftemangel", name: "Lehrkräftemangel" },
  { slug: "berufsorientierung", name: "Berufs- und Studienorientierung" },
  { slug: "laendlicher-raum", name: "MINT im ländlichen Raum" },
  { slug: "bne", name: "BNE" },
  { slug: "finanzierung", name: "Finanzierung und Verstetigung" },
  { slug: "bildungsgerechtigkeit", name: "Bildungsgerechtigkeit" },
  { slug: "qualitaet", name: "Qualitätsentwicklung" },
];

/** Joins paragraphs with a blank line, the paragraph separator of post bodies. */
const p = (...paragraphs: string[]): string => paragraphs.join("\n\n");

const LEITUNG = "leitung@laenderforum.example";
const PROGRAMMBUERO_CONTACT = "Programmbüro MINT-Regionen, programmbuero@laenderforum.example";
const BY = "by@laenderforum.example";
const NW = "nw@laenderforum.example";
const RP = "rp@laenderforum.example";
const TH = "th@laenderforum.example";
const BW = "bw@laenderforum.example";
const WESTPFALZ = "westpfalz@laenderforum.example";
const MITTELHESSEN = "mittelhessen@laenderforum.example";
const HARBURG = "harburg@laenderforum.example";
const NORDTHUERINGEN = "nordthueringen@laenderforum.example";
const MIN_RP = "ministerium-rp@laenderforum.example";
const MIN_BY = "ministerium-by@laenderforum.example";
const MIN_NW = "ministerium-nw@laenderforum.example";
const MIN_TH = "ministerium-th@laenderforum.example";

// ---------------------------------------------------------------------------
// MINT-Regionen: best practices
// ---------------------------------------------------------------------------
const MINT_REGIONEN_BEST_PRACTICES: SeedThread[] = [
  {
    space: "mint-regionen",
    kind: "best-practice",
    title: "Forscherkisten zum Ausleihen: Kitas holen sich MINT über die Gemeindebücherei",
    author: BY,
    daysAgo: 112,
    tags: ["laendlicher-raum", "bildungsgerechtigkeit"],
    body: p(
      "In einer unserer ländlichen MINT-Regionen in Unterfranken können Kitas seit 2022 thematische Forscherkisten ausleihen: „Wasser“, „Magnetismus“, „Licht und Schatten“, „Waage und Gewicht“. Ausgeliehen wird nicht über ein Büro in der Kreisstadt, sondern über die Gemeindebüchereien. Die gibt es in fast jedem Ort, sie haben Öffnungszeiten am Nachmittag, und die Erzieherinnen und Erzieher kennen den Weg dorthin ohnehin.",
      "Jede Kiste enthält Material für eine Gruppe von zwölf Kindern, laminierte Bildkarten, eine Anleitung für die pädagogischen Fachkräfte und einen Elternbrief in fünf Sprachen mit einer Idee zum Nachmachen zu Hause. Die Ausleihe läuft über das normale Bibliothekssystem mit eigener Mediennummer, die Leihfrist beträgt vier Wochen. Zweimal im Jahr gibt es eine zweistündige Einführung für neue Kitas, die eine Lehrkraft der örtlichen Realschule gemeinsam mit der Bücherei gestaltet.",
      "Eine Kiste kostet in der Erstausstattung etwa 350 €, Verbrauchsmaterial rund 60 € im Jahr. Die 24 Kisten wurden aus Mitteln des Landkreises und einer Spende der Sparkasse finanziert. Gelernt haben wir: Die Kisten müssen nach jeder Ausleihe vollständig sein. Seit es eine Packliste mit Fotos gibt, klappt die Rückgabe. Und die Elternbriefe sind der Teil, zu dem wir die meisten Rückmeldungen bekommen.",
    ),
    bestPractice: {
      laender: ["BY"],
      targetGroups: ["kita", "eltern", "ausserschulisch"],
      duration: "seit 2022, ganzjährig",
      funding: "Landkreis und Spende der örtlichen Sparkasse; Erstausstattung ca. 8.400 €, laufend ca. 1.500 € pro Jahr",
      contact: "Theresa Gruber, t.gruber@example.org",
      link: "https://www.mint-bayern.de",
      impact: "24 Kisten in 11 Büchereien, 310 Ausleihen im Jahr 2025, 46 Kitas erreicht",
    },
    replies: [
      { author: HARBURG, body: "Das mit der Bücherei als Ausleihstelle ist clever. Unsere Kisten stehen bisher im Kreishaus, und genau der Weg dorthin ist das Problem. Wie habt ihr die Büchereien überzeugt – gab es eine Aufwandsentschädigung?" },
      { author: BY, body: "@Julia Peters Keine Aufwandsentschädigung. Die Büchereien zählen die Ausleihen aber in ihrer Statistik, und die ist für ihre eigene Förderung relevant. Das war das eigentliche Argument. Außerdem haben wir die erste Einführung in der Bücherei gemacht, so kamen viele Erzieherinnen überhaupt zum ersten Mal dorthin." },
      { author: NORDTHUERINGEN, body: "Könntet ihr die Packliste mit Fotos teilen? Wir haben genau das Problem mit unvollständigen Rückgaben." },
      { author: BY, body: "Lege ich nächste Woche in die Dokumente der MINT-Regionen, ich muss nur noch die Logos der Sponsoren herausnehmen." },
    ],
  },
  {
    space: "mint-regionen",
    kind: "best-practice",
    title: "Laborbus in Südwestfalen: Das Schülerlabor kommt zu den Schulen",
    author: NW,
    daysAgo: 97,
    tags: ["laendlicher-raum", "digitalisierung"],
    body: p(
      "Ein zdi-Netzwerk in Südwestfalen betreibt seit 2021 einen umgebauten Linienbus als mobiles Schülerlabor. Hintergrund: Das nächste stationäre zdi-Schülerlabor liegt für viele Schulen über eine Stunde Busfahrt entfernt. Ein Besuch kostet dann einen ganzen Schultag und 600 bis 800 € Busmiete. Der Laborbus kommt stattdessen für zwei bis drei Tage an eine Schule.",
      "Es gibt Module für die Klassen 7 bis 10 zu Mikrocontrollern, Sensorik und Wasseranalytik, jeweils 90 Minuten für halbe Klassen. Betreut wird von zwei Laborpädagog:innen; die Fachlehrkraft ist immer dabei und bekommt vorher ein Vorbereitungspaket, damit sie das Modul im Unterricht weiterführen kann. Gebucht wird über das Netzwerk. Die Schule zahlt nichts, stellt aber Strom und einen Stellplatz.",
      "Der Umbau des gebrauchten Busses hat einmalig ca. 140.000 € gekostet (Landesmittel und zwei Unternehmen), der Betrieb inklusive Personal liegt bei rund 95.000 € im Jahr. Gelernt haben wir vor allem, dass die Terminplanung mit den Schulen der Engpass ist, nicht der Bus. Seit die Termine ein Schulhalbjahr im Voraus mit den Schulleitungen festgelegt werden, fallen kaum noch Einsätze aus.",
    ),
    bestPractice: {
      laender: ["NW"],
      targetGroups: ["sek1", "lehrkraefte"],
      duration: "seit 2021, ganzjährig während der Schulzeit",
      funding: "Landesmittel zdi.NRW und Beteiligung zweier Unternehmen; Umbau einmalig ca. 140.000 €, Betrieb ca. 95.000 € pro Jahr",
      contact: "Daniel Kowalski, laborbus@example.org",
      link: "https://www.zdi-portal.de",
      impact: "ca. 2.900 Schülerinnen und Schüler pro Jahr an 34 Schulen, 47 % Mädchen; 120 Lehrkräfte mit Vorbereitungspaket",
    },
    replies: [
      { author: WESTPFALZ, body: "Wie viele Einsatztage schafft ihr realistisch im Jahr? Wir rechnen gerade für die Westpfalz und kommen bei ca. 120 Tagen an die Grenze dessen, was zwei Personen leisten können." },
      { author: NW, body: "Im letzten Schuljahr waren es 131 Einsatztage. Mehr geht mit zwei Stellen nicht, Wartung und Vorbereitung kommen ja noch dazu. Für Krankheitsvertretungen haben wir eine Honorarkraft aus dem Lehramtsstudium." },
      { author: MIN_RP, body: "Aus Sicht des Landes interessant: Gibt es eine Auswertung, ob die Schulen nach dem Besuch eigene Angebote aufbauen? Für die Frage, wie nachhaltig solche Formate sind, wäre das wichtig." },
      { author: NW, body: "@Dr. Helga Reinhardt Eine systematische Auswertung gibt es noch nicht. Wir fragen aber ein halbes Jahr nach dem Einsatz bei den Lehrkräften nach; ungefähr ein Drittel verwendet Material oder Module im eigenen Unterricht weiter. Eine Befragung gemeinsam mit einer Hochschule ist für 2027 geplant." },
    ],
  },
  {
    space: "mint-regionen",
    kind: "best-practice",
    title: "Girls' Tech Camp in den Herbstferien: fünf Tage, ein eigenes Produkt",
    author: BW,
    daysAgo: 88,
    tags: ["maedchen-frauen", "berufsorientierung"],
    body: p(
      "Die Landesinitiative unterstützt mehrere Bündnispartner, die in den Herbstferien Technik-Camps nur für Mädchen der Klassen 6 bis 9 anbieten. Das Format, das ich hier vorstelle, läuft in einer Hochschulstadt im Nordschwarzwald: fünf Tage, 16 Teilnehmerinnen, und am Ende steht ein eigenes Produkt, etwa eine Nachtlicht-Lampe mit Sensor oder ein kleiner Roboter.",
      "Betreut wird das Camp von zwei Studentinnen aus Elektrotechnik und Informatik und einer Ausbilderin aus einem mittelständischen Unternehmen. Am vierten Tag besuchen die Mädchen die Ausbildungswerkstatt und sprechen mit Auszubildenden. Am letzten Tag präsentieren sie ihre Produkte vor Eltern und Geschwistern. Die Teilnahme kostet 40 €, für Familien mit Anspruch auf Bildung und Teilhabe ist sie kostenlos.",
      "Was wir gelernt haben: Die Ansprache über die Schulen reicht nicht. Seit zusätzlich über Jugendhäuser und Sportvereine geworben wird, kommen deutlich mehr Mädchen, die vorher noch nie an einem MINT-Angebot teilgenommen haben. Und Rollenvorbilder wirken am stärksten, wenn sie nur wenige Jahre älter sind als die Teilnehmerinnen.",
    ),
    bestPractice: {
      laender: ["BW"],
      targetGroups: ["sek1", "ausserschulisch"],
      duration: "seit 2019, jährlich in den Herbstferien",
      funding: "Landesinitiative Frauen in MINT-Berufen, Teilnahmebeiträge und Sachspenden von zwei Unternehmen; ca. 9.000 € pro Camp",
      contact: "Melanie Haas, camps@example.org",
      link: "https://www.mint-frauen-bw.de",
      impact: "96 Teilnehmerinnen in sechs Jahrgängen; 41 % hatten vorher an keinem MINT-Angebot teilgenommen; 7 ehemalige Teilnehmerinnen sind inzwischen in einer technischen Ausbildung oder einem MINT-Studium",
    },
    replies: [
      { author: TH, body: "Die 41 % finde ich den spannendsten Wert. Wie erhebt ihr das – bei der Anmeldung?" },
      { author: BW, body: "Ja, mit einer Frage im Anmeldebogen: „Hast du schon einmal an einem Technik- oder Forscherangebot außerhalb der Schule teilgenommen?“ Nicht perfekt, aber einfach und über die Jahre vergleichbar." },
    ],
  },
  {
    space: "mint-regionen",
    kind: "best-practice",
    title: "MINT-Experience Room an der Berufsbildenden Schule: Azubis betreuen die Stationen",
    author: RP,
    daysAgo: 76,
    tags: ["berufsorientierung", "fachkraeftesicherung"],
    body: p(
      "In Rheinland-Pfalz richten mehrere MINT-Regionen sogenannte Experience Rooms ein. Das Beispiel hier steht an einer Berufsbildenden Schule in der Eifel: ein Raum mit Stationen aus den Ausbildungsberufen der Region – Mechatronik, Elektronik, Chemielaborant:in, Anlagenmechanik SHK. Klassen der Sekundarstufe I aus den umliegenden Realschulen plus kommen für einen Vormittag.",
      "Das Besondere: Die Stationen werden von Auszubildenden der Berufsschule betreut, nicht von Lehrkräften. Die Azubis bekommen dafür eine Einweisung, die Zeit wird als Unterricht angerechnet. Die Schülerinnen und Schüler arbeiten an jeder Station 20 Minuten und bekommen am Ende einen Stempelpass, auf dem steht, welche Betriebe in der Nähe diesen Beruf ausbilden.",
      "Die Einrichtung hat ca. 35.000 € gekostet (Förderwettbewerb MINT-Regionen RLP und Kammern), laufend fallen ca. 4.000 € Material im Jahr an. Gelernt: Die Kammern waren anfangs skeptisch, weil sie eigene Formate haben. Überzeugt hat sie, dass die Betriebe über den Stempelpass direkt sichtbar werden und Praktikumsanfragen bekommen.",
    ),
    bestPractice: {
      laender: ["RP"],
      targetGroups: ["sek1", "berufliche-bildung"],
      duration: "seit Schuljahr 2023/24, ganzjährig",
      funding: "Förderwettbewerb MINT-Regionen RLP, Beteiligung von Handwerkskammer und IHK; Einrichtung ca. 35.000 €, laufend ca. 4.000 € pro Jahr",
      contact: "Stefan Lorenz, experience-room@example.org",
      link: "https://mint.rlp.de",
      impact: "41 Klassen im Schuljahr 2024/25 (ca. 950 Schülerinnen und Schüler), 62 Auszubildende als Stationsbetreuer:innen, 85 Praktikumsanfragen an Betriebe",
    },
    replies: [
      { author: HARBURG, body: "Azubis als Stationsbetreuer:innen – das übernehme ich. Wie regelt ihr Aufsicht und Haftung, wenn keine Lehrkraft an der Station steht?" },
      { author: RP, body: "Eine Lehrkraft der BBS ist immer im Raum, aber an keiner festen Station. Die Aufsichtspflicht für ihre Klassen haben die begleitenden Lehrkräfte der Realschulen plus. Das haben wir einmal schriftlich mit der Schulaufsicht geklärt." },
      { author: MIN_RP, body: "Ergänzend: In Rheinland-Pfalz gilt das als schulische Veranstaltung, der gesetzliche Unfallversicherungsschutz ist damit gegeben. Für andere Länder bitte die jeweilige Regelung prüfen." },
    ],
  },
  {
    space: "mint-regionen",
    kind: "best-practice",
    title: "Jungforscher-Clubs an Regelschulen: Bäche vor der eigenen Haustür untersuchen",
    author: TH,
    daysAgo: 69,
    tags: ["laendlicher-raum", "bne"],
    body: p(
      "In den MINT-Regionen Jungforscher Thüringen unterstützen wir Arbeitsgemeinschaften an Regelschulen im ländlichen Raum. Ein Club trifft sich einmal pro Woche nach dem Unterricht, betreut von einer Lehrkraft und einer ehrenamtlichen Person aus der Region – häufig pensionierte Ingenieurinnen und Ingenieure oder Mitarbeitende einer Naturschutzstation.",
      "Seit zwei Jahren arbeiten die Clubs an einem gemeinsamen Thema: der Wasserqualität kleiner Bäche. Die Schülerinnen und Schüler messen Nitrat, pH-Wert und Temperatur, bestimmen Kleinlebewesen und tragen die Werte in eine gemeinsame Tabelle ein. Einmal im Jahr treffen sich alle Clubs zu einem Forschertag und vergleichen ihre Ergebnisse; einige Projekte gehen anschließend zu Jugend forscht.",
      "Pro Club brauchen wir rund 1.200 € Material im ersten Jahr, danach ca. 300 €, dazu eine Aufwandsentschädigung für die Ehrenamtlichen. Gelernt: Ohne die Person von außen hält kaum ein Club länger als ein Schuljahr. Die Lehrkräfte sind zu belastet, um eine AG allein zu tragen.",
    ),
    bestPractice: {
      laender: ["TH"],
      targetGroups: ["sek1", "ausserschulisch"],
      duration: "seit 2020, wöchentlich im Schuljahr",
      funding: "Landesmittel über STIFT, Sachspenden regionaler Wasserversorger; ca. 1.200 € Startausstattung und 300 € pro Club und Jahr",
      contact: "Katrin Vogt, th@laenderforum.example",
      link: "https://www.stift-thueringen.de",
      impact: "23 Clubs in 6 Regionen, ca. 260 Schülerinnen und Schüler, 44 % Mädchen; 9 Beiträge bei Jugend forscht 2025",
    },
    replies: [
      { author: NORDTHUERINGEN, body: "Bei uns in Nordthüringen laufen vier der Clubs. Eine Ergänzung aus der Praxis: Die Ehrenamtlichen finden wir inzwischen am besten über die Seniorenakademie der Hochschule, nicht über Aushänge oder die Zeitung." },
    ],
  },
  {
    space: "mint-regionen",
    kind: "best-practice",
    title: "Ausbildungsbotschafter:innen im Physik- und Technikunterricht der Klasse 8",
    author: HARBURG,
    daysAgo: 63,
    tags: ["fachkraeftesicherung", "berufsorientierung"],
    body: p(
      "Im Landkreis Harburg gehen Auszubildende aus technischen Berufen in Klassen der Jahrgangsstufe 8 – nicht in die Berufsorientierungsstunde, sondern direkt in den Physik- oder Technikunterricht. Sie zeigen an einem Beispiel aus ihrem Arbeitsalltag, wozu man das gerade behandelte Thema braucht: elektrische Schaltungen in der Gebäudetechnik, Hebelgesetze in der Landmaschinenwerkstatt.",
      "Die Azubis bekommen einen halben Tag Training, wie sie ihren Beitrag aufbauen, und stimmen ihn vorher mit der Fachlehrkraft ab. Ein Einsatz dauert eine Doppelstunde. Die Betriebe stellen die Azubis frei, das Netzwerk übernimmt Koordination, Fahrtkosten und das Training.",
      "Aufwand: ca. 0,25 Stelle im Netzwerkbüro für die Koordination, dazu ca. 6.000 € im Jahr für Training und Fahrtkosten. Gelernt: Die Schülerinnen und Schüler hören den Azubis deutlich besser zu als uns. Die Betriebe wollten anfangs eigene Werbematerialien verteilen; das haben wir bewusst auf die letzten fünf Minuten der Stunde beschränkt.",
    ),
    bestPractice: {
      laender: ["NI"],
      targetGroups: ["sek1", "berufliche-bildung"],
      duration: "seit 2021, jährlich von Januar bis Juni",
      funding: "Netzwerkbudget der MINT-Region, Freistellung durch 19 Ausbildungsbetriebe; ca. 6.000 € pro Jahr",
      contact: "Julia Peters, harburg@laenderforum.example",
      link: "https://www.example.org/mint-harburg/ausbildungsbotschafter",
      impact: "ca. 70 Einsätze pro Jahr an 14 Schulen, rund 1.600 Schülerinnen und Schüler; 34 Auszubildende im Pool, davon 12 junge Frauen",
    },
    replies: [
      { author: BY, body: "Ausbildungsbotschafter gibt es in Bayern über die Kammern auch, der Unterschied ist die Anbindung an den Fachunterricht. Darf ich euer Beispiel auf unserer nächsten Regionalkonferenz vorstellen?" },
      { author: HARBURG, body: "Gern, @Tobias Brandl. Ich schicke dir die Folien und die Vorlage für das Azubi-Training." },
    ],
  },
  {
    space: "mint-regionen",
    kind: "best-practice",
    title: "Fortbildungsreihe für fachfremd unterrichtende Lehrkräfte im Sachunterricht",
    author: MITTELHESSEN,
    daysAgo: 57,
    tags: ["lehrkraeftemangel", "qualitaet"],
    body: p(
      "In vielen Grundschulen in Mittelhessen unterrichten Lehrkräfte den naturwissenschaftlichen Teil des Sachunterrichts, ohne ihn studiert zu haben; an kleinen Schulen ist das eher die Regel als die Ausnahme. Wir bieten deshalb eine Reihe mit vier Nachmittagen an: Strom und Magnetismus, Wasser und Luft, Pflanzen und Boden, einfache Technik bauen.",
      "Jede Einheit ist so angelegt, dass die Lehrkräfte am Ende eine fertige Unterrichtsreihe für drei bis vier Stunden in der Hand haben, inklusive einer Materialkiste, die sie für sechs Wochen ausleihen. Die Fortbildung findet in den Schulen selbst statt, reihum in einem Verbund aus vier bis sechs Schulen, damit die Wege kurz bleiben. Sie ist von der Lehrkräfteakademie akkreditiert.",
      "Ein Durchgang kostet ca. 1.800 € für Referentinnen und Material, getragen aus dem MINT-Cluster und vom Schulträger. Gelernt: Die Reihe funktioniert nur, wenn die Schulleitung die Nachmittage freihält. Anmeldungen einzelner Lehrkräfte ohne Rückendeckung brechen häufig ab. Deshalb melden sich inzwischen die Schulverbünde gemeinsam an.",
    ),
    bestPractice: {
      laender: ["HE"],
      targetGroups: ["grundschule", "lehrkraefte"],
      duration: "seit 2022, zwei Durchgänge pro Schulhalbjahr",
      funding: "MINT-Cluster (Bundesmittel aus dem MINT-Aktionsplan) und Schulträger; ca. 1.800 € pro Durchgang",
      contact: "David Roth, mittelhessen@laenderforum.example",
      link: "https://www.example.org/mintmit-mittelhessen/fortbildung",
      impact: "14 Durchgänge, 187 Lehrkräfte aus 52 Grundschulen; 88 % haben mindestens eine Einheit im Unterricht umgesetzt",
    },
    replies: [
      { author: RP, body: "Die Akkreditierung ist ein wichtiger Punkt. Wie lange hat das bei euch gedauert? In RLP stecken wir mit einem ähnlichen Format gerade mitten im Verfahren." },
      { author: MITTELHESSEN, body: "Etwa vier Monate, vor allem weil wir die Einheiten als Reihe und nicht einzeln eingereicht haben. Einzelne Nachmittage wären schneller gegangen, aber dann hätten wir keine verbindliche Teilnahme an allen vier Terminen." },
      { author: WESTPFALZ, body: "Wir würden das gern für die Westpfalz übernehmen. Sind die Materiallisten für die Kisten irgendwo abgelegt?" },
      { author: MITTELHESSEN, body: "@Anna Keller Ich stelle sie in den nächsten Tagen in die Dokumente der MINT-Regionen." },
    ],
  },
  {
    space: "mint-regionen",
    kind: "best-practice",
    title: "Energiewende zum Anfassen: Projekttage mit Stadtwerken und Windparkbetreiber",
    author: WESTPFALZ,
    daysAgo: 49,
    tags: ["bne", "fachkraeftesicherung"],
    body: p(
      "Die MINT-Region Westpfalz organisiert zusammen mit zwei Stadtwerken und einem Windparkbetreiber Projekttage für die Klassen 9 bis 12. Die Schülerinnen und Schüler messen an ihrer eigenen Schule eine Woche lang den Stromverbrauch, werten die Daten aus und entwickeln Vorschläge zum Einsparen. Am Projekttag besuchen sie ein Umspannwerk oder eine Windkraftanlage und stellen ihre Vorschläge Fachleuten der Stadtwerke vor.",
      "Die Messgeräte – Zwischenstecker mit Datenlogger und ein Messgerät für den Verteilerkasten – bleiben ein Jahr an der Schule. Die Stadtwerke schicken eine Energieberaterin für eine Doppelstunde in den Unterricht, die Fahrt zur Anlage zahlt das Netzwerk. Mehrere Schulen haben Vorschläge der Schülerinnen und Schüler umgesetzt, etwa Zeitschaltuhren in Fachräumen.",
      "Ein Messkoffer kostet ca. 900 € pro Schule, ein Projekttag ca. 400 € Fahrtkosten. Gelernt: Für die Betriebe ist das zugleich Nachwuchswerbung, sie bringen deshalb gern Auszubildende mit. Schwierig ist die Abstimmung mit dem Schulträger, wenn am Verteilerkasten gemessen werden soll. Das klären wir inzwischen vor der Anmeldung.",
    ),
    bestPractice: {
      laender: ["RP"],
      targetGroups: ["sek1", "sek2"],
      duration: "seit 2023, jährlich im Frühjahr",
      funding: "Stadtwerke und Windparkbetreiber als Sponsoren, Netzwerkmittel der MINT-Region; ca. 12.000 € pro Jahr",
      contact: "Anna Keller, westpfalz@laenderforum.example",
      link: "https://www.example.org/mint-westpfalz/energie",
      impact: "18 Schulen seit 2023, ca. 1.100 Schülerinnen und Schüler; an 7 Schulen wurden Einsparvorschläge umgesetzt",
    },
    replies: [
      { author: TH, body: "Wie geht ihr damit um, dass die Stadtwerke ihre eigene Sicht auf die Energiewende mitbringen? Bei BNE-Angeboten mit Unternehmen werden wir öfter gefragt, wie neutral das ist." },
      { author: WESTPFALZ, body: "Berechtigte Frage. Die Unterrichtseinheit vor dem Projekttag kommt von uns und den Lehrkräften, nicht von den Stadtwerken. Beim Projekttag stellen die Schülerinnen und Schüler ihre Vorschläge vor; die Fachleute antworten darauf, halten aber keinen eigenen Vortrag. Das steht so in der Kooperationsvereinbarung." },
    ],
  },
  {
    space: "mint-regionen",
    kind: "best-practice",
    title: "Mathe-Sommerschule für neu zugewanderte Kinder",
    author: NORDTHUERINGEN,
    daysAgo: 44,
    tags: ["bildungsgerechtigkeit"],
    body: p(
      "Neu zugewanderte Kinder liegen in Mathematik oft deutlich zurück; das Nachwuchsbarometer spricht von etwa anderthalb Schuljahren. Seit 2023 bieten wir deshalb in den letzten zwei Wochen der Sommerferien eine Mathe-Sommerschule für Kinder der Klassen 3 bis 6 an, die seit weniger als zwei Jahren in Deutschland leben.",
      "Vormittags wird in Gruppen von acht Kindern gerechnet, mit viel Material zum Anfassen und wenig Text. Nachmittags gibt es ein Ausflugs- oder Bauprogramm: Brückenbau, eine Stadtrallye mit Messaufgaben, ein Besuch im Schülerlabor der Hochschule. Die Gruppen leiten Lehramtsstudierende, unterstützt von Sprachmittlerinnen aus dem Integrationsnetzwerk. Am letzten Tag kommen die Eltern zu einem gemeinsamen Frühstück, bei dem die Kinder zeigen, was sie gebaut haben.",
      "Ein Sommer kostet ca. 14.000 € für Honorare, Material, Mittagessen und Fahrten, finanziert über Landesmittel und eine Bürgerstiftung. Gelernt: Die Kinder kommen nur, wenn die Eltern vorher persönlich angesprochen werden – Elternbriefe allein reichen nicht. Die Schulsozialarbeit ist dafür unser wichtigster Partner.",
    ),
    bestPractice: {
      laender: ["TH"],
      targetGroups: ["grundschule", "sek1", "eltern"],
      duration: "seit 2023, jährlich in den Sommerferien (zwei Wochen)",
      funding: "Landesmittel und Bürgerstiftung, ca. 14.000 € pro Jahr",
      contact: "Markus Fiedler, nordthueringen@laenderforum.example",
      link: "https://www.example.org/mint-nordthueringen/sommerschule",
      impact: "2025: 48 Kinder aus 9 Herkunftsländern, 52 % Mädchen; 12 Lehramtsstudierende als Gruppenleitung",
    },
    replies: [
      { author: MIN_RP, body: "Wie fällt die Rückmeldung der Schulen nach den Ferien aus? Für unsere Überlegungen zu Sommerschulen in Rheinland-Pfalz wäre interessant, ob sich ein Effekt im Unterricht zeigt." },
      { author: NORDTHUERINGEN, body: "Die Klassenlehrkräfte berichten vor allem von mehr Selbstvertrauen bei den Kindern. Belastbare Leistungsdaten haben wir nicht; seit diesem Sommer testen wir aber vorher und nachher mit einer kurzen Aufgabensammlung. Ergebnisse gibt es im Frühjahr." },
      { author: BW, body: "Für die Studierenden ist das auch ein starkes Praxisfeld. Rechnet die Hochschule das als Praktikum an?" },
      { author: NORDTHUERINGEN, body: "Ja, seit 2024 als Teil des Praxismoduls im Lehramt Grundschule." },
    ],
  },
  {
    space: "mint-regionen",
    kind: "best-practice",
    title: "Eltern-MINT-Café an Grundschulen im Ruhrgebiet",
    author: NW,
    daysAgo: 40,
    tags: ["bildungsgerechtigkeit", "berufsorientierung"],
    body: p(
      "Ein zdi-Netzwerk im Ruhrgebiet lädt an Grundschulen in Stadtteilen, in denen viele Familien Sozialleistungen beziehen, einmal im Monat zu einem MINT-Café ein. Eltern und Kinder experimentieren eine Stunde gemeinsam, dazu gibt es Kaffee und Gebäck. Die Versuche funktionieren mit Material aus dem Haushalt, jede Familie nimmt eine Anleitung mit nach Hause.",
      "Moderiert werden die Cafés von einer pädagogischen Fachkraft des Netzwerks und einer Elternbegleiterin aus dem Stadtteil. Einmal im Halbjahr kommen Beschäftigte aus Betrieben der Umgebung dazu und erzählen von ihrem Beruf, bewusst auch aus Ausbildungsberufen. Die Einladungen gehen über die Klassenchats und werden in die häufigsten Familiensprachen übersetzt.",
      "Ein Café kostet ca. 250 € inklusive Honorar der Elternbegleiterin, für acht Schulen sind das ca. 20.000 € im Jahr. Gelernt: Der feste Termin – immer der erste Donnerstag im Monat – ist wichtiger als ein ausgefeiltes Programm. Und Väter kommen, wenn das Café am späten Nachmittag liegt.",
    ),
    bestPractice: {
      laender: ["NW"],
      targetGroups: ["eltern", "grundschule"],
      duration: "seit 2022, monatlich im Schuljahr",
      funding: "Kommune und zdi-Netzwerkmittel, ca. 20.000 € pro Jahr",
      contact: "Aylin Demir, elterncafe@example.org",
      link: "https://www.zdi-portal.de",
      impact: "8 Grundschulen, im Schnitt 14 Familien pro Café, rund 520 verschiedene Familien im Schuljahr 2024/25",
    },
    replies: [],
  },
  {
    space: "mint-regionen",
    kind: "best-practice",
    title: "Lehramtsstudierende als MINT-Tutor:innen an Mittelschulen",
    author: BY,
    daysAgo: 53,
    tags: ["lehrkraeftemangel"],
    body: p(
      "An vielen bayerischen Mittelschulen unterrichten Lehrkräfte das Fach Physik, Chemie, Biologie, ohne es studiert zu haben. Zusammen mit einer Universität und zwei MINT-Regionen haben wir ein Tutor:innenprogramm aufgebaut: Lehramtsstudierende aus MINT-Fächern begleiten ein Schulhalbjahr lang jeweils eine Klasse, eine Doppelstunde pro Woche, gemeinsam mit der Lehrkraft.",
      "Die Studierenden übernehmen vor allem Schülerexperimente, die sonst aus Zeit- oder Sicherheitsgründen ausfallen. Die Lehrkräfte haben so eine zweite Person im Raum und lernen die Versuche nebenbei mit. Bezahlt werden die Studierenden über einen Hilfskraftvertrag, einen Teil der Zeit können sie als Praktikum anrechnen lassen. Die Universität bietet begleitend ein Seminar an.",
      "Eine Tutorin oder ein Tutor kostet ca. 2.600 € pro Halbjahr (Vertrag und Fahrtkosten), insgesamt ca. 70.000 € im Jahr. Gelernt: Die Fahrzeit ist der begrenzende Faktor. Schulen, die mehr als 40 Minuten vom Campus entfernt sind, finden kaum Tutor:innen. Für diese Schulen testen wir gerade Blockeinsätze an zwei Tagen im Monat.",
    ),
    bestPractice: {
      laender: ["BY"],
      targetGroups: ["sek1", "hochschule", "lehrkraefte"],
      duration: "seit Wintersemester 2023/24, jeweils ein Schulhalbjahr",
      funding: "Landesmittel des Kultusministeriums über MINTraum bayern und Eigenanteil der Universität; ca. 70.000 € pro Jahr",
      contact: "Tobias Brandl, by@laenderforum.example",
      link: "https://www.mint-bayern.de",
      impact: "27 Tutor:innen pro Halbjahr an 21 Mittelschulen, ca. 650 Schülerinnen und Schüler pro Halbjahr",
    },
    replies: [
      { author: MITTELHESSEN, body: "Die Blockeinsätze interessieren mich sehr, bei uns ist die Entfernung zur Uni dasselbe Problem. Berichtet bitte, wie es läuft." },
      { author: BY, body: "Mache ich, erste Rückmeldungen der Schulen erwarten wir im Februar." },
    ],
  },
  {
    space: "mint-regionen",
    kind: "best-practice",
    title: "Makerspace im Jugendzentrum: eine digitale Werkstatt auf dem Land",
    author: LEITUNG,
    daysAgo: 31,
    tags: ["digitalisierung", "laendlicher-raum"],
    body: p(
      "Auf dem letzten MINT:Barcamp hat das MINT-Forum Nordhessen ein Format vorgestellt, das wir hier mit Einverständnis der Kolleginnen und Kollegen teilen: In drei Jugendzentren kleiner Gemeinden stehen seit 2022 3D-Drucker, ein Lasercutter, Lötstationen und Mikrocontroller-Sets. Die Werkstätten öffnen zweimal pro Woche am Nachmittag, betreut von Jugendarbeiter:innen, die das Netzwerk dafür geschult hat.",
      "Zielgruppe sind Jugendliche ab 12 Jahren, die mit Schul-AGs nicht erreicht werden. Es gibt keine festen Kurse, sondern offene Projekte: Ersatzteile für Fahrräder drucken, Namensschilder lasern, eine Wetterstation für den Jugendraum bauen. Einmal im Monat kommt eine Informatikstudentin für einen Themennachmittag.",
      "Die Ausstattung hat ca. 11.000 € pro Standort gekostet, laufend fallen ca. 2.500 € für Material und Wartung an. Die Gemeinden stellen Räume und Personal, das Netzwerk Ausstattung und Schulung. Gelernt: Die Geräte sind nicht das Problem, sondern die Verantwortung. Erst seit es an jedem Standort eine geschulte Person mit Schlüssel gibt, werden die Öffnungszeiten verlässlich eingehalten.",
    ),
    bestPractice: {
      laender: ["HE"],
      targetGroups: ["ausserschulisch", "sek1"],
      duration: "seit 2022, zweimal wöchentlich",
      funding: "Kommunen (Räume, Personal), LEADER-Regionalförderung und Netzwerkmittel; Ausstattung ca. 11.000 € pro Standort, laufend ca. 2.500 € pro Jahr",
      contact: PROGRAMMBUERO_CONTACT,
      link: "https://www.mint-regionen.de",
      impact: "3 Standorte, ca. 140 regelmäßige Besucherinnen und Besucher, davon 31 % Mädchen; rund 380 Öffnungsnachmittage im Jahr 2025",
    },
    replies: [
      { author: NORDTHUERINGEN, body: "LEADER als Finanzierungsquelle ist für uns neu. Wie aufwendig war der Antrag?" },
      { author: MITTELHESSEN, body: "Aus der Nachbarschaft: Ein LEADER-Antrag ist machbar, wenn man die Lokale Aktionsgruppe früh einbindet. Rechne mit einem halben Jahr Vorlauf und einem Eigenanteil der Gemeinde." },
      { author: LEITUNG, body: "Danke, David. Dazu passt das Webinar zur Regionalförderung aus dem Frühjahr, die Aufzeichnung liegt in der MINT-Akademie." },
    ],
  },
  {
    space: "mint-regionen",
    kind: "best-practice",
    title: "Informatik-Ferienakademie für Schülerinnen der Oberstufe an der Hochschule",
    author: BW,
    daysAgo: 27,
    tags: ["maedchen-frauen", "digitalisierung"],
    body: p(
      "In der Technologieregion Karlsruhe läuft in Kooperation mit einer Hochschule für angewandte Wissenschaften eine einwöchige Ferienakademie Informatik für Schülerinnen der Klassen 10 bis 12. Die Teilnehmerinnen wohnen eine Woche im Studierendenwohnheim, besuchen Vorlesungen aus dem ersten Semester und arbeiten im Team an einem eigenen Softwareprojekt, zuletzt an einer App für den Mensaplan.",
      "Begleitet werden die Teams von Studentinnen höherer Semester. Dazu kommen Abendgespräche mit Informatikerinnen aus Unternehmen der Region. Die Hochschule erkennt die Projektarbeit als Studienleistung an, falls sich eine Teilnehmerin später dort einschreibt.",
      "Eine Akademie kostet ca. 22.000 € für Unterkunft, Verpflegung und Honorare, getragen von der Hochschule, der Landesinitiative und drei Unternehmen; der Eigenbeitrag liegt bei 80 €. Gelernt: Programmiervorkenntnisse dürfen keine Voraussetzung sein – die Hälfte der Teilnehmerinnen hatte nie Informatikunterricht. Die Teams werden deshalb bewusst gemischt.",
    ),
    bestPractice: {
      laender: ["BW"],
      targetGroups: ["sek2", "hochschule"],
      duration: "seit 2021, jährlich in den Sommerferien",
      funding: "Hochschule, Landesinitiative Frauen in MINT-Berufen und drei Unternehmen; ca. 22.000 € pro Jahr",
      contact: "Sabine Krüger, bw@laenderforum.example",
      link: "https://www.mint-frauen-bw.de",
      impact: "24 Teilnehmerinnen pro Jahr (120 in den Jahrgängen 2021 bis 2025); 19 davon haben ein Informatik- oder informatiknahes Studium begonnen",
    },
    replies: [
      { author: BY, body: "19 von 120 ist ein guter Wert, zumal ihr die Studienaufnahme tatsächlich nachverfolgt. Woher kommt die Zahl – aus einer Alumnae-Befragung?" },
      { author: BW, body: "Aus einer jährlichen Kurzumfrage über den Alumnae-Newsletter, Rücklauf etwa 70 %. Die echte Zahl dürfte also etwas höher liegen." },
    ],
  },
  {
    space: "mint-regionen",
    kind: "best-practice",
    title: "Klimalabor Schule: eigene Messstationen und offene Daten in Sachsen",
    author: LEITUNG,
    daysAgo: 22,
    tags: ["bne", "digitalisierung"],
    body: p(
      "Über den MINT-Hub Sachsen sind wir auf ein Projekt gestoßen, das wir gern zur Diskussion stellen: Gymnasien und Oberschulen bauen eigene Klimamessstationen (Temperatur, Luftfeuchte, Feinstaub, CO₂ im Klassenraum) und stellen die Daten auf einer gemeinsamen offenen Plattform bereit. In der Sekundarstufe II werden die Daten dann in Physik, Geografie und Informatik ausgewertet.",
      "Die Lehrkräfte werden in einer zweitägigen Fortbildung in Bau und Auswertung eingeführt, danach gibt es alle zwei Wochen eine Online-Sprechstunde. Ein Bausatz kostet ca. 180 €, viele Schulen bauen mehrere Stationen. Eine Hochschule nutzt die Daten für ein eigenes Stadtklima-Projekt und stellt Themen für Facharbeiten bereit.",
      "Gelernt haben die Beteiligten vor allem, dass Datenqualität selbst Thema im Unterricht sein muss: Eine Station in der prallen Sonne misst eben nicht die Lufttemperatur, und genau das ist ein guter Lernanlass. Kritisch ist die Wartung über die Sommerferien. Rund ein Viertel der Stationen fällt nach dem ersten Jahr aus, wenn sich keine AG darum kümmert.",
    ),
    bestPractice: {
      laender: ["SN"],
      targetGroups: ["sek2", "lehrkraefte"],
      duration: "seit 2023, fortlaufend",
      funding: "Landesmittel, Hochschule und Fördervereine der Schulen; ca. 30.000 € pro Jahr für Fortbildung und Bausätze",
      contact: PROGRAMMBUERO_CONTACT,
      link: "https://www.example.org/klimalabor-schule",
      impact: "46 Stationen an 29 Schulen, 61 fortgebildete Lehrkräfte, 14 Facharbeiten auf Basis der Daten im Schuljahr 2024/25",
    },
    replies: [
      { author: TH, body: "Das würde gut zu unseren Jungforscher-Clubs passen. Weißt du, ob die Plattform auch Schulen aus anderen Ländern offensteht?" },
      { author: LEITUNG, body: "Laut den Kolleginnen in Sachsen ja. Die Daten stehen unter einer offenen Lizenz, neue Stationen können sich registrieren. Ich stelle gern den Kontakt her, @Katrin Vogt." },
    ],
  },
  {
    space: "mint-regionen",
    kind: "best-practice",
    title: "Mobile MINT-Werkstatt für Kitas und Grundschulen in Vorpommern",
    author: LEITUNG,
    daysAgo: 103,
    tags: ["laendlicher-raum", "finanzierung"],
    body: p(
      "Das MINTforum MV hat uns gebeten, dieses Beispiel hier einzustellen: Ein Transporter mit Werkbänken, Forscherkisten und zwei Fachkräften fährt Kitas und kleine Grundschulen im ländlichen Vorpommern an. Viele Einrichtungen haben weniger als 60 Kinder, der Weg zum nächsten außerschulischen Lernort dauert teils über eine Stunde.",
      "Ein Besuch dauert einen Vormittag. Die Kinder arbeiten in Kleingruppen an Stationen zu Werkzeugen, Wasser und Wetter; Erzieherinnen, Erzieher und Lehrkräfte machen mit und bekommen ein Materialpaket für die Wochen danach. Jede Einrichtung wird zweimal im Jahr besucht, damit etwas hängen bleibt.",
      "Das Angebot kostet ca. 85.000 € im Jahr für zwei Stellen à 0,75, Fahrzeug und Material. Die Finanzierung ist das große Thema: Das Projekt läuft über eine Stiftung und Mittel des Landkreises, beides befristet bis Ende 2027. Die Kolleginnen suchen Beispiele, wie andere mobile Angebote in eine dauerhafte Finanzierung überführt wurden – Hinweise gern hier im Thema.",
    ),
    bestPractice: {
      laender: ["MV"],
      targetGroups: ["kita", "grundschule"],
      duration: "seit 2021, ganzjährig; Förderung befristet bis 12/2027",
      funding: "Stiftungsmittel und Landkreis, ca. 85.000 € pro Jahr",
      contact: "Frauke Petersen, mint-werkstatt@example.org",
      link: "https://www.example.org/mintforum-mv/werkstatt",
      impact: "62 Einrichtungen, ca. 2.300 Kinder pro Jahr; 180 pädagogische Fachkräfte und Lehrkräfte mit Materialpaket",
    },
    replies: [
      { author: BY, body: "Bei uns sind zwei mobile Angebote inzwischen fester Teil der Kreishaushalte. Entscheidend war, dass die Landräte sie als Standortfaktor gesehen haben, belegt mit Zahlen, wie viele Einrichtungen im Landkreis erreicht werden. Ich stelle gern den Kontakt her." },
      { author: HARBURG, body: "Wir haben unsere Koordinationsstelle über eine Kombination aus Kreis und Stiftung verstetigt, siehe meinen Beitrag dazu hier im Forum. Das Modell lässt sich auf ein mobiles Angebot übertragen." },
      { author: LEITUNG, body: "Danke euch beiden, ich gebe das an die Kolleginnen in Mecklenburg-Vorpommern weiter. Das Thema nehmen wir auch in den Länder-Round-Table mit." },
    ],
  },
  {
    space: "mint-regionen",
    kind: "best-practice",
    title: "Verstetigung der Koordinationsstelle: Landkreis und Stiftung teilen sich die Stelle",
    author: HARBURG,
    daysAgo: 108,
    tags: ["finanzierung", "fachkraeftesicherung"],
    body: p(
      "Nach dem Förderwettbewerb MINT-Regionen 2017 stand unsere Region vor der Frage, die sich viele stellen: Wie geht es weiter, wenn die Anschubfinanzierung ausläuft? Seit 2020 ist die Koordinationsstelle (1,0 Stelle, TVöD E 11) fest im Haushalt des Landkreises verankert – zu 60 % aus Kreismitteln und zu 40 % aus einer regionalen Stiftung, die sich zunächst für fünf Jahre verpflichtet und inzwischen verlängert hat.",
      "Wie es dazu kam: Wir haben zwei Jahre lang jede Aktivität mit Zahlen dokumentiert und dem Kreisausschuss einmal im Jahr einen kurzen Bericht vorgelegt, keine Hochglanzbroschüre, sondern vier Seiten mit Tabellen. Entscheidend war, dass die Wirtschaftsförderung des Kreises die MINT-Region als Teil ihrer Fachkräftestrategie übernommen hat. Die Stiftung ist eingestiegen, weil der Kreis einen Eigenanteil zugesagt hatte.",
      "Was wir gelernt haben: Verstetigung gelingt über ein Ressort, das ein eigenes Interesse hat – bei uns die Wirtschaftsförderung, nicht der Schulbereich. Und: Das eigentliche Problem sind die Sachmittel. Die Stelle ist gesichert, für Projekte müssen wir weiterhin jedes Jahr Drittmittel einwerben.",
    ),
    bestPractice: {
      laender: ["NI"],
      targetGroups: ["ausserschulisch"],
      duration: "seit 2020 unbefristet; Stiftungsanteil verlängert bis 2030",
      funding: "Landkreis (60 %) und regionale Stiftung (40 %), ca. 78.000 € pro Jahr für 1,0 Stelle; Sachmittel projektbezogen über Drittmittel",
      contact: "Julia Peters, harburg@laenderforum.example",
      link: "https://www.example.org/mint-harburg",
      impact: "Koordinationsstelle seit 6 Jahren ohne Unterbrechung besetzt; Netzwerk von 23 auf 71 Partner gewachsen; ca. 110.000 € Drittmittel pro Jahr",
    },
    replies: [
      { author: WESTPFALZ, body: "„Vier Seiten mit Tabellen“ – das unterschreibe ich sofort. Welche Kennzahlen stehen in eurem Bericht?" },
      { author: HARBURG, body: "Erreichte Kinder und Jugendliche nach Altersstufe, beteiligte Schulen und Betriebe, eingeworbene Drittmittel und seit zwei Jahren die Zahl der Praktika, die über das Netzwerk vermittelt wurden. Letzteres hat die Wirtschaftsförderung am meisten interessiert." },
      { author: MIN_RP, body: "Ein gutes Beispiel für ressortübergreifende Verankerung, wie wir sie in Rheinland-Pfalz auf Landesebene versuchen. Danke fürs Teilen." },
    ],
  },
  {
    space: "mint-regionen",
    kind: "best-practice",
    title: "Qualitäts-Check für Angebote im regionalen MINT-Katalog",
    author: RP,
    daysAgo: 84,
    tags: ["qualitaet"],
    body: p(
      "Die MINT-Regionen in Rheinland-Pfalz führen regionale Angebotskataloge, in denen Schulen außerschulische Angebote finden. Die Qualität der Einträge war sehr unterschiedlich. Seit 2024 gibt es deshalb einen Qualitäts-Check, angelehnt an die Kriterien der MINT-Qualitätsoffensive: acht Fragen, unter anderem zu Lernzielen, Lehrplanbezug, Ansprache von Mädchen, Barrierefreiheit und Rückmeldung an die Schule.",
      "Die Anbieter füllen den Check beim Eintrag selbst aus, die Koordination der MINT-Region führt ein kurzes Gespräch von etwa 30 Minuten und gibt Hinweise. Angebote, die den Check durchlaufen haben, werden im Katalog markiert. Durchfallen kann man nicht – der Check soll Entwicklung anstoßen, nicht aussortieren.",
      "Der Aufwand liegt bei ca. 30 Minuten pro Angebot für die Koordination, direkte Kosten entstehen nicht; Handreichung und Formular hat die Geschäftsstelle erstellt. Gelernt: Die meisten Anbieter nehmen die Hinweise gern an, besonders zum Lehrplanbezug. Und Lehrkräfte achten bei der Auswahl tatsächlich auf die Markierung, das zeigen die Aufrufzahlen im Katalog.",
    ),
    bestPractice: {
      laender: ["RP"],
      targetGroups: ["ausserschulisch", "lehrkraefte"],
      duration: "seit 2024, fortlaufend bei jedem neuen Katalogeintrag",
      funding: "im Rahmen der Landesmittel für die MINT-Geschäftsstelle RLP, keine zusätzlichen Kosten",
      contact: "Jonas Weber, rp@laenderforum.example",
      link: "https://mint.rlp.de",
      impact: "212 von 340 Angeboten geprüft (62 %); geprüfte Angebote werden etwa doppelt so oft aufgerufen wie ungeprüfte",
    },
    replies: [
      { author: NW, body: "Die acht Fragen würden wir gern mit dem Qualitätsrahmen der zdi-Netzwerke abgleichen. Ist das Formular schon öffentlich?" },
      { author: RP, body: "Noch nicht, die überarbeitete Fassung geht im Januar online. Die aktuelle Version lege ich dir vorher in die Dokumente, @Miriam Schulte." },
      { author: MIN_RP, body: "Zur Einordnung: Das Bildungsministerium verweist in seiner Handreichung zu außerschulischen Lernorten inzwischen auf die Markierung. Eine formale Zertifizierung ist ausdrücklich nicht geplant." },
    ],
  },
  {
    space: "mint-regionen",
    kind: "best-practice",
    title: "Orientierungspraktikum in der Oberstufe: eine Woche Betrieb, eine Woche Hochschule",
    author: LEITUNG,
    daysAgo: 16,
    tags: ["berufsorientierung", "fachkraeftesicherung"],
    body: p(
      "Aus Schleswig-Holstein hat uns eine regionale Initiative ein Format geschickt, das Berufs- und Studienorientierung verbindet: Schülerinnen und Schüler der Einführungsphase der Oberstufe verbringen eine Woche in einem technischen Betrieb und direkt danach eine Woche an einer Hochschule im selben Fachgebiet, zum Beispiel Schiffbau und Maschinenbau oder Labor und Biotechnologie.",
      "Die Schulen rechnen die zwei Wochen als Pflichtpraktikum an. Betriebe und Hochschule stimmen die Inhalte vorher ab, damit die Jugendlichen sehen, wie Ausbildung, duales Studium und Studium zusammenhängen. Zum Abschluss gibt es ein Reflexionsgespräch mit der Berufsberatung der Agentur für Arbeit.",
      "Die Kosten sind überschaubar, vor allem Koordination (ca. 0,3 Stelle) und Fahrtkostenzuschüsse, insgesamt ca. 18.000 € im Jahr. Gelernt: Mehr Jugendliche als erwartet entscheiden sich danach für eine Ausbildung oder ein duales Studium statt eines Vollzeitstudiums. Die Betriebe sehen das Format deshalb als wichtigen Baustein ihrer Nachwuchsgewinnung.",
    ),
    bestPractice: {
      laender: ["SH"],
      targetGroups: ["sek2", "berufliche-bildung", "hochschule"],
      duration: "seit 2022, jährlich im Februar",
      funding: "Arbeitgeberverband, Hochschule und Kreis; ca. 18.000 € pro Jahr",
      contact: PROGRAMMBUERO_CONTACT,
      link: "https://www.example.org/mint-orientierung-sh",
      impact: "2025: 74 Schülerinnen und Schüler (29 % Mädchen), 22 Betriebe und 2 Hochschulen; 31 % streben danach eine duale Ausbildung oder ein duales Studium an",
    },
    replies: [],
  },
  {
    space: "mint-regionen",
    kind: "best-practice",
    title: "Mentoring für Studentinnen in Ingenieurstudiengängen mit Unternehmen der Region",
    author: TH,
    daysAgo: 9,
    tags: ["maedchen-frauen", "fachkraeftesicherung"],
    body: p(
      "Viele junge Frauen brechen ein Ingenieurstudium in den ersten drei Semestern ab, häufig nicht wegen der Noten, sondern weil Vorbilder und Kontakte fehlen. Mit einer Technischen Hochschule in Thüringen und Unternehmen aus der Region haben wir 2021 ein Mentoringprogramm gestartet: Studentinnen im ersten und zweiten Studienjahr bekommen eine Mentorin aus einem Unternehmen in der Region.",
      "Die Tandems treffen sich mindestens einmal im Monat, dazu kommen vier gemeinsame Veranstaltungen im Jahr: Betriebsbesuch, Bewerbungstraining und zwei Stammtische. Die Mentorinnen werden in einem halbtägigen Workshop vorbereitet. Viele Studentinnen machen später ihr Praxissemester im Unternehmen ihrer Mentorin.",
      "Das Programm kostet ca. 15.000 € im Jahr für Koordination und Veranstaltungen, getragen von Hochschule, STIFT und den beteiligten Unternehmen. Gelernt: Die Bindung an die Region ist der Effekt, den die Unternehmen am meisten schätzen. Rund ein Drittel der Absolventinnen aus dem Programm hat eine Stelle in Thüringen angetreten.",
    ),
    bestPractice: {
      laender: ["TH"],
      targetGroups: ["hochschule"],
      duration: "seit 2021, jeweils zwei Semester pro Jahrgang",
      funding: "Hochschule, STIFT und 16 Unternehmen; ca. 15.000 € pro Jahr",
      contact: "Katrin Vogt, th@laenderforum.example",
      link: "https://www.stift-thueringen.de",
      impact: "152 Tandems seit 2021; Studienabbruch unter den Teilnehmerinnen 9 % (nicht repräsentativ, Vergleichswert im Fach ca. 30 %); 23 Absolventinnen mit Stelle in Thüringen",
    },
    replies: [
      { author: BW, body: "Die Abbruchquote würde ich vorsichtig kommunizieren, weil sich vermutlich eher motivierte Studentinnen anmelden. Die Richtung ist aber eindeutig. Wir haben ein ähnliches Programm in Baden-Württemberg – lass uns gern die Vorbereitung der Mentorinnen vergleichen." },
      { author: TH, body: "Guter Hinweis, ich habe „nicht repräsentativ“ ergänzt. Austausch zur Vorbereitung gern im Januar, ich schlage dir Termine vor." },
    ],
  },
  {
    space: "mint-regionen",
    kind: "best-practice",
    title: "SaarMINT im Aufbau: Kita-Fortbildung „Naturwissenschaften im Alltag“ mit Elternnachmittag",
    author: LEITUNG,
    daysAgo: 74,
    tags: ["bildungsgerechtigkeit", "qualitaet"],
    body: p(
      "SaarMINT befindet sich noch im Aufbau, ein erstes Pilotprojekt läuft aber bereits und wurde beim letzten Austauschtreffen vorgestellt: eine Fortbildung für pädagogische Fachkräfte in Kitas in Stadtteilen mit vielen Familien in schwierigen Lebenslagen. In drei Modulen lernen die Fachkräfte, Alltagssituationen – Kochen, Händewaschen, Bauen im Sandkasten – als Anlass für naturwissenschaftliches Fragen zu nutzen.",
      "Jede teilnehmende Kita verpflichtet sich zu einem Elternnachmittag, an dem die Kinder ihren Eltern ein Experiment zeigen. Dafür gibt es ein kleines Materialset und Bildkarten ohne Text, damit auch Eltern mit wenig Deutschkenntnissen mitmachen können. Nach Abschluss erhalten die Fachkräfte ein Zertifikat, das die Träger als Fortbildung anerkennen.",
      "Pro Kita fallen ca. 1.100 € an (Referentinnen, Material, Vertretungsstunden), finanziert aus Landesmitteln und von einer Stiftung. Gelernt: Die Vertretungsstunden sind entscheidend. Ohne sie können gerade die Kitas mit dem größten Bedarf ihre Fachkräfte nicht freistellen.",
    ),
    bestPractice: {
      laender: ["SL"],
      targetGroups: ["kita", "eltern"],
      duration: "Pilot seit 2025, zwei Durchgänge pro Jahr",
      funding: "Landesmittel und Stiftung; ca. 1.100 € pro Kita, insgesamt ca. 13.000 € pro Jahr",
      contact: PROGRAMMBUERO_CONTACT,
      link: "https://www.example.org/saarmint",
      impact: "12 Kitas im ersten Jahr, 31 pädagogische Fachkräfte, ca. 400 Kinder; 11 von 12 Elternnachmittagen haben stattgefunden",
    },
    replies: [
      { author: RP, body: "Schön, dass es im Saarland losgeht. Für den grenznahen Raum läge eine Kooperation mit der Westpfalz nahe, oder, @Anna Keller?" },
      { author: WESTPFALZ, body: "Auf jeden Fall. Wir haben schon Anfragen von Kitas aus dem Grenzgebiet, die genau so etwas suchen. Ich melde mich bei den Kolleginnen." },
    ],
  },
  {
    space: "mint-regionen",
    kind: "best-practice",
    title: "Forscher-Samstage in der Stadtteilbücherei: MINT am dritten Ort",
    author: LEITUNG,
    daysAgo: 5,
    tags: ["bildungsgerechtigkeit", "digitalisierung"],
    body: p(
      "In Hamburg bieten mehrere Stadtteilbüchereien einmal im Monat einen Forscher-Samstag für Familien mit Kindern im Grundschulalter an. Wir haben das Format beim Alumni-Treffen des IHK-Zertifikatslehrgangs kennengelernt, eine Absolventin koordiniert es. Bücherei als „dritter Ort“ heißt: kein Leistungsdruck, kein Eintritt, offene Türen – und die Familien sind ohnehin da.",
      "Es gibt Experimentierstationen, Tablets mit Programmier-Apps und eine Ausleihe von Experimentierbüchern. Betreut wird von Studierenden und Ehrenamtlichen, die in einer Schulung gelernt haben, die Eltern aktiv einzubeziehen, statt nur die Kinder anzuleiten.",
      "Ein Samstag kostet ca. 600 € für Honorare und Material, finanziert von einer Stiftung und den Büchereien. Gelernt: Die Samstage erreichen Familien, die bei schulischen Angeboten nicht auftauchen – rund 40 % gaben an, zum ersten Mal ein MINT-Angebot zu besuchen. Anfangs waren die Tablets der Magnet, inzwischen sind es die Experimente.",
    ),
    bestPractice: {
      laender: ["HH"],
      targetGroups: ["grundschule", "eltern", "ausserschulisch"],
      duration: "seit 2023, monatlich an einem Samstag",
      funding: "Stiftungsmittel und Eigenmittel der Büchereien; ca. 600 € pro Termin, ca. 25.000 € pro Jahr für vier Standorte",
      contact: PROGRAMMBUERO_CONTACT,
      link: "https://www.example.org/forscher-samstage",
      impact: "4 Büchereien, im Schnitt 35 Familien pro Termin, ca. 1.600 Besuche im Jahr 2025; rund 40 % Erstbesuchende",
    },
    replies: [],
  },
];

// ---------------------------------------------------------------------------
// MINT-Regionen: announcement, discussions, questions
// ---------------------------------------------------------------------------
const MINT_REGIONEN_THREADS: SeedThread[] = [
  {
    space: "mint-regionen",
    kind: "announcement",
    title: "MINT:Barcamp 2027 am 22. und 23. April in Hamburg – Themen schon jetzt sammeln",
    author: LEITUNG,
    daysAgo: 12,
    pinned: true,
    tags: [],
    body: p(
      "Liebe Koordinator:innen,",
      "das nächste MINT:Barcamp findet am 22. und 23. April 2027 in Hamburg statt. Wie immer gibt es kein festes Programm: Die Sessions schlagt ihr am ersten Morgen selbst vor. Damit wir Räume und Technik besser planen können, sammeln wir schon jetzt Themen – gern als kurze Antwort hier im Thema, mit Titel und ein, zwei Sätzen.",
      "Die Anmeldung öffnet am 15. Januar 2027 über die Website der MINT-Regionen. Pro MINT-Region sind zunächst zwei Plätze reserviert, weitere Plätze vergeben wir ab Mitte März über eine Warteliste. Reisekosten können wie im Vorjahr für eine Person pro Region bezuschusst werden.",
      "Am Vorabend, dem 21. April, treffen sich die Alumni des IHK-Zertifikatslehrgangs. Wer dabei sein möchte, gibt das bitte bei der Anmeldung an.",
    ),
    replies: [
      { author: WESTPFALZ, body: "Themenvorschlag: „Unternehmen halten, nicht nur gewinnen“ – wie bleiben Partner nach dem ersten Jahr aktiv? Dazu gibt es hier im Forum schon eine gute Diskussion." },
      { author: NORDTHUERINGEN, body: "Vorschlag: Ehrenamtliche für MINT-AGs gewinnen und halten. Gern zusammen mit STIFT." },
      { author: TH, body: "Unterstütze ich, @Markus Fiedler. Ich bringe die Erfahrungen aus den Jungforscher-Clubs mit." },
    ],
  },
  {
    space: "mint-regionen",
    kind: "discussion",
    title: "Wie haltet ihr Unternehmen nach dem ersten Jahr im Netzwerk aktiv?",
    author: WESTPFALZ,
    daysAgo: 38,
    tags: ["fachkraeftesicherung", "finanzierung"],
    body: p(
      "In der Westpfalz beobachten wir ein Muster, das mich beschäftigt: Unternehmen steigen mit viel Begeisterung ein, machen im ersten Jahr bei ein, zwei Aktionen mit – und im zweiten Jahr wird es still. Meist wechselt die Ansprechperson, oder die Ausbildungsleitung hat andere Prioritäten.",
      "Bisher versuchen wir es mit einem jährlichen Partnertreffen, einem Newsletter und Dankesurkunden. Das wirkt alles nur begrenzt. Was funktioniert bei euch? Feste Rollen, Kooperationsverträge, Mitgliedsbeiträge? Oder akzeptiert ihr, dass es ein Kommen und Gehen gibt?",
    ),
    replies: [
      { author: HARBURG, body: "Bei uns hat ein kleines Stück Verbindlichkeit geholfen: Partner unterschreiben eine einseitige Kooperationsvereinbarung mit einer konkreten Zusage für das Jahr, zum Beispiel zwei Azubi-Einsätze oder einen Betriebsbesuch. Die wird jedes Jahr im Januar erneuert. Wer nicht verlängert, bekommt einen Anruf, keine Mail." },
      { author: NW, body: "In einigen zdi-Netzwerken gibt es feste Partnerschaften zwischen einem Betrieb und einer Schule. Die halten deutlich länger als lose Partnerschaften mit dem Netzwerk, weil die Beziehung persönlicher ist. Das Netzwerk moderiert dann nur noch." },
      { author: MIN_RP, body: "Eine Anmerkung aus Landessicht: Wenn sich Unternehmen finanziell beteiligen, sollte das von Anfang an transparent geregelt sein, auch mit Blick auf die Förderrichtlinien. Für Rückfragen zu Rheinland-Pfalz gern an die Geschäftsstelle oder direkt an mich." },
      { author: MITTELHESSEN, body: "Wir schicken jedem Betrieb einmal im Jahr eine kurze Wirkungsübersicht: So viele Schülerinnen und Schüler waren bei euch, so viele Praktikumsanfragen sind daraus entstanden. Personalabteilungen brauchen Zahlen, mit denen sie intern argumentieren können." },
      { author: WESTPFALZ, body: "Danke, das hilft. Die Kombination aus Jahresvereinbarung und Wirkungsübersicht probieren wir 2027 aus. Ich berichte hier." },
    ],
  },
  {
    space: "mint-regionen",
    kind: "discussion",
    title: "Nur für Mädchen oder gemischt? Gruppenzusammensetzung bei Ferienangeboten",
    author: BW,
    daysAgo: 55,
    tags: ["maedchen-frauen"],
    body: p(
      "Die Frage kommt von unseren Bündnispartnern regelmäßig: Sollen Technik-Angebote ausschließlich für Mädchen ausgeschrieben werden oder lieber gemischt, mit einem Mindestanteil? Die Forschungslage ist nicht eindeutig, und unsere eigenen Erfahrungen sind es auch nicht. Mädchen-Camps erreichen Mädchen, die sonst nicht kämen, werden aber von manchen Eltern und Schulen als „Sonderprogramm“ wahrgenommen.",
      "Wie handhabt ihr das in euren Regionen? Mich interessieren vor allem Erfahrungen aus der Sekundarstufe I und aus ländlichen Regionen, in denen es oft nur ein einziges Angebot im Jahr gibt.",
    ),
    replies: [
      { author: BY, body: "In Bayern sehen wir, dass reine Mädchenangebote vor allem beim Einstieg wirken, also bei Mädchen ohne MINT-Vorerfahrung. Für Fortgeschrittene funktionieren gemischte Gruppen mit mindestens 40 % Mädchen oft besser: Die Mädchen sind dann nicht allein, und das Angebot gilt nicht als Nische." },
      { author: NORDTHUERINGEN, body: "Im ländlichen Raum machen wir beides in einem: ein gemischtes Camp, aber am ersten Tag eine eigene Mädchengruppe, in der sich die Teilnehmerinnen kennenlernen. So gehen sie als Gruppe in die gemischte Woche." },
      { author: LEITUNG, body: "Das Thema passt gut zum MINT:Barcamp, vielleicht als gemeinsame Session? Sabine, magst du sie anbieten?" },
      { author: BW, body: "Gern, @Felix Baumann. Markus, hättest du Lust, dort das Nordthüringer Modell vorzustellen?" },
    ],
  },
  {
    space: "mint-regionen",
    kind: "question",
    title: "Fotos bei Schülerlabor-Angeboten: Welche Einwilligung nutzt ihr?",
    author: NORDTHUERINGEN,
    daysAgo: 47,
    tags: ["qualitaet"],
    body: p(
      "Wir möchten für unseren Jahresbericht und die Website Fotos aus Angeboten nutzen, zu denen Schulklassen zu uns kommen. Bisher hat jede Schule ihre eigene Einwilligung eingeholt, manchmal auch gar keine. Das ist uns zu unsicher.",
      "Nutzt ihr ein eigenes Formular für die Einwilligung der Erziehungsberechtigten? Wie regelt ihr den Widerruf, und wie lange bewahrt ihr die Fotos auf? Ein Muster wäre großartig.",
    ),
    replies: [
      { author: RP, body: "In RLP haben wir ein Muster mit dem Datenschutzbeauftragten unserer Trägerorganisation abgestimmt. Kernpunkte: getrennte Ankreuzfelder für Website, Social Media und gedruckten Bericht, Widerruf jederzeit per Mail, Löschung spätestens nach drei Jahren. Die Schulen verteilen das Formular mit der Anmeldung, wir sammeln es am Tag des Besuchs ein." },
      { author: NW, body: "Bei den zdi-Schülerlaboren läuft es ähnlich. Wichtig ist aus meiner Erfahrung ein sichtbares Zeichen für Kinder ohne Einwilligung, zum Beispiel ein farbiges Bändchen, damit die fotografierende Person sofort erkennt, wen sie nicht aufnehmen darf. Und Fotos von Händen und Versuchsaufbauten sind oft ohnehin die besseren Bilder." },
      { author: NORDTHUERINGEN, body: "Danke euch! Die Bändchen-Lösung übernehmen wir sofort. @Jonas Weber, dürfen wir das RLP-Muster als Vorlage nehmen und anpassen?" },
      { author: RP, body: "Ja, gern. Ich lege es in die Dokumente der MINT-Regionen. Bitte vor der Verwendung von eurem eigenen Datenschutzbeauftragten prüfen lassen." },
    ],
    acceptedReply: 0,
  },
  {
    space: "mint-regionen",
    kind: "question",
    title: "IHK-Zertifikatslehrgang Netzwerkkoordinator:in: Ist das neben einer halben Stelle machbar?",
    author: MITTELHESSEN,
    daysAgo: 29,
    tags: ["qualitaet", "fachkraeftesicherung"],
    body: p(
      "Ich überlege, mich für den nächsten Durchgang des Lehrgangs „Netzwerkkoordinator:in zur Fachkräftesicherung (IHK)“ zu bewerben. Zwölf Wochen Blended Learning klingen machbar, aber ich koordiniere unsere Region mit einer halben Stelle.",
      "Wer hat teilgenommen und kann sagen, wie viel Zeit pro Woche realistisch draufgeht? Und wie läuft das mit der Kostenübernahme über den Länderbeirat – bewerbe ich mich selbst, oder läuft das über eine Landeskoordinierung?",
    ),
    replies: [
      { author: HARBURG, body: "Ich war im dritten Durchgang dabei. Rechne mit vier bis fünf Stunden pro Woche, in den Wochen vor den Präsenzmodulen etwas mehr. Mit einer halben Stelle geht das, wenn dein Träger dir die Präsenztage als Arbeitszeit anrechnet. Der größte Gewinn war für mich ehrlich gesagt das Alumni-Netzwerk, das sich alle zwei Monate trifft." },
      { author: LEITUNG, body: "Zur Kostenübernahme: Du bewirbst dich selbst über das Formular auf der Website der MINT-Regionen, mit einer kurzen Stellungnahme deines Trägers. Über die geförderten Plätze entscheidet der Länderbeirat als Jury. Wo es eine Landeskoordinierung gibt, hilft eine kurze Rückmeldung von dort, Voraussetzung ist sie aber nicht. Dass Hessen zurzeit keine Landeskoordinierungsstelle hat, ist für dich also kein Nachteil." },
      { author: WESTPFALZ, body: "Ergänzend zu Julia: Plane Zeit für das Abschlussprojekt ein. Am besten nimmst du ein Vorhaben, das du ohnehin umsetzen musst, dann ist es keine Zusatzarbeit." },
      { author: MITTELHESSEN, body: "Danke, das hilft mir sehr. Ich bewerbe mich." },
    ],
    acceptedReply: 1,
  },
  {
    space: "mint-regionen",
    kind: "question",
    title: "Wirkungsmessung: Welche Kennzahlen meldet ihr an eure Geldgeber?",
    author: HARBURG,
    daysAgo: 18,
    tags: ["qualitaet", "finanzierung"],
    body: p(
      "Unsere Stiftung möchte ab 2027 „wirkungsorientierte Kennzahlen“ statt reiner Teilnehmendenzahlen. Ich verstehe das Anliegen, aber eine echte Wirkungsmessung können wir mit einer Stelle nicht leisten.",
      "Welche Kennzahlen nutzt ihr, die über „Anzahl erreichter Kinder“ hinausgehen, aber mit vertretbarem Aufwand zu erheben sind?",
    ),
    replies: [
      { author: RP, body: "Wir arbeiten mit drei Ebenen: Reichweite (wer wurde erreicht, einschließlich Mädchenanteil und Schulformen), Qualität (Anteil der Angebote mit Qualitäts-Check, Rückmeldung der Lehrkräfte auf einer Fünferskala) und Anschluss (vermittelte Praktika, erneute Buchungen einer Schule). Eine echte Wirkung behaupten wir nicht, und das sagen wir auch so." },
      { author: MIN_RP, body: "Aus Sicht eines Zuwendungsgebers: Mir ist eine ehrliche Berichterstattung zu Reichweite und Qualität lieber als eine Wirkungsbehauptung, die methodisch nicht trägt. Es kann sinnvoll sein, das der Stiftung offen zu sagen und alle paar Jahre eine kleine externe Evaluation vorzuschlagen." },
      { author: BY, body: "Für die Ebene „Anschluss“ sind erneute Buchungen gut: Wenn eine Schule im nächsten Jahr wieder bucht, ist das ein ziemlich belastbarer Hinweis auf Nutzen. Das kostet nur einen Blick ins Buchungssystem." },
      { author: HARBURG, body: "Genau so schlage ich es der Stiftung vor. Danke euch!" },
    ],
    acceptedReply: 0,
  },
];

// ---------------------------------------------------------------------------
// Länderbeirat (members only)
// ---------------------------------------------------------------------------
const LAENDERBEIRAT_THREADS: SeedThread[] = [
  {
    space: "laenderbeirat",
    kind: "discussion",
    title: "Interne Abstimmung: Jahresplanung 2027",
    author: LEITUNG,
    daysAgo: 14,
    pinned: true,
    tags: ["finanzierung"],
    body: p(
      "Liebe alle,",
      "bevor die Jahresplanung 2027 in die offizielle Einladung geht, möchte ich sie hier intern mit euch abstimmen. Bitte gebt nichts davon weiter, solange der Programmausschuss nicht entschieden hat – vor allem die Überlegungen zum Budget und zur Jury sind mit der Stiftung noch nicht abgestimmt.",
      "Sitzungen: Frühjahrssitzung am 10. und 11. März in Hamburg mit dem Schwerpunkt Positionspapier Bildungskette (Beschluss). Ende Juni eine Videokonferenz nur für die Jury des IHK-Lehrgangs. Herbstsitzung Anfang November, diesmal auf Einladung von Thüringen in Erfurt – sofern das für dich machbar ist, Katrin.",
      "Positionspapier: Der aktuelle Entwurf ist mit 14 Seiten zu lang. Ich würde auf 6 Seiten kürzen und die Länderbeispiele in einen Anhang verschieben. Offen ist die Forderung nach einer verlässlichen Landesfinanzierung der Koordinierungsstellen: Zwei Ministerien haben informell signalisiert, dass sie eine zu konkrete Formulierung (Stellenumfang pro Region) beim Round-Table nicht mittragen würden. Wir müssen entscheiden, ob wir das Papier trotzdem so beschließen.",
      "Jury IHK-Lehrgang: Für 2027 stehen voraussichtlich nur 10 statt 14 geförderte Plätze zur Verfügung. Mein Vorschlag: Bewerbungen aus Ländern ohne Landeskoordinierung werden bevorzugt, und jedes Mitglied enthält sich bei Bewerbungen aus dem eigenen Land. Bitte gebt mir bis zum 15. Dezember Rückmeldung.",
    ),
    replies: [
      { author: BY, body: "Danke, Felix. Die Termine passen für mich. Beim Positionspapier bin ich für die klare Formulierung zur Finanzierung – wenn wir das jetzt weichspülen, führen wir in zwei Jahren dieselbe Debatte. Dann lieber ein abweichendes Votum der Ministerien im Anhang als ein Papier ohne Aussage." },
      { author: NW, body: "Ich sehe das etwas anders. Wenn zwei Länder nicht mitgehen, verliert das Papier gegenüber der KMK an Gewicht. Vorschlag: Wir fordern eine Mindestausstattung ohne Stellenzahl, etwa „mindestens eine hauptamtliche, dauerhaft finanzierte Koordination pro Region“. Die Kürzung auf 6 Seiten unterstütze ich. Zur Jury: Enthaltung beim eigenen Land ja, die Bevorzugung von Ländern ohne Koordinierung aber nur als eines von mehreren Kriterien." },
      { author: TH, body: "Erfurt im November passt, die Räume kläre ich bis Weihnachten mit unserem Haus. Beim Papier schließe ich mich Miriam an. Und bei nur 10 Plätzen sollten wir die Jury-Kriterien vorher schriftlich festhalten, sonst wird es in der Sitzung schwierig." },
      { author: BW, body: "Termine sind für mich in Ordnung. Ich würde gern den sinkenden Mädchenanteil in der Sekundarstufe II als Leitthema 2027 setzen, die Zahlen aus unserem Monitoring liegen vor. Miriams Kompromissformulierung ist für mich tragbar." },
      { author: LEITUNG, body: "Danke für die schnellen Rückmeldungen. Zusammengefasst: Termine wie vorgeschlagen, Erfurt vorbehaltlich der Raumzusage. Positionspapier: Kürzung auf 6 Seiten, Finanzierung als Mindestausstattung in Miriams Formulierung; Tobias' Bedenken nehme ich als Protokollnotiz auf. Jury: Die Kriterienliste entwerfe ich bis zum 15. Dezember und lege sie als Dokument an. Leitthema Mädchen in der Sek II kommt auf die Tagesordnung im März." },
    ],
  },
  {
    space: "laenderbeirat",
    kind: "announcement",
    title: "Frühjahrssitzung des Länderbeirats am 10. und 11. März 2027 in Hamburg",
    author: LEITUNG,
    daysAgo: 3,
    tags: [],
    body: p(
      "Liebe Mitglieder des Länderbeirats,",
      "die Frühjahrssitzung findet vom 10. März 2027 (Beginn 13 Uhr) bis zum 11. März 2027 (Ende 13 Uhr) in den Räumen der Körber-Stiftung in Hamburg statt. Schwerpunkte: Beschluss des Positionspapiers zur Bildungskette, Vergabe der geförderten Plätze im IHK-Zertifikatslehrgang und die Leitthemen für 2027.",
      "Die Kommentierungsphase für den Entwurf des Positionspapiers endet am 12. Februar 2027. Bitte tragt eure Anmerkungen direkt im Dokument ein und nicht per Mail. Die Einladung mit Tagesordnung und Hotelkontingent folgt bis Mitte Januar.",
    ),
    replies: [
      { author: RP, body: "Danke, ist eingetragen. Ich bin am 10. erst gegen 14 Uhr da, die Verbindung aus Trier ist an dem Tag knapp." },
      { author: TH, body: "Ich komme und würde gern eine Kollegin aus dem STIFT-Team mitbringen – ist das für den Jury-Teil in Ordnung?" },
      { author: LEITUNG, body: "Gern, @Katrin Vogt. Beim Jury-Teil bitte ohne Stimmrecht, das hatten wir so vereinbart." },
    ],
  },
  {
    space: "laenderbeirat",
    kind: "discussion",
    title: "Positionspapier Bildungskette: Gliederung und Zuständigkeiten",
    author: NW,
    daysAgo: 61,
    tags: ["qualitaet"],
    body: p(
      "Wie in der Herbstsitzung vereinbart, hier mein Vorschlag für die Gliederung des Positionspapiers „MINT entlang der Bildungskette“:",
      "1. Ausgangslage (Nachwuchsbarometer, Fachkräftebedarf)\n2. Frühe Bildung und Grundschule\n3. Sekundarstufe I und Übergang in die Ausbildung\n4. Sekundarstufe II und Studium\n5. Rolle der MINT-Regionen und der Landeskoordinierungsstellen\n6. Forderungen an Bund und Länder",
      "Vorschlag zur Aufteilung: Abschnitt 1 übernimmt das Programmbüro, 2 Thüringen, 3 Nordrhein-Westfalen, 4 Bayern, 5 Rheinland-Pfalz. Den Querschnitt Mädchen und Frauen in MINT durch alle Abschnitte übernimmt Baden-Württemberg. Die Forderungen schreiben wir gemeinsam. Einwände oder Tauschwünsche bitte bis Monatsende.",
    ),
    replies: [
      { author: BY, body: "Abschnitt 4 übernehme ich. Die Lehrkräftebildung würde ich aber als eigenen Punkt führen, sonst geht sie zwischen Oberstufe und Studium unter." },
      { author: BW, body: "Einverstanden. Für den Querschnitt schlage ich vor, in jedem Abschnitt einen kurzen Kasten zu ergänzen statt eines eigenen Kapitels – dann wird das Thema nicht an den Rand geschoben." },
      { author: TH, body: "Abschnitt 2 passt. Kita und Grundschule würde ich zusammen behandeln und die Ganztagsfrage ausdrücklich aufnehmen; dazu haben wir allerdings kaum belastbare Zahlen." },
      { author: LEITUNG, body: "Danke. Ich lege das Dokument mit dieser Gliederung an und trage die Zuständigkeiten ein. Lehrkräftebildung wird Abschnitt 5, die folgenden Abschnitte rücken nach hinten." },
    ],
  },
  {
    space: "laenderbeirat",
    kind: "discussion",
    title: "Nachwuchsbarometer: Was folgt aus den Mathematikergebnissen für unsere Arbeit?",
    author: TH,
    daysAgo: 33,
    tags: ["bildungsgerechtigkeit", "qualitaet"],
    body: p(
      "Das Nachwuchsbarometer hat noch einmal deutlich gezeigt, wie sich die Mathematikleistungen entwickeln: Die Spitzengruppe hat sich in zehn Jahren halbiert, die Risikogruppe verdoppelt. Neu zugewanderte Kinder liegen im Schnitt etwa anderthalb Schuljahre zurück.",
      "Ich frage mich, ob wir als Landeskoordinierungen zu stark auf Angebote für ohnehin interessierte Jugendliche setzen – Wettbewerbe, Forschercamps, Schülerlabore. Sollten wir in der Beratung der Regionen mehr auf mathematische Basiskompetenzen und auf die Grundschulen schauen? Und wäre das ein Thema für das Positionspapier oder eher für ein eigenes Papier?",
    ),
    replies: [
      { author: BW, body: "Ja, unbedingt. Aus unserer Sicht hängt das eng mit dem Thema Mädchen zusammen: Viele Mädchen verabschieden sich innerlich von MINT, sobald sie in Mathe den Anschluss verlieren. Das passiert in der Grundschule und in den Klassen 5 und 6." },
      { author: BY, body: "Ich bin skeptisch, ob die MINT-Regionen hier der richtige Hebel sind. Basiskompetenzen sind Kernaufgabe des Unterrichts. Wir können ergänzen, etwa mit Sommerschulen wie in Nordthüringen, sollten aber nicht den Eindruck erwecken, Unterricht ersetzen zu können." },
      { author: NW, body: "Ich würde es ins Positionspapier aufnehmen, in die Ausgangslage und in die Forderungen. Ein eigenes Papier schaffen wir 2027 realistisch nicht." },
      { author: TH, body: "Guter Punkt, Tobias – ich formuliere es ausdrücklich als Ergänzung zum Unterricht. Den Absatz für die Ausgangslage schreibe ich und stimme ihn mit dem Programmbüro ab." },
    ],
  },
  {
    space: "laenderbeirat",
    kind: "question",
    title: "Wie begleitet ihr Regionen, deren Förderung ausläuft?",
    author: RP,
    daysAgo: 86,
    tags: ["finanzierung"],
    body: p(
      "In Rheinland-Pfalz laufen Ende 2026 bei zwei Regionen die Mittel aus dem Förderwettbewerb aus. Eine der beiden hat noch keine Anschlussfinanzierung, und die Koordinatorin hat bereits eine andere Stelle in Aussicht.",
      "Wie geht ihr in solchen Fällen vor? Gibt es bei euch Überbrückungsmittel, eine Art Ruhemodus für Netzwerke, oder akzeptiert ihr, dass eine Region eine Zeit lang nicht aktiv ist?",
    ),
    replies: [
      { author: TH, body: "Bei STIFT gibt es einen kleinen Überbrückungstopf, höchstens sechs Monate und nur für die Koordination. Bedingung ist ein konkreter Plan für die Anschlussfinanzierung. Das hat zweimal funktioniert, einmal nicht." },
      { author: BY, body: "Mit einem Ruhemodus haben wir gute Erfahrungen gemacht: Das Netzwerk bleibt formal bestehen, ein Partner – meist die Kommune – übernimmt die Kontaktliste und lädt einmal im Jahr zu einem Treffen ein. Wenn später wieder Geld da ist, fängt man nicht bei null an. Wichtig ist, die Übergabe zu dokumentieren, bevor die Koordinatorin geht." },
      { author: LEITUNG, body: "Ergänzend: Das Programmbüro kann bei Bedarf ein Gespräch mit Kommune und Trägern moderieren. Das haben wir 2025 zweimal gemacht, jeweils zusammen mit der Landeskoordinierung." },
      { author: RP, body: "Danke, der Ruhemodus ist für die betroffene Region realistisch. Ich spreche das nächste Woche mit der Kommune an." },
    ],
    acceptedReply: 1,
  },
  {
    space: "laenderbeirat",
    kind: "question",
    title: "Jury IHK-Lehrgang: Wie gewichten wir mehrere Bewerbungen aus einem Land?",
    author: BY,
    daysAgo: 26,
    tags: ["qualitaet"],
    body: p(
      "Eine Frage vorab für die Jury im Frühjahr: Im letzten Durchgang kamen fünf Bewerbungen aus Bayern, aus mehreren anderen Ländern aber nur je eine. Gibt es eine Regel, wie viele geförderte Plätze höchstens an ein Land gehen, oder entscheiden wir ausschließlich nach Eignung?",
      "Ich frage, weil die bayerischen Netzwerke danach fragen und ich ihnen eine klare Antwort geben möchte.",
    ),
    replies: [
      { author: LEITUNG, body: "Eine feste Obergrenze gibt es bisher nicht. In der Praxis haben wir darauf geachtet, dass kein Land mehr als ein Drittel der geförderten Plätze bekommt. Ich schlage vor, das für 2027 ausdrücklich in die Kriterien aufzunehmen, und nehme es in die Jahresplanung mit." },
      { author: NW, body: "Unterstütze ich. Innerhalb eines Landes sollte die Landeskoordinierung eine Rangfolge vorschlagen dürfen, an die die Jury aber nicht gebunden ist." },
      { author: BW, body: "Einverstanden. Mir wäre wichtig, dass wir die Regel vor der Ausschreibung veröffentlichen, damit sich niemand umsonst bewirbt." },
    ],
    acceptedReply: 0,
  },
  {
    space: "laenderbeirat",
    kind: "best-practice",
    title: "Landesweiter Qualitätsrahmen für MINT-Regionen und MINT-Cluster in Bayern",
    author: BY,
    daysAgo: 118,
    tags: ["qualitaet"],
    body: p(
      "Mit dem Start von MINTraum bayern haben wir für die rund 27 Netzwerke (20 MINT-Regionen und 7 MINT-Cluster) einen gemeinsamen Qualitätsrahmen eingeführt. Er knüpft an die MINT-Qualitätsoffensive an, ist aber auf die Landesebene zugeschnitten: fünf Dimensionen (Netzwerkstruktur, Bildungskette, Zielgruppen, Angebotsqualität, Verstetigung) mit je drei bis vier Indikatoren.",
      "Jedes Netzwerk macht einmal im Jahr eine Selbsteinschätzung und bespricht sie mit uns in einem zweistündigen Entwicklungsgespräch. Daraus entstehen zwei bis drei Entwicklungsziele für das folgende Jahr. Die Ergebnisse werden weder veröffentlicht noch mit der Förderung verknüpft – das war die Bedingung dafür, dass die Netzwerke ehrlich antworten.",
      "Unser Aufwand liegt bei ca. 1,5 Personentagen pro Netzwerk und Jahr, weitere Kosten entstehen nicht. Gelernt: Die Dimension Verstetigung wird fast überall am schwächsten eingeschätzt. Das liefert uns Argumente gegenüber dem Ministerium. Wir würden den Rahmen gern als Grundlage für einen gemeinsamen Kern der Länder diskutieren.",
    ),
    bestPractice: {
      laender: ["BY"],
      targetGroups: ["ausserschulisch"],
      duration: "seit 2023, jährlicher Zyklus",
      funding: "im Rahmen der Landesförderung von MINTraum bayern, keine zusätzlichen Kosten",
      contact: "Tobias Brandl, by@laenderforum.example",
      link: "https://www.mint-bayern.de",
      impact: "26 von 27 Netzwerken nehmen teil; 61 Entwicklungsziele vereinbart, davon 38 im Folgejahr erreicht",
    },
    replies: [
      { author: NW, body: "Für die zdi-Netzwerke haben wir einen ähnlichen Rahmen. Die Entkopplung von der Förderung halte ich für den entscheidenden Punkt. Ich schlage vor, dass wir beide Rahmen bei der nächsten Sitzung nebeneinanderlegen." },
      { author: TH, body: "Einverstanden. Für Thüringen wäre ein gemeinsamer Kern mit Ergänzungen pro Land realistisch, ein vollständiger Länderstandard eher nicht." },
      { author: LEITUNG, body: "Ich nehme das für die Tagesordnung der nächsten Sitzung auf." },
    ],
  },
  {
    space: "laenderbeirat",
    kind: "best-practice",
    title: "Vier Ministerien, eine Geschäftsstelle: ressortübergreifende Finanzierung in Rheinland-Pfalz",
    author: RP,
    daysAgo: 95,
    tags: ["finanzierung"],
    body: p(
      "Seit der Vereinbarung von 2018 wird die MINT-Geschäftsstelle in Trier gemeinsam von inzwischen vier Ministerien getragen. Weil im Beirat immer wieder danach gefragt wird, hier kurz, wie das in der Praxis funktioniert.",
      "Es gibt eine Lenkungsgruppe mit je einer Vertretung der Ressorts, die zweimal im Jahr tagt und das Jahresprogramm beschließt. Ein Ressort ist federführend für Haushalt und Zuwendungsbescheid, die anderen beteiligen sich über Verwaltungsvereinbarungen mit festen Anteilen. Aus dem gemeinsamen Budget wird auch der Förderwettbewerb MINT-Regionen RLP finanziert: Für 2025/26 wurden sechs Regionen und drei Projekte mit zusammen 296.208 € gefördert.",
      "Gelernt: Die Beteiligung mehrerer Ressorts macht die Geschäftsstelle stabiler, weil nicht alles an einem Haushaltstitel hängt. Sie kostet aber Zeit. Abstimmungen dauern länger, und jedes Ressort möchte seine Schwerpunkte im Programm wiederfinden. Ein fester Jahreskalender für die Lenkungsgruppe hat sehr geholfen.",
    ),
    bestPractice: {
      laender: ["RP"],
      targetGroups: ["ausserschulisch"],
      duration: "seit 2018, unbefristet mit jährlicher Programmplanung",
      funding: "Landesmittel aus vier Ressorts; Förderwettbewerb 2025/26: 296.208 € für sechs Regionen und drei Projekte",
      contact: "Jonas Weber, rp@laenderforum.example",
      link: "https://mint.rlp.de",
      impact: "Geschäftsstelle seit 2018 ohne Finanzierungslücke; 2025/26 sechs Regionen und drei Projekte gefördert",
    },
    replies: [
      { author: BW, body: "Sehr hilfreich. Wie verhindert ihr, dass die Geschäftsstelle zwischen den Ressorts zerrieben wird, wenn Schwerpunkte kollidieren?" },
      { author: RP, body: "Über das federführende Ressort, das im Zweifel entscheidet, und darüber, dass das Jahresprogramm vorher mit allen abgestimmt ist. Ganz ohne Reibung geht es nicht, das gehört dazu." },
    ],
  },
  {
    space: "laenderbeirat",
    kind: "best-practice",
    title: "Praxissemester in MINT-Regionen: Lehramtsstudierende an Schulen im ländlichen Raum",
    author: TH,
    daysAgo: 52,
    tags: ["lehrkraeftemangel", "laendlicher-raum"],
    body: p(
      "In den ländlichen Regionen Thüringens sind die Lücken bei MINT-Lehrkräften besonders groß. Gemeinsam mit zwei Universitäten und dem Bildungsministerium haben wir ein Programm aufgelegt, in dem Lehramtsstudierende ihr Praxissemester gezielt an Schulen in MINT-Regionen absolvieren. Die Regionen organisieren Unterkunft, ein Begleitprogramm mit Betrieben und außerschulischen Lernorten sowie eine Ansprechperson vor Ort.",
      "Die Studierenden erhalten einen Mobilitätszuschuss von 300 € im Monat und Unterstützung bei der Wohnungssuche, teilweise stellen die Gemeinden Gästewohnungen. Im Begleitprogramm lernen sie die Region kennen: Unternehmen, Schülerlabore, Vereine. Ziel ist, dass sie sich nach dem Studium für den Vorbereitungsdienst und später für eine Stelle in der Region bewerben.",
      "Pro Person und Semester kostet das ca. 2.000 € einschließlich Begleitprogramm, insgesamt ca. 80.000 € im Jahr. Gelernt: Die Wohnungsfrage entscheidet über die Teilnahme. Die ersten Daten sind ermutigend.",
    ),
    bestPractice: {
      laender: ["TH"],
      targetGroups: ["hochschule", "lehrkraefte"],
      duration: "seit Sommersemester 2024, jedes Semester",
      funding: "Landesmittel des Bildungsministeriums über STIFT, Beteiligung der Kommunen; ca. 80.000 € pro Jahr",
      contact: "Katrin Vogt, th@laenderforum.example",
      link: "https://www.stift-thueringen.de",
      impact: "58 Studierende in vier Semestern an 31 Schulen; 11 Bewerbungen für den Vorbereitungsdienst in den beteiligten Regionen",
    },
    replies: [
      { author: BY, body: "Das wäre ein gutes Beispiel für das Positionspapier zur Bildungskette, im Abschnitt Lehrkräftebildung. Bist du einverstanden, wenn wir es dort nennen?" },
      { author: TH, body: "Gern, mit den Zahlen von hier. Die Bewerbungszahlen aktualisiere ich im Frühjahr." },
    ],
  },
  {
    space: "laenderbeirat",
    kind: "best-practice",
    title: "Monitoring Mädchenanteil: eine gemeinsame Kennzahl für alle Bündnispartner",
    author: BW,
    daysAgo: 66,
    tags: ["maedchen-frauen", "qualitaet"],
    body: p(
      "In der Landesinitiative haben wir 2022 mit den Bündnispartnern eine einfache gemeinsame Kennzahl vereinbart: den Anteil von Mädchen und jungen Frauen an den Teilnehmenden, getrennt nach Sekundarstufe I, Sekundarstufe II und Ausbildung/Studium. Alle Partner melden einmal im Jahr über ein Formular mit sechs Feldern.",
      "Wir werten die Zahlen aus und spiegeln sie an die Partner zurück, jeweils zusammen mit dem Landesdurchschnitt. Wer deutlich darunter liegt, bekommt ein Beratungsgespräch angeboten, etwa zur Ansprache oder zur Gestaltung der Ausschreibung. Veröffentlicht wird nur die aggregierte Auswertung.",
      "Der Aufwand ist gering, ca. 10 Personentage im Jahr für Auswertung und Rückmeldung. Gelernt: Die Meldequote stieg erst, als das Formular wirklich kurz war. In der Sekundarstufe II sinkt der Mädchenanteil in fast allen technischen Angeboten deutlich – das wäre aus unserer Sicht ein gemeinsames Thema für den Länderbeirat.",
    ),
    bestPractice: {
      laender: ["BW"],
      targetGroups: ["sek1", "sek2"],
      duration: "seit 2022, jährliche Erhebung",
      funding: "im Rahmen der Landesinitiative Frauen in MINT-Berufen, keine zusätzlichen Mittel",
      contact: "Sabine Krüger, bw@laenderforum.example",
      link: "https://www.mint-frauen-bw.de",
      impact: "Meldequote 2025: 78 % der Bündnispartner; Mädchenanteil Sek I 44 %, Sek II 31 %, Ausbildung/Studium 24 %",
    },
    replies: [
      { author: NW, body: "Die Zahlen zur Sekundarstufe II decken sich ziemlich genau mit unseren zdi-Daten. Ich unterstütze den Vorschlag, das als Leitthema aufzunehmen." },
      { author: LEITUNG, body: "Nehme ich als Vorschlag für die Jahresplanung 2027 auf." },
    ],
  },
];

// ---------------------------------------------------------------------------
// Länder-Round-Table (ministries and programme office)
// ---------------------------------------------------------------------------
const ROUND_TABLE_THREADS: SeedThread[] = [
  {
    space: "laender-round-table",
    kind: "announcement",
    title: "Länder-Round-Table 2027: 17. Juni in Berlin",
    author: LEITUNG,
    daysAgo: 7,
    pinned: true,
    tags: [],
    body: p(
      "Liebe Kolleginnen und Kollegen,",
      "der nächste Länder-Round-Table findet am 17. Juni 2027 von 10 bis 16 Uhr in Berlin statt, wie gewohnt gemeinsam moderiert vom Nationalen MINT Forum und der Körber-Stiftung. Vorgesehene Themen: Verstetigung der Landeskoordinierungen, Übergang der MINT-Cluster nach dem Ende der Bundesförderung und das Positionspapier des Länderbeirats zur Bildungskette, das bis dahin beschlossen sein soll.",
      "Wir würden uns freuen, wenn diesmal mehr Länder vertreten sind als im Vorjahr. Bitte leiten Sie die Einladung gern an die zuständigen Kolleginnen und Kollegen in Ihren Häusern weiter. Themenwünsche nehmen wir hier im Forum bis Ende Februar entgegen.",
    ),
    replies: [
      { author: MIN_TH, body: "Vielen Dank. Wir würden gern das Thema Lehrkräftegewinnung im ländlichen Raum ergänzen, gern mit einem kurzen Input aus Thüringen." },
      { author: MIN_NW, body: "Termin ist vorgemerkt. Nordrhein-Westfalen wird mit zwei Personen teilnehmen, aus dem Wissenschafts- und aus dem Schulministerium." },
    ],
  },
  {
    space: "laender-round-table",
    kind: "discussion",
    title: "Verstetigung der Landeskoordinierungen: Haushaltsinstrumente und Ressortabstimmung",
    author: MIN_NW,
    daysAgo: 71,
    tags: ["finanzierung"],
    body: p(
      "Liebe Kolleginnen und Kollegen,",
      "im Anschluss an den letzten Round-Table möchte ich die Frage der dauerhaften Finanzierung noch einmal aufgreifen. In Nordrhein-Westfalen ist die Förderung der zdi-Netzwerke seit Langem etabliert, läuft aber weiterhin über Förderaufrufe mit befristeten Laufzeiten. Wir prüfen derzeit, ob zumindest die Grundfinanzierung der Koordination über einen längerfristigen Haushaltsansatz mit Verpflichtungsermächtigungen abgesichert werden kann.",
      "Mich interessiert, welche Instrumente in Ihren Ländern genutzt werden und welche Erfahrungen Sie mit ressortübergreifender Finanzierung gemacht haben.",
    ),
    replies: [
      { author: MIN_RP, body: "In Rheinland-Pfalz tragen seit 2018 inzwischen vier Ressorts die MINT-Geschäftsstelle gemeinsam, mit einem federführenden Haus. Das sichert die Geschäftsstelle gut ab. Die Regionen selbst bleiben aber auf den Förderwettbewerb angewiesen; die Verstetigung auf regionaler Ebene haben wir noch nicht gelöst." },
      { author: MIN_BY, body: "Bayern fördert MINTraum bayern über das Kultusministerium mit Unterstützung einer Stiftung. Die Netzwerke vor Ort sind sehr unterschiedlich finanziert, viele über die Landkreise. Eine institutionelle Förderung der einzelnen Netzwerke durch das Land sehen wir kritisch, weil sie die kommunale Verantwortung schwächen könnte." },
      { author: MIN_TH, body: "In Thüringen läuft die Begleitung der Regionen über STIFT. Mit Blick auf den laufenden Haushalt können wir derzeit keine zusätzlichen Verpflichtungen eingehen; eine Fortschreibung auf bisherigem Niveau ist aber vorgesehen." },
      { author: LEITUNG, body: "Vielen Dank für die Einblicke. Das Thema spielt auch im Positionspapier des Länderbeirats zur Bildungskette eine Rolle. Wir schlagen vor, beim Round-Table im Juni eine kurze Übersicht der Finanzierungsmodelle vorzulegen; das Programmbüro erstellt sie auf Basis Ihrer Angaben." },
    ],
  },
  {
    space: "laender-round-table",
    kind: "discussion",
    title: "Lehrkräftemangel: Sind MINT-Regionen Entlastung oder Zusatzbelastung für Schulen?",
    author: MIN_TH,
    daysAgo: 42,
    tags: ["lehrkraeftemangel"],
    body: p(
      "Aus Schulen in Thüringen hören wir zunehmend, dass außerschulische MINT-Angebote zwar geschätzt werden, ihre Organisation aber zusätzliche Arbeit für ohnehin knappe Lehrkräfte bedeutet: Anmeldungen, Begleitung, Elternbriefe, Nachbereitung. Gleichzeitig sind gerade Schulen mit großem Lehrkräftemangel auf Unterstützung von außen angewiesen.",
      "Wie gehen Ihre Länder damit um? Gibt es Vorgaben oder Empfehlungen, wie MINT-Regionen Schulen entlasten statt belasten sollen?",
    ),
    replies: [
      { author: MIN_BY, body: "Gute Erfahrungen haben wir mit Angeboten, die in den Unterricht kommen, statt dass Klassen ausrücken müssen – etwa dem Tutor:innenprogramm mit Lehramtsstudierenden an Mittelschulen. Der Aufwand für die Schule ist dabei gering." },
      { author: MIN_RP, body: "Wir empfehlen den MINT-Regionen, mit jeder Schule eine feste Ansprechperson zu vereinbaren und alle Angebote über sie zu bündeln. Das reduziert die Anfragen an einzelne Lehrkräfte deutlich. Die Geschäftsstelle hat dazu eine kurze Handreichung erstellt." },
      { author: MIN_NW, body: "In Nordrhein-Westfalen sind die zdi-Angebote in die Landesinitiative „Kein Abschluss ohne Anschluss“ eingebunden. Dadurch sind die Zuständigkeiten an den Schulen geklärt, die Koordination liegt bei den Studien- und Berufswahlkoordinator:innen." },
    ],
  },
  {
    space: "laender-round-table",
    kind: "question",
    title: "Anrechnungsstunden für die MINT-Koordination an Schulen – welche Regelungen gibt es?",
    author: MIN_RP,
    daysAgo: 58,
    tags: ["lehrkraeftemangel", "qualitaet"],
    body: p(
      "Wir prüfen derzeit, ob Lehrkräfte, die an ihrer Schule die Zusammenarbeit mit der MINT-Region koordinieren, dafür Anrechnungsstunden erhalten können. Bevor wir einen Vorschlag erarbeiten: Gibt es in Ihren Ländern entsprechende Regelungen, etwa über das Schulbudget oder über ein MINT-Schulprofil? Und wie viele Stunden sind üblich?",
    ),
    replies: [
      { author: MIN_BY, body: "Eine landesweite Regelung eigens für die MINT-Koordination gibt es in Bayern nicht. Schulen können Anrechnungsstunden aus ihrem Budget vergeben; nach unserer Kenntnis sind es meist ein bis zwei Wochenstunden." },
      { author: MIN_NW, body: "In Nordrhein-Westfalen können Schulen Entlastungsstunden aus ihrem Kontingent für MINT-Koordination einsetzen, eine feste Zuweisung gibt es nicht. Unsere Erfahrung: Ohne ausdrücklichen Hinweis nutzen Schulleitungen das Kontingent selten dafür. Wir haben es deshalb in einer Handreichung ausdrücklich als Möglichkeit benannt und empfehlen zwei Wochenstunden." },
      { author: MIN_TH, body: "In Thüringen gibt es keine eigene Regelung. Einer gemeinsamen Empfehlung der Länder würden wir uns aber anschließen, falls der Round-Table das aufgreift." },
      { author: MIN_RP, body: "Vielen Dank. Der Weg über eine Handreichung wie in Nordrhein-Westfalen ist für uns am hilfreichsten, wir werden einen ähnlichen Ansatz prüfen." },
    ],
    acceptedReply: 1,
  },
  {
    space: "laender-round-table",
    kind: "question",
    title: "Was passiert mit den MINT-Clustern nach dem Ende der Bundesförderung?",
    author: MIN_BY,
    daysAgo: 24,
    tags: ["finanzierung"],
    body: p(
      "Die ersten MINT-Cluster aus dem MINT-Aktionsplan erreichen das Ende ihrer Förderphase. In Bayern sind mehrere Cluster betroffen, die eng mit MINT-Regionen zusammenarbeiten. Liegen Erkenntnisse vor, ob der Bund eine Anschlussförderung plant? Und wie gehen andere Länder mit den auslaufenden Clustern um?",
    ),
    replies: [
      { author: LEITUNG, body: "Nach unserem Kenntnisstand ist für die ersten Förderrunden keine Anschlussförderung durch den Bund vorgesehen; eine verbindliche Aussage des zuständigen Bundesministeriums liegt uns aber nicht vor. Wir empfehlen den Clustern, sich frühzeitig mit der jeweiligen MINT-Region zusammenzutun – vielerorts arbeiten ohnehin dieselben Partner zusammen. Das Programmbüro bereitet dazu eine kurze Handreichung vor." },
      { author: MIN_NW, body: "In Nordrhein-Westfalen prüfen wir, ob Angebote der Cluster in die zdi-Netzwerke überführt werden können. Das funktioniert dort, wo Cluster und Netzwerk dieselbe Region abdecken." },
      { author: MIN_RP, body: "Wir hätten Interesse an der Handreichung. Ist geplant, sie beim Round-Table im Juni vorzustellen?" },
      { author: LEITUNG, body: "Ja, sie wird Teil der Unterlagen für den Round-Table." },
    ],
  },
];

export const THREADS: SeedThread[] = [
  ...MINT_REGIONEN_BEST_PRACTICES,
  ...MINT_REGIONEN_THREADS,
  ...LAENDERBEIRAT_THREADS,
  ...ROUND_TABLE_THREADS,
];
