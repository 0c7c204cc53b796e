// Demo position papers (filled in by the live co-editing issue).
import type { PrismaClient } from "../app/generated/prisma/client.ts";

export async function seedDocuments(_db: PrismaClient) {}
