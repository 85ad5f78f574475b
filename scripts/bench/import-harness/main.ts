/**
 * The import bench's page (`scripts/bench/import.bench-run.ts` builds it with Vite): the
 * browser engine and the ingest functions the Import page uses, and a bare `read_csv` of
 * the same file, run on the file in the input. Figures are milliseconds from `performance.now()`.
 */
import { startBrowserEngine } from '$lib/engine/browser';
import { buildAnalysisRelations } from '$lib/data/analysis-relations';
import { saveImport } from '$lib/data/imported-data';
import { commitImport, detectTable, inspectFile, prepareImport, resolvePreset, warmImportPath } from '$lib/ingest';

const input = document.querySelector<HTMLInputElement>('#file');
const picked = (): File => {
	const file = input?.files?.[0];
	if (!file) throw new Error('no file in the input');
	return file;
};

/** A fresh engine, or the Import page's: warmed on the page's generated exports when it opened (not timed). */
async function engineFor(page: 'fresh' | 'import') {
	const engine = await startBrowserEngine();
	const [, warmMs] = page === 'import' ? await timed(() => warmImportPath(engine)) : [undefined, 0];
	return { engine, warmMs };
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
	const start = performance.now();
	const value = await run();
	return [value, performance.now() - start];
}

const bench = {
	/**
	 * The Import page's path: inspect, detect, map, validate, de-duplicate, save, swap in; then
	 * the analysis tables every load builds. The save and the analysis tables are timed apart.
	 */
	async full(page: 'fresh' | 'import') {
		const { engine, warmMs } = await engineFor(page);
		const file = picked();
		const [prepared, prepareMs] = await timed(async () => {
			const inspected = await inspectFile(file);
			const detection = detectTable(inspected.header, file.name);
			if (!detection) throw new Error('no table detected');
			return prepareImport(engine, [{ name: file.name, blob: file, mapping: resolvePreset(detection.preset, inspected.header), sniffed: inspected.sniffed }]);
		});
		// As the page does: saved first (a failed save changes nothing), then swapped in.
		const [, saveMs] = await timed(() => saveImport(engine, prepared, true));
		const [, commitMs] = await timed(() => commitImport(engine, prepared, true));
		const [, analysisMs] = await timed(() => buildAnalysisRelations(engine));
		const count = await engine.query('SELECT count(*)::INTEGER AS n FROM tickets');
		return { warmMs, prepareMs, commitMs, analysisMs, saveMs, rows: Number(count.getChild('n')?.get(0)), report: prepared.report.tables[0] };
	},
	/** The same bytes into DuckDB and one `CREATE TABLE AS SELECT * FROM read_csv(...)`, nothing else. */
	async bare(page: 'fresh' | 'import') {
		const { engine } = await engineFor(page);
		const file = picked();
		const [, ms] = await timed(async () => {
			await engine.registerFile('ingest/bare.csv', new Uint8Array(await file.arrayBuffer()));
			await engine.query(`CREATE TABLE t AS SELECT * FROM read_csv('ingest/bare.csv')`);
		});
		const count = await engine.query('SELECT count(*)::INTEGER AS n FROM t');
		return { ms, rows: Number(count.getChild('n')?.get(0)) };
	}
};

(window as unknown as { hypercareBench: typeof bench }).hypercareBench = bench;
document.body.dataset.ready = 'true';
