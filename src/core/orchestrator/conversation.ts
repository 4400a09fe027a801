import type { Workspace } from '../ports';

export const conversationPath = '.frontier-sos/conversation.jsonl';

export interface ConversationEntry {
  at: number;
  taskId: string;
  speaker: 'user' | 'coder' | 'reviewer' | 'planner' | 'frontier' | 'system';
  text: string;
}

/** Everything said, kept on disk so the Router can compact it after any restart. */
export class Conversation {
  private entries: ConversationEntry[] = [];

  constructor(private readonly workspace: Workspace) {}

  async load(): Promise<void> {
    const text = (await this.workspace.readText(conversationPath)) ?? '';
    this.entries = text
      .split('\n')
      .filter((line) => line.trim())
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as ConversationEntry];
        } catch {
          return []; // a torn last line after a crash
        }
      });
  }

  async add(entry: ConversationEntry): Promise<void> {
    this.entries.push(entry);
    await this.workspace.appendLine(conversationPath, JSON.stringify(entry));
  }

  all(): readonly ConversationEntry[] {
    return this.entries;
  }
}
