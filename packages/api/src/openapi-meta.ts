/**
 * The meta every procedure carries. The REST/OpenAPI adapter reads `openapi`; it is typed
 * here so the router does not depend on the adapter package.
 */
export interface OpenApiMeta {
  openapi?: {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    path: `/${string}`;
    summary?: string;
    description?: string;
    tags?: string[];
    protect?: boolean;
  };
}
