/**
 * A fake issue tracker for the example's test: the subset of GitHub's REST API that tracker.ts
 * uses (list, read, label and comment on issues of one repository), in memory, over real HTTP.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TrackerIssue } from './tracker.js';

/** An issue of the fake tracker, with its comments. */
export interface FakeIssue {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  labels: { name: string }[];
  comments: string[];
  pullRequest?: boolean;
}

/** One request that changed something, as `METHOD path`. */
export type Write = string;

/** A running fake tracker. */
export interface FakeTracker {
  readonly apiUrl: string;
  readonly token: string;
  readonly issues: Map<number, FakeIssue>;
  /** Every request that changed an issue, in order. */
  readonly writes: Write[];
  close(): Promise<void>;
}

/** Starts the fake tracker for `owner/repo` with these issues. */
export async function startFakeTracker(
  owner: string,
  repo: string,
  issues: readonly Omit<FakeIssue, 'comments'>[],
): Promise<FakeTracker> {
  const token = 'ghp_fakeTrackerToken';
  const store = new Map(issues.map((issue) => [issue.number, { ...issue, comments: [] as string[] }]));
  const writes: Write[] = [];
  const base = `/repos/${owner}/${repo}`;
  let apiUrl = '';
  const shape = (issue: FakeIssue): TrackerIssue => ({
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    html_url: `https://tracker.example/${owner}/${repo}/issues/${issue.number}`,
    labels: issue.labels.map((label) => ({ name: label.name })),
    ...(issue.pullRequest ? { pull_request: { url: `${apiUrl}${base}/pulls/${issue.number}` } } : {}),
  });

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const send = (status: number, body?: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body === undefined ? '' : JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${token}`) return send(401, { message: 'Bad credentials' });
      const url = new URL(req.url ?? '/', 'http://fake');
      if (!url.pathname.startsWith(`${base}/issues`)) return send(404, { message: 'Not Found' });
      const rest = url.pathname.slice(base.length).split('/').filter(Boolean);
      const body = chunks.length === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString());
      const issue = rest[1] === undefined ? undefined : store.get(Number(rest[1]));
      if (req.method === 'GET' && rest.length === 1) {
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        const state = url.searchParams.get('state') ?? 'open';
        const listed = [...store.values()].filter((i) => state === 'all' || i.state === state);
        return send(200, listed.slice((page - 1) * perPage, page * perPage).map(shape));
      }
      if (issue === undefined) return send(404, { message: 'Not Found' });
      if (req.method === 'GET' && rest.length === 2) return send(200, shape(issue));
      writes.push(`${req.method} ${url.pathname.slice(base.length)}`);
      if (req.method === 'POST' && rest[2] === 'labels') {
        for (const name of body.labels as string[])
          if (!issue.labels.some((label) => label.name === name)) issue.labels.push({ name });
        return send(200, issue.labels);
      }
      if (req.method === 'DELETE' && rest[2] === 'labels' && rest[3] !== undefined) {
        const name = decodeURIComponent(rest[3]);
        issue.labels = issue.labels.filter((label) => label.name !== name);
        return send(200, issue.labels);
      }
      if (req.method === 'POST' && rest[2] === 'comments') {
        issue.comments.push(String(body.body));
        return send(201, { id: issue.comments.length, body: body.body });
      }
      return send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl,
    token,
    issues: store,
    writes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
