import { pushState } from '$app/navigation';
import { identityDifference } from './identity-difference';
import { decodeLink, encodeLink, HASH_KEY, LinkTooLongError, linkPayload } from './codec';
import { LINK_VERSION, type DataIdentity, type LinkState } from './schema';

type ViewState = Omit<LinkState, 'v' | 'data'>;

/**
 * Keeps a page's view state in its URL (`#view=`, never sent to the host): reads it when
 * the page opens and on back/forward, writes a history entry when the view changes.
 */
export class ViewLink {
	problem = $state<string | null>(null);
	mismatch = $state<string | null>(null);
	#payload: string | null = null;
	#identity: DataIdentity | undefined;

	/** The state the page opens with, from its URL; notices say what could not be used. */
	async open(hash: string, identity: DataIdentity): Promise<LinkState> {
		this.#identity = identity;
		const payload = linkPayload(hash);
		this.#payload = payload;
		if (payload === null) return { v: LINK_VERSION };
		const decoded = await decodeLink(payload);
		this.problem = decoded.problem;
		this.mismatch = decoded.state.data ? identityDifference(decoded.state.data, identity) : null;
		return decoded.state;
	}

	/** The state to show after back/forward, or null when the URL still holds this view. */
	async follow(hash: string): Promise<LinkState | null> {
		const payload = linkPayload(hash);
		if (payload === this.#payload) return null;
		this.#payload = payload;
		if (payload === null) return { v: LINK_VERSION };
		const decoded = await decodeLink(payload);
		this.problem = decoded.problem;
		return decoded.state;
	}

	/** Records the view in the URL; a view too large for a link leaves the URL as it was and says so. */
	async save(view: ViewState): Promise<void> {
		let payload: string;
		try {
			payload = await encodeLink({ v: LINK_VERSION, ...view, ...(this.#identity ? { data: this.#identity } : {}) });
		} catch (error) {
			if (!(error instanceof LinkTooLongError)) throw error;
			this.problem = `${error.message} The link still opens the previous view.`;
			return;
		}
		if (payload === this.#payload) return;
		this.#payload = payload;
		this.problem = null;
		pushState(`#${HASH_KEY}=${payload}`, {});
	}
}
