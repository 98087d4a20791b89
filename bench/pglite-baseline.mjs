// Baseline child: the least a process can do to have PGlite + PostGIS ready, in plain Node (no tsx).
//   node bench/pglite-baseline.mjs <dataDir> cold   empty folder: create the cluster, CREATE EXTENSION postgis
//   node bench/pglite-baseline.mjs <dataDir> warm   existing folder: reopen it, SELECT postgis_version()
// A third argument names the PostGIS bundle to load instead of the package's own (the platform's trimmed one).
// Prints one line `READY {json}` once the database has answered; the parent times spawn → that line.
const entered = performance.now();
const [dataDir, mode, bundle] = process.argv.slice(2);
// If the benchmark itself is killed outright, do not linger.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && process.exit(1), 500).unref();
if (!dataDir || (mode !== 'cold' && mode !== 'warm')) {
  console.error('usage: pglite-baseline.mjs <dataDir> cold|warm');
  process.exit(2);
}
const [{ PGlite }, { postgis: stockPostgis }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite-postgis')]);
const postgis = bundle
  ? { name: stockPostgis.name, setup: async (pg, options) => ({ ...(await stockPostgis.setup(pg, options)), bundlePath: new URL(`file://${bundle}`) }) }
  : stockPostgis;
const imported = performance.now();
const db = await PGlite.create({ dataDir, extensions: { postgis } });
const opened = performance.now();
let version;
if (mode === 'cold') {
  await db.exec('CREATE EXTENSION postgis');
  version = (await db.query('SELECT postgis_version() AS v')).rows[0].v;
} else {
  version = (await db.query('SELECT postgis_version() AS v')).rows[0].v;
}
const ready = performance.now();
const cpu = process.cpuUsage();
console.log(
  `READY ${JSON.stringify({
    // performance.now() counts from the process's start, so `entered` is Node's own boot time.
    nodeBootMs: entered,
    importMs: imported - entered,
    openMs: opened - imported,
    queryMs: ready - opened,
    version,
    // CPU time of this process so far (user + system, all its threads), and its resident memory.
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssMiB: process.memoryUsage().rss / 2 ** 20,
  })}`,
);
await db.close();
