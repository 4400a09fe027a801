import { describe, expect, it } from 'vitest';
import { catalogues, locales, messages, t, type EngineKey, type MessageKey } from '../../shared/i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
const surfaces = ['ui', 'desktop', 'engine'] as const;

// Keys used in code are checked by the compiler, not by scanning: `t`, `tr`, the dashboard's
// `useT` and the engine's `say` take a MessageKey or an EngineKey, the union of English's keys,
// and `npm run typecheck` runs over every source and test. The two lines with @ts-expect-error
// below keep that promise honest: if a key stopped being checked, the typecheck would fail.
describe('the catalogues', () => {
  it('Korean has exactly English’s keys, surface by surface', () => {
    for (const surface of surfaces) {
      const en = Object.keys(catalogues.en[surface]).sort();
      expect(Object.keys(catalogues.ko[surface]).sort(), surface).toEqual(en);
      expect(en.length, surface).toBeGreaterThan(0);
    }
  });

  it('every {placeholder} is the same in both languages, and no text is empty', () => {
    for (const key of Object.keys(messages.en) as MessageKey[]) {
      expect(placeholders(messages.ko[key]), key).toEqual(placeholders(messages.en[key]));
      for (const locale of locales) expect(messages[locale][key].trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it('no key belongs to two surfaces (one would hide the other in the merged catalogue)', () => {
    const seen = new Map<string, string>();
    for (const surface of surfaces)
      for (const key of Object.keys(catalogues.en[surface])) {
        expect(seen.get(key), key).toBeUndefined();
        seen.set(key, surface);
      }
    expect(Object.keys(messages.en)).toHaveLength(seen.size);
  });

  it('the planner warning is the exact text docs/architecture.md promises', () => {
    expect(messages.ko['planner.warning']).toBe(
      '[WARNING: 52B Planner 소환이 필요합니다. 상주 모델이 언마운트됩니다. 승인하시겠습니까?]',
    );
  });

  it('a key that is not in the catalogue does not compile', () => {
    // @ts-expect-error: not a key of the catalogue
    expect(t('en', 'engine.noSuchThing')).toBeUndefined();
    // @ts-expect-error: Korean missing one of English's keys is a type error
    const partial: Record<EngineKey, string> = { 'engine.cancelled': '사용자가 취소했습니다.' };
    expect(Object.keys(partial)).toHaveLength(1);
  });
});
