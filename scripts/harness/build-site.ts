import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Builds the static site on a given data folder into its own output folder (not build/). */
export function buildSite(dataDir: string, outDir: string): void {
	execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], {
		env: { ...process.env, NODE_ENV: 'production', HYPERCARE_DATA_DIR: dataDir, HYPERCARE_BUILD_DIR: outDir },
		stdio: 'pipe'
	});
}

const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** Writes one CSV per table plus the manifest the bundled-data plugin serves. */
export function writeDataFolder(dir: string, tables: Record<string, readonly (readonly string[])[]>): void {
	mkdirSync(dir, { recursive: true });
	const entries = Object.entries(tables).map(([table, rows]) => {
		const text = rows.map((row) => row.map(quote).join(',')).join('\n') + '\n';
		const file = `${table}.csv`;
		writeFileSync(path.join(dir, file), text);
		return { table, file, rows: rows.length - 1, bytes: Buffer.byteLength(text) };
	});
	writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ tables: entries }));
}
