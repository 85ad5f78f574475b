/**
 * An engine that answers a read statement it has already answered from the result it gave,
 * until any other statement runs (which may change what a read would give). For computing
 * kept results, where the pages' default views ask the same statements more than once.
 */
import type { Engine, Statement } from '$lib/engine';
import { statementKey } from '$lib/kept/kept-tables';
import { READS } from '$lib/kept/recording-engine';

export function rememberedReads(engine: Engine): Engine {
	const answered = new Map<string, ReturnType<Engine['query']>>();
	return {
		...engine,
		query(statement: Statement | string) {
			const q: Statement = typeof statement === 'string' ? { text: statement, params: [] } : statement;
			if (!READS.test(q.text)) {
				answered.clear();
				return engine.query(q);
			}
			const key = statementKey(q);
			let result = answered.get(key);
			if (!result) {
				result = engine.query(q);
				answered.set(key, result);
				// A failed statement is asked again, as it would be without this.
				result.catch(() => answered.delete(key));
			}
			return result;
		}
	};
}
