import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats ships CommonJS whose default export TypeScript sees one level down.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const DOC_ID = 'carhub-openapi';

type Json = Record<string, unknown>;

function pointer(segments: string[]): string {
  return segments.map((s) => encodeURIComponent(s.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/');
}

/**
 * Validates bodies against the served /openapi.json with ajv (JSON Schema 2020-12, which
 * OpenAPI 3.1 uses), through the document's own $refs: what a generated client assumes.
 */
export class DocumentValidator {
  private readonly ajv: Ajv2020;
  constructor(readonly document: Json) {
    // strict: false because the document carries OpenAPI keywords (paths, info) beside the schemas.
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ ...document, $id: DOC_ID });
  }

  static async fetch(baseUrl: string): Promise<DocumentValidator> {
    const res = await fetch(`${baseUrl}/openapi.json`);
    return new DocumentValidator((await res.json()) as Json);
  }

  /** The errors of `body` against a schema at a JSON pointer of the document, or [] when it fits. */
  errorsAt(segments: string[], body: unknown): string[] {
    const validate = this.ajv.compile({ $ref: `${DOC_ID}#/${pointer(segments)}` });
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}`.trim());
  }

  /** Against components.schemas.Error. */
  errorBodyErrors(body: unknown): string[] {
    return this.errorsAt(['components', 'schemas', 'Error'], body);
  }

  /**
   * Against what the document declares for this operation and status (path as in the
   * document, e.g. `/bookings/{id}/approve`). A status the operation doesn't declare is an error.
   */
  responseErrors(path: string, method: string, status: number, body: unknown): string[] {
    const operation = ((this.document.paths as Json)[path] as Json | undefined)?.[method.toLowerCase()] as
      | { responses?: Record<string, { content?: Record<string, unknown> }> }
      | undefined;
    if (!operation) return [`${method} ${path} is not in the document`];
    const response = operation.responses?.[String(status)];
    if (!response) return [`${method} ${path} does not declare ${status}`];
    if (!response.content?.['application/json']) return [];
    return this.errorsAt(
      ['paths', path, method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema'],
      body,
    );
  }
}
