// Domain errors know nothing about HTTP or the engine. http/error-handler.ts maps them to status
// codes; workers/job-outcome.ts maps them to BPMN errors or job failures.

export interface FieldIssue {
  field: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: string;
  readonly details?: unknown;
  constructor(code: string, message: string, details?: unknown) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** Bad input. `issues` names every offending field. */
export class InputError extends DomainError {
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[], message?: string) {
    super('INVALID_INPUT', message ?? issues.map((i) => `${i.field}: ${i.message}`).join('; '), { issues });
    this.issues = issues;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string | number) {
    super('NOT_FOUND', `${what} ${id} 不存在`);
  }
}

/** The request is valid but conflicts with the current state (duplicate, wrong stage). */
export class ConflictError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super(code, message, details);
  }
}

/** The engine cannot be reached or answers with a server error: the caller may retry later. */
export class EngineUnavailableError extends DomainError {
  constructor(message: string) {
    super('ENGINE_UNAVAILABLE', message);
  }
}

/** A server-side tool or service the request needs is missing or down (503); the message says what to install or start. */
export class UnavailableError extends DomainError {}

/** A business rule outcome a diagram is expected to catch (thrown as a BPMN error by workers). */
export class RuleError extends DomainError {}

/** The engine answered a query or command of the app with an error it should not have. */
export class EngineError extends DomainError {}

/** Turns a zod error into an InputError naming each field. */
export function inputErrorFromZod(error: { issues: { path: PropertyKey[]; message: string }[] }, prefix = ''): InputError {
  return new InputError(
    error.issues.map((i) => ({
      field: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(body)',
      message: i.message,
    })),
  );
}
