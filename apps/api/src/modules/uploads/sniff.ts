import { fileTypeFromBuffer } from 'file-type';

/**
 * Content-type sniffing of uploaded bytes (issue 5 §6, "virus-safe handling"). The type is read from the
 * content's magic bytes (file-type; WHATWG MIME Sniffing §7 for the idea) — the client's Content-Type
 * header and the file name's extension are never trusted. Executables and scripts are refused whatever
 * they claim to be, and PDFs carrying active content (JavaScript, launch actions, embedded files) too:
 * OWASP File Upload Cheat Sheet, ASVS 5.0 V5.2.
 */
export type SniffResult = { ok: true; mime: string } | { ok: false; reason: 'executable' | 'unknown' | 'active_content'; mime: string | null };

const EXECUTABLE_MAGIC: readonly Buffer[] = [
  Buffer.from('MZ'), // Windows PE / DOS
  Buffer.from([0x7f, 0x45, 0x4c, 0x46]), // ELF
  Buffer.from([0xfe, 0xed, 0xfa, 0xce]), // Mach-O 32
  Buffer.from([0xfe, 0xed, 0xfa, 0xcf]), // Mach-O 64
  Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), // Mach-O 64 (little-endian)
  Buffer.from([0xce, 0xfa, 0xed, 0xfe]), // Mach-O 32 (little-endian)
  Buffer.from([0xca, 0xfe, 0xba, 0xbe]), // Mach-O universal / Java class
  Buffer.from('#!'), // shell scripts
];

const EXECUTABLE_MIME = /(x-msdownload|x-dosexec|x-executable|x-elf|x-mach-binary|java-archive|x-sh|x-shellscript|javascript|wasm|x-msi|vnd\.microsoft\.portable-executable)/;
/** PDF name objects that run or carry something (ISO 32000-1 §12.6 actions, §7.11.4 embedded files). */
const PDF_ACTIVE = [/\/JavaScript\b/, /\/JS\b/, /\/Launch\b/, /\/EmbeddedFile\b/, /\/RichMedia\b/];

/** Sniffs `bytes`: the MIME type from magic bytes, or why the content is refused. */
export async function sniff(bytes: Buffer): Promise<SniffResult> {
  if (EXECUTABLE_MAGIC.some((m) => bytes.subarray(0, m.length).equals(m))) return { ok: false, reason: 'executable', mime: null };
  const found = await fileTypeFromBuffer(bytes);
  if (!found) return { ok: false, reason: 'unknown', mime: null };
  if (EXECUTABLE_MIME.test(found.mime)) return { ok: false, reason: 'executable', mime: found.mime };
  if (found.mime === 'application/pdf') {
    const text = bytes.toString('latin1');
    if (PDF_ACTIVE.some((re) => re.test(text))) return { ok: false, reason: 'active_content', mime: found.mime };
  }
  return { ok: true, mime: found.mime };
}

/** File extension for a sniffed MIME type (used in the download's Content-Disposition name). */
export function extensionOf(mime: string): string {
  return ({ 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/tiff': 'tif' } as Record<string, string>)[mime] ?? 'bin';
}
