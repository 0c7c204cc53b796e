// Demo data: factual for Länder, coordination offices and Gremien (see shared research §4);
// every person is invented.
import { LAENDER_NAMES, type OrganisationKind, type PlatformRole, type SpaceRole, type SpaceVisibility } from "../app/domain/model.ts";

export const LAENDER: ReadonlyArray<{ code: string; name: string }> = Object.entries(LAENDER_NAMES).map(([code, name]) => ({ code, name }));

type OrgSeed = { key: string; name: string; kind: OrganisationKind; landCode: string | null; website?: string; description?: string; contactName?: string; contactEmail?: string };

export const ORGANISATIONS: OrgSeed[] = [
  { key: "programme", name: "Programmbüro MINT-Regionen (Körber-Stiftung)", kind: "programme", landCode: null, website: "https://www.mint-regionen.de", description: "Begleitet die MINT-Regionen bundesweit und organisiert Länderbeirat und Länder-Round-Table, gemeinsam mit dem Nationalen MINT Forum.", contactName: "Lena Hoffmann", contactEmail: "programmbuero@laenderforum.example" },
  { key: "by", name: "MINTraum bayern", kind: "coordination", landCode: "BY", website: "https://www.mint-bayern.de", description: "Landeskoordinierung der bayerischen MINT-Regionen und MINT-Cluster, getragen von der Initiative Junge Forscherinnen und Forscher e. V. in Würzburg.", contactName: "Tobias Brandl", contactEmail: "by@laenderforum.example" },
  { key: "nw", name: "zdi.NRW – Zukunft durch Innovation", kind: "coordination", landCode: "NW", website: "https://www.zdi-portal.de", description: "Gemeinschaftsoffensive des Landes für MINT-Nachwuchs mit rund 45 zdi-Netzwerken und zahlreichen Schülerlaboren.", contactName: "Miriam Schulte", contactEmail: "nw@laenderforum.example" },
  { key: "rp", name: "MINT-Geschäftsstelle RLP", kind: "coordination", landCode: "RP", website: "https://mint.rlp.de", description: "Koordiniert seit 2018 die MINT-Regionen in Rheinland-Pfalz, mit Sitz in Trier, im Auftrag von vier Ministerien.", contactName: "Jonas Weber", contactEmail: "rp@laenderforum.example" },
  { key: "th", name: "STIFT – Stiftung für Technologie, Innovation und Forschung Thüringen", kind: "coordination", landCode: "TH", website: "https://www.stift-thueringen.de", description: "Begleitet die MINT-Regionen Jungforscher Thüringen in sieben Regionen.", contactName: "Katrin Vogt", contactEmail: "th@laenderforum.example" },
  { key: "bw", name: "Landesinitiative Frauen in MINT-Berufen", kind: "coordination", landCode: "BW", website: "https://www.mint-frauen-bw.de", description: "Bündnis des Landes Baden-Württemberg für mehr Frauen in MINT-Berufen; im Länderbeirat als AG Frauen in MINT-Berufen vertreten.", contactName: "Sabine Krüger", contactEmail: "bw@laenderforum.example" },
  { key: "sl", name: "SaarMINT (im Aufbau)", kind: "coordination", landCode: "SL", description: "Landesweite MINT-Koordinierung im Aufbau, mit Schwerpunkt auf Kindern aus benachteiligten Familien." },
  { key: "region-westpfalz", name: "MINT-Region Westpfalz", kind: "region", landCode: "RP", description: "Regionales Netzwerk rund um Kaiserslautern." },
  { key: "region-mittelhessen", name: "MINTmit Mittelhessen", kind: "region", landCode: "HE", description: "MINT-Cluster und regionales Netzwerk in Mittelhessen." },
  { key: "region-nordhessen", name: "MINT-Forum Nordhessen", kind: "region", landCode: "HE", description: "Netzwerk von Schulen, Hochschulen und Unternehmen in Nordhessen." },
  { key: "region-nordthueringen", name: "MINT-Region Nordthüringen", kind: "region", landCode: "TH", description: "Regionales Netzwerk mit Sitz in Nordhausen." },
  { key: "region-harburg", name: "MINT-Region Landkreis Harburg", kind: "region", landCode: "NI", description: "Netzwerk im Landkreis Harburg, Gewinner im Förderwettbewerb MINT-Regionen 2017." },
  { key: "region-wolfsburg", name: "MINT-Region Wolfsburg", kind: "region", landCode: "NI", description: "Regionales Netzwerk mit starker Beteiligung der Industrie." },
  { key: "region-karlsruhe", name: "MINT-Region Technologieregion Karlsruhe", kind: "region", landCode: "BW", description: "Netzwerk in der Technologieregion Karlsruhe." },
  { key: "region-aachen", name: "zdi-Netzwerk Aachen", kind: "region", landCode: "NW", description: "Eines der zdi-Netzwerke in Nordrhein-Westfalen." },
  { key: "partner-sachsen", name: "MINT-Hub Sachsen", kind: "partner", landCode: "SN", description: "Vernetzungsangebot für MINT-Akteure in Sachsen, mit einer AG MINT-Koordinierung seit 2020." },
  { key: "partner-mv", name: "MINTforum MV", kind: "partner", landCode: "MV", description: "Plattform für MINT-Angebote in Mecklenburg-Vorpommern." },
  ...LAENDER.map((land): OrgSeed => ({
    key: `ministry-${land.code.toLowerCase()}`,
    name: `Bildungsministerium ${land.name}`,
    kind: "ministry",
    landCode: land.code,
    description: `Für MINT-Bildung zuständiges Landesministerium in ${land.name}.`,
  })),
];

type UserSeed = { email: string; name: string; org: string | null; role: PlatformRole };

export const DEMO_ACCOUNTS: UserSeed[] = [
  { email: "admin@laenderforum.example", name: "Lena Hoffmann", org: "programme", role: "admin" },
  { email: "by@laenderforum.example", name: "Tobias Brandl", org: "by", role: "member" },
  { email: "nw@laenderforum.example", name: "Miriam Schulte", org: "nw", role: "member" },
  { email: "ministerium-rp@laenderforum.example", name: "Dr. Helga Reinhardt", org: "ministry-rp", role: "member" },
  { email: "gast@laenderforum.example", name: "Gast (Beobachtung)", org: null, role: "member" },
];

export const MORE_USERS: UserSeed[] = [
  { email: "leitung@laenderforum.example", name: "Felix Baumann", org: "programme", role: "member" },
  { email: "rp@laenderforum.example", name: "Jonas Weber", org: "rp", role: "member" },
  { email: "th@laenderforum.example", name: "Katrin Vogt", org: "th", role: "member" },
  { email: "bw@laenderforum.example", name: "Sabine Krüger", org: "bw", role: "member" },
  { email: "ministerium-by@laenderforum.example", name: "Andreas Huber", org: "ministry-by", role: "member" },
  { email: "ministerium-nw@laenderforum.example", name: "Claudia Lenz", org: "ministry-nw", role: "member" },
  { email: "ministerium-th@laenderforum.example", name: "Ralf Sommer", org: "ministry-th", role: "member" },
  { email: "westpfalz@laenderforum.example", name: "Anna Keller", org: "region-westpfalz", role: "member" },
  { email: "mittelhessen@laenderforum.example", name: "David Roth", org: "region-mittelhessen", role: "member" },
  { email: "harburg@laenderforum.example", name: "Julia Peters", org: "region-harburg", role: "member" },
  { email: "nordthueringen@laenderforum.example", name: "Markus Fiedler", org: "region-nordthueringen", role: "member" },
];

type SpaceSeed = { slug: string; name: string; description: string; visibility: SpaceVisibility; members: Array<[email: string, role: SpaceRole]> };

const at = (local: string) => `${local}@laenderforum.example`;

export const SPACES: SpaceSeed[] = [
  {
    slug: "laenderbeirat",
    name: "Länderbeirat",
    visibility: "members",
    description:
      "Die Leitungen der Landeskoordinierungsstellen tauschen Erfahrungen aus, identifizieren Leitthemen, formulieren gemeinsame Ziele und Positionspapiere für den bundespolitischen Diskurs und wirken als Jury in Auswahlverfahren. Der Beirat trifft sich mindestens zweimal im Jahr.",
    members: [[at("leitung"), "chair"], [at("by"), "member"], [at("nw"), "member"], [at("rp"), "member"], [at("th"), "member"], [at("bw"), "member"]],
  },
  {
    slug: "laender-round-table",
    name: "Länder-Round-Table",
    visibility: "members",
    description:
      "Vertreterinnen und Vertreter der für MINT zuständigen Landesministerien. Der Round-Table tagt einmal im Jahr, erfährt Neues aus den Regionen und bespricht aktuelle Herausforderungen mit dem Programmbüro.",
    members: [[at("leitung"), "chair"], [at("ministerium-rp"), "member"], [at("ministerium-by"), "member"], [at("ministerium-nw"), "member"], [at("ministerium-th"), "member"]],
  },
  {
    slug: "mint-regionen",
    name: "MINT-Regionen",
    visibility: "platform",
    description:
      "Offener Austausch aller MINT-Regionen: gute Praxis teilen, Fragen stellen, voneinander lernen. Sichtbar für alle Mitglieder der Plattform.",
    members: [
      [at("leitung"), "chair"], [at("by"), "member"], [at("nw"), "member"], [at("rp"), "member"], [at("th"), "member"], [at("bw"), "member"],
      [at("westpfalz"), "member"], [at("mittelhessen"), "member"], [at("harburg"), "member"], [at("nordthueringen"), "member"],
      [at("ministerium-rp"), "commenter"], [at("gast"), "reader"],
    ],
  },
];
