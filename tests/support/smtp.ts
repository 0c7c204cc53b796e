// A real SMTP server in the test process (smtp-server), with every received message parsed by
// mailparser. It can be stopped and started again on the same port, to play a mail server that is
// down for a while.
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/** `secure`: the message came over TLS (STARTTLS). */
export type ReceivedMail = { parsed: ParsedMail; raw: string; envelopeTo: string[]; secure: boolean };

export type TestSmtp = {
  port: number;
  url: string;
  mails: ReceivedMail[];
  /** Resolves with the first received mail (already received or future) that matches. */
  waitFor: (match: (mail: ReceivedMail) => boolean, what: string, timeoutMs?: number) => Promise<ReceivedMail>;
  start: () => Promise<void>;
  stop: () => Promise<void>;
};

/** With `tls` the server offers STARTTLS with that key and certificate; without, plain SMTP only. */
export async function startSmtp(port = 0, tls?: { key: string; cert: string }): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let server: SMTPServer | null = null;
  const smtp: TestSmtp = {
    port,
    url: "",
    mails,
    async start() {
      server = new SMTPServer({
        authOptional: true,
        // Plain SMTP unless the test brings a certificate the client trusts.
        ...(tls ? { key: tls.key, cert: tls.cert } : { disabledCommands: ["STARTTLS"] }),
        logger: false,
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            const raw = Buffer.concat(chunks).toString("utf8");
            void simpleParser(raw).then((parsed) => {
              mails.push({ parsed, raw, envelopeTo: session.envelope.rcptTo.map((r) => r.address), secure: session.secure });
              for (const wake of waiters) wake();
              callback();
            }, callback);
          });
        },
      });
      await new Promise<void>((resolve, reject) => {
        server!.once("error", reject);
        server!.listen(smtp.port, "127.0.0.1", () => resolve());
      });
      const address = server.server.address();
      smtp.port = typeof address === "object" && address ? address.port : smtp.port;
      smtp.url = `smtp://127.0.0.1:${smtp.port}`;
    },
    async stop() {
      if (!server) return;
      const s = server;
      server = null;
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    waitFor(match, what, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = mails.find(match);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for mail: ${what}; received: ${mails.map((m) => `${m.envelopeTo.join(",")} ${m.parsed.subject}`).join(" | ")}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
  };
  await smtp.start();
  return smtp;
}

/** The first absolute link in a mail's text part that starts with `prefix`. */
export function linkIn(mail: ReceivedMail, prefix: string) {
  const text = mail.parsed.text ?? "";
  const found = text.split(/\s+/).find((word) => word.startsWith(prefix));
  if (!found) throw new Error(`no link ${prefix}… in:\n${text}`);
  return found;
}

/** A raw header's value (mailparser structures List-* headers; tests want the wire form). */
export function rawHeader(mail: ReceivedMail, name: string) {
  const line = mail.parsed.headerLines.find((h) => h.key === name.toLowerCase());
  return line ? line.line.slice(line.line.indexOf(":") + 1).replace(/\r?\n\s+/g, " ").trim() : null;
}
