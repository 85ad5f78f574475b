/**
 * How one export file becomes one canonical table: which source column feeds each
 * contract column, how raw values are translated, how dates are written and which
 * tokens mean "no value". Mappings are data (zod-validated), so they can be edited in
 * the page, saved, and reused for the next export of the same shape.
 */
import { z } from 'zod';
import { TABLE_NAMES, TABLES, type TableName } from '$lib/contract/tables';
import { DateFormatSchema, strptimeProblem } from './date-formats';

/** Raw value -> canonical value; keys match trimmed and case-insensitively. */
export const ValueMapSchema = z.object({
	values: z.record(z.string(), z.string()).default({}),
	/** What an unmatched value becomes; absent = kept as it is (and flagged when outside the vocabulary). */
	otherwise: z.string().optional()
});
export type ValueMap = z.infer<typeof ValueMapSchema>;

/** Status values that say a ticket is closed (compared trimmed and case-insensitively). */
export const CLOSED_STATUSES: readonly string[] = ['closed', 'resolved', 'done', 'cancelled', 'canceled', 'complete', 'completed'];

/**
 * How an export says a ticket is closed when its `resolved_at` is empty (tickets only): a
 * ticket its export says is closed is never counted open. In a preset the names are
 * candidates (those in the file are kept); in a mapping they are the file's columns.
 */
export const ClosureSchema = z.object({
	/** Mapped `status` values that mean closed or resolved. */
	statusValues: z.array(z.string()).default([...CLOSED_STATUSES]),
	/** Columns whose time is the closure time when `resolved_at` is empty, first with a value wins (ServiceNow `closed_at`). */
	times: z.array(z.string()).default([]),
	/** Other columns that say closed, and the values that do (ServiceNow `active` = false, Jira `Status Category` = Done). */
	flags: z.array(z.object({ column: z.string(), values: z.array(z.string()).min(1) })).default([]),
	/** When a ticket said closed by its status or a flag got there (Jira `Status Category Changed`); else its `updated_at`. */
	flagTimes: z.array(z.string()).default([])
});
export type Closure = z.infer<typeof ClosureSchema>;

const common = {
	closure: ClosureSchema.default(ClosureSchema.parse({})),
	/** Canonical column -> value map (category, status, priority...). */
	values: z.record(z.string(), ValueMapSchema).default({}),
	/** Canonical column -> value written where the source has none (e.g. ServiceNow's `?` location). */
	fill: z.record(z.string(), z.string()).default({}),
	dateFormat: DateFormatSchema,
	/** The strptime format used when `dateFormat` is 'custom' (e.g. `%d.%m.%Y %H:%M`). */
	customDateFormat: z.string().optional(),
	/** Tokens read as "no value" (after trimming), besides NULL. */
	missing: z.array(z.string()).default(['']),
	/** Source column whose number orders versions with the same `updated_at` (ServiceNow's `sys_mod_count`). */
	version: z.string().optional()
};

function customFormat(m: { dateFormat: string; customDateFormat?: string | undefined }, ctx: z.RefinementCtx) {
	if (m.dateFormat !== 'custom') return;
	const problem = strptimeProblem(m.customDateFormat ?? '');
	if (problem) ctx.addIssue({ code: 'custom', path: ['customDateFormat'], message: problem });
}

function contractColumns(table: TableName, names: Iterable<string>, ctx: z.RefinementCtx, path: string) {
	const known = new Set(TABLES[table].columns.map((c) => c.name));
	for (const name of names) {
		if (!known.has(name)) ctx.addIssue({ code: 'custom', path: [path, name], message: `${name} is not a column of ${table}` });
	}
}

/** What a mapping and a preset are both checked for: every canonical column they name is one of the table's, and a custom date format reads. */
function contractChecks(m: { table: TableName; columns: object; values: object; fill: object; dateFormat: string; customDateFormat?: string | undefined }, ctx: z.RefinementCtx) {
	contractColumns(m.table, Object.keys(m.columns), ctx, 'columns');
	contractColumns(m.table, Object.keys(m.values), ctx, 'values');
	contractColumns(m.table, Object.keys(m.fill), ctx, 'fill');
	customFormat(m, ctx);
}

/** A mapping resolved against one file's header: every source name is a column of that file. */
export const MappingSchema = z
	.object({
		table: z.enum(TABLE_NAMES),
		/** The preset it started from, for display ("ServiceNow incidents", "saved mapping"...). */
		preset: z.string(),
		/** Canonical column -> source column; a canonical column without an entry is not in the file. */
		columns: z.record(z.string(), z.string()),
		...common
	})
	.superRefine(contractChecks);
export type Mapping = z.infer<typeof MappingSchema>;

/** A mapping template: each canonical column lists the source names it may come from, first present wins. */
export const PresetSchema = z
	.object({
		id: z.string(),
		label: z.string(),
		table: z.enum(TABLE_NAMES),
		columns: z.record(z.string(), z.array(z.string()).min(1)),
		/** Source columns that identify this kind of export (they weigh in table detection). */
		signature: z.array(z.string()).default([]),
		...common
	})
	.superRefine(contractChecks);
export type Preset = z.infer<typeof PresetSchema>;
export type PresetInput = z.input<typeof PresetSchema>;

/** Header names compared loosely: case, spaces and punctuation do not matter ("Issue key" = "issue_key"). */
export function looseName(name: string): string {
	return name
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/** The mapping a preset gives for a header; canonical columns it cannot find stay unmapped. */
export function resolvePreset(preset: Preset, header: readonly string[]): Mapping {
	const byLoose = new Map<string, string>();
	for (const name of header) if (!byLoose.has(looseName(name))) byLoose.set(looseName(name), name);
	const columns: Record<string, string> = {};
	for (const [target, candidates] of Object.entries(preset.columns)) {
		const found = candidates.map((c) => byLoose.get(looseName(c))).find((s) => s !== undefined);
		if (found !== undefined) columns[target] = found;
	}
	const version = preset.version === undefined ? undefined : byLoose.get(looseName(preset.version));
	const inFile = (names: readonly string[]) => names.flatMap((n) => byLoose.get(looseName(n)) ?? []);
	const closure: Closure = {
		statusValues: preset.closure.statusValues,
		times: inFile(preset.closure.times),
		flags: preset.closure.flags.flatMap((f) => inFile([f.column]).map((column) => ({ column, values: f.values }))),
		flagTimes: inFile(preset.closure.flagTimes)
	};
	return MappingSchema.parse({
		table: preset.table,
		preset: preset.label,
		columns,
		values: preset.values,
		fill: preset.fill,
		dateFormat: preset.dateFormat,
		...(preset.customDateFormat === undefined ? {} : { customDateFormat: preset.customDateFormat }),
		missing: preset.missing,
		closure,
		...(version === undefined ? {} : { version })
	});
}

/** Required contract columns the mapping leaves without a source (and without a fill value). */
export function missingRequired(mapping: Mapping): string[] {
	return TABLES[mapping.table].columns.filter((c) => c.required && mapping.columns[c.name] === undefined && mapping.fill[c.name] === undefined).map((c) => c.name);
}

/** The mapping's "no value" tokens as values are compared: trimmed, each once. */
export const missingTokens = (mapping: Pick<Mapping, 'missing'>): string[] => [...new Set(mapping.missing.map((m) => m.trim()))];
