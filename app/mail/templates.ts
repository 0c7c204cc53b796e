// Every mail the platform sends, in German: one function per kind returning subject, plain text and
// HTML. The HTML is self-contained (inline styles, no images, no remote resources, no tracking) and
// says the same as the text. Links are absolute, from PUBLIC_URL (passed in as `base`). Secrets in a
// mail (reset and invitation links) are listed in `secrets`, so the outbox can redact them.
import type { MailPreferenceKind } from "../domain/mail.ts";
import type { NotificationKind } from "../domain/model.ts";

export type RenderedMail = {
  subject: string;
  text: string;
  html: string;
  /** Substrings that must never appear in logs or the admins' outbox view outside development. */
  secrets: string[];
};

const berlinDateTime = new Intl.DateTimeFormat("de-DE", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Berlin" });
const berlinDay = new Intl.DateTimeFormat("de-DE", { dateStyle: "long", timeZone: "Europe/Berlin" });

export function escapeHtml(value: string) {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

type Block = { kind: "p"; text: string } | { kind: "link"; label: string; href: string } | { kind: "h2"; text: string } | { kind: "list"; items: Array<{ text: string; href?: string }> };

const SIGNATURE = "Ihr Länderforum";

/** Builds text and HTML from the same blocks, so the two parts never drift apart. */
function compose(subject: string, blocks: Block[], footer: Block[] = []): Omit<RenderedMail, "secrets"> {
  const textPart = (b: Block) => {
    switch (b.kind) {
      case "p": return b.text;
      case "h2": return `${b.text}\n${"-".repeat(Math.min(b.text.length, 60))}`;
      case "link": return `${b.label}:\n${b.href}`;
      case "list": return b.items.map((i) => `- ${i.text}${i.href ? `\n  ${i.href}` : ""}`).join("\n");
    }
  };
  const htmlPart = (b: Block) => {
    switch (b.kind) {
      case "p": return `<p style="margin:0 0 1em">${escapeHtml(b.text).replace(/\n/g, "<br>")}</p>`;
      case "h2": return `<h2 style="font-size:1.1em;margin:1.2em 0 .4em">${escapeHtml(b.text)}</h2>`;
      case "link": return `<p style="margin:0 0 1em"><a href="${escapeHtml(b.href)}" style="color:#0b4f8a">${escapeHtml(b.label)}</a></p>`;
      case "list": return `<ul style="margin:0 0 1em;padding-left:1.2em">${b.items.map((i) => `<li>${i.href ? `<a href="${escapeHtml(i.href)}" style="color:#0b4f8a">${escapeHtml(i.text)}</a>` : escapeHtml(i.text)}</li>`).join("")}</ul>`;
    }
  };
  const text = [...blocks.map(textPart), SIGNATURE, ...(footer.length ? ["-- ", ...footer.map(textPart)] : [])].join("\n\n") + "\n";
  const html = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`
    + `<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;max-width:40em;margin:0 auto;padding:1em">`
    + blocks.map(htmlPart).join("")
    + `<p style="margin:1.5em 0 0">${SIGNATURE}</p>`
    + (footer.length ? `<hr style="border:0;border-top:1px solid #ccc;margin:1.5em 0"><div style="font-size:13px;color:#555">${footer.map(htmlPart).join("")}</div>` : "")
    + `</body></html>`;
  return { subject, text, html };
}

const url = (base: string, path: string) => new URL(path, base).toString();

export function invitationMail(input: { base: string; token: string; inviterName: string; spaceName: string | null; expiresAt: Date }): RenderedMail {
  const link = url(input.base, `/invite/${input.token}`);
  const where = input.spaceName ? `in das Gremium „${input.spaceName}“` : "in das Länderforum";
  return {
    ...compose(`Einladung ${where}`, [
      { kind: "p", text: "Guten Tag," },
      { kind: "p", text: `${input.inviterName} lädt Sie ${where} ein.` },
      { kind: "link", label: "Einladung annehmen", href: link },
      { kind: "p", text: `Der Link gilt bis ${berlinDateTime.format(input.expiresAt)} und nur einmal. Wenn Sie die Einladung nicht erwartet haben, können Sie diese Nachricht ignorieren.` },
    ]),
    secrets: [input.token],
  };
}

export function passwordResetMail(input: { base: string; token: string; name: string }): RenderedMail {
  const link = url(input.base, `/password/reset/${input.token}`);
  return {
    ...compose("Passwort zurücksetzen", [
      { kind: "p", text: `Guten Tag ${input.name},` },
      { kind: "p", text: "für Ihr Konto im Länderforum wurde ein neues Passwort angefordert. Über diesen Link legen Sie es fest:" },
      { kind: "link", label: "Neues Passwort festlegen", href: link },
      { kind: "p", text: "Der Link gilt eine Stunde und nur einmal. Danach sind Sie überall sonst abgemeldet. Wenn Sie kein neues Passwort angefordert haben, ignorieren Sie diese Nachricht; Ihr Passwort bleibt unverändert." },
    ]),
    secrets: [input.token],
  };
}

export function emailChangeMail(input: { base: string; token: string; name: string; newAddress: string }): RenderedMail {
  const link = url(input.base, `/profile/email/${input.token}`);
  return {
    ...compose("Neue E-Mail-Adresse bestätigen", [
      { kind: "p", text: `Guten Tag ${input.name},` },
      { kind: "p", text: `bitte bestätigen Sie, dass Ihr Konto im Länderforum künftig die Adresse ${input.newAddress} verwendet.` },
      { kind: "link", label: "Adresse bestätigen", href: link },
      { kind: "p", text: "Der Link gilt 24 Stunden. Wenn Sie die Änderung nicht veranlasst haben, ignorieren Sie diese Nachricht." },
    ]),
    secrets: [input.token],
  };
}

/** To the old address when a change of address is asked for: nothing changes until it is confirmed. */
export function emailChangeNoticeMail(input: { base: string; name: string; newAddress: string }): RenderedMail {
  return {
    ...compose("Änderung Ihrer E-Mail-Adresse angefordert", [
      { kind: "p", text: `Guten Tag ${input.name},` },
      { kind: "p", text: `für Ihr Konto im Länderforum wurde die neue Adresse ${input.newAddress} angegeben. Sie gilt erst, wenn der Link in der Nachricht an diese Adresse geöffnet wird; bis dahin melden Sie sich wie bisher an.` },
      { kind: "p", text: "Wenn Sie das nicht waren, ändern Sie bitte Ihr Passwort und beenden Sie unbekannte Sitzungen in Ihrem Profil:" },
      { kind: "link", label: "Profil öffnen", href: url(input.base, "/profile") },
    ]),
    secrets: [],
  };
}

/** When a person asks for their account's deletion: when it happens and how to cancel it. */
export function accountDeletionRequestedMail(input: { base: string; name: string; dueAt: Date }): RenderedMail {
  return {
    ...compose("Löschung Ihres Kontos beantragt", [
      { kind: "p", text: `Guten Tag ${input.name},` },
      { kind: "p", text: `Ihr Konto im Länderforum wird am ${berlinDay.format(input.dueAt)} gelöscht. Ihre Beiträge und Kommentare bleiben lesbar und erscheinen dann als „ehemaliges Mitglied“.` },
      { kind: "p", text: "Bis dahin können Sie die Löschung in Ihrem Profil abbrechen:" },
      { kind: "link", label: "Profil öffnen", href: url(input.base, "/profile") },
    ]),
    secrets: [],
  };
}

/** A notification as a mail: what happened, where, and one link to it. */
export type NotificationItem = {
  kind: MailPreferenceKind;
  actorName: string | null;
  /** The thread or paper title. */
  title: string;
  spaceName: string;
  path: string;
  /** For comment periods and reminders. */
  deadline?: Date | null;
  /** For status changes. */
  status?: "adopted" | "published";
  /** The thread or paper this item belongs to, for grouping in the overview. */
  groupKey: string;
  /** The in-app kind, where it says more than the preference it falls under (invitation to a paper, a comment on it). */
  notificationKind?: NotificationKind;
};

export function describeNotification(item: NotificationItem): string {
  const who = item.actorName ?? "Jemand";
  const deadline = item.deadline ? berlinDay.format(item.deadline) : null;
  if (item.notificationKind === "document-invite") return `${who} hat Sie zum Positionspapier „${item.title}“ eingeladen.`;
  if (item.notificationKind === "document-comment") return `${who} hat „${item.title}“ kommentiert.`;
  if (item.notificationKind === "document-suggestion") return `${who} hat eine Änderung an „${item.title}“ vorgeschlagen.`;
  if (item.notificationKind === "suggestion-decided") return `${who} hat über Ihren Änderungsvorschlag zu „${item.title}“ entschieden.`;
  switch (item.kind) {
    case "mention": return `${who} hat Sie in „${item.title}“ erwähnt.`;
    case "reply": return `${who} hat in „${item.title}“ geantwortet, einem Thema, dem Sie folgen.`;
    case "accepted": return `In „${item.title}“ wurde eine Antwort als Lösung markiert.`;
    case "new-thread": return `${who} hat das Thema „${item.title}“ begonnen.`;
    case "document-new": return `Neues Positionspapier in ${item.spaceName}: „${item.title}“.`;
    case "document-review": return `Die Kommentierungsphase für „${item.title}“ hat begonnen${deadline ? `; Frist: ${deadline}` : ""}.`;
    case "document-deadline": return `Die Kommentierungsfrist für „${item.title}“ endet ${deadline ? `am ${deadline}` : "morgen"}.`;
    case "document-status": return `„${item.title}“ wurde ${item.status === "published" ? "veröffentlicht" : "beschlossen"}.`;
    case "comment-reply": return `${who} hat auf Ihren Kommentar zu „${item.title}“ geantwortet.`;
  }
}

const SUBJECTS: Record<MailPreferenceKind, (i: NotificationItem) => string> = {
  mention: (i) => `Erwähnung in „${i.title}“`,
  reply: (i) => `Neue Antwort in „${i.title}“`,
  accepted: (i) => `Lösung markiert: „${i.title}“`,
  "new-thread": (i) => `Neues Thema in ${i.spaceName}: „${i.title}“`,
  "document-new": (i) => `Neues Positionspapier: „${i.title}“`,
  "document-review": (i) => `Kommentierungsphase: „${i.title}“`,
  "document-deadline": (i) => `Frist endet bald: „${i.title}“`,
  "document-status": (i) => `${i.status === "published" ? "Veröffentlicht" : "Beschlossen"}: „${i.title}“`,
  "comment-reply": (i) => `Antwort auf Ihren Kommentar zu „${i.title}“`,
};

function preferencesFooter(base: string, unsubscribeUrl: string, what: string): Block[] {
  return [
    { kind: "p", text: `Sie erhalten diese Nachricht, weil Ihre Einstellungen ${what} vorsehen.` },
    { kind: "link", label: "Benachrichtigungen einstellen", href: url(base, "/profile/benachrichtigungen") },
    { kind: "link", label: "Diese Benachrichtigungen abbestellen", href: unsubscribeUrl },
  ];
}

/** Subjects for in-app kinds that say more than their preference's subject. */
const DETAIL_SUBJECTS: Partial<Record<NotificationKind, (i: NotificationItem) => string>> = {
  "document-invite": (i) => `Einladung zum Positionspapier „${i.title}“`,
  "document-comment": (i) => `Neuer Kommentar zu „${i.title}“`,
  "document-suggestion": (i) => `Neuer Änderungsvorschlag zu „${i.title}“`,
  "suggestion-decided": (i) => `Entscheidung über Ihren Änderungsvorschlag zu „${i.title}“`,
};

export function notificationMail(input: { base: string; name: string; item: NotificationItem; unsubscribeUrl: string }): RenderedMail {
  const { item } = input;
  const subject = (item.notificationKind && DETAIL_SUBJECTS[item.notificationKind]) || SUBJECTS[item.kind];
  return {
    ...compose(subject(item), [
      { kind: "p", text: `Guten Tag ${input.name},` },
      { kind: "p", text: describeNotification(item) },
      { kind: "p", text: `Gremium: ${item.spaceName}` },
      { kind: "link", label: "Im Länderforum öffnen", href: url(input.base, item.path) },
    ], preferencesFooter(input.base, input.unsubscribeUrl, "für diese Art von Benachrichtigung eine sofortige E-Mail")),
    secrets: [],
  };
}

/** The daily or weekly overview: items grouped by Gremium, then by thread or paper. */
export function digestMail(input: { base: string; name: string; cadence: "daily" | "weekly"; items: NotificationItem[]; unsubscribeUrl: string }): RenderedMail {
  const bySpace = new Map<string, Map<string, NotificationItem[]>>();
  for (const item of input.items) {
    const groups = bySpace.get(item.spaceName) ?? new Map<string, NotificationItem[]>();
    groups.set(item.groupKey, [...(groups.get(item.groupKey) ?? []), item]);
    bySpace.set(item.spaceName, groups);
  }
  const blocks: Block[] = [
    { kind: "p", text: `Guten Tag ${input.name},` },
    { kind: "p", text: `hier ist Ihr ${input.cadence === "daily" ? "täglicher" : "wöchentlicher"} Überblick: ${input.items.length === 1 ? "eine Neuigkeit" : `${input.items.length} Neuigkeiten`}.` },
  ];
  for (const [spaceName, groups] of [...bySpace].sort(([a], [b]) => a.localeCompare(b, "de"))) {
    blocks.push({ kind: "h2", text: spaceName });
    for (const items of groups.values()) {
      const first = items[0];
      const more = items.length > 1 ? ` (${items.length} Neuigkeiten)` : "";
      blocks.push({ kind: "list", items: [{ text: `${first.title}${more}`, href: url(input.base, items[items.length - 1].path) }] });
      blocks.push({ kind: "p", text: items.map(describeNotification).join("\n") });
    }
  }
  const label = input.cadence === "daily" ? "Täglicher Überblick" : "Wöchentlicher Überblick";
  return {
    ...compose(`${label} aus dem Länderforum`, blocks,
      preferencesFooter(input.base, input.unsubscribeUrl, `einen ${input.cadence === "daily" ? "täglichen" : "wöchentlichen"} Überblick`)),
    secrets: [],
  };
}
