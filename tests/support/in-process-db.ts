// Vitest setup for in-process tests: each test file gets its own copy of the template database
// before any app module (and so the Prisma client) is imported.
import { freshDatabase, TEST_SESSION_SECRET } from "./paths.ts";

const { url } = freshDatabase("unit");
process.env.DATABASE_URL = url;
process.env.SESSION_SECRET = TEST_SESSION_SECRET;
process.env.NODE_ENV = "test";
