/**
 * The link codec: view state <-> the `#view=` part of a URL. Versioned (`2.`), compact
 * (base64url of JSON, deflated when long), and total: decoding never throws; a bad link
 * gives a message and the nearest valid state.
 */
import { z } from 'zod';
import { migrate } from './migrations';
import { LINK_VERSION, LinkStateSchema, type LinkState } from './schema';

export const HASH_KEY = 'view';
/** Beyond this many characters of JSON the payload is deflated. */
const COMPRESS_FROM = 160;
/** Longer payloads are refused before any work (and never written): a link must stay usable in mail and chat. */
export const MAX_PAYLOAD = 16_384;

/** A view too large for a link (in practice: a very long SQL text that deflates to more than MAX_PAYLOAD). */
export class LinkTooLongError extends Error {
	override readonly name = 'LinkTooLongError';
}

export interface Decoded {
	readonly state: LinkState;
	/** Why (part of) the link could not be used, in words for the user; null when it was fine. */
	readonly problem: string | null;
}

const EMPTY: LinkState = { v: LINK_VERSION };

function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
	if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('characters outside base64url');
	const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
	return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
	const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
	return new Uint8Array(await new Response(out).arrayBuffer());
}

export async function encodeLink(state: LinkState): Promise<string> {
	const json = JSON.stringify(state);
	const bytes = new TextEncoder().encode(json);
	const payload = json.length < COMPRESS_FROM ? `${LINK_VERSION}.j${toBase64Url(bytes)}` : `${LINK_VERSION}.z${toBase64Url(await pipe(bytes, new CompressionStream('deflate-raw')))}`;
	if (payload.length > MAX_PAYLOAD)
		throw new LinkTooLongError(`This view is too large for a link (${payload.length.toLocaleString('en-US')} characters; at most ${MAX_PAYLOAD.toLocaleString('en-US')}).`);
	return payload;
}

/** Fields whose parts fall back one by one (each part has a default): a bad date keeps the link's clinics. */
const BY_PART = new Set(['scope']);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A field of the link whose invalid parts are dropped (each taking its default), naming them; null when it cannot be kept at all. */
function salvageParts(key: string, field: z.ZodType, value: unknown): { data: unknown; dropped: string[] } | null {
	const inner = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field;
	if (!BY_PART.has(key) || !(inner instanceof z.ZodObject) || !isRecord(value)) return null;
	const kept: Record<string, unknown> = {};
	const dropped: string[] = [];
	for (const [part, schema] of Object.entries(inner.shape as Record<string, z.ZodType>)) {
		if (!Object.hasOwn(value, part)) continue;
		if (schema.safeParse(value[part]).success) kept[part] = value[part];
		else dropped.push(`${key}.${part}`);
	}
	const parsed = inner.safeParse(kept);
	return parsed.success ? { data: parsed.data, dropped } : null;
}

/** Keeps each valid field of a state object and names the ones it had to drop. */
function salvage(candidate: Record<string, unknown>): Decoded {
	const whole = LinkStateSchema.safeParse(candidate);
	if (whole.success) return { state: whole.data, problem: null };
	const kept: Record<string, unknown> = { v: LINK_VERSION };
	const dropped: string[] = [];
	// Own properties only: a link's `constructor` or `__proto__` is a key like any other, never the object's.
	for (const [key, field] of Object.entries(LinkStateSchema.shape)) {
		if (key === 'v' || !Object.hasOwn(candidate, key)) continue;
		const parsed = (field as z.ZodType).safeParse(candidate[key]);
		if (parsed.success) {
			kept[key] = parsed.data;
			continue;
		}
		const parts = salvageParts(key, field as z.ZodType, candidate[key]);
		if (parts) {
			kept[key] = parts.data;
			dropped.push(...parts.dropped);
		} else dropped.push(key);
	}
	const unknown = Object.keys(candidate).filter((k) => !Object.hasOwn(LinkStateSchema.shape, k));
	const state = LinkStateSchema.parse(kept);
	const parts = [
		dropped.length > 0 ? `its ${dropped.join(', ')} could not be read` : '',
		unknown.length > 0 ? `it has settings this version does not know (${unknown.slice(0, 3).join(', ')})` : ''
	].filter(Boolean);
	return { state, problem: `This link was only partly usable: ${parts.join('; ')}. The rest of the view is shown.` };
}

export async function decodeLink(payload: string): Promise<Decoded> {
	try {
		if (payload.length > MAX_PAYLOAD) return { state: EMPTY, problem: 'This link is too long to be a Hypercare view. The default view is shown.' };
		const match = /^(\d{1,3})\.([jz])(.*)$/s.exec(payload);
		if (!match) return { state: EMPTY, problem: 'This link’s view part is not in a format Hypercare knows. The default view is shown.' };
		const [, version, mode, body] = match;
		let bytes = fromBase64Url(body ?? '');
		if (mode === 'z') bytes = await pipe(bytes, new DecompressionStream('deflate-raw'));
		const json: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
		if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('not an object');
		const migrated = migrate(Number(version), json as Record<string, unknown>);
		if (!migrated.ok) return { state: EMPTY, problem: migrated.problem };
		return salvage(migrated.state);
	} catch {
		return { state: EMPTY, problem: 'This link is damaged (cut short or altered), so its view could not be read. The default view is shown.' };
	}
}

/** The payload of a URL's `#view=` part, or null when it has none. */
export function linkPayload(hash: string): string | null {
	const params = new URLSearchParams(hash.replace(/^#/, ''));
	return params.get(HASH_KEY);
}
