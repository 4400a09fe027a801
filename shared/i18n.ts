/** UI strings in the two languages the product ships (product.md). Keys are shared; ko is canonical. */
export const locales = ['ko', 'en'] as const;
export type Locale = (typeof locales)[number];

const ko = {
  'app.title': 'Frontier SOS',
  'app.subtitle': '로컬 모델 팀 컨트롤 센터',
  'app.simulated': '시뮬레이션',
  'app.loading': '상태를 불러오는 중…',
  'app.error': '상태를 불러오지 못했습니다',
  'agents.title': '에이전트',
  'lock.IDLE': '대기',
  'lock.BUSY': '작업 중',
  'agent.loaded': '메모리에 적재됨',
  'agent.unloaded': '언로드됨',
  'planner.warning':
    '[WARNING: 52B Planner 소환이 필요합니다. 상주 모델이 언마운트됩니다. 승인하시겠습니까?]',
} as const;

export type MessageKey = keyof typeof ko;

const en: Record<MessageKey, string> = {
  'app.title': 'Frontier SOS',
  'app.subtitle': 'Control center for your local model team',
  'app.simulated': 'Simulated',
  'app.loading': 'Loading state…',
  'app.error': 'Could not load the state',
  'agents.title': 'Agents',
  'lock.IDLE': 'Idle',
  'lock.BUSY': 'Busy',
  'agent.loaded': 'Loaded in memory',
  'agent.unloaded': 'Unloaded',
  'planner.warning':
    'WARNING: the 52B Planner must be summoned. The resident models will be unloaded. Approve?',
};

export const messages: Record<Locale, Record<MessageKey, string>> = { ko, en };

export function t(locale: Locale, key: MessageKey): string {
  return messages[locale][key];
}

/** Picks ko or en from a BCP 47 tag such as `ko-KR` or `en-US`; anything else falls back to en. */
export function localeFromTag(tag: string | undefined | null): Locale {
  return tag?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}
