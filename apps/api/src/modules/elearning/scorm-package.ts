/**
 * Reading an uploaded SCORM 1.2 package (issue 6 §1), at the boundary: the bytes must be a zip (PKWARE
 * APPNOTE §4.3.7 local file header magic PK\x03\x04) within SCORM_PACKAGE_LIMITS; every entry path must be
 * relative and free of `..` (no "zip slip"); imsmanifest.xml must sit at the root, parse as XML and declare
 * SCORM 1.2 (ADL SCORM 1.2 CAM §2.3.2: metadata/schemaversion "1.2"); the default organization's items
 * that reference a SCO resource (adlcp:scormtype="sco"), depth-first, give the SCOs in delivery order, each
 * launch file in the package (the first SCO's is the package's launch file), each with its item's
 * adlcp:masteryscore (0–100, strictly: 422 `scorm_mastery_score_invalid`) and adlcp:prerequisites (the
 * simple form only; see prerequisitesOf).
 *
 * Zip bombs are refused twice: from the central directory (entry count, declared sizes) before anything
 * is inflated, and while inflating (actual bytes counted against the declared size of each entry and the
 * total limit), so an archive that lies about its sizes is stopped after at most one 64 KB input chunk.
 * Inflation yields to the event loop every megabyte of input. Only files whose extension is on the served
 * allow list (SCORM_MEDIA_TYPES) are kept; others are counted in `skipped`.
 */
import { Unzip, UnzipInflate, UnzipPassThrough, unzipSync } from 'fflate';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SCORM_PACKAGE_LIMITS } from '@rabt/contracts';
import { AppError } from '../../http/errors.ts';

export type ScormLimits = { [K in keyof typeof SCORM_PACKAGE_LIMITS]: number };

/** Content types served for package files, by lower-case extension; files of any other type are not kept. */
export const SCORM_MEDIA_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html',
  htm: 'text/html',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  xml: 'application/xml',
  xsd: 'application/xml',
  txt: 'text/plain; charset=utf-8',
  vtt: 'text/vtt; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  ico: 'image/x-icon',
  bmp: 'image/bmp',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  webm: 'video/webm',
  ogv: 'video/ogg',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  otf: 'font/otf',
  eot: 'application/vnd.ms-fontobject',
  pdf: 'application/pdf',
};

/** The served content type of a package path, or null when its extension is not on the allow list. */
export function scormMediaType(path: string): string | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  return SCORM_MEDIA_TYPES[name.slice(dot + 1).toLowerCase()] ?? null;
}

/**
 * The entry path if it is safe to use as a key inside the package: relative, `/`-separated, no `..` or `.`
 * segment, no empty segment (except the trailing `/` of a directory), no backslash, drive letter or control
 * character, at most `maxLength` long. Null otherwise.
 */
export function safePackagePath(name: string, maxLength: number = SCORM_PACKAGE_LIMITS.pathLength): string | null {
  if (name.length === 0 || name.length > maxLength) return null;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f\\]/.test(name)) return null;
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return null;
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
  return name;
}

export interface ScormPackage {
  title: string;
  /** Launch file of the first SCO (a key of `files`), with the manifest's query string if any. */
  launchHref: string;
  /** Every SCO, in the default organization's order (the first is `launchHref`'s). */
  scos: ScormSco[];
  /** How many items' adlcp:prerequisites were not the simple form, or named no earlier SCO, and so are not applied. */
  ignoredPrerequisites: number;
  /** Kept files by path. */
  files: Map<string, Uint8Array>;
  /** Files left out because their type is not on the allow list. */
  skipped: number;
  /** Sum of the kept files' sizes in bytes. */
  keptBytes: number;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const MANIFEST = 'imsmanifest.xml';
const CHUNK = 64 * 1024;

class Refusal extends Error {
  constructor(readonly appError: AppError) {
    super(appError.code);
  }
}
const refuse = (code: ConstructorParameters<typeof AppError>[0], detail?: string): never => {
  throw new Refusal(new AppError(code, detail ? { detail } : {}));
};

/** Central directory entries (name → declared uncompressed size), checked for count, paths, sizes and methods. */
function listEntries(zip: Uint8Array, limits: ScormLimits): Map<string, number> {
  const entries = new Map<string, number>();
  let declared = 0;
  try {
    unzipSync(zip, {
      filter: (f) => {
        if (entries.size >= limits.entries) refuse('scorm_too_many_files');
        if (!safePackagePath(f.name, limits.pathLength)) refuse('scorm_unsafe_path', `Unsafe path: ${JSON.stringify(f.name.slice(0, 100))}`);
        if (entries.has(f.name)) refuse('scorm_zip_invalid', 'Two entries have the same name.');
        if (f.compression !== 0 && f.compression !== 8) refuse('scorm_zip_invalid', `Compression method ${f.compression} is not supported (stored or deflate only).`);
        declared += f.originalSize;
        if (declared > limits.uncompressedBytes) refuse('scorm_too_large');
        entries.set(f.name, f.originalSize);
        return false;
      },
    });
  } catch (err) {
    if (err instanceof Refusal) throw err;
    refuse('scorm_zip_invalid');
  }
  return entries;
}

/** Inflates the entries, counting actual bytes against each declared size and the total limit. */
async function inflateEntries(zip: Uint8Array, declared: Map<string, number>, limits: ScormLimits): Promise<{ files: Map<string, Uint8Array>; skipped: number; keptBytes: number }> {
  const files = new Map<string, Uint8Array>();
  const seen = new Set<string>();
  let total = 0;
  let skipped = 0;
  let keptBytes = 0;
  const unzip = new Unzip((file) => {
    const expected = declared.get(file.name);
    // The local header must name an entry of the central directory, once.
    if (expected === undefined || seen.has(file.name)) refuse('scorm_zip_invalid', 'The local headers do not match the central directory.');
    seen.add(file.name);
    const keep = !file.name.endsWith('/') && (file.name === MANIFEST || scormMediaType(file.name) !== null);
    if (!keep && !file.name.endsWith('/')) skipped++;
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (err, chunk, final) => {
      if (err) refuse('scorm_zip_invalid');
      size += chunk.length;
      total += chunk.length;
      if (size > expected!) refuse('scorm_zip_invalid', `${file.name} inflates beyond its declared size.`);
      if (total > limits.uncompressedBytes) refuse('scorm_too_large');
      if (keep) chunks.push(chunk);
      if (final && keep) {
        files.set(file.name, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
        keptBytes += size;
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  try {
    for (let i = 0; i < zip.length; i += CHUNK) {
      unzip.push(zip.subarray(i, i + CHUNK), i + CHUNK >= zip.length);
      if (i % (16 * CHUNK) === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (err) {
    if (err instanceof Refusal) throw err;
    refuse('scorm_zip_invalid');
  }
  return { files, skipped, keptBytes };
}

type XmlNode = Record<string, unknown>;
const asArray = (v: unknown): XmlNode[] => (Array.isArray(v) ? (v as XmlNode[]) : v && typeof v === 'object' ? [v as XmlNode] : []);
const text = (v: unknown): string => {
  if (typeof v === 'string' || typeof v === 'number') return String(v).trim();
  if (v && typeof v === 'object' && '#text' in v) return text((v as XmlNode)['#text']);
  return '';
};
const attr = (n: XmlNode | undefined, name: string): string => (n && typeof n[`@_${name}`] === 'string' ? (n[`@_${name}`] as string).trim() : '');

/** Parses imsmanifest.xml: no DTDs or entity declarations (none are needed; entity expansion is a DoS vector). */
function parseManifest(bytes: Uint8Array, limits: ScormLimits): { root: XmlNode; raw: string } {
  if (bytes.length > limits.manifestBytes) refuse('scorm_manifest_invalid', 'imsmanifest.xml is larger than 1 MB.');
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return refuse('scorm_manifest_invalid', 'imsmanifest.xml is not UTF-8.');
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(raw)) refuse('scorm_manifest_invalid', 'imsmanifest.xml may not contain a DOCTYPE or entity declarations.');
  if (XMLValidator.validate(raw) !== true) refuse('scorm_manifest_invalid');
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    isArray: (name) => ['organization', 'item', 'resource'].includes(name),
  });
  const doc = parser.parse(raw) as XmlNode;
  const root = doc.manifest;
  if (!root || typeof root !== 'object') refuse('scorm_manifest_invalid', 'The root element is not <manifest>.');
  return { root: root as XmlNode, raw };
}

/**
 * SCORM 1.2 when metadata/schemaversion is "1.2", or, lacking a schemaversion, when the manifest binds the
 * SCORM 1.2 adlcp namespace (adlcp_rootv1p2); anything else (SCORM 2004: "2004 3rd Edition", "CAM 1.3", the
 * adlcp_v1p3 namespace) is refused with `scorm_version_unsupported`.
 */
function checkVersion(root: XmlNode, raw: string): void {
  const version = text((root.metadata as XmlNode | undefined)?.schemaversion);
  if (version === '1.2') return;
  if (version === '' && /adlcp_rootv1p2/.test(raw) && !/adlcp_v1p3/.test(raw)) return;
  refuse('scorm_version_unsupported', version ? `schemaversion is "${version.slice(0, 40)}".` : 'The manifest declares no SCORM version.');
}

/** Joins xml:base values and an href into a package path (without query or fragment) and the query suffix. */
function resolveHref(bases: string[], href: string): { path: string; suffix: string } | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return null;
  const cut = href.search(/[?#]/);
  const suffix = cut >= 0 ? href.slice(cut) : '';
  if (suffix.length > 500) return null;
  let joined = bases.filter(Boolean).map((b) => (b.endsWith('/') ? b : `${b}/`)).join('') + (cut >= 0 ? href.slice(0, cut) : href);
  try {
    joined = decodeURIComponent(joined);
  } catch {
    return null;
  }
  const path = joined.replace(/^(\.\/)+/, '').replace(/\/(\.\/)+/g, '/');
  return safePackagePath(path) ? { path, suffix } : null;
}

/** At most this many SCOs are kept from a package's organization (a lesson, not a whole curriculum). */
export const MAX_SCOS = 100;

/** A SCO of the package, in the order of the default organization. */
export interface ScormSco {
  /** The item's identifier in the manifest (≤ 255 characters; "" when it has none). */
  identifier: string;
  /** The item's title, else the organization's (≤ 200 characters). */
  title: string;
  /** Launch file (a key of `files`), with the manifest's query string if any. */
  launchHref: string;
  /** adlcp:masteryscore of the item (0–100), null when it has none. */
  masteryScore: number | null;
  /** Positions of the earlier SCOs its adlcp:prerequisites require (see prerequisitesOf); empty when none. */
  prerequisites: number[];
}

/** CMIDecimal in 0–100 as SCORM 1.2 gives scores (cmi.core.score.raw, cmi.student_data.mastery_score): digits, an optional fraction, no sign or exponent. */
const MASTERY_SCORE = /^\d{1,3}(\.\d{1,4})?$/;

/**
 * The item's adlcp:masteryscore (SCORM 1.2 CAM; given to the SCO as cmi.student_data.mastery_score): a
 * number from 0 to 100 (at most 4 decimals), null when the item has none or an empty one. Anything else (a
 * sign, a percent sign, a comma, an exponent, above 100, the element twice) is 422
 * `scorm_mastery_score_invalid`, naming the item.
 */
function masteryScoreOf(item: XmlNode): number | null {
  const raw = item.masteryscore;
  if (raw === undefined) return null;
  const where = `item ${JSON.stringify(attr(item, 'identifier').slice(0, 100))}`;
  if (Array.isArray(raw)) return refuse('scorm_mastery_score_invalid', `The ${where} has more than one adlcp:masteryscore.`);
  const value = decodeXmlText(text(raw)).trim();
  if (value === '') return null;
  if (!MASTERY_SCORE.test(value) || Number(value) > 100) return refuse('scorm_mastery_score_invalid', `adlcp:masteryscore of the ${where} is ${JSON.stringify(value.slice(0, 40))}, not a number from 0 to 100.`);
  return Number(value);
}

/**
 * Text with XML's five predefined entities and character references decoded: the parser leaves entities
 * alone (processEntities off), and an AICC script's `&` is written `&amp;` in the manifest.
 */
function decodeXmlText(value: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return value.replace(/&(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (m, name: string) => {
    if (!name.startsWith('#')) return named[name]!;
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/** An item identifier inside an AICC script: no operator, brace, quote or space. */
const SCRIPT_IDENTIFIER = /^[^\s&|~=<>(){},*"]+$/;

/**
 * The positions of the SCOs an item's adlcp:prerequisites require (SCORM 1.2 CAM; type "aicc_script"). Only
 * the simple form is applied: an item identifier, or identifiers joined by `&` (spaces around them allowed),
 * each naming a SCO delivered before this one (`earlier`, in delivery order). Anything else is treated as no
 * prerequisite at all, and counted in `ignored`: the other AICC script operators (`|`, `~`, `=`, `<>`,
 * parentheses, sets `{…}` and counts `n*{…}`), an identifier that names no SCO (an unknown item, an asset
 * or an aggregation item), or a SCO delivered later or the SCO itself (requiring only earlier SCOs keeps the
 * package from locking itself in a cycle).
 */
function prerequisitesOf(item: XmlNode, earlier: readonly ScormSco[], ignored: { count: number }): number[] {
  const raw = item.prerequisites;
  if (raw === undefined) return [];
  const script = Array.isArray(raw) ? '' : decodeXmlText(text(raw));
  if (script === '') return [];
  const ids = script.split('&').map((p) => p.trim());
  const positions = ids.map((id) => (SCRIPT_IDENTIFIER.test(id) ? earlier.findIndex((s) => s.identifier === id) : -1));
  if (positions.some((p) => p < 0)) {
    ignored.count++;
    return [];
  }
  return [...new Set(positions)].sort((a, b) => a - b);
}

/**
 * The SCOs in delivery order: every item of the default organization, depth-first, whose resource is a SCO
 * with a launch file in the package; when no item references one, the first SCO resource alone. At most
 * MAX_SCOS (422 `scorm_manifest_invalid` beyond); none is 422 `scorm_no_sco`.
 */
function scosOf(root: XmlNode, files: Map<string, Uint8Array>): { scos: ScormSco[]; orgTitle: string; ignoredPrerequisites: number } {
  const resources = root.resources as XmlNode | undefined;
  const resourceBase = attr(resources, 'base');
  const all = asArray(resources?.resource);
  const launchOf = (r: XmlNode): string | null => {
    if (attr(r, 'scormtype').toLowerCase() !== 'sco' || !attr(r, 'href')) return null;
    const resolved = resolveHref([resourceBase, attr(r, 'base')], attr(r, 'href'));
    return resolved && files.has(resolved.path) ? resolved.path + resolved.suffix : null;
  };
  const orgs = root.organizations as XmlNode | undefined;
  const orgList = asArray(orgs?.organization);
  const org = orgList.find((o) => attr(o, 'identifier') === attr(orgs, 'default')) ?? orgList[0];
  const orgTitle = text(org?.title);
  const clean = (title: string) => title.replace(/\s+/g, ' ').trim().slice(0, 200);
  const scos: ScormSco[] = [];
  const ignored = { count: 0 };
  const walk = (items: XmlNode[]): void => {
    for (const item of items) {
      const ref = attr(item, 'identifierref');
      const r = ref ? all.find((x) => attr(x, 'identifier') === ref) : undefined;
      const launch = r ? launchOf(r) : null;
      if (launch) {
        if (scos.length >= MAX_SCOS) refuse('scorm_manifest_invalid', `The organization has more than ${MAX_SCOS} SCOs.`);
        scos.push({
          identifier: attr(item, 'identifier').slice(0, 255),
          title: clean(text(item.title)) || clean(orgTitle) || 'SCORM',
          launchHref: launch,
          masteryScore: masteryScoreOf(item),
          prerequisites: prerequisitesOf(item, scos, ignored),
        });
      }
      walk(asArray(item.item));
    }
  };
  walk(asArray(org?.item));
  if (scos.length === 0) {
    for (const r of all) {
      const launch = launchOf(r);
      // No item names it, so there is no item to carry a mastery score or prerequisites.
      if (launch) return { scos: [{ identifier: attr(r, 'identifier').slice(0, 255), title: clean(orgTitle) || 'SCORM', launchHref: launch, masteryScore: null, prerequisites: [] }], orgTitle, ignoredPrerequisites: 0 };
    }
    refuse('scorm_no_sco');
  }
  return { scos, orgTitle, ignoredPrerequisites: ignored.count };
}

/**
 * Reads and checks a SCORM 1.2 package. Errors (AppError, problem details): 415 `scorm_not_zip`, 413
 * `scorm_too_large`, 422 `scorm_too_many_files` | `scorm_zip_invalid` | `scorm_unsafe_path` |
 * `scorm_manifest_missing` | `scorm_manifest_invalid` | `scorm_version_unsupported` | `scorm_no_sco` |
 * `scorm_mastery_score_invalid`.
 */
export async function readScormPackage(zip: Uint8Array, limits: ScormLimits = SCORM_PACKAGE_LIMITS): Promise<ScormPackage> {
  try {
    if (zip.length < 4 || ZIP_MAGIC.some((b, i) => zip[i] !== b)) refuse('scorm_not_zip');
    if (zip.length > limits.zipBytes) refuse('scorm_too_large');
    const declared = listEntries(zip, limits);
    if (!declared.has(MANIFEST)) refuse('scorm_manifest_missing');
    const { files, skipped, keptBytes } = await inflateEntries(zip, declared, limits);
    const manifest = files.get(MANIFEST);
    if (!manifest) return refuse('scorm_manifest_missing');
    const { root, raw } = parseManifest(manifest, limits);
    checkVersion(root, raw);
    const { scos, orgTitle, ignoredPrerequisites } = scosOf(root, files);
    const first = scos[0]!;
    // The package's title: the organization's, else its first SCO item's (as before several SCOs were run).
    const title = orgTitle.replace(/\s+/g, ' ').trim().slice(0, 200) || first.title;
    return { title, launchHref: first.launchHref, scos, ignoredPrerequisites, files, skipped, keptBytes };
  } catch (err) {
    if (err instanceof Refusal) throw err.appError;
    throw err;
  }
}
