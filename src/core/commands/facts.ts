import { describeSource } from '../format/describe-figures.js';
import { createMessage, errorMessage } from '../message/message.js';
import type { CommandSpec } from './command.js';
import { companyOption, rivalryOption } from './options.js';

export const factsCommand: CommandSpec = {
  name: 'facts',
  description: 'Dated facts behind the numbers: segments, stores, e-commerce, AI strategy',
  usage: 'facts [rivalry] [company]',
  examples: ['facts amazon-vs-walmart', 'facts walmart'],
  options: [rivalryOption, companyOption],
  run({ rivalry, company }) {
    if (rivalry === undefined) return errorMessage('No facts', 'Name a rivalry.');
    const facts = rivalry.facts.filter((f) => company === undefined || f.companies.includes(company.id));
    const about = company?.name ?? rivalry.title;
    if (facts.length === 0) {
      return createMessage({ title: `${about}: no facts`, summary: `No facts are recorded for ${about} yet.`, visibility: 'private', fallbackText: `No facts for ${about}.` });
    }
    const names = new Map(rivalry.companies.map((c) => [c.id, c.name]));
    const sources = [...new Set(facts.map((f) => describeSource(f.source)))];
    const summary = `${facts.length} fact${facts.length === 1 ? '' : 's'} about ${about}.`;
    return createMessage({
      title: `${about}: facts`,
      summary,
      fields: facts.map((f) => ({
        label: `${f.companies.map((id) => names.get(id) ?? id).join(' & ')} · ${f.topic} (${f.asOfLabel})`,
        value: f.text,
      })),
      context: sources.length === 1 ? [`Source: ${sources[0] ?? ''}.`] : sources.map((s, i) => `Source ${i + 1}: ${s}.`),
      fallbackText: `${summary} ${facts[0]?.text ?? ''}`,
    });
  },
};
