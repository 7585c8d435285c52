import { DEFAULT_PROFILE } from './default.profile';
import { FINSABER_PROFILE } from './finsaber.profile';
import { Profile, ProfileName } from './profile';

export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  default: DEFAULT_PROFILE,
  finsaber: FINSABER_PROFILE,
};

export function getProfile(name: string): Profile {
  const profile = (PROFILES as Record<string, Profile>)[name];
  if (!profile) throw new Error(`unknown profile "${name}" (known: ${Object.keys(PROFILES).join(', ')})`);
  return profile;
}

export * from './profile';
