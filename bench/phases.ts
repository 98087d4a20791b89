// Phase probe child: replays what `qingshan start` does (src/cli/server.ts → src/platform/boot.ts),
// one step at a time, and prints how long each step took. Run through the same tsx loader as the CLI:
//   node bin/run-ts.js bench/phases.ts <dataDir> <port>
// Prints one line `PHASES {json}`. It imports the platform's own modules and changes nothing in them.
// Only dynamic imports, so the first line below runs right after Node has booted and tsx has registered.
const entered = performance.now();

export interface PhaseTimes {
  /** Node boot and tsx registration: performance.now() counts from the process's start. */
  bootAndTsx: number;
  /** Loading the platform's modules (Fastify, Kysely, argon2, the app's own TypeScript). */
  importPlatform: number;
  /** Loading the PGlite and PostGIS JavaScript modules. */
  importPglite: number;
  /** PGlite.create with the PostGIS extension: on an empty folder this includes initdb. */
  openPglite: number;
  /** CREATE EXTENSION IF NOT EXISTS postgis, ahead of the migrations so it is timed apart. */
  createPostgis: number;
  /** Pending migrations (the rest of the schema) and the bookkeeping checks. */
  migrate: number;
  /** The city's organisations (skipped on a later start). */
  seed: number;
  seedTasks: number;
  /** The administrator with an argon2-hashed one-time password (skipped on a later start). */
  administrator: number;
  /** Building the Fastify app: plugins, routes, schemas, Swagger. */
  buildApp: number;
  listen: number;
  /** The first GET /api/health over HTTP. */
  firstHealth: number;
  /** Process start → first health answer. */
  total: number;
  migrationsRun: string[];
  seeded: number;
}

async function main(): Promise<void> {
  const [dataDir, portText] = process.argv.slice(2);
  // If the benchmark itself is killed outright, do not linger.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && process.exit(1), 500).unref();
  if (!dataDir || !portText) throw new Error('usage: phases.ts <dataDir> <port>');
  const marks: number[] = [entered];
  const mark = () => {
    const now = performance.now();
    const since = now - marks[marks.length - 1]!;
    marks.push(now);
    return since;
  };

  const [{ loadConfig }, { openStorage }, { migrate }, { seedOrganisations }, { ensureAdministrator }, { SYSTEM_ACTOR }, { buildApp }, { seedTaskLists }] =
    await Promise.all([
      import('../src/config/index.ts'),
      import('../src/db/connect.ts'),
      import('../src/db/migrate.ts'),
      import('../src/orgs/seed.ts'),
      import('../src/users/service.ts'),
      import('../src/audit/store.ts'),
      import('../src/server/app.ts'),
      import('../src/tasks/seed.ts'),
    ]);
  const importPlatform = mark();
  await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite-postgis')]);
  const importPglite = mark();

  const config = loadConfig(process.env, { dataDir, port: Number(portText), host: '127.0.0.1' });
  const storage = await openStorage(config.storage);
  const openPglite = mark();
  await storage.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  const createPostgis = mark();
  const migrationsRun = await migrate(storage);
  const migrateMs = mark();
  const seed = await seedOrganisations(storage.db, config.seed);
  const seedMs = mark();
  await seedTaskLists(storage.db, config.seed);
  const seedTasksMs = mark();
  await ensureAdministrator(storage.db, SYSTEM_ACTOR);
  const administrator = mark();
  const app = await buildApp(storage, config);
  const buildAppMs = mark();
  await app.listen({ port: config.port, host: config.host });
  const listen = mark();
  const response = await fetch(`http://127.0.0.1:${config.port}/api/health`);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`health answered ${response.status}`);
  const firstHealth = mark();

  const times: PhaseTimes = {
    bootAndTsx: entered,
    importPlatform,
    importPglite,
    openPglite,
    createPostgis,
    migrate: migrateMs,
    seed: seedMs,
    seedTasks: seedTasksMs,
    administrator,
    buildApp: buildAppMs,
    listen,
    firstHealth,
    total: performance.now(),
    migrationsRun,
    seeded: 'loaded' in seed ? seed.loaded : 0,
  };
  console.log(`PHASES ${JSON.stringify(times)}`);
  await app.close();
  await storage.close();
}

// Only when run as the probe itself, not when the parent imports the PhaseTimes type.
if (process.argv[1]?.endsWith('phases.ts')) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
