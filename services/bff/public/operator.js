// The operator panel (issue 18): dead-letter counts, the log of a saga picked in the table, and the contract
// events of the operator's stream. Shown only once app.js has opened the operator's stream (it dispatches
// `operador`). Plain browser JavaScript, texts set with textContent only.
'use strict';

const MAX_CONTRATOS = 100;
const DLQ_CADA_MS = 15_000;
const $op = (selector) => document.querySelector(selector);
const autorizacion = () => ({ authorization: `Bearer ${sessionStorage.getItem('operador') ?? ''}` });

function filaDe(cuerpo, valores, clase = '') {
  const fila = document.createElement('tr');
  fila.className = clase;
  for (const valor of valores) {
    const td = document.createElement('td');
    td.textContent = valor === null || valor === undefined ? '' : String(valor);
    fila.append(td);
  }
  cuerpo.append(fila);
}

async function cartasMuertas() {
  const total = $op('#dlq-total');
  const respuesta = await fetch('/operator/dead-letters', { headers: autorizacion() }).catch(() => undefined);
  if (!respuesta?.ok) {
    total.textContent = `no disponible (${respuesta?.status ?? 'sin respuesta'})`;
    return;
  }
  const { total: cuantos, topics } = await respuesta.json();
  total.textContent = String(cuantos);
  total.dataset.total = String(cuantos);
  const cuerpo = $op('#dlq tbody');
  cuerpo.replaceChildren();
  for (const t of topics) filaDe(cuerpo, [t.topic.split('/').pop(), t.subscription, t.original_topic.split('/').pop(), t.depth]);
}

/** Milliseconds since the previous entry: where the saga spent its time. */
function pasoDelTiempo(log) {
  return log.map((entrada, i) => (i === 0 ? 0 : Date.parse(entrada.fecha_evento) - Date.parse(log[i - 1].fecha_evento)));
}

function claseDe(entrada) {
  if (entrada.compensacion || /Compensa/.test(entrada.evento ?? '')) return 'compensacion';
  return entrada.error || entrada.error_codigo || /Fallid/.test(entrada.evento ?? '') ? 'error' : '';
}

async function abrirLog(id) {
  const tabla = $op('#log-saga');
  const resumen = $op('#log-resumen');
  const cuerpo = tabla.querySelector('tbody');
  cuerpo.replaceChildren();
  tabla.dataset.correlacion = id;
  const respuesta = await fetch(`/sagas/${encodeURIComponent(id)}`, { headers: autorizacion() }).catch(() => undefined);
  if (!respuesta?.ok) {
    resumen.textContent = `saga ${id}: no disponible (${respuesta?.status ?? 'sin respuesta'})`;
    return;
  }
  const saga = await respuesta.json();
  const log = saga.log ?? [];
  const duracion = log.length > 1 ? Date.parse(log.at(-1).fecha_evento) - Date.parse(log[0].fecha_evento) : 0;
  resumen.textContent = `saga ${saga.id_correlacion} · ${saga.estado} · ${log.length} transiciones en ${duracion} ms`
    + (saga.fallo_paso ? ` · falló ${saga.fallo_paso}: ${saga.fallo_codigo ?? ''} ${saga.fallo_mensaje ?? ''}` : '');
  const tiempos = pasoDelTiempo(log);
  log.forEach((e, i) => filaDe(cuerpo, [
    e.index_paso, (e.fecha_evento ?? '').slice(11, 23), tiempos[i], e.paso, e.evento, e.comando ?? e.evento_origen,
    e.compensacion, [e.error_codigo, e.error].filter(Boolean).join(': '),
  ], claseDe(e)));
  tabla.dataset.estado = saga.estado;
}

function anotarContrato(nombre, evento) {
  const datos = JSON.parse(evento.data);
  const item = document.createElement('li');
  item.className = nombre;
  item.textContent = `${new Date(datos.occurred_at ?? Date.now()).toISOString()} ${datos.message_type ?? nombre} contrato ${datos.id_contrato ?? '?'}`
    + ` influencer ${datos.id_influencer ?? '?'} campaña ${datos.id_campana ?? '?'}`
    + (datos.error ? ` — ${datos.error_codigo ?? ''} ${datos.error}` : ` ${datos.monto_total ?? ''} ${datos.moneda ?? ''}`);
  const lista = $op('#contratos');
  lista.prepend(item);
  while (lista.children.length > MAX_CONTRATOS) lista.lastElementChild.remove();
}

let iniciado = false;

function iniciarPanel() {
  if (iniciado) return;
  iniciado = true;
  document.body.classList.add('modo-operador');
  $op('#panel-operador').hidden = false;
  $op('#dlq-actualizar').addEventListener('click', () => void cartasMuertas());
  $op('#sagas tbody').addEventListener('click', (e) => {
    const fila = e.target.closest('tr[data-correlacion]');
    if (fila) void abrirLog(fila.dataset.correlacion);
  });
  void cartasMuertas();
  setInterval(() => void cartasMuertas(), DLQ_CADA_MS);
}

document.addEventListener('operador', (e) => {
  iniciarPanel();
  for (const nombre of ['contrato', 'contrato_error']) e.detail.fuente.addEventListener(nombre, (evento) => anotarContrato(nombre, evento));
});
