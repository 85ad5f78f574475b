import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(':memory:', { threads: '2' });
const c = await inst.connect();
const t = async (label: string, q: string) => { const c0 = process.cpuUsage(); const w0 = performance.now(); await c.run(q); const u = process.cpuUsage(c0); console.log(label, ((performance.now() - w0) / 1000).toFixed(2), 'wall', ((u.user + u.system) / 1e6).toFixed(2), 'cpu'); };
await t('load', `CREATE TABLE b AS SELECT * FROM read_csv('/tmp/pub/out-a2/data/billing.csv.gz', header=true, nullstr='')`);
await t('piece rowid', `COPY (SELECT * FROM b WHERE rowid >= 5000000 AND rowid < 5125000) TO '/tmp/pub/p.csv' (HEADER false, COMPRESSION none)`);
await t('piece limit', `COPY (SELECT * FROM b LIMIT 125000 OFFSET 5000000) TO '/tmp/pub/p.csv' (HEADER false, COMPRESSION none)`);
await t('whole', `COPY b TO '/tmp/pub/w.csv' (HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"', NULLSTR '', COMPRESSION none, USE_TMP_FILE false)`);
await t('whole sorted select', `COPY (SELECT * FROM b ORDER BY encounter_id) TO '/tmp/pub/w2.csv' (HEADER true, COMPRESSION none)`);
