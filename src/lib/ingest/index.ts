/** Export files to canonical tables: sniff, map, validate, de-duplicate, report, swap in. */
export { DATE_FORMATS, DATE_FORMAT_LABELS, strptimeExample, strptimeProblem, type DateFormat } from './date-formats';
export { MappingSchema, missingRequired, resolvePreset, type Mapping, type Preset, type ValueMap } from './mapping';
export { CANONICAL_PRESETS, PRESETS, presetById } from './presets';
export { detectTable, type Detection } from './detect';
export { headerSignature, inspectFile, type Inspected, type Sheet } from './inspect';
export { describeFormat } from './read-source';
export { EXPORT_EXTENSIONS, UnreadableFileError, type Format, type Sniffed } from './sniff';
export { commitImport, discardImport, prepareImport, REJECTED_ROWS_TABLE, type ImportFile, type ImportOptions, type ImportProgress, type PreparedImport } from './import-files';
export { ImportReportSchema, reconciles, type FileReport, type ImportReport, type TableReport, type UnknownValue } from './report';
export { saveMapping, savedMapping, SAVED_MAPPINGS_KEY, type KeyValue } from './saved-mappings';
export { warmImportPath } from './warm-up';
export { firstImportWording, shrinkingTables, withholdTables, type Shrinking } from './replace-guard';
