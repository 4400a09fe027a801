import { z } from 'zod';

/**
 * What the Planner must return (docs/architecture.md, "Context sharing"): the detailed design stays in the file; the
 * implementing models get exactly five action items.
 */
export const actionItemSchema = z.object({
  title: z.string().min(1),
  detail: z.string().min(1),
  files: z.array(z.string()).default([]),
});

export const blueprintSchema = z.object({
  title: z.string().min(1),
  design: z.string().min(1),
  actionItems: z.array(actionItemSchema).length(5),
});
export type Blueprint = z.infer<typeof blueprintSchema>;

export const actionItemsHeading = '## Executive summary — 5 action items';

export function renderBlueprint(blueprint: Blueprint, taskId: string, question: string): string {
  const items = blueprint.actionItems.map((item, i) => {
    const files = item.files.length ? ` (files: ${item.files.map((f) => `\`${f}\``).join(', ')})` : '';
    return `${i + 1}. **${item.title}**${files} — ${item.detail}`;
  });
  return [
    `# ${blueprint.title}`,
    '',
    `> Planner blueprint for task \`${taskId}\`: ${question.split('\n')[0]?.slice(0, 200) ?? ''}`,
    '',
    blueprint.design.trim(),
    '',
    actionItemsHeading,
    '',
    ...items,
    '',
  ].join('\n');
}

/** The short instruction a resident gets after the swap: a pointer to files, never the blueprint. */
export function followUpInstruction(blueprint: Blueprint, item: number): string {
  const action = blueprint.actionItems[item - 1];
  const where = action?.files.length ? ` in ${action.files.join(', ')}` : '';
  return `Read shared/blueprint.md and shared/temp_context.md; do action item ${item}${where} ("${action?.title ?? ''}") and change only that part.`;
}
