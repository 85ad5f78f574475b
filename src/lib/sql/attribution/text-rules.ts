import { trusted, type Sql } from '../fragment';

/**
 * Where a ticket's category says nothing (`other`, empty or unknown), its description is
 * read for a cause. Patterns are plain words a service desk analyst would search for;
 * the first rule that matches wins, and the matched words are quoted in the evidence.
 */
export const TEXT_RULES: readonly { kind: string; pattern: string }[] = [
	{ kind: 'data_conversion', pattern: String.raw`old system|legacy|convert|conversion|migrat\w*|did not come over|didn't come over` },
	{ kind: 'access_provisioning', pattern: String.raw`log ?in|password|locked out|account|access|permission|security class|provision\w*` },
	{ kind: 'technical', pattern: String.raw`print\w*|scanner|sticker|label|interface|hl7|not coming across|badge|workstation|device` },
	{ kind: 'how_to', pattern: String.raw`train\w*|missed the class|walk me through|how (do|does|to|can)|no idea how|where (is|do)` },
	{ kind: 'break_fix', pattern: String.raw`differently|does not match|doesn't match|same error|broke|crash\w*|error` }
];

const regexLiteral = (pattern: string) => `'\\b(${pattern.replaceAll("'", "''")})\\b'`;

/** `CASE` giving the kind read from `description` (lower-cased text), or NULL. */
export function textKind(description: string): Sql {
	const whens = TEXT_RULES.map((r) => `WHEN regexp_matches(${description}, ${regexLiteral(r.pattern)}) THEN '${r.kind}'`);
	return trusted(`CASE ${whens.join(' ')} END`);
}

/** The words that made the match, for the evidence. */
export function textMatch(description: string): Sql {
	const whens = TEXT_RULES.map((r) => `WHEN regexp_matches(${description}, ${regexLiteral(r.pattern)}) THEN regexp_extract(${description}, ${regexLiteral(r.pattern)})`);
	return trusted(`CASE ${whens.join(' ')} END`);
}
