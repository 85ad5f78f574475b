import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? files(full) : [full];
	});
}

describe('the built static site', () => {
	it('fits hosts that limit files to 25 MiB: DuckDB ships gzipped, no raw wasm', () => {
		const all = files('build');
		const largest = Math.max(...all.map((f) => statSync(f).size));
		expect(largest).toBeLessThan(25 * 1024 * 1024);
		expect(all.filter((f) => f.endsWith('.wasm'))).toEqual([]);
		expect(all.filter((f) => f.endsWith('.wasm.gz')).length).toBe(2);
	});
});
