/**
 * The two places outside the code that list every rule, generated from the registry: the README's
 * diagnostics table and the `regal.diagnostics.severity` setting in package.json. The script
 * scripts/generateRuleDocs.ts writes them; a unit test fails when either is stale.
 */
import { rules } from './registry';

const TABLE_HEADER = '| code | default severity | meaning | example |\n|---|---|---|---|\n';
const SEVERITY_SETTING = 'regal.diagnostics.severity';

/** The README with its diagnostics table rewritten from the registry (the rows after the table's header, up to the first blank line). */
export function readmeWithRuleTable(readme: string): string {
  const start = readme.indexOf(TABLE_HEADER);
  if (start === -1) throw new Error('README.md has no diagnostics table header to generate under.');
  const rowsStart = start + TABLE_HEADER.length;
  const end = readme.indexOf('\n\n', rowsStart);
  const rows = Object.values(rules).map((rule) => `| \`${rule.code}\` | ${rule.severity} | ${cell(rule.meaning)} | ${cell(rule.example)} |`);
  return readme.slice(0, rowsStart) + rows.join('\n') + readme.slice(end === -1 ? readme.length : end);
}

/** package.json's text with the severity setting's properties rewritten from the registry (JSON, 2 spaces, as npm writes it). */
export function manifestWithSeveritySetting(manifestText: string): string {
  const manifest = JSON.parse(manifestText) as { contributes?: { configuration?: { properties?: Record<string, { properties?: unknown }> } } };
  const setting = manifest.contributes?.configuration?.properties?.[SEVERITY_SETTING];
  if (!setting) throw new Error(`package.json has no ${SEVERITY_SETTING} setting to generate.`);
  setting.properties = Object.fromEntries(
    Object.values(rules).map((rule) => [
      rule.code,
      { type: 'string', enum: ['error', 'warning', 'information', 'hint', 'off'], default: rule.severity, markdownDescription: rule.meaning },
    ]),
  );
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** A table cell: a `|` would end it. */
function cell(markdown: string): string {
  return markdown.replace(/\|/g, '\\|');
}
