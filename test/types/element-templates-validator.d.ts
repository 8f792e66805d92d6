// The validator ships no types: the part of its API the element-template test uses.
declare module '@bpmn-io/element-templates-validator' {
  export interface TemplateValidationError {
    message: string;
    dataPath?: string;
    keyword?: string;
    params?: Record<string, unknown>;
  }
  export interface TemplateValidationResult {
    valid: boolean;
    object: unknown;
    errors: TemplateValidationError[] | null;
  }
  /** validates against the Camunda 7 ("platform") schema, @camunda/element-templates-json-schema */
  export function validate(template: string | object): TemplateValidationResult;
  export function getSchemaPackage(): string;
  export function getSchemaVersion(): string;
}
