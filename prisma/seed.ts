// `npm run db:seed` (and `npm start`): writes the 16 Länder always, and the demo data into a
// database that has no users yet, unless SEED_DEMO=0.
import crypto from "node:crypto";
import { drainEvents } from "../app/events/processor.server.ts";
import { rebuildSearchIndex } from "../app/models/forum.server.ts";
import { rebuildPaperSearchIndex } from "../app/models/search.server.ts";
import { closeDb } from "../app/db/db.server.ts";
import { db, dbReady, disconnectDb } from "../app/db/prisma.server.ts";
import { getEnv } from "../app/infra/env.server.ts";
import { hashPassword } from "../app/auth/password.server.ts";
import { DEMO_ACCOUNTS, LAENDER, MORE_USERS, ORGANISATIONS, SPACES } from "./seed-data.ts";
import { seedDocuments } from "./seed-documents.ts";
import { seedForum } from "./seed-forum.ts";

export async function seedLaender() {
  for (const land of LAENDER) {
    await db.land.upsert({ where: { code: land.code }, create: land, update: { name: land.name } });
  }
}

/** Writes the demo data into a database without users; returns whether it did. */
export async function seedDemo(password: string): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const orgIds = new Map<string, string>();
    for (const { key, ...org } of ORGANISATIONS) {
      orgIds.set(key, (await tx.organisation.create({ data: org })).id);
    }
    const userIds = new Map<string, string>();
    for (const u of [...DEMO_ACCOUNTS, ...MORE_USERS]) {
      const user = await tx.user.create({
        data: { email: u.email, name: u.name, role: u.role, status: "active", passwordHash, organisationId: u.org ? orgIds.get(u.org) : null },
      });
      userIds.set(u.email, user.id);
    }
    for (const { members, ...space } of SPACES) {
      const created = await tx.space.create({ data: space });
      for (const [email, role] of members) {
        await tx.membership.create({ data: { spaceId: created.id, userId: userIds.get(email)!, role } });
      }
    }
  });
  await seedForum(db);
  await seedDocuments(db);
  return true;
}

/**
 * An empty search index beside existing posts or papers means the index format changed (a migration
 * empties it): rebuild it. Papers written by the seed without the index are added the same way.
 */
async function ensureSearchIndex() {
  if ((await db.searchEntry.count({ where: { type: "post" } })) === 0 && (await db.post.count()) > 0) {
    console.log(`Suchindex neu aufgebaut: ${await rebuildSearchIndex()} Beiträge.`);
  }
  if ((await db.searchEntry.count({ where: { type: "paper" } })) < (await db.document.count())) {
    console.log(`Suchindex neu aufgebaut: ${await rebuildPaperSearchIndex()} Positionspapiere und Kommentare.`);
  }
}

async function main() {
  const env = getEnv();
  await dbReady;
  await seedLaender();
  await ensureSearchIndex();
  if (env.SEED_DEMO === "0") {
    console.log("SEED_DEMO=0: keine Demodaten geschrieben. Erstes Admin-Konto: npm run admin:create");
    return;
  }
  const password = env.SEED_PASSWORD ?? crypto.randomBytes(12).toString("base64url");
  if (await seedDemo(password)) {
    await ensureSearchIndex();
    // The demo threads' notifications, now rather than at the first start.
    await drainEvents();
    console.log("Demodaten angelegt. Demo-Konten:");
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.email}`);
    console.log(env.SEED_PASSWORD ? "Passwort: der Wert von SEED_PASSWORD" : `Passwort (wird nur jetzt angezeigt): ${password}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main()
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => Promise.all([disconnectDb(), closeDb()]));
}
