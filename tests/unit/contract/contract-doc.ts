/**
 * Reads docs/data-contract.md and lists every way it disagrees with src/lib/contract (and with the
 * ranges and vocabulary bindings the importer checks). Both directions: a table, column or value
 * missing from either side is a difference.
 */
import { TABLES, TABLE_NAMES, type DuckType } from '$lib/contract/tables';
import * as vocabulary from '$lib/contract/vocabulary';
import { VOCABULARIES } from '$lib/ingest/vocabularies';
import { RANGES } from '$lib/ingest/typed-values';

export interface DocColumn {
	name: string;
	type: string;
	duckType: string;
	required: string;
	values: string;
}

export interface DocTable {
	name: string;
	key: string[];
	columns: DocColumn[];
}

export interface ContractDoc {
	tables: DocTable[];
	vocabularies: Map<string, string[]>;
}

/** The contract's words for a kind of value, and the DuckDB type each one is loaded as. */
const TYPE_WORDS: Readonly<Record<string, DuckType>> = {
	text: 'VARCHAR',
	date: 'DATE',
	timestamp: 'TIMESTAMP',
	integer: 'INTEGER',
	number: 'DOUBLE',
	boolean: 'BOOLEAN'
};

const TABLE_SECTIONS = new Set(['Reference tables', 'Activity tables']);
const backticked = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
const cells = (line: string): string[] =>
	line
		.trim()
		.replace(/^\||\|$/g, '')
		.split('|')
		.map((cell) => cell.trim());

export function parseContractDoc(markdown: string): ContractDoc {
	const tables: DocTable[] = [];
	const vocabularies = new Map<string, string[]>();
	let section = '';
	let table: DocTable | undefined;
	let header: string[] | undefined;
	let vocab: string[] | undefined;
	let prose = '';
	const closeTable = () => {
		if (!table) return;
		const key = /Key: ((?:`[^`]+`(?:, )?)+)\./.exec(prose);
		table.key = key ? backticked(key[1] ?? '') : [];
		tables.push(table);
		table = undefined;
	};
	for (const line of markdown.split('\n')) {
		const h2 = /^## (.+)$/.exec(line)?.[1]?.trim();
		const h3 = /^### (.+)$/.exec(line)?.[1]?.trim();
		if (h2 || h3) {
			closeTable();
			vocab = undefined;
			header = undefined;
			prose = '';
		}
		if (h2) section = h2;
		if (h3 && TABLE_SECTIONS.has(section)) table = { name: h3, key: [], columns: [] };
		if (h3 && section === 'Vocabularies') {
			const name = /\(`([A-Z_]+)`\)/.exec(h3)?.[1];
			if (name) vocabularies.set(name, (vocab = []));
		}
		if (h2 || h3) continue;
		if (table && line.startsWith('|')) {
			const row = cells(line);
			if (!header) header = row;
			else if (!row.every((cell) => /^-+$/.test(cell))) {
				const at = (name: string) => row[header!.indexOf(name)] ?? '';
				table.columns.push({
					name: at('column'),
					type: at('type'),
					duckType: at('DuckDB type'),
					required: at('required'),
					values: at('values')
				});
			}
		} else if (table) prose += ` ${line}`;
		// A vocabulary is the run of lines made only of `value`, `value`, ...
		if (vocab && /^`[^`]+`(, `[^`]+`)*,?$/.test(line.trim())) vocab.push(...backticked(line));
	}
	closeTable();
	return { tables, vocabularies };
}

const exportedVocabularies = (): Map<string, readonly string[]> =>
	new Map(Object.entries(vocabulary as Record<string, unknown>).filter((entry): entry is [string, readonly string[]] => Array.isArray(entry[1])));

const same = (a: readonly unknown[], b: readonly unknown[]): boolean => JSON.stringify(a) === JSON.stringify(b);

/** What the code says a column's values are: a range `low..high`, a vocabulary's name, or nothing. */
function codeValues(table: string, column: string): string {
	const range = RANGES[`${table}.${column}`];
	if (range) return range[1] === null ? `≥ ${range[0]}` : `${range[0]}..${range[1]}`;
	const values = VOCABULARIES[`${table}.${column}`];
	if (!values) return '';
	const name = [...exportedVocabularies()].find(([, list]) => list === values)?.[0];
	return name ? `\`${name}\`` : '(a vocabulary not exported by src/lib/contract)';
}

/** Every difference between the document and the code, in words; empty when they agree. */
export function contractDrift(doc: ContractDoc): string[] {
	const drift: string[] = [];
	const docNames = doc.tables.map((t) => t.name);
	if (!same(docNames, TABLE_NAMES)) drift.push(`tables: doc has ${docNames.join(', ')}; code has ${TABLE_NAMES.join(', ')}`);
	for (const docTable of doc.tables) {
		const spec = TABLES[docTable.name as keyof typeof TABLES];
		if (!spec) continue;
		if (!same(docTable.key, spec.key)) drift.push(`${docTable.name} key: doc ${docTable.key.join(', ')}; code ${spec.key.join(', ')}`);
		const docCols = docTable.columns.map((c) => c.name);
		const codeCols = spec.columns.map((c) => c.name);
		if (!same(docCols, codeCols)) drift.push(`${docTable.name} columns: doc ${docCols.join(', ')}; code ${codeCols.join(', ')}`);
		for (const column of spec.columns) {
			const doc = docTable.columns.find((c) => c.name === column.name);
			if (!doc) continue;
			const where = `${docTable.name}.${column.name}`;
			if (TYPE_WORDS[doc.type] !== column.type) drift.push(`${where} type: doc "${doc.type}"; code ${column.type}`);
			if (doc.duckType !== column.type) drift.push(`${where} DuckDB type: doc "${doc.duckType}"; code ${column.type}`);
			const required = column.required ? 'yes' : 'no';
			if (doc.required !== required) drift.push(`${where} required: doc "${doc.required}"; code ${required}`);
			const values = codeValues(docTable.name, column.name);
			if (doc.values !== values) drift.push(`${where} values: doc "${doc.values}"; code "${values}"`);
		}
	}
	const code = exportedVocabularies();
	for (const name of new Set([...code.keys(), ...doc.vocabularies.keys()])) {
		const inDoc = doc.vocabularies.get(name);
		const inCode = code.get(name);
		if (!inDoc) drift.push(`vocabulary ${name}: in code, not in the doc`);
		else if (!inCode) drift.push(`vocabulary ${name}: in the doc, not in code`);
		else if (!same(inDoc, inCode)) drift.push(`vocabulary ${name}: doc ${inDoc.join(', ')}; code ${inCode.join(', ')}`);
	}
	return drift;
}
