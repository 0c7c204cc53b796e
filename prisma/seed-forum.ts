// Demo threads and best practices (filled in by the forum issue).
import type { PrismaClient } from "../app/generated/prisma/client.ts";

export async function seedForum(_db: PrismaClient) {}
