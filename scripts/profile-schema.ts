// Writes profiles/profile.schema.json from the zod schema (src/deadlines/profile-schema.ts), the one
// source of what a rule profile file may say: `npm run docs:profile-schema`. A unit test checks it is current.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { profileJsonSchema } from '../src/deadlines/profile-schema.ts';

export const OUTPUT = 'profiles/profile.schema.json';

export function renderProfileSchema(): string {
  return `${JSON.stringify(profileJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL(`../${OUTPUT}`, import.meta.url), renderProfileSchema());
  console.log(`wrote ${OUTPUT}`);
}
