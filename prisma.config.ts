// Prisma 7 configuration, read by the Prisma CLI (run it through tools/prisma/prisma.mjs, or the
// npm scripts db:*). The CLI no longer reads the URL from schema.prisma nor loads `.env` files.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  // `prisma generate` (run on install) needs no database, so an unset DATABASE_URL is not an
  // error here; migrate commands report it themselves.
  ...(process.env['DATABASE_URL']
    ? {
        datasource: {
          url: process.env['DATABASE_URL'],
          ...(process.env['SHADOW_DATABASE_URL'] ? { shadowDatabaseUrl: process.env['SHADOW_DATABASE_URL'] } : {}),
        },
      }
    : {}),
});
