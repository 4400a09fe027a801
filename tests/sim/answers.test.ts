import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ollama } from 'ollama';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { schemaInstance, seededRng } from '../../src/sim/generator';
import { startSimulator, VirtualClock, type Simulator } from '../../src/sim/index';
import { parseScript } from '../../src/sim/script';

// What the simulator answers: deterministic text, schema-valid JSON, scripted replies.

const sims: Simulator[] = [];
async function open(options: Parameters<typeof startSimulator>[0] = {}) {
  const sim = await startSimulator({ clock: new VirtualClock(), admin: true, ...options });
  sims.push(sim);
  return { sim, client: new Ollama({ host: sim.url }) };
}
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function ask(options: Parameters<typeof startSimulator>[0], model: string, content: string, system?: string) {
  const { sim, client } = await open(options);
  const messages = [...(system ? [{ role: 'system', content: system }] : []), { role: 'user', content }];
  return (await sim.drive(client.chat({ model, messages, stream: false }))).message.content;
}

describe('generated answers', () => {
  it('are the same for the same seed and different for another', async () => {
    const a = await ask({ seed: 1 }, 'qwen2.5:14b', 'Review the queue module.');
    const b = await ask({ seed: 1 }, 'qwen2.5:14b', 'Review the queue module.');
    const c = await ask({ seed: 2 }, 'qwen2.5:14b', 'Review the queue module.');
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(a.split(' ').length).toBeGreaterThan(10);
  });

  it('echo the role from the system message; the Coder writes code', async () => {
    expect(await ask({}, 'qwen2.5:14b', 'Check this diff.', 'You are the Reviewer of a small team.')).toMatch(
      /^As the reviewer, here is my answer to "Check this diff\."/,
    );
    expect(await ask({}, 'qwen2.5-coder:32b', 'Write a helper.')).toContain('```ts');
  });

  it('stream the same text as they answer at once', async () => {
    const { sim, client } = await open({ seed: 3 });
    const whole = (await sim.drive(client.generate({ model: 'qwen2.5:7b', prompt: 'Plan the sprint.', stream: false })))
      .response;
    const streamed = await sim.drive(
      (async () => {
        let text = '';
        for await (const part of await client.generate({
          model: 'qwen2.5:7b',
          prompt: 'Plan the sprint.',
          stream: true,
        }))
          text += part.response;
        return text;
      })(),
    );
    expect(streamed).toBe(whole);
  });

  it('honour num_predict with done_reason "length"', async () => {
    const { sim, client } = await open();
    const reply = await sim.drive(
      client.generate({ model: 'qwen2.5:7b', prompt: 'Talk at length.', stream: false, options: { num_predict: 5 } }),
    );
    expect(reply.eval_count).toBe(5);
    expect(reply.done_reason).toBe('length');
  });

  it('give a JSON object for format "json"', async () => {
    const { sim, client } = await open();
    const reply = await sim.drive(
      client.generate({ model: 'qwen2.5:7b', prompt: 'Answer in JSON.', format: 'json', stream: false }),
    );
    expect(typeof JSON.parse(reply.response ?? '')).toBe('object');
  });

  it('refuse a format that is neither "json" nor a schema object, as llama_server.go does', async () => {
    const { sim, client } = await open();
    const error = await sim
      .drive(client.generate({ model: 'qwen2.5:7b', prompt: 'x', format: 'yaml' as 'json', stream: false }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      status_code: 500,
      message: 'invalid format: "\\"yaml\\""; expected "json" or a valid JSON Schema object',
    });
  });
});

describe('schema instances', () => {
  const Item = z.object({ id: z.uuid(), at: z.iso.datetime(), tags: z.array(z.string().min(2).max(12)).min(1).max(4) });
  const cases: Array<[string, z.ZodType]> = [
    [
      'object with required and optional fields',
      z.object({ name: z.string(), age: z.number().int().min(18).max(99), note: z.string().optional() }),
    ],
    [
      'enum, const and literal union',
      z.object({
        route: z.enum(['local', 'planner', 'frontier']),
        kind: z.literal('task'),
        level: z.union([z.literal(1), z.literal(2)]),
      }),
    ],
    [
      'nested arrays of objects with minItems',
      z.object({ items: z.array(Item).min(3), matrix: z.array(z.array(z.number().min(-1).max(1))).min(2) }),
    ],
    [
      'nullable and unions of types',
      z.object({ maybe: z.string().nullable(), either: z.union([z.number(), z.string()]), flag: z.boolean() }),
    ],
    [
      'exclusive bounds and multipleOf',
      z.object({ p: z.number().gt(0).lt(1), step: z.number().int().multipleOf(5).min(10).max(40) }),
    ],
    [
      'string formats and lengths',
      z.object({ email: z.email(), url: z.url(), day: z.iso.date(), code: z.string().length(6) }),
    ],
    ['top-level array', z.array(z.object({ k: z.string() })).min(2)],
    ['tuple', z.tuple([z.string(), z.number().int(), z.boolean()])],
    [
      'unique items',
      z
        .array(z.enum(['a', 'b', 'c']))
        .min(3)
        .refine((xs) => new Set(xs).size === xs.length),
    ],
  ];

  it.each(cases)('%s: valid for 50 seeds', (_, schema) => {
    const json = z.toJSONSchema(schema as z.ZodType);
    const wanted = json as Record<string, unknown>;
    if (_.startsWith('unique')) wanted['uniqueItems'] = true;
    for (let seed = 0; seed < 50; seed++) {
      const value = schemaInstance(seededRng(seed), wanted);
      const result = schema.safeParse(value);
      expect(result.success, `${JSON.stringify(value)} → ${JSON.stringify(result.error?.issues)}`).toBe(true);
    }
  });

  it('follows local $ref into $defs', () => {
    const schema = {
      $defs: {
        Step: { type: 'object', properties: { n: { type: 'integer', minimum: 1, maximum: 3 } }, required: ['n'] },
      },
      type: 'object',
      properties: { steps: { type: 'array', items: { $ref: '#/$defs/Step' }, minItems: 2 } },
      required: ['steps'],
    };
    const value = schemaInstance(seededRng(1), schema) as { steps: Array<{ n: number }> };
    expect(value.steps.length).toBeGreaterThanOrEqual(2);
    for (const step of value.steps) expect([1, 2, 3]).toContain(step.n);
  });
});

describe('scripts', () => {
  it('answer a model’s matching requests: "the coder answers X", "the router answers this JSON"', async () => {
    const route = { route: 'planner', rule: 'new-architecture', reason: 'whole-system design' };
    const { sim, client } = await open({
      script: [
        { model: 'qwen2.5-coder:32b', match: /fizzbuzz/i, respond: 'X' },
        { model: 'qwen2.5:7b', match: /^Route:/m, respond: route },
        { model: 'qwen2.5:14b', respond: (r) => `reviewed ${r.input.length} chars`, times: 1 },
      ],
    });
    const chat = (model: string, content: string) =>
      sim
        .drive(client.chat({ model, messages: [{ role: 'user', content }], stream: false }))
        .then((r) => r.message.content);
    expect(await chat('qwen2.5-coder:32b', 'Write FizzBuzz')).toBe('X');
    expect(await chat('qwen2.5-coder:32b', 'Something else')).not.toBe('X');
    expect(JSON.parse(await chat('qwen2.5:7b', 'Route: design the new system'))).toEqual(route);
    expect(await chat('qwen2.5:14b', 'abcd')).toBe('reviewed 4 chars');
    expect(await chat('qwen2.5:14b', 'abcd')).not.toBe('reviewed 4 chars'); // used up
  });

  it('read JSON Lines files, with errors that name the line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-script-'));
    const file = join(dir, 'script.jsonl');
    writeFileSync(
      file,
      [
        '# the coder',
        '{"model": "qwen2.5-coder:32b", "match": "hello", "flags": "i", "response": "HI"}',
        '',
        '{"endpoint": "generate", "error": "scripted failure", "status": 503}',
      ].join('\n'),
    );
    const { sim, client } = await open({ script: file });
    expect(
      (
        await sim.drive(
          client.chat({ model: 'qwen2.5-coder:32b', messages: [{ role: 'user', content: 'HELLO' }], stream: false }),
        )
      ).message.content,
    ).toBe('HI');
    const error = await sim
      .drive(client.generate({ model: 'qwen2.5:7b', prompt: 'x', stream: false }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status_code: 503, message: 'scripted failure' });
    expect(() => parseScript('{"model": "x", "response": "ok"}\n{"model": 3}', 'f.jsonl')).toThrow(/^f\.jsonl:2: /);
    expect(() => parseScript('{"model": "x"}', 'f.jsonl')).toThrow(/needs "response" or "error"/);
    expect(parseScript('[{"match": "a", "response": {"k": 1}}]')).toHaveLength(1);
  });

  it('can be added through the admin endpoint', async () => {
    const { sim, client } = await open();
    const added = await fetch(`${sim.url}/__sim/script`, {
      method: 'POST',
      body: '{"model": "qwen2.5:7b", "response": "scripted"}',
    });
    expect(added.status).toBe(200);
    expect((await sim.drive(client.generate({ model: 'qwen2.5:7b', prompt: 'x', stream: false }))).response).toBe(
      'scripted',
    );
  });
});
