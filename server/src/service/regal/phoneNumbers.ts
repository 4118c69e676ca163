/**
 * E.164 checks for literal phone numbers. Regal validates phones with libphonenumber downstream and
 * silently drops invalid ones (domain.md §1.5), so the editor is the only place to catch them.
 */
const E164 = /^\+[1-9]\d{1,14}$/;

export function isE164(phone: string): boolean {
  return E164.test(phone);
}

/**
 * The E.164 form of a phone written with separators, when that is unambiguous: an explicit `+`
 * country code, or a 10-digit North American number (Regal's documented region is the U.S.),
 * optionally with its leading `1`. Undefined when a guess would be needed.
 */
export function suggestE164(phone: string): string | undefined {
  const trimmed = phone.trim();
  if (!/^[+\d\s().\-]+$/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, '');
  let candidate: string | undefined;
  if (trimmed.startsWith('+')) candidate = `+${digits}`;
  else if (trimmed.startsWith('00')) candidate = `+${digits.slice(2)}`;
  else if (digits.length === 10 && /^[2-9]/.test(digits)) candidate = `+1${digits}`;
  else if (digits.length === 11 && digits.startsWith('1')) candidate = `+${digits}`;
  return candidate && isE164(candidate) && candidate !== trimmed ? candidate : undefined;
}
