/** A definition the emulator cannot serve; `problems` names each fault. */
export class DefinitionError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.length === 1 ? problems[0]! : `${problems.length} problems:\n- ${problems.join('\n- ')}`);
    this.name = 'DefinitionError';
    this.problems = problems;
  }
}
