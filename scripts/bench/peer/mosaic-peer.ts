/**
 * The Overview's site cross-filter as Mosaic would build it: clients over one flat table of
 * tickets, filtered by a site selection, with Mosaic's pre-aggregation (data cube indexes:
 * one materialized table per client, grouped by the selected site) on. The figures that
 * Mosaic can pre-aggregate: tickets per week and category (the Overview's tickets-by-week
 * chart), tickets per clinic and week (its heatmap) and the ticket and open-ticket totals.
 * The median and p90 hours to resolve and the backlog are not: Mosaic's cube indexes hold
 * sums and counts, not order statistics or running sums, so they are left out here.
 */
import type { AsyncDuckDB } from '@duckdb/duckdb-wasm';
import { clausePoints, Coordinator, makeClient, Selection, wasmConnector, type MosaicClient } from '@uwdata/mosaic-core';
import { count, isNull, Query, sum, cond } from '@uwdata/mosaic-sql';

/** The flat table the clients read: one row per ticket, with its clinic's site (`ticket_facts`, the app's view). */
export const PEER_TABLE = 'peer_tickets';
export const createPeerTable = `CREATE OR REPLACE TABLE ${PEER_TABLE} AS SELECT ticket_id, clinic_id, site, week, category, resolved_at FROM ticket_facts`;

export interface MosaicPeer {
	/** Selects one site; resolves when every client has its data (the time Mosaic's user waits). */
	selectSite(site: string): Promise<void>;
	/** Tables in Mosaic's cube-index schema and their rows, to weigh the indexes. */
	indexRows(): Promise<number>;
	close(): Promise<void>;
}

export async function mosaicPeer(db: AsyncDuckDB): Promise<MosaicPeer> {
	const connection = await db.connect();
	// The app's own database and worker: no CDN bundle, nothing fetched from elsewhere.
	const connector = wasmConnector({ duckdb: db, connection });
	// No result cache, so a site chosen again is computed again, as the app does.
	const coordinator = new Coordinator(connector, { cache: false, logger: null, preagg: { enabled: true, schema: 'mosaic' } });
	const selection = Selection.crossfilter();
	const source = { reset() {} };
	let waiting: { left: number; done: () => void } | null = null;
	const arrived = () => {
		if (waiting && --waiting.left === 0) waiting.done();
	};
	const client = (query: (filter: unknown) => Query): MosaicClient =>
		makeClient({ coordinator, selection, filterStable: true, query: (filter) => query(filter), queryResult: arrived, queryError: (e) => console.error(e) });
	const clients = [
		client((filter) =>
			Query.from(PEER_TABLE)
				.select({ week: 'week', category: 'category', tickets: count() })
				.groupby('week', 'category')
				.where(filter as never)
		),
		client((filter) =>
			Query.from(PEER_TABLE)
				.select({ clinic_id: 'clinic_id', week: 'week', tickets: count() })
				.groupby('clinic_id', 'week')
				.where(filter as never)
		),
		client((filter) =>
			Query.from(PEER_TABLE)
				.select({ tickets: count(), open_tickets: sum(cond(isNull('resolved_at'), 1, 0)) })
				.where(filter as never)
		)
	];
	// Each client's first (unfiltered) data.
	await Promise.all(clients.map((c) => c.pending));

	return {
		async selectSite(site) {
			const done = new Promise<void>((resolve) => (waiting = { left: clients.length, done: resolve }));
			selection.update(clausePoints(['site'], [[site]], { source }));
			await done;
			waiting = null;
		},
		async indexRows() {
			const result = await connection.query(`SELECT coalesce(sum(estimated_size), 0)::INTEGER AS n FROM duckdb_tables() WHERE schema_name = 'mosaic'`);
			return Number(result.getChildAt(0)?.get(0) ?? 0);
		},
		async close() {
			for (const c of clients) coordinator.disconnect(c);
			await connection.close();
		}
	};
}
