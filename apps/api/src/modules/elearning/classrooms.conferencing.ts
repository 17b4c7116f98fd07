/**
 * The conferencing port of virtual classrooms (issue 6 §5) and its two adapters, chosen by configuration:
 *
 * - `builtinConferencing`: the default, so the feature works out of the box. Its join link is Rabt's own
 *   room page (`/classroom/{sessionId}`), which shows the session and records attendance when opened. It
 *   carries no audio or video: a real class needs a conferencing server (below) or the trainer's own link.
 * - `bbbConferencing`: a BigBlueButton-compatible server (BBB_URL, BBB_SECRET). Calls `create` (idempotent
 *   for one meetingID), builds signed `join` URLs and reads `getRecordings`. Every call is signed with
 *   checksum = hex(SHA-1 or SHA-256 of callName + queryString + sharedSecret), per the BigBlueButton API
 *   reference ("API Security"/checksum; https://docs.bigbluebutton.org/development/api).
 */
import { createHash, createHmac } from 'node:crypto';
import type { ConferencingKind } from '@rabt/contracts';
import { AppError } from '../../http/errors.ts';
import type { Config } from '../../platform/config.ts';

/** The session a room is for. */
export interface RoomSession {
  id: string;
  title: { ar: string; en: string };
  startsAt: Date;
  durationMinutes: number;
  capacity: number;
}

/** Who opens the room: a booked trainee (attendee) or the course's trainer (moderator). `userId` is an opaque id, never a national ID. */
export interface Participant {
  role: 'trainee' | 'trainer';
  fullName: string;
  userId: string;
}

export interface Recording {
  recordId: string;
  /** Playback URL (https). */
  url: string;
  startedAt: Date | null;
}

export interface ConferencingPort {
  readonly kind: ConferencingKind;
  /** Prepares the room if needed (BigBlueButton `create`) and answers the URL this participant opens. 502 `conferencing_unavailable`. */
  joinUrl(session: RoomSession, participant: Participant): Promise<string>;
  /** Published recordings of the session's room, newest first. 409 `conferencing_no_recordings` (built-in), 502 `conferencing_unavailable`. */
  recordings(session: RoomSession): Promise<Recording[]>;
}

/** The built-in room: Rabt's page for the session (no audio or video; joining it records attendance). */
export function builtinConferencing(): ConferencingPort {
  return {
    kind: 'builtin',
    joinUrl: (session) => Promise.resolve(`/classroom/${session.id}`),
    recordings: () => Promise.reject(new AppError('conferencing_no_recordings')),
  };
}

// ---------------- BigBlueButton ----------------

export type ChecksumAlgorithm = 'sha1' | 'sha256';

/** BigBlueButton checksum: lower-case hex of SHA-1/SHA-256 over `call + query + secret` (no separators; `query` without `?` and without `checksum`). */
export function bbbChecksum(call: string, query: string, secret: string, algorithm: ChecksumAlgorithm): string {
  return createHash(algorithm).update(`${call}${query}${secret}`, 'utf8').digest('hex');
}

/** The API endpoint of a BBB_URL: `https://host/bigbluebutton/` (as `bbb-conf --secret` prints it) or one already ending in `/api`. */
export function bbbApiBase(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return trimmed.endsWith('/api') ? trimmed : `${trimmed}/api`;
}

/**
 * A signed BigBlueButton API URL: the parameters, in the given order, form an
 * application/x-www-form-urlencoded query (space as `+`); the checksum is computed over exactly that string.
 */
export function bbbUrl(baseUrl: string, call: string, params: readonly (readonly [string, string])[], secret: string, algorithm: ChecksumAlgorithm): string {
  const query = new URLSearchParams(params.map(([k, v]) => [k, v])).toString();
  const checksum = bbbChecksum(call, query, secret, algorithm);
  return `${bbbApiBase(baseUrl)}/${call}?${query}${query ? '&' : ''}checksum=${checksum}`;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(s.trim());
  if (cdata) return cdata[1]!;
  return s.trim().replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return ENTITIES[e] ?? m;
  });
}

/** Text of the first `<tag>` element in `xml` (BBB responses are flat, well-known XML), or null. */
export function xmlText(xml: string, tag: string): string | null {
  const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(xml);
  return m ? decodeXml(m[1]!) : null;
}

function xmlBlocks(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);
}

/** Reads a getRecordings response: published recordings with an https playback URL, newest first. */
export function parseRecordings(xml: string): Recording[] {
  if (xmlText(xml, 'returncode') !== 'SUCCESS') throw new AppError('conferencing_unavailable');
  const out: Recording[] = [];
  for (const block of xmlBlocks(xml, 'recording')) {
    const published = xmlText(block, 'published');
    if (published !== null && published !== 'true') continue;
    const playback = xmlBlocks(block, 'playback')[0] ?? block;
    const url = xmlText(playback, 'url');
    if (!url || !/^https:\/\/[^\s<>"]+$/.test(url)) continue;
    const start = Number(xmlText(block, 'startTime'));
    out.push({ recordId: xmlText(block, 'recordID') ?? '', url, startedAt: Number.isFinite(start) && start > 0 ? new Date(start) : null });
  }
  return out.sort((a, b) => (b.startedAt?.getTime() ?? 0) - (a.startedAt?.getTime() ?? 0));
}

export type FetchLike = (url: string, init: { signal: AbortSignal }) => Promise<{ ok: boolean; text(): Promise<string> }>;

/** BigBlueButton adapter. The meeting id is `rabt-<session id>`; moderator and attendee passwords are derived from the secret (never stored). */
export function bbbConferencing(options: { url: string; secret: string; checksum: ChecksumAlgorithm; fetch?: FetchLike; timeoutMs?: number }): ConferencingPort {
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const sign = (call: string, params: [string, string][]) => bbbUrl(options.url, call, params, options.secret, options.checksum);
  const password = (sessionId: string, role: string) => createHmac('sha256', options.secret).update(`${sessionId}:${role}`).digest('hex').slice(0, 20);
  const meetingId = (sessionId: string) => `rabt-${sessionId}`;

  async function call(url: string): Promise<string> {
    let body: string;
    try {
      const res = await doFetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
      body = await res.text();
      if (!res.ok) throw new Error('status');
    } catch {
      throw new AppError('conferencing_unavailable');
    }
    return body;
  }

  return {
    kind: 'bbb',
    async joinUrl(session, participant) {
      const created = await call(
        sign('create', [
          ['name', `${session.title.ar} | ${session.title.en}`],
          ['meetingID', meetingId(session.id)],
          ['attendeePW', password(session.id, 'attendee')],
          ['moderatorPW', password(session.id, 'moderator')],
          ['record', 'true'],
          ['duration', String(session.durationMinutes + 30)],
          ['maxParticipants', String(session.capacity + 5)],
        ]),
      );
      // A second create for the same meetingID answers SUCCESS with a duplicateWarning: the room is shared.
      if (xmlText(created, 'returncode') !== 'SUCCESS') throw new AppError('conferencing_unavailable');
      const moderator = participant.role === 'trainer';
      return sign('join', [
        ['fullName', participant.fullName],
        ['meetingID', meetingId(session.id)],
        ['role', moderator ? 'MODERATOR' : 'VIEWER'],
        ['password', password(session.id, moderator ? 'moderator' : 'attendee')],
        ['userID', participant.userId],
        ['redirect', 'true'],
      ]);
    },
    async recordings(session) {
      return parseRecordings(await call(sign('getRecordings', [['meetingID', meetingId(session.id)]])));
    },
  };
}

/** The adapter this node's configuration chooses: BigBlueButton when BBB_URL and BBB_SECRET are set, else the built-in room. */
export function conferencingFor(config: Pick<Config, 'classrooms'>): ConferencingPort {
  const bbb = config.classrooms.bbb;
  return bbb ? bbbConferencing(bbb) : builtinConferencing();
}
