/**
 * What an import did with every row, per file and per table: read = accepted + rejected + merged,
 * + held back when a table was not replaced because one of its files stopped.
 */
import { z } from 'zod';
import { TABLE_NAMES } from '$lib/contract/tables';
import { DateFormatSchema } from './date-formats';

const Counts = {
	read: z.number().int().nonnegative(),
	accepted: z.number().int().nonnegative(),
	rejected: z.number().int().nonnegative(),
	merged: z.number().int().nonnegative(),
	/** Valid rows not loaded because another file of the same table stopped (the previous table stays). */
	held: z.number().int().nonnegative().default(0)
};

export const FileReportSchema = z.object({
	file: z.string(),
	table: z.enum(TABLE_NAMES),
	preset: z.string(),
	/** How the file was read, in words: "CSV, UTF-8, comma-separated, gzip". */
	format: z.string(),
	dateFormat: DateFormatSchema,
	customDateFormat: z.string().optional(),
	/** 'stopped': the file could not be read or mapped; `message` says why. */
	status: z.enum(['read', 'stopped']),
	message: z.string().optional(),
	...Counts,
	/** Contract column -> rows that got the mapping's fill value (their source had none). */
	filled: z.record(z.string(), z.number().int().nonnegative()).default({}),
	/** Contract column -> the mapping's fill value, so that the summary says what an empty value became. */
	fillValues: z.record(z.string(), z.string()).default({}),
	/** Where the closure times not read from `resolved_at` came from (closed_at, a closed status's time...) -> tickets. */
	closure: z.record(z.string(), z.number().int().nonnegative()).default({})
});
export type FileReport = z.infer<typeof FileReportSchema>;

export const UnknownValueSchema = z.object({ column: z.string(), value: z.string(), rows: z.number().int().positive() });
export type UnknownValue = z.infer<typeof UnknownValueSchema>;

export const TableReportSchema = z.object({
	table: z.enum(TABLE_NAMES),
	/** 'replaced': the import's rows are now the table; 'kept': a file stopped, so the previous data stays. */
	status: z.enum(['replaced', 'kept']),
	message: z.string().optional(),
	files: z.array(z.string()),
	...Counts,
	/** Values outside the contract's vocabulary: kept in the table, listed here. */
	unknownValues: z.array(UnknownValueSchema).default([])
});
export type TableReport = z.infer<typeof TableReportSchema>;

export const ImportReportSchema = z.object({
	finishedAt: z.string(),
	files: z.array(FileReportSchema),
	tables: z.array(TableReportSchema)
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

/** The import's one invariant, checked before anything is replaced. */
export function reconciles(c: { read: number; accepted: number; rejected: number; merged: number; held?: number }): boolean {
	return c.read === c.accepted + c.rejected + c.merged + (c.held ?? 0);
}
