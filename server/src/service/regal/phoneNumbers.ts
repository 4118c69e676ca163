/**
 * Reading literal phone numbers the way Regal does: Regal validates phones with Google's
 * libphonenumber downstream and silently drops numbers it cannot read (docs/regal.md §1.5, §5.1), so
 * the editor is the only place to catch them. libphonenumber-js is a maintained port of it.
 *
 * - `e164`: written in E.164 (`+16503926753`) and a possible number: nothing to say;
 * - `readable`: libphonenumber reads it (`+1 (954) 555-2399`, Regal's own `+1 555 555 5555`) but it is
 *   not written in E.164, the form Regal's API documents: a hint, with the E.164 form;
 * - `unreadable`: libphonenumber cannot read it without guessing the country (`(650) 392-6753`) or
 *   at all: a warning, with the E.164 form when a North American guess is unambiguous.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

export type PhoneReading = { kind: 'e164' } | { kind: 'readable'; e164: string } | { kind: 'unreadable'; suggestion?: string };

const E164 = /^\+[1-9]\d{1,14}$/;
const PHONE_CHARACTERS = /^[+\d\s().-]+$/;

/** A number libphonenumber reads as possible (right length for its country), in E.164; else undefined. */
function possibleE164(phone: string, defaultCountry?: 'US'): string | undefined {
  try {
    const parsed = parsePhoneNumberFromString(phone, defaultCountry);
    return parsed?.isPossible() ? parsed.number : undefined;
  } catch {
    return undefined;
  }
}

export function readPhone(phone: string): PhoneReading {
  const trimmed = phone.trim();
  if (!PHONE_CHARACTERS.test(trimmed)) return { kind: 'unreadable' };
  if (trimmed.startsWith('+')) {
    const e164 = possibleE164(trimmed);
    if (!e164) return { kind: 'unreadable' };
    return E164.test(phone) && e164 === phone ? { kind: 'e164' } : { kind: 'readable', e164 };
  }
  return { kind: 'unreadable', ...suggestionFor(trimmed) };
}

/**
 * Without a `+` the country is a guess. It needs none for `00` + country code, and little for a 10-digit
 * North American number (Regal's documented region is the U.S.), optionally with its leading `1`.
 */
function suggestionFor(trimmed: string): { suggestion?: string } {
  const digits = trimmed.replace(/\D/g, '');
  let candidate: string | undefined;
  if (trimmed.startsWith('00')) candidate = possibleE164(`+${digits.slice(2)}`);
  else if ((digits.length === 10 && /^[2-9]/.test(digits)) || (digits.length === 11 && digits.startsWith('1'))) candidate = possibleE164(digits, 'US');
  return candidate ? { suggestion: candidate } : {};
}

/** True when the phone needs no finding: E.164 and possible. */
export function isE164(phone: string): boolean {
  return readPhone(phone).kind === 'e164';
}

/** The E.164 form to offer as a fix, when one needs no guess. */
export function suggestE164(phone: string): string | undefined {
  const reading = readPhone(phone);
  return reading.kind === 'readable' ? reading.e164 : reading.kind === 'unreadable' ? reading.suggestion : undefined;
}
