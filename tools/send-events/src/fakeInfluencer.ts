import type { CrearInfluencerPayload } from '@alpes/contracts';
import type { Random } from './random.ts';

/** Fifteen names, as the original script drew from (its own list was not kept; these are ours). */
export const nombres = [
  'Ana García',
  'Carlos Rodríguez',
  'María López',
  'Javier Martínez',
  'Lucía Sánchez',
  'Diego Fernández',
  'Sofía Gómez',
  'Pablo Díaz',
  'Valentina Torres',
  'Andrés Ramírez',
  'Camila Herrera',
  'Mateo Castro',
  'Isabella Vargas',
  'Sebastián Morales',
  'Daniela Rojas',
] as const;

export const dominios = ['gmail.com', 'hotmail.com', 'yahoo.com', 'outlook.com', 'example.com'] as const;

/** The original script's categories (reference/original-system.md §11). */
export const categoriasOriginales = [
  'moda',
  'belleza',
  'fitness',
  'viajes',
  'comida',
  'tecnología',
  'gaming',
  'lifestyle',
  'arte',
  'música',
  'deportes',
  'educación',
  'salud',
  'negocios',
] as const;

export const plataformasConocidas = [
  'instagram',
  'tiktok',
  'youtube',
  'twitter',
  'facebook',
  'linkedin',
  'twitch',
] as const;

/** `Ana García` → `ana garcia`: lower case without accents, for emails and web addresses. */
function plain(nombre: string): string {
  return nombre
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** Python's `datetime.utcnow().isoformat()`: `2025-09-20T03:21:45.872000`, UTC, no zone suffix. */
export function pythonUtcIso(at: Date): string {
  return `${at.toISOString().slice(0, 23)}000`;
}

/**
 * The payload the original `enviar_evento_crear_influencer_pulsar.py` sent: a random name, an email
 * `<name.dotted><1..999>@<domain>`, 2–4 categories, description and biography built from them, a web site and a
 * Spanish mobile number. `nombre` fixes the name (the error script's `Ana García`).
 */
export function fakeInfluencer(
  random: Random,
  at: Date,
  fixed: { nombre?: string; email?: string } = {},
): CrearInfluencerPayload {
  const nombre = fixed.nombre ?? random.pick(nombres);
  const categorias = random.sample(categoriasOriginales, random.int(2, 4));
  const [c1, c2] = categorias as [string, string];
  const fecha = pythonUtcIso(at);
  return {
    id: random.uuid(),
    nombre,
    email: fixed.email ?? `${plain(nombre).replaceAll(' ', '.')}${random.int(1, 999)}@${random.pick(dominios)}`,
    categorias,
    descripcion: `Influencer de ${c1} y ${c2} con gran engagement`,
    biografia: `Creador de contenido especializado en ${c1} con más de 50K seguidores`,
    sitio_web: `https://${plain(nombre).replaceAll(' ', '')}.com`,
    telefono: `+346${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
    fecha_creacion: fecha,
    fecha_actualizacion: fecha,
  };
}

/** 1–3 platforms for the v2 field the BFF accepts (the original dropped them, D-12). */
export function fakePlataformas(random: Random): string[] {
  return random.sample(plataformasConocidas, random.int(1, 3));
}
