// The rule profiles (规则配置, DESIGN.md §4; shared/domain/rules-catalog.md), read at import from the data
// files in profiles/ (one YAML file per jurisdiction, validated by profile-schema.ts). A profile version
// applies when the trigger date lies in [validFrom, validTo]; an overlay inherits every national rule
// it does not replace. A broken file stops the import with its file, line and field.
import { fileURLToPath } from 'node:url';
import { loadProfiles } from './profile-files.ts';
import type { Profile } from './rules.ts';

/** The folder of the profile files (the repository's profiles/). */
export const PROFILES_DIR = fileURLToPath(new URL('../../profiles/', import.meta.url));

export const PROFILES: readonly Profile[] = loadProfiles(PROFILES_DIR);
