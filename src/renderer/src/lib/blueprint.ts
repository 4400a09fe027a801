import { actionItemsHeading } from '../../../../shared/blueprint';

export interface BlueprintPart {
  kind: 'design' | 'actions';
  markdown: string;
}

/**
 * Splits a blueprint into the design and the "5 action items" sections, so the dashboard can set
 * the action items apart. A section runs from the heading to the next top- or second-level heading
 * or a `---` rule (the file joins several blueprints with one).
 */
export function splitBlueprint(markdown: string): BlueprintPart[] {
  const parts: BlueprintPart[] = [];
  let kind: BlueprintPart['kind'] = 'design';
  let lines: string[] = [];
  const flush = () => {
    const text = lines.join('\n');
    if (text.trim()) parts.push({ kind, markdown: text });
    lines = [];
  };
  for (const line of markdown.split('\n')) {
    if (line.trim() === actionItemsHeading) {
      flush();
      kind = 'actions';
    } else if (kind === 'actions' && (/^#{1,2}\s/.test(line) || /^---\s*$/.test(line))) {
      flush();
      kind = 'design';
    }
    lines.push(line);
  }
  flush();
  return parts;
}
