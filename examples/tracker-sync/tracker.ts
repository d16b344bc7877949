/**
 * The tracker side of the example: a small client of a GitHub-shaped issues API (the same paths,
 * fields and verbs as GitHub's REST API), so pointing it at api.github.com with a token works.
 */

/** An issue as the tracker's REST API returns it (the fields this example reads). */
export interface TrackerIssue {
  readonly number: number;
  readonly title: string;
  readonly body: string | null;
  readonly html_url: string;
  readonly state: 'open' | 'closed';
  readonly labels: readonly { readonly name: string }[];
  /** Present on pull requests, which the issues API lists too. */
  readonly pull_request?: unknown;
}

/** Where the tracker is and which repository's issues are estimated. */
export interface TrackerOptions {
  /** e.g. `https://api.github.com`. */
  readonly apiUrl: string;
  readonly token: string;
  readonly owner: string;
  readonly repo: string;
  readonly fetch?: typeof fetch;
}

/** The label an estimate is written as: `estimate: 5`. */
export const ESTIMATE_LABEL_PREFIX = 'estimate: ';

/** A GitHub-shaped issues API for one repository. */
export class Tracker {
  readonly #options: TrackerOptions;
  readonly #fetch: typeof fetch;

  constructor(options: TrackerOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? globalThis.fetch;
  }

  /** `owner/repo#12`: the id a story keeps of its issue, so the estimate finds its way back. */
  externalIdOf(issue: Pick<TrackerIssue, 'number'>): string {
    return `${this.#options.owner}/${this.#options.repo}#${issue.number}`;
  }

  /** The issue number of an external id of this repository, or `null` for anything else. */
  issueNumberOf(externalId: string | null): number | null {
    const prefix = `${this.#options.owner}/${this.#options.repo}#`;
    if (externalId === null || !externalId.startsWith(prefix)) return null;
    const number = Number(externalId.slice(prefix.length));
    return Number.isInteger(number) && number > 0 ? number : null;
  }

  /** Open issues (not pull requests) without an estimate label yet, every page of them. */
  async openIssuesToEstimate(): Promise<TrackerIssue[]> {
    const issues: TrackerIssue[] = [];
    for (let page = 1; ; page++) {
      const batch = (await this.#request(
        'GET',
        `/issues?state=open&per_page=100&page=${page}`,
      )) as TrackerIssue[];
      issues.push(...batch);
      if (batch.length < 100) break;
    }
    return issues.filter(
      (issue) =>
        issue.pull_request === undefined &&
        !issue.labels.some((label) => label.name.startsWith(ESTIMATE_LABEL_PREFIX)),
    );
  }

  /** Replaces any estimate label of the issue with `estimate: <value>`. */
  async setEstimateLabel(number: number, estimate: string): Promise<void> {
    const issue = (await this.#request('GET', `/issues/${number}`)) as TrackerIssue;
    const wanted = `${ESTIMATE_LABEL_PREFIX}${estimate}`;
    for (const label of issue.labels) {
      if (label.name.startsWith(ESTIMATE_LABEL_PREFIX) && label.name !== wanted)
        await this.#request('DELETE', `/issues/${number}/labels/${encodeURIComponent(label.name)}`);
    }
    if (!issue.labels.some((label) => label.name === wanted))
      await this.#request('POST', `/issues/${number}/labels`, { labels: [wanted] });
  }

  /** Adds a comment to the issue. */
  async comment(number: number, body: string): Promise<void> {
    await this.#request('POST', `/issues/${number}/comments`, { body });
  }

  async #request(method: string, path: string, body?: unknown): Promise<unknown> {
    const { apiUrl, owner, repo, token } = this.#options;
    const response = await this.#fetch(`${apiUrl}/repos/${owner}/${repo}${path}`, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${token}`,
        'x-github-api-version': '2022-11-28',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: the tracker answered ${response.status}`);
    return response.status === 204 ? null : response.json();
  }
}
