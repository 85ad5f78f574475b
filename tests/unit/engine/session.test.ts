import type { RecordBatch } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { QueryError } from '$lib/engine';
import { queryError } from '$lib/engine/types';
import { rows } from '../helpers/fixture';
import { nodeSession } from '../helpers/node-session';

const db = nodeSession();

async function drain(statement: string): Promise<RecordBatch[]> {
	const batches: RecordBatch[] = [];
	for await (const batch of await db.session.stream(statement)) batches.push(batch);
	return batches;
}

describe('session (a second connection for the console)', () => {
	it('knows the schema before the rows and streams them in batches', async () => {
		const stream = await db.session.stream('SELECT range AS i, range * 2 AS j FROM range(100000)');
		expect(stream.schema.fields.map((f) => f.name)).toEqual(['i', 'j']);
		let total = 0;
		let batches = 0;
		for await (const batch of stream) {
			total += batch.numRows;
			batches++;
		}
		expect(total).toBe(100000);
		expect(batches).toBeGreaterThan(1);
	});

	it('keeps its temporary views to itself', async () => {
		await drain('CREATE TEMP VIEW mine AS SELECT 42 AS answer');
		expect((await drain('SELECT * FROM mine'))[0]?.get(0)?.toJSON()).toEqual({ answer: 42 });
		await expect(db.engine.query('SELECT * FROM mine')).rejects.toThrow(/mine/);
	});

	it('cancels a running statement and stays usable', async () => {
		const running = drain('SELECT count(*) FROM range(200000000) a, range(1000) b');
		await Promise.resolve();
		await db.session.cancel();
		const error = await running.then(
			() => null,
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(QueryError);
		expect((error as QueryError).cancelled).toBe(true);
		expect((await drain('SELECT 1 AS one'))[0]?.numRows).toBe(1);
	});

	it('stops a streaming result when cancelled between batches', async () => {
		const stream = await db.session.stream('SELECT * FROM range(1000000)');
		let seen = 0;
		const error = await (async () => {
			for await (const batch of stream) {
				seen += batch.numRows;
				if (seen > 10000) await db.session.cancel();
			}
		})().then(
			() => null,
			(e: unknown) => e
		);
		expect((error as QueryError).cancelled).toBe(true);
		expect(seen).toBeLessThan(1000000);
	});

	it('reports a failure as a QueryError carrying the SQL', async () => {
		const error = await db.session.stream('SELECT * FROM nowhere').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(QueryError);
		expect((error as QueryError).sql).toBe('SELECT * FROM nowhere');
		expect((error as QueryError).cancelled).toBe(false);
		expect(await rows(db.engine, 'SELECT 1 AS still_fine')).toEqual([{ still_fine: 1 }]);
	});

	it('reads the browser worker’s JSON errors as DuckDB’s text with its position', () => {
		const worker = new Error('{"exception_type":"Parser","exception_message":"syntax error at or near \\"x\\"","error_subtype":"SYNTAX_ERROR","position":"16"}');
		const error = queryError(worker, 'SELECT * FROMM x');
		expect(error.message).toBe('Parser Error: syntax error at or near "x"');
		expect(error.position).toBe(16);
		expect(queryError(new Error('{not json'), 'SELECT 1').message).toBe('{not json');
		expect(queryError(new Error('Binder Error: nope'), 'SELECT 1').position).toBeNull();
	});
});
