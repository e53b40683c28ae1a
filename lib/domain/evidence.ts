/** Evidence files (证明材料): PDF, JPEG or PNG, at most 10 MB, recognized by content, not by name. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

const SIGNATURES: { mime: string; bytes: number[] }[] = [
  { mime: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { mime: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mime: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

export function evidenceProblem(content: Uint8Array): string | null {
  if (content.length === 0) return '文件为空';
  if (content.length > MAX_EVIDENCE_BYTES) return '证明材料不能超过 10 MB';
  if (!detectEvidenceType(content)) return '证明材料只能是 PDF、JPG 或 PNG 文件';
  return null;
}

export function detectEvidenceType(content: Uint8Array): string | null {
  return SIGNATURES.find((s) => s.bytes.every((b, i) => content[i] === b))?.mime ?? null;
}
