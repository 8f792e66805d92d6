// What the machine needs beyond `npm install`. scripts/setup.ts installs what is missing.
// Each Debian package names the binary that proves it is there and why the product needs it.
export interface DebianRequirement {
  pkg: string;
  probe: string; // a path that exists once the package is installed
  why: string;
}

export const debianRequirements: DebianRequirement[] = [];
