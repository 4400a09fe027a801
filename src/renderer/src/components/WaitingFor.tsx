import { useT } from '../i18n/store';
import { waitingKey } from '../lib/engine-text';

/** Why a task waits, in the user's language when the engine's sentence is a known one. */
export function WaitingFor({ text }: { text: string }) {
  const t = useT();
  const key = waitingKey(text);
  return key ? <span title={text}>{t(key)}</span> : <span lang="en">{text}</span>;
}
