import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import crearInfluencerAccepted from '../json/crearInfluencerAccepted.json' with { type: 'json' };
import crearInfluencerBody from '../json/crearInfluencerBody.json' with { type: 'json' };
import problemDetails from '../json/problemDetails.json' with { type: 'json' };

/** JSON Schemas (draft-07, what Fastify's Ajv 8 speaks by default) of the HTTP bodies. */
export const httpSchemas = { crearInfluencerBody, crearInfluencerAccepted, problemDetails } as const;

/** The body of `POST /influencers`, as `crearInfluencerBody.json` admits it. */
export interface CrearInfluencerBody {
  /** Absent: the BFF assigns a UUID. */
  readonly id_influencer?: string;
  readonly nombre: string;
  readonly email: string;
  readonly categorias: readonly string[];
  readonly plataformas?: readonly (
    'instagram' | 'tiktok' | 'youtube' | 'twitter' | 'facebook' | 'linkedin' | 'twitch'
  )[];
  readonly descripcion?: string;
  readonly biografia?: string;
  readonly sitio_web?: string;
  readonly telefono?: string;
}

export interface CrearInfluencerAccepted {
  readonly message: 'Influencer procesado';
  readonly success: true;
  readonly id_influencer: string;
  readonly id_correlacion: string;
  readonly correlation_id: string;
  readonly estado_url: string;
  readonly stream_url: string;
}

// ajv-formats is CommonJS: its default import is `module.exports`, whose `default` is the plugin.
const addFormats = addFormatsModule.default;

/** A strict Ajv with ajv-formats, every error reported; the same setup Fastify uses for its routes. */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv;
}

/** One offending value: `field` is its JSON pointer (`/email`, `/categorias/0`), as problem+json `errors` list it. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

function toFieldErrors(errors: readonly ErrorObject[] | null | undefined): readonly FieldError[] {
  return (errors ?? []).map((error) => {
    const params = error.params as { missingProperty?: string; additionalProperty?: string };
    const child = params.missingProperty ?? params.additionalProperty;
    return {
      field: child === undefined ? error.instancePath : `${error.instancePath}/${child}`,
      message: error.message ?? error.keyword,
    };
  });
}

let validators: { body: ValidateFunction; accepted: ValidateFunction } | undefined;

function compiled() {
  if (validators === undefined) {
    const ajv = createAjv();
    validators = { body: ajv.compile(crearInfluencerBody), accepted: ajv.compile(crearInfluencerAccepted) };
  }
  return validators;
}

/** The offending fields of a `POST /influencers` body; empty when it is a valid `CrearInfluencerBody`. */
export function validateCrearInfluencerBody(value: unknown): readonly FieldError[] {
  const validate = compiled().body;
  return validate(value) ? [] : toFieldErrors(validate.errors);
}

export function validateCrearInfluencerAccepted(value: unknown): readonly FieldError[] {
  const validate = compiled().accepted;
  return validate(value) ? [] : toFieldErrors(validate.errors);
}
