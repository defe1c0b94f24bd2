// The API's own input schemas, so a form refuses exactly what the server would refuse.
// (vite.config.ts keeps the database package these modules reach out of the bundle.)

export { createApiKeyInput } from '../../../../packages/api/src/domain/api-keys/schemas';
export { apiKeyAreas, apiKeyScopes } from '../../../../packages/api/src/domain/api-keys/scopes';
export {
  bodyTypeSchema,
  carStatusSchema,
  createCarInput,
  fuelTypeSchema,
  priceSchema,
  transmissionSchema,
} from '../../../../packages/api/src/domain/cars/schemas';
export { updateShowroomInput } from '../../../../packages/api/src/routers/admin/showroom/schemas';
export {
  changePasswordInput,
  loginInput,
  registerInput,
  requestPasswordResetInput,
  resetPasswordInput,
  updateMeInput,
} from '../../../../packages/api/src/routers/auth/schemas';
