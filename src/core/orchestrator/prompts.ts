import type { ChatMessage } from '../ports';

/** Kept short on purpose: small models do better with a pointer to files than with the whole story. */
export function coderMessages(task: string, contextPointer: string | null): ChatMessage[] {
  return [
    {
      role: 'system',
      content:
        'You are the Coder of a local development team. Answer with working code and a short explanation. Be precise; say what you are unsure of.',
    },
    ...(contextPointer ? [{ role: 'user' as const, content: contextPointer }] : []),
    { role: 'user', content: task },
  ];
}

export function reviewerMessages(task: string, answer: string): ChatMessage[] {
  return [
    {
      role: 'system',
      content:
        'You are the Reviewer. Check the Coder\'s answer for bugs, missed requirements and risky changes. Reply with a verdict line ("LGTM" or "CHANGES NEEDED") and a short list of findings.',
    },
    { role: 'user', content: `Task:\n${task}\n\nCoder's answer:\n${answer}` },
  ];
}

export function plannerMessages(task: string, tempContext: string, currentTaskJson: string): ChatMessage[] {
  return [
    {
      role: 'system',
      content:
        'You are the Planner: design whole systems and hard algorithms. Return JSON with a title, the full design in markdown, and exactly 5 action items for the implementing models (title, detail, files).',
    },
    {
      role: 'user',
      content: `Context (temp_context.md):\n${tempContext}\n\nState (current_task.json):\n${currentTaskJson}\n\nRequest:\n${task}`,
    },
  ];
}
