import { useId, useState, type FormEvent } from 'react';
import type { SecretProvider } from '../../../../../shared/contract';
import { call } from '../../api/client';
import { ErrorNote } from '../../components/Notes';
import { Section } from '../../components/Section';
import { useT } from '../../i18n/store';
import { useAction } from '../../lib/use-action';
import { useChannel } from '../../lib/use-fetch';

const providers: readonly SecretProvider[] = ['openai', 'anthropic'];
const names: Record<SecretProvider, string> = { openai: 'OpenAI', anthropic: 'Anthropic' };
const saveKey = (provider: SecretProvider, key: string) => call('secrets.set', { provider, key });

function KeyForm({ provider, isSet, onSaved }: { provider: SecretProvider; isSet: boolean; onSaved(): void }) {
  const t = useT();
  const id = useId();
  const [key, setKey] = useState('');
  const [saved, setSaved] = useState(false);
  const { run, busy, error } = useAction(saveKey);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    // The key leaves the field at once, saved or not: it must not linger in the page.
    const value = key;
    setKey('');
    if (await run(provider, value)) {
      setSaved(true);
      onSaved();
    }
  };
  return (
    <form className="key-form" onSubmit={submit} data-provider={provider}>
      <label htmlFor={id}>{t('settings.keyInput', { provider: names[provider] })}</label>{' '}
      <span className={isSet ? 'ok-text' : 'muted'} data-key-set={isSet}>
        {t(isSet ? 'frontier.keySet' : 'frontier.keyMissing')}
      </span>
      <div className="form-row">
        <input
          id={id}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={key}
          onChange={(e) => setKey(e.target.value)}
        />
        <button type="submit" disabled={busy || !key.trim()}>
          {t('settings.keySave')}
        </button>
      </div>
      {saved ? (
        <p role="status" className="ok-text">
          {t('settings.keySaved')}
        </p>
      ) : null}
      {error ? <ErrorNote title={t('settings.keyFailed')} detail={error} /> : null}
    </form>
  );
}

/** API keys go to the host (secrets.set) and never come back: only "set" or "not set" does. */
export function ApiKeys() {
  const t = useT();
  const [version, setVersion] = useState(0);
  const status = useChannel('secrets.status', {}, version);
  return (
    <Section title={t('settings.keys')}>
      <p className="muted">{t('settings.keysNote')}</p>
      {status.status === 'error' ? <ErrorNote title={t('settings.loadError')} detail={status.error} /> : null}
      {providers.map((p) => (
        <KeyForm
          key={p}
          provider={p}
          isSet={status.status === 'ready' ? status.data[p] : false}
          onSaved={() => setVersion((v) => v + 1)}
        />
      ))}
    </Section>
  );
}
