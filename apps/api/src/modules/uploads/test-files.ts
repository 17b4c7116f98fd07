import type { LightMyRequestResponse } from 'fastify';
import type { TestClient } from '../../testing/test-client.ts';

/** Test fixtures for document uploads: small, real files of each kind (and refused ones). */

/** A minimal, valid one-page PDF 1.4 (with a correct xref table). */
export function samplePdf(text = 'Rabt test'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 12 Tf 20 50 Td (${text}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A tiny JPEG (JFIF header, 1×1 baseline); `padTo` pads with a COM segment's worth of bytes to reach a size. */
export function sampleJpeg(padTo = 0): Buffer {
  const head = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const tail = Buffer.from([0xff, 0xd9]);
  const pad = Math.max(0, padTo - head.length - tail.length);
  return Buffer.concat([head, Buffer.alloc(pad, 0x20), tail]);
}

/** A Windows executable header (MZ … PE) — what a renamed `.exe` looks like. */
export function fakeExe(): Buffer {
  const b = Buffer.alloc(256, 0);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}

export const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');

/** Uploads `bytes` as document `type` of application `id`, claiming `contentType` (default application/octet-stream). */
export function uploadDocument(c: TestClient, id: string, type: string, bytes: Buffer, contentType = 'application/octet-stream', fileName?: string): Promise<LightMyRequestResponse> {
  return c.post(`/api/v1/applications/${id}/documents?type=${encodeURIComponent(type)}`, bytes, { 'content-type': contentType, ...(fileName ? { 'x-file-name': fileName } : {}) });
}
