// Dashboard: registers influencers (POST /influencers) and shows every saga live from GET /stream.
// Plain browser JavaScript, no build step. Texts are set with textContent only (no HTML injection).
'use strict';

const PASOS = ['influencer', 'campana', 'contrato'];
const MAX_EVENTOS = 200;
const sagas = new Map();
const nombres = new Map();

const $ = (selector) => document.querySelector(selector);

function nuevoId() {
  $('#registro [name="id_influencer"]').value = crypto.randomUUID();
}

function cuerpoDelFormulario(form) {
  const datos = new FormData(form);
  const texto = (nombre) => String(datos.get(nombre) ?? '').trim();
  const cuerpo = {
    id_influencer: texto('id_influencer'),
    nombre: texto('nombre'),
    email: texto('email'),
    categorias: texto('categorias').split(',').map((c) => c.trim()).filter(Boolean),
    plataformas: datos.getAll('plataformas').map(String),
  };
  for (const opcional of ['descripcion', 'biografia', 'sitio_web', 'telefono']) {
    if (texto(opcional) !== '') cuerpo[opcional] = texto(opcional);
  }
  return cuerpo;
}

function limpiarErrores(form) {
  for (const campo of form.querySelectorAll('[aria-invalid]')) campo.removeAttribute('aria-invalid');
  for (const nota of form.querySelectorAll('.campo-error')) nota.remove();
}

function marcarErrores(form, errores) {
  for (const { field, message } of errores ?? []) {
    const nombre = field.replace(/^\//, '').split(/[./]/)[0];
    const campo = form.querySelector(`[name="${CSS.escape(nombre)}"]`);
    if (!campo) continue;
    campo.setAttribute('aria-invalid', 'true');
    const nota = document.createElement('span');
    nota.className = 'campo-error';
    nota.textContent = message;
    campo.closest('label, fieldset')?.append(nota);
  }
}

async function registrar(evento) {
  evento.preventDefault();
  const form = evento.currentTarget;
  const resultado = $('#resultado');
  limpiarErrores(form);
  const cuerpo = cuerpoDelFormulario(form);
  const respuesta = await fetch('/influencers', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(cuerpo),
  }).catch((error) => ({ ok: false, status: 0, json: async () => ({ detail: error.message }) }));
  const datos = await respuesta.json().catch(() => ({}));
  if (respuesta.status === 202) {
    nombres.set(datos.id_correlacion, cuerpo.nombre);
    resultado.className = 'ok';
    resultado.textContent = `Aceptado: saga ${datos.id_correlacion}`;
    resultado.dataset.correlacion = datos.id_correlacion;
    actualizarFila(datos.id_correlacion);
    nuevoId();
    return;
  }
  resultado.className = 'fallo';
  resultado.textContent = `Error ${respuesta.status}: ${datos.detail ?? datos.title ?? 'sin respuesta'}`;
  marcarErrores(form, datos.errors);
}

function estadoDe(id) {
  if (!sagas.has(id)) sagas.set(id, { id, influencer: '', estado: 'iniciando', pasos: {}, ultimo: '', hora: '' });
  return sagas.get(id);
}

function aplicar(transicion, esError) {
  const saga = estadoDe(transicion.id_correlacion);
  saga.influencer = transicion.id_influencer ?? saga.influencer;
  saga.estado = transicion.estado_saga ?? saga.estado;
  if (transicion.paso) {
    saga.pasos[transicion.paso] = { estado: transicion.estado_paso ?? transicion.evento, error: transicion.error };
  }
  saga.ultimo = transicion.evento + (transicion.error ? ` — ${transicion.error}` : '');
  saga.hora = (transicion.fecha_evento ?? new Date().toISOString()).slice(11, 19);
  saga.error = esError;
  actualizarFila(saga.id);
  anotar(transicion, esError);
}

function celda(fila, clase, texto) {
  const td = document.createElement('td');
  td.className = clase;
  td.textContent = texto;
  fila.append(td);
  return td;
}

function actualizarFila(id) {
  const saga = estadoDe(id);
  let fila = document.querySelector(`tr[data-correlacion="${CSS.escape(id)}"]`);
  if (!fila) {
    fila = document.createElement('tr');
    fila.dataset.correlacion = id;
    $('#sagas tbody').prepend(fila);
    $('#vacio').hidden = true;
  }
  fila.className = saga.estado;
  fila.replaceChildren();
  celda(fila, 'id', id.slice(0, 8)).title = id;
  celda(fila, 'influencer', nombres.get(id) ?? saga.influencer.slice(0, 8)).title = saga.influencer;
  celda(fila, 'estado-saga', saga.estado);
  for (const paso of PASOS) {
    const estado = saga.pasos[paso];
    const td = celda(fila, `paso ${estado?.estado ?? ''}`, estado?.estado ?? '·');
    td.dataset.paso = paso;
    if (estado?.error) td.title = estado.error;
  }
  celda(fila, 'ultimo', saga.ultimo);
  celda(fila, 'hora', saga.hora);
}

function anotar(transicion, esError) {
  const item = document.createElement('li');
  item.className = esError ? 'error' : '';
  item.textContent = `${transicion.fecha_evento ?? ''} ${transicion.id_correlacion.slice(0, 8)} ${transicion.evento}`
    + `${transicion.paso ? ` (${transicion.paso})` : ''} → ${transicion.estado_saga ?? ''}`;
  const lista = $('#eventos');
  lista.prepend(item);
  while (lista.children.length > MAX_EVENTOS) lista.lastElementChild.remove();
}

function conexion(estado, texto) {
  const badge = $('#conexion');
  badge.dataset.estado = estado;
  badge.textContent = texto;
}

// The operator token stays in this tab only (sessionStorage); it is traded for a short-lived ticket because
// EventSource cannot send an Authorization header, so the token itself never appears in a URL.
async function urlDelStream() {
  const token = sessionStorage.getItem('operador');
  if (!token) return { url: '/stream', vista: 'vista pública' };
  const respuesta = await fetch('/operator/tickets', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  if (!respuesta.ok) {
    sessionStorage.removeItem('operador');
    $('#operador output').textContent = 'token de operador rechazado';
    return { url: '/stream', vista: 'vista pública' };
  }
  $('#operador').hidden = true;
  return { url: (await respuesta.json()).stream_url, vista: 'operador' };
}

let fuenteActual;

async function escuchar() {
  fuenteActual?.close();
  const { url, vista } = await urlDelStream();
  // EventSource reconnects by itself and sends Last-Event-ID, so nothing is missed across a reconnect.
  const fuente = new EventSource(url);
  fuenteActual = fuente;
  fuente.addEventListener('open', () => conexion('conectado', `en vivo · ${vista}`));
  // operator.js adds the operator panel to this stream (contract events, dead letters, saga logs).
  if (vista === 'operador') document.dispatchEvent(new CustomEvent('operador', { detail: { fuente } }));
  fuente.addEventListener('reset', () => { sagas.clear(); $('#sagas tbody').replaceChildren(); });
  fuente.addEventListener('nuevo_evento', (e) => aplicar(JSON.parse(e.data), false));
  // `error` is both the stream's failure event (with data) and EventSource's own connection error (without).
  fuente.addEventListener('error', (e) => {
    if (e.data) return aplicar(JSON.parse(e.data), true);
    conexion('desconectado', fuente.readyState === EventSource.CLOSED ? 'desconectado' : 'reconectando…');
    // Refused for good (an expired ticket, the server full): a new ticket and a new stream a little later.
    if (fuente.readyState === EventSource.CLOSED && fuente === fuenteActual) setTimeout(() => void escuchar(), 5000);
  });
}

function entrarComoOperador(evento) {
  evento.preventDefault();
  const token = new FormData(evento.target).get('token');
  if (!token) return;
  sessionStorage.setItem('operador', String(token));
  evento.target.reset();
  void escuchar();
}

nuevoId();
$('#registro').addEventListener('submit', registrar);
$('#operador').addEventListener('submit', entrarComoOperador);
void escuchar();
