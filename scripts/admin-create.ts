// `npm run admin:create -- --email a@b.de --name "Name" [--password …]`, or interactively.
// Creates (or promotes) the first admin of a real installation.
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { recordAudit } from "../app/models/audit.server.ts";
import { closeDb, db } from "../app/db/db.server.ts";
import { dbNow, newId } from "../app/db/values.ts";
import { LIMITS } from "../app/domain/model.ts";
import { hashPassword } from "../app/auth/password.server.ts";
import { emailField, requiredText } from "../app/forms/schemas.ts";

const AdminSchema = z.object({
  email: emailField,
  name: requiredText(LIMITS.nameMax),
  password: z.string().min(LIMITS.passwordMin, `password: at least ${LIMITS.passwordMin} characters`).max(LIMITS.passwordMax),
});

async function main() {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, password: { type: "string" } } });
  const answers = { ...values };
  if (!answers.email || !answers.name || !answers.password) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    answers.email ??= await rl.question("E-Mail-Adresse: ");
    answers.name ??= await rl.question("Name: ");
    answers.password ??= await rl.question(`Passwort (mindestens ${LIMITS.passwordMin} Zeichen): `);
    rl.close();
  }
  const parsed = AdminSchema.safeParse(answers);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`${issue.path.join(".")}: ${issue.message}`);
    process.exitCode = 1;
    return;
  }
  const { email, name, password } = parsed.data;
  const passwordHash = await hashPassword(password); // before the transaction: nothing slow inside one
  await db.transaction().execute(async (trx) => {
    const now = dbNow();
    const user = await trx
      .insertInto("User")
      .values({ id: newId(), email, name, passwordHash, role: "admin", status: "active", createdAt: now, updatedAt: now })
      .onConflict((oc) => oc.column("email").doUpdateSet({ name, passwordHash, role: "admin", status: "active", updatedAt: now }))
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit({ actorId: null, action: "user.admin-create", targetType: "user", targetId: user.id }, trx);
  });
  console.log(`Admin-Konto ${email} ist bereit.`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(closeDb);
