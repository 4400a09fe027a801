import { z } from 'zod';
import { profiles } from './memory/profiles';
import { localeSettingSchema } from './locale';
import { roleOverridesSchema } from './roles';

/** The engine's settings, beside its journal: `<workspace>/.frontier-sos/settings.json`. */
export const engineSettingsPath = '.frontier-sos/settings.json';

export const profileIdSchema = z.enum(profiles.map((p) => p.id) as [string, ...string[]]);

export const engineSettingsSchema = z
  .object({
    roles: roleOverridesSchema.optional(),
    /** The machine the memory plan is made for (default m4pro-64). */
    profile: profileIdSchema.optional(),
    /**
     * Keep secrets as written in the hand-off files (shared/, snapshots). Off by default: those
     * files are meant to be read, shown and committed; the journal keeps the raw text anyway.
     */
    keepSecretsInHandoffFiles: z.boolean().optional(),
    /** The headless host's dashboard language (the engine ignores it; src/compose/host-channels.ts). */
    locale: localeSettingSchema.optional(),
  })
  .strict();
export type EngineSettings = z.infer<typeof engineSettingsSchema>;
